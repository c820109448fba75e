// ScenarioSkips: the named, documented reasons a scenario is not replayed. Each reason is a
// deliberate difference (an RFC clause backs it) or a feature of one implementation that has no
// counterpart here; a scenario is never skipped just because it fails.
using Resolver.Conformance.Rpl;

namespace Resolver.Conformance.Replay;

internal static class ScenarioSkips
{
    public static string? Reason(RplScenario scenario)
    {
        RplConfig config = scenario.Config;
        if (config.StubZones.Count == 0 && config.ForwardZones.Count == 0)
        {
            return "no stub-addr or forward-addr: the scenario does not say where iteration starts";
        }

        // Record types the library's zone-file reader does not implement (it reads RFC 3597 \# form
        // for any type, but these files use the types' own presentation): the entries cannot be built.
        foreach (RplEntry entry in scenario.Ranges.SelectMany(r => r.Entries).Concat(scenario.Steps.Where(s => s.Entry is not null).Select(s => s.Entry!)))
        {
            if (entry.Error is { } error && (error.Contains("Unknown record type", StringComparison.Ordinal) || error.Contains("unknown question word", StringComparison.Ordinal)))
            {
                return "uses a record type the zone-file reader does not implement: " + error;
            }
        }

        if (ExpectsCachedReferral(scenario) is { } step)
        {
            return $"step {step}: a non-recursive (RD=0) query answered with a referral from the cache is a name-server behaviour " +
                   "(RFC 1034 §4.3.1; Unbound's access-control allow_snoop), not a resolver-library feature";
        }

        return null;
    }

    // A QUERY without RD whose CHECK_ANSWER is a referral: NOERROR, no answer, NS in the authority section.
    private static int? ExpectsCachedReferral(RplScenario scenario)
    {
        IReadOnlyList<RplStep> steps = scenario.Steps;
        for (int i = 0; i + 1 < steps.Count; i++)
        {
            if (steps[i] is { Kind: RplStepKind.Query, Entry: { } query } && !query.Has("RD") &&
                steps[i + 1] is { Kind: RplStepKind.CheckAnswer, Entry: { } expected } &&
                expected.Rcode == Resolver.Protocol.ResponseCode.NoError && expected.Answer.Count == 0 &&
                expected.Authority.Any(r => r.Type == Resolver.Protocol.RrType.NS))
            {
                return steps[i + 1].Number;
            }
        }

        return null;
    }
}

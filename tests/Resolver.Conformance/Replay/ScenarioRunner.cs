// ScenarioRunner: replays one scenario against a fresh DnsResolver — the scenario's ranges as the
// network (ScenarioTransport), its validation date as a FakeTimeProvider, its config as
// ResolverOptions (stub-addr → root hints on port 53, root forward-addr → forwarders, other forward-zones → ForwardZones, trust-anchor →
// TrustAnchorStore.ParseZoneText, domain-insecure → negative trust anchors, QNAME minimisation,
// aggressive-nsec, serve-expired*, prefetch) —
// and walks the steps: QUERY resolves and shapes a response, CHECK_ANSWER judges it, TIME_PASSES
// advances the clock, CHECK_OUT_QUERY looks for an upstream query. Scenarios it cannot replay as
// written are skipped with a named reason (ScenarioSkips).
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Resolver.Conformance.Rpl;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Validation;

namespace Resolver.Conformance.Replay;

internal enum ScenarioOutcome
{
    Pass,
    Fail,
    Skip,
}

/// <summary>How one scenario went: verdict pass/fail/skip, the strict figure, and why.</summary>
internal sealed record ScenarioResult(ScenarioOutcome Outcome, bool StrictPass, string? Reason, int Checks)
{
    /// <summary>What the harness changed in the scenario before replay (DSA re-keying, normalizations).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The upstream queries sent, in order (for -v).</summary>
    public IReadOnlyList<SentQuery> Trace { get; init; } = [];
}

internal static class ScenarioRunner
{
    private static readonly TimeSpan s_wallClockLimit = TimeSpan.FromSeconds(30);

    public static async Task<ScenarioResult> RunAsync(RplScenario scenario)
    {
        if (ScenarioSkips.Reason(scenario) is { } skip)
        {
            return new ScenarioResult(ScenarioOutcome.Skip, false, skip, 0);
        }

        try
        {
            var notes = new List<string>();
            if (DsaTranslation.UsesDsa(scenario))
            {
                DsaTranslation.Apply(scenario);
                notes.Add("DSA re-keyed to Ed25519");
            }

            if (Normalization.MoveStraySignatures(scenario) is > 0 and int moved)
            {
                notes.Add($"{moved} stray RRSIG(s) moved to their RRset's section");
            }

            ScenarioResult result = await ReplayAsync(scenario).WaitAsync(s_wallClockLimit).ConfigureAwait(false);
            return result with { Notes = notes };
        }
        catch (TimeoutException)
        {
            return new ScenarioResult(ScenarioOutcome.Fail, false, $"did not finish within {s_wallClockLimit.TotalSeconds} s", 0);
        }
        catch (ScenarioException ex)
        {
            return new ScenarioResult(ScenarioOutcome.Fail, false, ex.Message, 0);
        }
    }

    public static ResolverOptions Options(RplConfig config)
    {
        var options = new ResolverOptions();
        IterationOptions iteration = options.Iteration;
        iteration.QnameMinimisation = config.QnameMinimisation;
        if (config.ParallelNameServerLookups is { } parallel)
        {
            iteration.ParallelNameServerLookups = Math.Min(parallel, IterationLimits.ParallelNameServerLookups.Max);
        }

        iteration.UseIPv6 = config.Value("do-ip6") is not ("no" or "off");
        // Unbound's aggressive-nsec (RFC 8198): on unless a scenario turns it off (the library's default is on).
        options.Cache.AggressiveNsec = config.Value("aggressive-nsec") is not ("no" or "off");
        RplZoneServers? root = config.StubZones.FirstOrDefault(z => z.Name.IsRoot);
        if (root is { Addresses.Count: > 0 })
        {
            DnsName serverName = config.Value("stub-name") is { Length: > 0 } n ? DnsName.Parse(n.TrimEnd('.') + ".") : DnsName.Parse("stub-addr.invalid.");
            iteration.RootHints = new RootHints(root.Addresses.Select(a => new RootServer(serverName, new IPEndPoint(a, 53))));
            if (root.Addresses.All(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6))
            {
                iteration.UseIPv6 = true;
            }
        }

        foreach (RplZoneServers zone in config.StubZones.Where(z => !z.Name.IsRoot))
        {
            iteration.StubZones.Add(new StubZone(zone.Name, zone.Addresses.Select(a => new IPEndPoint(a, 53))));
        }

        foreach (RplZoneServers zone in config.ForwardZones.Where(z => !z.Name.IsRoot && z.Addresses.Count > 0))
        {
            iteration.ForwardZones.Add(new ForwardZone(zone.Name, zone.Addresses.Select(a => new IPEndPoint(a, 53)), zone.First));
        }

        RplZoneServers? forward = config.ForwardZones.FirstOrDefault(z => z.Name.IsRoot);
        if (forward is not null)
        {
            foreach (IPAddress a in forward.Addresses)
            {
                iteration.Forwarders.Add(new IPEndPoint(a, 53));
            }
        }

        string anchorText = string.Join('\n', config.TrustAnchors);
        IReadOnlyList<TrustAnchor> anchors = anchorText.Length == 0 ? [] : TrustAnchorStore.ParseZoneText(anchorText);
        options.Validation.TrustAnchors = TrustAnchorStore.Create(anchors, config.DomainInsecure);

        // The corpus is written for Unbound's default NSEC3 limit (val-nsec3-keysize-iterations: above
        // 150 iterations a proof is Insecure); RFC 9276 §3.2 leaves the value to the implementation and
        // the library's default is the stricter 100, so the harness configures Unbound's.
        options.Validation.Nsec3InsecureIterations = 150;

        // Neither Unbound nor Knot Resolver has a second, Bogus, limit: any count above the Insecure
        // limit downgrades the proof (Deckard val_iter_high, 65,535 iterations). The library's
        // default Bogus limit (500) is a stricter choice RFC 9276 §3.2 allows; the harness turns it
        // off unless a scenario sets it with the harness's own key nsec3-bogus-iterations.
        options.Validation.Nsec3BogusIterations = config.Value("nsec3-bogus-iterations") is { } bogus
            ? int.Parse(bogus.Trim('"'), CultureInfo.InvariantCulture)
            : Nsec3ProofOptions.NeverBogus;

        // Unbound's harden-algo-downgrade (RFC 6840 §5.11), off unless a scenario turns it on.
        options.Validation.HardenAlgorithmDowngrade = config.Value("harden-algo-downgrade")?.Trim('"') == "yes";

        // Unbound's serve-expired (RFC 8767), off unless a scenario turns it on; serve-expired-ttl is
        // the stale window (Unbound's 0, no limit, becomes the library's 7-day cap) and
        // serve-expired-reply-ttl the stale answers' TTL. Unlike Unbound without a client timeout,
        // the library asks the authorities first and answers stale only when they fail.
        options.Cache.ServeStale = config.Value("serve-expired")?.Trim('"') == "yes";
        if (config.Value("serve-expired-ttl") is { } staleTtl)
        {
            int seconds = int.Parse(staleTtl.Trim('"'), CultureInfo.InvariantCulture);
            options.Cache.MaxStale = seconds == 0 ? TimeSpan.FromDays(7) : TimeSpan.FromSeconds(Math.Clamp(seconds, 60, 7 * 86_400));
        }

        if (config.Value("serve-expired-reply-ttl") is { } replyTtl)
        {
            options.Cache.StaleAnswerTtl = TimeSpan.FromSeconds(Math.Clamp(int.Parse(replyTtl.Trim('"'), CultureInfo.InvariantCulture), 1, 3600));
        }

        if (config.Value("serve-expired-client-timeout") is { } clientMs)
        {
            options.Cache.StaleClientTimeout = TimeSpan.FromMilliseconds(Math.Clamp(int.Parse(clientMs.Trim('"'), CultureInfo.InvariantCulture), 0, 30_000));
        }

        // Unbound's prefetch, off unless a scenario turns it on (as the library's default).
        options.Cache.Prefetch = config.Value("prefetch")?.Trim('"') == "yes";
        return options;
    }

    private static async Task<ScenarioResult> ReplayAsync(RplScenario scenario)
    {
        RplConfig config = scenario.Config;
        var time = new FakeTimeProvider(config.ValidationTime ?? DateTimeOffset.UtcNow);
        var transport = new ScenarioTransport(scenario);
        using var resolver = new DnsResolver(Options(config), time, null, transport, null);
        ScenarioResult Done(ScenarioResult r) => r with { Trace = transport.Sent };

        DnsMessage? answer = null;
        ResolveResult? last = null;
        bool strictAll = true;
        int checks = 0;
        var steps = scenario.Steps;
        for (int i = 0; i < steps.Count; i++)
        {
            RplStep step = steps[i];
            switch (step.Kind)
            {
                case RplStepKind.Query:
                    {
                        RplEntry entry = step.Entry ?? throw new ScenarioException($"STEP {step.Number} QUERY has no entry");
                        if (entry.Error is not null)
                        {
                            throw new ScenarioException($"STEP {step.Number} QUERY could not be read: {entry.Error}");
                        }

                        DnsQuestion question = entry.Question ?? throw new ScenarioException($"STEP {step.Number} QUERY has no question");
                        var client = new ClientQuery(question, entry.Has("RD"), entry.Has("DO"), entry.Has("CD"), entry.Has("AD"), HasEdns: true);
                        transport.Step = step.Number;
                        transport.PendingSteps = PendingSteps(steps, i);
                        transport.PendingReplies = [.. steps.Skip(i + 1).TakeWhile(s => s.Kind != RplStepKind.Query)
                            .Where(s => s.Kind == RplStepKind.Reply && s.Entry is not null).Select(s => s.Entry!)];
                        ResolveResult result = await resolver.ResolveAsync(
                            question.Name,
                            question.Type,
                            client.CheckingDisabled ? ResolveBehavior.CheckingDisabled : ResolveBehavior.Default,
                            CancellationToken.None).ConfigureAwait(false);
                        answer = ResponseBuilder.Build(client, result);
                        answer.Id = 0;
                        last = result;
                        break;
                    }

                case RplStepKind.CheckAnswer:
                    {
                        RplEntry entry = step.Entry ?? throw new ScenarioException($"STEP {step.Number} CHECK_ANSWER has no entry");
                        if (answer is null)
                        {
                            return Done(new ScenarioResult(ScenarioOutcome.Fail, false, $"step {step.Number}: no answer to check", checks));
                        }

                        checks++;
                        CheckOutcome outcome = AnswerChecker.Check(entry, answer);
                        strictAll &= outcome.Strict;
                        if (!outcome.Verdict)
                        {
                            return Done(new ScenarioResult(ScenarioOutcome.Fail, false, $"step {step.Number}: {outcome.VerdictDiff} [{last}]", checks));
                        }

                        answer = null;
                        break;
                    }

                case RplStepKind.TimePasses:
                    time.Advance(TimeSpan.FromSeconds(step.ElapseSeconds));
                    break;

                case RplStepKind.CheckOutQuery:
                    {
                        RplEntry entry = step.Entry ?? throw new ScenarioException($"STEP {step.Number} CHECK_OUT_QUERY has no entry");
                        checks++;
                        if (!transport.Sent.Any(s => QueryMatcher.Matches(entry, s.Query, overTcp: false)))
                        {
                            return Done(new ScenarioResult(ScenarioOutcome.Fail, false, $"step {step.Number}: no upstream query matching {entry.Question}", checks));
                        }

                        break;
                    }

                default:
                    // NOTHING, TRAFFIC, REPLY: upstream answers are given synchronously (ranges, then the REPLY steps of the QUERY).
                    break;
            }
        }

        return Done(new ScenarioResult(ScenarioOutcome.Pass, strictAll, null, checks));
    }

    // The steps after QUERY step i through the next CHECK_ANSWER (or the next QUERY): where testbound
    // may still answer the query's pending upstream queries.
    private static List<int> PendingSteps(IReadOnlyList<RplStep> steps, int i)
    {
        var pending = new List<int>();
        for (int j = i + 1; j < steps.Count; j++)
        {
            pending.Add(steps[j].Number);
            if (steps[j].Kind is RplStepKind.CheckAnswer or RplStepKind.Query)
            {
                break;
            }
        }

        return pending;
    }
}

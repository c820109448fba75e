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
        if (config.ForwardZones.Any(z => !z.Name.IsRoot))
        {
            return "forward-zone below the root (per-zone forwarding is not a library feature; only whole-resolver forwarders are)";
        }

        if (config.StubZones.Count == 0 && config.ForwardZones.Count == 0)
        {
            return "no stub-addr or forward-addr: the scenario does not say where iteration starts";
        }

        return null;
    }
}

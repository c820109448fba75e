// IterationLimits: the one declaration of each iteration limit's default and range, read by
// IterationOptions (initial values and Validate) and by the console's help text.
using Resolver.Protocol;

namespace Resolver;

/// <summary>Defaults and ranges of <see cref="IterationOptions"/>.</summary>
public static class IterationLimits
{
    /// <summary>The port of servers learnt from referrals and glue. Default 53; range 1 – 65,535.</summary>
    public static OptionLimit<int> ServerPort { get; } = new(nameof(IterationOptions.ServerPort), 53, 1, 65535);

    /// <summary>The longest CNAME/DNAME chain followed. Default 11; range 1 – 32.</summary>
    public static OptionLimit<int> MaxAliasChain { get; } = new(nameof(IterationOptions.MaxAliasChain), 11, 1, 32);

    /// <summary>Referrals followed in one resolution. Default 32; range 1 – 128.</summary>
    public static OptionLimit<int> MaxReferrals { get; } = new(nameof(IterationOptions.MaxReferrals), 32, 1, 128);

    /// <summary>Upstream queries sent for one resolution. Default 96; range 1 – 1,000.</summary>
    public static OptionLimit<int> MaxUpstreamQueries { get; } = new(nameof(IterationOptions.MaxUpstreamQueries), 96, 1, 1000);

    /// <summary>Forwarding: rounds over the upstream list. Default 3; range 1 – 10.</summary>
    public static OptionLimit<int> ForwarderAttempts { get; } = new(nameof(IterationOptions.ForwarderAttempts), 3, 1, 10);

    /// <summary>Missing name-server addresses looked up for one delegation. Default 4; range 0 – 16.</summary>
    public static OptionLimit<int> MaxNameServerLookups { get; } = new(nameof(IterationOptions.MaxNameServerLookups), 4, 0, 16);

    /// <summary>Name-server names whose addresses are looked up at once when a zone has no address left to ask (Unbound's target-fetch-policy first level). Default 3; range 1 – 8.</summary>
    public static OptionLimit<int> ParallelNameServerLookups { get; } = new(nameof(IterationOptions.ParallelNameServerLookups), 3, 1, 8);

    /// <summary>Name-server address lookups in one resolution, nested ones included (Unbound's MAX_TARGET_COUNT-style cap). Default 32; range 0 – 128.</summary>
    public static OptionLimit<int> NameServerLookupBudget { get; } = new(nameof(IterationOptions.NameServerLookupBudget), 32, 0, 128);

    /// <summary>How deeply NS address lookups may nest. Default 4; range 0 – 8.</summary>
    public static OptionLimit<int> MaxLookupDepth { get; } = new(nameof(IterationOptions.MaxLookupDepth), 4, 0, 8);

    /// <summary>How long a server that timed out is tried last. Default 30 s; range 1 s – 1 hour.</summary>
    public static OptionLimit<TimeSpan> DeadServerBackoff { get; } = new(nameof(IterationOptions.DeadServerBackoff), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

    /// <summary>Times one server is sent the same question in one resolution (Unbound's outbound-msg-retry). Default 5; range 1 – 10.</summary>
    public static OptionLimit<int> MaxAttemptsPerServer { get; } = new(nameof(IterationOptions.MaxAttemptsPerServer), 5, 1, 10);

    /// <summary>The wait for a server never heard from (Unbound's first guess). Default 376 ms; range 10 ms – 60 s.</summary>
    public static OptionLimit<TimeSpan> UnknownServerTimeout { get; } = new(nameof(IterationOptions.UnknownServerTimeout), TimeSpan.FromMilliseconds(376), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));

    /// <summary>How long a lame server is asked last (Unbound's infra-lame-ttl). Default 15 minutes; range 0 (off) – 1 day.</summary>
    public static OptionLimit<TimeSpan> LameServerTtl { get; } = new(nameof(IterationOptions.LameServerTtl), TimeSpan.FromMinutes(15), TimeSpan.Zero, TimeSpan.FromDays(1));

    /// <summary>QNAME minimisation: queries per resolution while revealing labels (RFC 9156 §2.3 MAX_MINIMISE_COUNT). Default 10; range 1 – 64.</summary>
    public static OptionLimit<int> MaxMinimiseCount { get; } = new(nameof(IterationOptions.MaxMinimiseCount), 10, 1, 64);

    /// <summary>QNAME minimisation: first steps that add one label (RFC 9156 §2.3 MINIMISE_ONE_LAB). Default 4; range 0 – 64, at most <see cref="IterationOptions.MaxMinimiseCount"/>.</summary>
    public static OptionLimit<int> MinimiseOneLabel { get; } = new(nameof(IterationOptions.MinimiseOneLabel), 4, 0, 64);

    /// <summary>The EDNS(0) UDP payload size advertised (DNS Flag Day 2020). Default 1,232; range 512 – 4,096.</summary>
    public static OptionLimit<ushort> UdpPayloadSize { get; } = new(nameof(IterationOptions.UdpPayloadSize), 1232, 512, 4096);
}

// DnsCacheLimits: the one declaration of each cache setting's default and range, read by
// DnsCacheOptions (initial values and Validate) and by the console's help text.
using Resolver.Protocol;
using Resolver.Protocol.Dnssec.Denial;

namespace Resolver;

/// <summary>Defaults and ranges of <see cref="DnsCacheOptions"/>.</summary>
public static class DnsCacheLimits
{
    /// <summary>The size budget in approximate bytes. Default 32 MiB; range 4 KiB – 16 GiB.</summary>
    public static OptionLimit<long> SizeLimit { get; } = new(nameof(DnsCacheOptions.SizeLimit), 32L * 1024 * 1024, 4L * 1024, 16L * 1024 * 1024 * 1024);

    /// <summary>The largest TTL kept for positive data. Default 1 day; range 1 s – 7 days.</summary>
    public static OptionLimit<TimeSpan> MaxTtl { get; } = new(nameof(DnsCacheOptions.MaxTtl), TimeSpan.FromDays(1), TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));

    /// <summary>The least time positive data is kept. Default 0; range 0 – 1 hour (and at most <see cref="DnsCacheOptions.MaxTtl"/>).</summary>
    public static OptionLimit<TimeSpan> MinTtl { get; } = new(nameof(DnsCacheOptions.MinTtl), TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromHours(1));

    /// <summary>The least time a negative answer is kept. Default 0; range 0 – 1 hour (and at most <see cref="DnsCacheOptions.MaxNegativeTtl"/>).</summary>
    public static OptionLimit<TimeSpan> MinNegativeTtl { get; } = new(nameof(DnsCacheOptions.MinNegativeTtl), TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromHours(1));

    /// <summary>The largest TTL kept for negative answers (RFC 2308 §5). Default 3 hours; range 1 s – 1 day.</summary>
    public static OptionLimit<TimeSpan> MaxNegativeTtl { get; } = new(nameof(DnsCacheOptions.MaxNegativeTtl), TimeSpan.FromHours(3), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));

    /// <summary>NSEC/NSEC3 records kept for aggressive NSEC. Default 10,000; range 16 – 10,000,000.</summary>
    public static OptionLimit<int> MaxDenialRecords { get; } = new(nameof(DnsCacheOptions.MaxDenialRecords), 10_000, 16, 10_000_000);

    /// <summary>
    /// NSEC3 iterations above which a chain is not used for aggressive NSEC: the validator's Insecure
    /// limit (<see cref="Nsec3ProofLimits.InsecureIterationLimit"/>, default 100; range 0 – 2,500).
    /// </summary>
    public static OptionLimit<int> AggressiveNsecMaxIterations { get; } =
        Nsec3ProofLimits.InsecureIterationLimit with { Name = nameof(DnsCacheOptions.AggressiveNsecMaxIterations) };

    /// <summary>How long after expiry data may be served stale (RFC 8767 §5). Default 1 day; range 1 minute – 7 days.</summary>
    public static OptionLimit<TimeSpan> MaxStale { get; } = new(nameof(DnsCacheOptions.MaxStale), TimeSpan.FromDays(1), TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));

    /// <summary>The TTL of a stale answer's records (RFC 8767 §4). Default 30 s; range 1 s – 1 hour.</summary>
    public static OptionLimit<TimeSpan> StaleAnswerTtl { get; } = new(nameof(DnsCacheOptions.StaleAnswerTtl), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

    /// <summary>The failure recheck timer (RFC 8767 §5). Default 30 s; range 1 s – 1 hour.</summary>
    public static OptionLimit<TimeSpan> StaleRefreshInterval { get; } = new(nameof(DnsCacheOptions.StaleRefreshInterval), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

    /// <summary>The client response timer (RFC 8767 §5). Default 1.8 s; range 0 – 30 s.</summary>
    public static OptionLimit<TimeSpan> StaleClientTimeout { get; } = new(nameof(DnsCacheOptions.StaleClientTimeout), TimeSpan.FromMilliseconds(1800), TimeSpan.Zero, TimeSpan.FromSeconds(30));
}

// DnsCacheOptions: the cache's budget and TTL policy, each with a documented default and range
// declared once in DnsCacheLimits.

namespace Resolver;

/// <summary>Size budget and TTL caps of the resolver cache.</summary>
public sealed class DnsCacheOptions
{
    /// <summary>
    /// The memory budget of the RRset cache in bytes: each entry is charged the managed memory it holds
    /// (records, names, the cache's own bookkeeping and the validator's verdict), so the cache's share
    /// of the heap stays near this figure (within about a fifth, measured with `benchmarks memory-bound`).
    /// Default 32 MiB; range 4 KiB – 16 GiB. When full, the least recently used entries are compacted away.
    /// </summary>
    public long SizeLimit { get; set; } = DnsCacheLimits.SizeLimit.Default;

    /// <summary>The largest TTL kept for positive data (RFC 8767 §4 suggests capping). Default 1 day; range 1 s – 7 days.</summary>
    public TimeSpan MaxTtl { get; set; } = DnsCacheLimits.MaxTtl.Default;

    /// <summary>
    /// The least time positive data is kept (Unbound's cache-min-ttl): a shorter TTL is raised to it, and
    /// answers report the raised TTL. Data with TTL 0 is still never cached (RFC 2181 §8: use only for the
    /// transaction at hand). Default 0 (TTLs as the zone set them); range 0 – 1 hour, at most <see cref="MaxTtl"/>.
    /// </summary>
    public TimeSpan MinTtl { get; set; } = DnsCacheLimits.MinTtl.Default;

    /// <summary>
    /// The least time a negative answer is kept (Unbound's cache-min-negative-ttl); TTL 0 is still not cached.
    /// Default 0; range 0 – 1 hour, at most <see cref="MaxNegativeTtl"/>.
    /// </summary>
    public TimeSpan MinNegativeTtl { get; set; } = DnsCacheLimits.MinNegativeTtl.Default;

    /// <summary>The largest TTL kept for negative answers (RFC 2308 §5: one to three hours). Default 3 hours; range 1 s – 1 day.</summary>
    public TimeSpan MaxNegativeTtl { get; set; } = DnsCacheLimits.MaxNegativeTtl.Default;

    /// <summary>
    /// Answers questions from validated NSEC/NSEC3 records already in the cache when they prove the
    /// name does not exist or lacks the type (aggressive use of the DNSSEC-validated cache, RFC 8198),
    /// instead of asking the zone again. Only records of Secure negative answers are used, and the
    /// synthesized answer is validated like any other. Default true (as Unbound and Knot Resolver).
    /// </summary>
    public bool AggressiveNsec { get; set; } = true;

    /// <summary>
    /// The most NSEC/NSEC3 records kept for <see cref="AggressiveNsec"/>. Default 10 000; range 16 – 10 000 000.
    /// </summary>
    public int MaxDenialRecords { get; set; } = DnsCacheLimits.MaxDenialRecords.Default;

    /// <summary>
    /// NSEC3 chains with more iterations than this are not used by <see cref="AggressiveNsec"/>: finding
    /// the records that might prove a name costs two hashes per label of it (RFC 9276 §3.2 on the cost
    /// of iterations). Default 100 (the validator's default Insecure limit, the same declaration:
    /// <see cref="Resolver.Protocol.Dnssec.Denial.Nsec3ProofLimits.InsecureIterationLimit"/>); range 0 – 2,500.
    /// </summary>
    public int AggressiveNsecMaxIterations { get; set; } = DnsCacheLimits.AggressiveNsecMaxIterations.Default;

    /// <summary>
    /// Serve-stale (RFC 8767): when every authority for a question fails (timeouts, SERVFAIL,
    /// unreachable), answer from expired cache data that validated Secure or Insecure — never Bogus —
    /// within <see cref="MaxStale"/>, with TTL <see cref="StaleAnswerTtl"/> and EDE 3 (Stale Answer) or
    /// 19 (Stale NXDOMAIN Answer), and refresh it in the background. Default false: a stale answer is
    /// a policy the operator opts into (RFC 8767 §6; Unbound's serve-expired is off by default too).
    /// </summary>
    public bool ServeStale { get; set; }

    /// <summary>
    /// How long after its TTL ran out data may still be served stale (RFC 8767 §5 "maximum stale
    /// timer", suggested 1 to 3 days). Expired entries are kept this long when <see cref="ServeStale"/>
    /// is on. Default 1 day; range 1 minute – 7 days.
    /// </summary>
    public TimeSpan MaxStale { get; set; } = DnsCacheLimits.MaxStale.Default;

    /// <summary>The TTL of a stale answer's records (RFC 8767 §4: 30 seconds recommended). Default 30 s; range 1 s – 1 hour.</summary>
    public TimeSpan StaleAnswerTtl { get; set; } = DnsCacheLimits.StaleAnswerTtl.Default;

    /// <summary>
    /// After a refresh of stale data fails, how long stale data is answered at once without asking the
    /// authorities again (RFC 8767 §5 "failure recheck timer", 30 s recommended); after it one refresh
    /// runs in the background while the stale answer is given. Default 30 s; range 1 s – 1 hour.
    /// </summary>
    public TimeSpan StaleRefreshInterval { get; set; } = DnsCacheLimits.StaleRefreshInterval.Default;

    /// <summary>
    /// How long a client waits for the authorities when stale data could answer it (RFC 8767 §5
    /// "client response timer", 1.8 s suggested): past it the stale answer is given and the resolution
    /// goes on in the background to refresh the cache. Zero waits for the resolution to finish or fail.
    /// Default 1.8 s (as Unbound's serve-expired-client-timeout); range 0 – 30 s.
    /// </summary>
    public TimeSpan StaleClientTimeout { get; set; } = DnsCacheLimits.StaleClientTimeout.Default;

    /// <summary>
    /// Prefetch (Unbound's prefetch): a cached answer asked for in the last tenth of its original TTL is
    /// refreshed in the background, one refresh per question at a time, so popular names do not turn
    /// into cold misses when they expire. Default false, as in Unbound: it costs about a tenth more
    /// upstream queries for names asked often, which a small or metered deployment may not want.
    /// </summary>
    public bool Prefetch { get; set; }

    /// <summary>Checks every value against its documented range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public void Validate()
    {
        DnsCacheLimits.SizeLimit.Validate(SizeLimit);
        DnsCacheLimits.MaxTtl.Validate(MaxTtl);
        DnsCacheLimits.MaxDenialRecords.Validate(MaxDenialRecords);
        DnsCacheLimits.AggressiveNsecMaxIterations.Validate(AggressiveNsecMaxIterations);
        DnsCacheLimits.MaxNegativeTtl.Validate(MaxNegativeTtl);
        DnsCacheLimits.MaxStale.Validate(MaxStale);
        DnsCacheLimits.StaleAnswerTtl.Validate(StaleAnswerTtl);
        DnsCacheLimits.StaleRefreshInterval.Validate(StaleRefreshInterval);
        DnsCacheLimits.StaleClientTimeout.Validate(StaleClientTimeout);
        DnsCacheLimits.MinTtl.Validate(MinTtl, MaxTtl, nameof(MaxTtl));
        DnsCacheLimits.MinNegativeTtl.Validate(MinNegativeTtl, MaxNegativeTtl, nameof(MaxNegativeTtl));
    }
}

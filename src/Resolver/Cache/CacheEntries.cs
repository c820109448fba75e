// CacheEntries: what the cache stores — a positive RRset with its RRSIGs, or a negative answer
// (NXDOMAIN or NODATA with its SOA and denial records, RFC 2308) — each with the zone whose servers
// supplied it (the validator needs the zone cut), how trustworthy its source was (RFC 2181 §5.4.1),
// its absolute expiry on the injected clock, and one typed slot for the security status the validator
// assigns (RrSetSecurity; null until it has judged the entry).
using System.Collections.Immutable;
using Resolver.Protocol;

namespace Resolver.Cache;

/// <summary>How trustworthy cached data is, by where it came from (RFC 2181 §5.4.1), lowest first.</summary>
internal enum CacheTrust
{
    /// <summary>Address records from an additional section (glue).</summary>
    Glue = 1,

    /// <summary>The NS RRset of a referral (the parent's copy, not authoritative).</summary>
    Referral = 2,

    /// <summary>
    /// A zone's own NS RRset from the authority section of an authoritative response (RFC 2181
    /// §5.4.1 ranks it above the parent's referral copy): it replaces the referral's NS RRset to
    /// guide iteration, but is never handed out as an answer (that needs <see cref="Authority"/>).
    /// </summary>
    ChildNs = 3,

    /// <summary>Other authority-section data (e.g. DS in a referral), or answers from a non-authoritative (forwarding) upstream.</summary>
    Authority = 4,

    /// <summary>The answer section of an authoritative response.</summary>
    Answer = 5,
}

/// <summary>The two kinds of negative answer (RFC 2308 §1).</summary>
internal enum NegativeKind
{
    /// <summary>The name does not exist (for any type).</summary>
    NxDomain,

    /// <summary>The name exists but has no data of the type.</summary>
    NoData,
}

/// <summary>Fields every cache entry has.</summary>
internal abstract class CacheEntryBase
{
    private RrSetSecurity? _security;
    private long _refreshTicks;
    private int _prefetched;

    protected CacheEntryBase(DnsName? zone, DateTimeOffset expires)
    {
        Zone = zone;
        Expires = expires;
    }

    /// <summary>The zone whose servers supplied the data (null when unknown, e.g. via a forwarder).</summary>
    public DnsName? Zone { get; }

    /// <summary>When the entry stops being valid, on the cache's TimeProvider.</summary>
    public DateTimeOffset Expires { get; }

    /// <summary>When the entry was stored; with <see cref="Expires"/> it gives the TTL it started with (prefetch needs it).</summary>
    public DateTimeOffset Stored { get; init; }

    /// <summary>
    /// The last time a refresh of this entry was started (serve-stale's failure recheck timer, RFC 8767 §5);
    /// <see cref="DateTimeOffset.MinValue"/> when none was. Thread-safe.
    /// </summary>
    public DateTimeOffset LastRefresh => new(Interlocked.Read(ref _refreshTicks), TimeSpan.Zero);

    /// <summary>Records a refresh started at <paramref name="now"/> unless one was started since <paramref name="seen"/>; true when this caller won.</summary>
    public bool TryStartRefresh(DateTimeOffset seen, DateTimeOffset now) =>
        Interlocked.CompareExchange(ref _refreshTicks, now.UtcTicks, seen.UtcTicks) == seen.UtcTicks;

    /// <summary>Marks the entry as prefetched; true for the first caller only (an entry is prefetched once).</summary>
    public bool TryMarkPrefetched() => Interlocked.Exchange(ref _prefetched, 1) == 0;

    /// <summary>True when <paramref name="now"/> is in the last tenth of the entry's original TTL (Unbound's prefetch window).</summary>
    public bool InLastTenth(DateTimeOffset now) =>
        Stored != default && now < Expires && (Expires - now).Ticks * 10 <= (Expires - Stored).Ticks;

    /// <summary>The validator's verdict on this entry; null until it has judged it. Thread-safe.</summary>
    public RrSetSecurity? Security
    {
        get => Volatile.Read(ref _security);
        set => Volatile.Write(ref _security, value);
    }

    /// <summary>The TTL left at <paramref name="now"/>, in whole seconds (0 when expired).</summary>
    public uint RemainingTtl(DateTimeOffset now) =>
        now >= Expires ? 0 : (uint)Math.Min(uint.MaxValue, Math.Ceiling((Expires - now).TotalSeconds));
}

/// <summary>A cached RRset and its signatures.</summary>
internal sealed class CachedRrSet : CacheEntryBase
{
    public CachedRrSet(SignedRrSet rrSet, DnsName? zone, CacheTrust trust, DateTimeOffset expires)
        : base(zone, expires)
    {
        RrSet = rrSet;
        Trust = trust;
    }

    /// <summary>The RRset with the RRSIGs that came with it (TTLs as received).</summary>
    public SignedRrSet RrSet { get; }

    /// <summary>Where the data came from.</summary>
    public CacheTrust Trust { get; }

    /// <summary>
    /// The NSEC/NSEC3 records (with RRSIGs) that came with the RRset in the same response: for a
    /// wildcard expansion, the proof that the name itself does not exist (RFC 4035 §3.1.3.3). Kept
    /// with the RRset so a cached wildcard answer still validates.
    /// </summary>
    public ImmutableArray<ResourceRecord> Proof { get; init; } = [];
}

/// <summary>A cached negative answer (RFC 2308).</summary>
internal sealed class CachedNegative : CacheEntryBase
{
    public CachedNegative(
        DnsName name, RrType type, NegativeKind kind, DnsName? zone, ImmutableArray<ResourceRecord> authority, DateTimeOffset expires)
        : base(zone, expires)
    {
        Name = name;
        Type = type;
        Kind = kind;
        Authority = authority;
    }

    /// <summary>The name asked about.</summary>
    public DnsName Name { get; }

    /// <summary>The type asked about (for NXDOMAIN the answer holds for every type).</summary>
    public RrType Type { get; }

    /// <summary>NXDOMAIN or NODATA.</summary>
    public NegativeKind Kind { get; }

    /// <summary>The authority section that proved it: SOA, NSEC/NSEC3 and their RRSIGs (the validator needs them).</summary>
    public ImmutableArray<ResourceRecord> Authority { get; }

    /// <summary>
    /// True when the entry holds no SOA and its lifetime was taken from the denial records instead:
    /// the absence of a DS proven by the NSEC/NSEC3 records of a referral (RFC 4035 §3.1.4.1), which
    /// carries no SOA. Such an entry is a proof for the validator, not a full RFC 2308 negative response.
    /// </summary>
    public bool TtlFromDenialRecords { get; init; }
}

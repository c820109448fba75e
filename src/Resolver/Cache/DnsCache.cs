// DnsCache: the resolver's RRset and negative-answer cache over Microsoft.Extensions.Caching.Memory.
// Expiry follows the injected TimeProvider twice over: MemoryCache's own clock is an adapter over it
// (MemoryCacheOptions.Clock is still ISystemClock in 10.x), and every entry also carries its absolute
// expiry, which lookups check, so a fake clock in tests moves TTLs without sleeping. Each entry is
// charged what it holds on the heap (CacheFootprint) against SizeLimit, so the limit bounds memory. Data from a less trustworthy source never replaces live data
// from a more trustworthy one (RFC 2181 §5.4.1), so glue cannot overwrite an authoritative answer.
using System.Collections.Immutable;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Cache;

/// <summary>RRsets (with RRSIGs) and negative answers, with TTLs on the injected clock.</summary>
internal sealed class DnsCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly TimeProvider _time;
    private readonly DnsCacheOptions _options;
    private readonly TimeSpan _staleWindow;

    public DnsCache(DnsCacheOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new DnsCacheOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        // RFC 8767 §5: with serve-stale, expired entries are kept for the maximum stale timer.
        _staleWindow = _options.ServeStale ? _options.MaxStale : TimeSpan.Zero;
        _cache = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = _options.SizeLimit,
            Clock = new TimeProviderClock(_time),
            TrackStatistics = true,
        });
        Denials = _options.AggressiveNsec ? new SecureDenialIndex(_time, _options.MaxNegativeTtl, _options.MaxDenialRecords, _options.AggressiveNsecMaxIterations) : null;
    }

    /// <summary>Validated denial records for aggressive negative caching (RFC 8198); null when disabled.</summary>
    public SecureDenialIndex? Denials { get; }

    /// <summary>The clock the cache's TTLs run on.</summary>
    public TimeProvider TimeProvider => _time;

    /// <summary>The number of live and not yet collected entries.</summary>
    public int Count => _cache.Count;

    /// <summary>The sum of the sizes charged for the entries held, in bytes (measured against <see cref="DnsCacheOptions.SizeLimit"/>).</summary>
    public long ChargedSize => _cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>The current instant on the cache's clock.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>The live RRset for a name and type, or null.</summary>
    public CachedRrSet? GetRrSet(DnsName name, RrType type, RrClass @class = RrClass.IN) =>
        Get<CachedRrSet>(new CacheKey(name, type, @class, EntryKind.Positive));

    /// <summary>The live negative answer covering a name and type (NXDOMAIN first, then NODATA), or null.</summary>
    public CachedNegative? GetNegative(DnsName name, RrType type, RrClass @class = RrClass.IN) =>
        Get<CachedNegative>(new CacheKey(name, 0, @class, EntryKind.NxDomain)) ??
        Get<CachedNegative>(new CacheKey(name, type, @class, EntryKind.NoData));

    /// <summary>
    /// The RRset for a name and type, live or expired less than <see cref="DnsCacheOptions.MaxStale"/> ago
    /// (serve-stale, RFC 8767), or null. Null always when serve-stale is off.
    /// </summary>
    public CachedRrSet? GetStaleRrSet(DnsName name, RrType type, RrClass @class = RrClass.IN) =>
        GetStale<CachedRrSet>(new CacheKey(name, type, @class, EntryKind.Positive));

    /// <summary>The negative answer covering a name and type, live or expired within the stale window, or null.</summary>
    public CachedNegative? GetStaleNegative(DnsName name, RrType type, RrClass @class = RrClass.IN) =>
        GetStale<CachedNegative>(new CacheKey(name, 0, @class, EntryKind.NxDomain)) ??
        GetStale<CachedNegative>(new CacheKey(name, type, @class, EntryKind.NoData));

    /// <summary>
    /// Stores an RRset unless a live entry from a more trustworthy source holds it. The TTL is the
    /// set's TTL kept between <see cref="DnsCacheOptions.MinTtl"/> and <see cref="DnsCacheOptions.MaxTtl"/>; TTL 0 data is not cached (RFC 1035 §3.2.1).
    /// </summary>
    /// <returns>The stored entry, or null when nothing was stored.</returns>
    public CachedRrSet? SetRrSet(SignedRrSet rrSet, DnsName? zone, CacheTrust trust) => SetRrSet(rrSet, zone, trust, []);

    /// <summary>Stores an RRset like <see cref="SetRrSet(SignedRrSet, DnsName?, CacheTrust)"/>, with the
    /// denial records that came with it (a wildcard answer's proof).</summary>
    public CachedRrSet? SetRrSet(SignedRrSet rrSet, DnsName? zone, CacheTrust trust, ImmutableArray<ResourceRecord> proof)
    {
        ArgumentNullException.ThrowIfNull(rrSet);
        RrSet set = rrSet.RrSet;
        if (set.Ttl == 0)
        {
            return null;
        }

        var key = new CacheKey(set.Name, set.Type, set.Class, EntryKind.Positive);
        CachedRrSet? existing = Get<CachedRrSet>(key);
        if (existing is not null && existing.Trust > trust)
        {
            return null;
        }

        DateTimeOffset expires = Now + Clamp(TimeSpan.FromSeconds(set.Ttl), _options.MinTtl, _options.MaxTtl);
        var entry = new CachedRrSet(rrSet, zone, trust, expires) { Proof = proof.IsDefault ? [] : proof, Stored = Now };
        long size = CacheFootprint.EntryOverhead + CacheFootprint.RrSet(rrSet);
        foreach (ResourceRecord record in proof.IsDefault ? [] : proof)
        {
            size += CacheFootprint.Record(record);
        }

        Put(key, entry, size);
        return entry;
    }

    /// <summary>
    /// Keeps the parent's copy of a server's addresses (referral glue) apart from the child's
    /// authoritative answer for the same name, which replaces it in the ordinary slot (RFC 2181
    /// §5.4.1): when the child's addresses fail, the parent's are the last resort (Unbound's
    /// parent-side glue). Never an answer; lookups see it only through <see cref="GetParentSide"/>.
    /// </summary>
    public void SetParentSide(SignedRrSet rrSet, DnsName? zone)
    {
        ArgumentNullException.ThrowIfNull(rrSet);
        RrSet set = rrSet.RrSet;
        if (set.Ttl == 0)
        {
            return;
        }

        DateTimeOffset expires = Now + Clamp(TimeSpan.FromSeconds(set.Ttl), _options.MinTtl, _options.MaxTtl);
        Put(new CacheKey(set.Name, set.Type, set.Class, EntryKind.ParentSide), new CachedRrSet(rrSet, zone, CacheTrust.Glue, expires) { Stored = Now }, CacheFootprint.EntryOverhead + CacheFootprint.RrSet(rrSet));
    }

    /// <summary>The live parent-side copy of a server's addresses (<see cref="SetParentSide"/>), or null.</summary>
    public CachedRrSet? GetParentSide(DnsName name, RrType type, RrClass @class = RrClass.IN) =>
        Get<CachedRrSet>(new CacheKey(name, type, @class, EntryKind.ParentSide));

    /// <summary>
    /// Stores a negative answer. Its TTL is the lesser of the SOA's TTL and its MINIMUM field (RFC 2308 §5),
    /// kept between <see cref="DnsCacheOptions.MinNegativeTtl"/> and <see cref="DnsCacheOptions.MaxNegativeTtl"/>. Without an SOA nothing is stored (RFC 2308 §5).
    /// </summary>
    /// <returns>The stored entry, or null when nothing was stored.</returns>
    public CachedNegative? SetNegative(
        DnsName name, RrType type, RrClass @class, NegativeKind kind, DnsName? zone, IEnumerable<ResourceRecord> authority)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(authority);
        ImmutableArray<ResourceRecord> records = [.. authority];
        ResourceRecord? soa = records.FirstOrDefault(r => r.Data is SoaData);
        if (soa is null)
        {
            return null;
        }

        uint ttl = Math.Min(soa.Ttl, ((SoaData)soa.Data).Minimum);
        if (ttl == 0)
        {
            return null;
        }

        return PutNegative(name, type, @class, kind, zone, records, ttl, ttlFromDenialRecords: false);
    }

    /// <summary>
    /// Stores the NODATA for <paramref name="child"/>'s DS that a referral without a DS RRset proves
    /// with the parent's NSEC/NSEC3 records (RFC 4035 §3.1.4.1, §5.2), so the validator's DS question is
    /// answered without asking the parent again. A referral carries no SOA: unless one is among
    /// <paramref name="authority"/>, the TTL is the least TTL of the NSEC/NSEC3 records and their RRSIGs
    /// (RFC 9077 §3 makes that the negative TTL anyway), and the entry is marked
    /// <see cref="CachedNegative.TtlFromDenialRecords"/>. Nothing is stored without an NSEC or NSEC3
    /// record; a live DS RRset is left alone (a positive answer outranks a denial).
    /// </summary>
    /// <returns>The stored entry, or null when nothing was stored.</returns>
    public CachedNegative? SetDsDenial(DnsName child, RrClass @class, DnsName parent, IEnumerable<ResourceRecord> authority)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(authority);
        ImmutableArray<ResourceRecord> records = [.. authority];
        if (!records.Any(r => r.Type is RrType.NSEC or RrType.NSEC3) || GetRrSet(child, RrType.DS, @class) is not null)
        {
            return null;
        }

        if (records.FirstOrDefault(r => r.Data is SoaData) is { } soa)
        {
            uint soaTtl = Math.Min(soa.Ttl, ((SoaData)soa.Data).Minimum);
            return soaTtl == 0 ? null : PutNegative(child, RrType.DS, @class, NegativeKind.NoData, parent, records, soaTtl, ttlFromDenialRecords: false);
        }

        uint ttl = uint.MaxValue;
        foreach (ResourceRecord rr in records)
        {
            if (NsecRecords.IsDenial(rr))
            {
                ttl = Math.Min(ttl, rr.Ttl);
            }
        }

        return ttl == 0 ? null : PutNegative(child, RrType.DS, @class, NegativeKind.NoData, parent, records, ttl, ttlFromDenialRecords: true);
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        _cache.Clear();
        Denials?.Clear();
    }

    /// <summary>
    /// Forgets the RRset and any negative answer for a name and type (the validator drops data it
    /// found Bogus before asking again, so the retry reaches the network).
    /// </summary>
    public void Remove(DnsName name, RrType type, RrClass @class = RrClass.IN)
    {
        ArgumentNullException.ThrowIfNull(name);
        _cache.Remove(new CacheKey(name, type, @class, EntryKind.Positive));
        _cache.Remove(new CacheKey(name, type, @class, EntryKind.NoData));
        _cache.Remove(new CacheKey(name, 0, @class, EntryKind.NxDomain));
    }

    /// <inheritdoc/>
    public void Dispose() => _cache.Dispose();

    private CachedNegative PutNegative(
        DnsName name, RrType type, RrClass @class, NegativeKind kind, DnsName? zone, ImmutableArray<ResourceRecord> records, uint ttl, bool ttlFromDenialRecords)
    {
        DateTimeOffset expires = Now + Clamp(TimeSpan.FromSeconds(ttl), _options.MinNegativeTtl, _options.MaxNegativeTtl);
        var key = kind == NegativeKind.NxDomain
            ? new CacheKey(name, 0, @class, EntryKind.NxDomain)
            : new CacheKey(name, type, @class, EntryKind.NoData);
        var entry = new CachedNegative(name, type, kind, zone, records, expires) { TtlFromDenialRecords = ttlFromDenialRecords, Stored = Now };
        long size = CacheFootprint.EntryOverhead + CacheFootprint.Name(name) + (8L * records.Length);
        foreach (ResourceRecord rr in records)
        {
            size += CacheFootprint.Record(rr);
        }

        Put(key, entry, size);
        return entry;
    }

    private T? Get<T>(CacheKey key)
        where T : CacheEntryBase
    {
        if (!_cache.TryGetValue(key, out object? value) || value is not T entry)
        {
            return null;
        }

        // MemoryCache checks expiry against the same clock, but only to the precision of its own
        // bookkeeping; the entry's own instant is the authority.
        if (Now >= entry.Expires)
        {
            // An expired entry stays for serve-stale's window (RFC 8767 §5), invisible to lookups.
            if (Now >= entry.Expires + _staleWindow)
            {
                _cache.Remove(key);
            }

            return null;
        }

        return entry;
    }

    private T? GetStale<T>(CacheKey key)
        where T : CacheEntryBase
    {
        if (_staleWindow == TimeSpan.Zero || !_cache.TryGetValue(key, out object? value) || value is not T entry)
        {
            return null;
        }

        return Now < entry.Expires + _staleWindow ? entry : null;
    }

    private void Put(CacheKey key, CacheEntryBase entry, long size)
    {
        using ICacheEntry cacheEntry = _cache.CreateEntry(key);
        cacheEntry.Value = entry;
        cacheEntry.Size = size;
        cacheEntry.AbsoluteExpiration = entry.Expires + _staleWindow;
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;

    private enum EntryKind : byte
    {
        Positive,
        NoData,
        NxDomain,
        ParentSide,
    }

    // DnsName equality and hashing are case-insensitive (RFC 4343), so the key needs no lowercasing.
    private readonly record struct CacheKey(DnsName Name, RrType Type, RrClass Class, EntryKind Kind);

    // Adapts the injected TimeProvider to the clock interface MemoryCache still takes in 10.x.
    private sealed class TimeProviderClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}

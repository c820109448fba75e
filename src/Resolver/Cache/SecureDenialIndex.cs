// SecureDenialIndex: aggressive use of the DNSSEC-validated cache (RFC 8198). The NSEC and NSEC3
// records (with their RRSIGs) and the SOA of negative answers the validator found Secure are kept per
// zone, ordered canonically; a later question the cache has no entry for is answered from them when
// they prove, on their own, that the name does not exist or has no data of the type (RFC 8198 §4,
// §5.1, §5.2). The synthesized answer is an ordinary negative answer — SOA, NSEC/NSEC3, RRSIGs — and
// goes through the validator like one from the network, so nothing here is trusted on its own word.
// Lifetimes follow RFC 8198 §5.4 and RFC 9077 §3: a record lives no longer than its own TTL, its
// RRSIG's, and the negative TTL (min of SOA TTL and MINIMUM) of the response it came in. This file
// keeps the index (adding, removing, purging); SecureDenialIndex.Synthesis.cs answers from it.
using System.Collections.Immutable;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Records;

namespace Resolver.Cache;

/// <summary>An RRset synthesized from a validated wildcard and the proof that no closer match exists (RFC 8198 §5.3).</summary>
/// <param name="Zone">The zone of the wildcard.</param>
/// <param name="Records">The RRset at the query name with the wildcard's RRSIGs, TTLs counted down.</param>
/// <param name="Proof">The NSEC/NSEC3 records with their RRSIGs.</param>
internal sealed record SynthesizedAnswer(DnsName Zone, ImmutableArray<ResourceRecord> Records, ImmutableArray<ResourceRecord> Proof);

/// <summary>A negative answer synthesized from validated denial records (RFC 8198).</summary>
/// <param name="Kind">NXDOMAIN or NODATA.</param>
/// <param name="Zone">The zone whose records prove it.</param>
/// <param name="Authority">The SOA and the NSEC/NSEC3 records with their RRSIGs, TTLs counted down.</param>
internal sealed record SynthesizedDenial(NegativeKind Kind, DnsName Zone, ImmutableArray<ResourceRecord> Authority);

/// <summary>Validated NSEC/NSEC3 records by zone, for aggressive negative caching (RFC 8198).</summary>
internal sealed partial class SecureDenialIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<DnsName, ZoneDenials> _zones = [];
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxTtl;
    private readonly int _capacity;
    private readonly int _maxNsec3Iterations;
    private int _count;

    /// <param name="time">The clock lifetimes are counted on.</param>
    /// <param name="maxTtl">The longest a record is kept (the cache's negative TTL cap).</param>
    /// <param name="capacity">The most denial records kept.</param>
    /// <param name="maxNsec3Iterations">NSEC3 chains with more iterations are not used (DnsCacheOptions.AggressiveNsecMaxIterations).</param>
    public SecureDenialIndex(TimeProvider time, TimeSpan maxTtl, int capacity, int maxNsec3Iterations)
    {
        _time = time;
        _maxTtl = maxTtl;
        _capacity = capacity;
        _maxNsec3Iterations = maxNsec3Iterations;
    }

    /// <summary>The number of denial records held (live or not yet purged).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>
    /// Keeps the denial records of a negative answer the validator found Secure. Only RRsets whose
    /// signature the validator checked are given (<paramref name="validated"/>), only those signed by
    /// <paramref name="zone"/> and not expanded from a wildcard (RFC 4035 §5.3.4: such an NSEC speaks
    /// for the wildcard) are kept. The zone's SOA, when among them, is kept for negative answers and
    /// bounds the records' lifetime by the negative TTL (RFC 9077 §3); without it (a wildcard
    /// answer's proof) the records' own TTLs do. No record outlives <paramref name="notAfter"/> (the
    /// cache entry the records came with), so an answer served again from the cache does not extend them.
    /// </summary>
    public void Add(DnsName zone, IEnumerable<ResourceRecord> authority, Func<DnsName, RrType, bool> validated, DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(validated);
        List<ResourceRecord> records = [.. authority];
        IReadOnlyList<SignedRrSet> sets = RrSet.Group(records).RrSets;
        SignedRrSet? soa = sets.FirstOrDefault(s => s.RrSet.Type == RrType.SOA && s.RrSet.Name.Equals(zone) && validated(zone, RrType.SOA));
        DateTimeOffset now = _time.GetUtcNow();
        ImmutableArray<ResourceRecord> soaRecords = soa is null ? [] : RecordsOf(records, soa);
        uint negativeTtl = soa?.RrSet.Data[0] is SoaData soaData ? Math.Min(MinTtl(soaRecords), soaData.Minimum) : uint.MaxValue;
        var denials = sets
            .Where(s => s.RrSet.Type is RrType.NSEC or RrType.NSEC3 && s.RrSet.Name.IsSubdomainOf(zone) &&
                        validated(s.RrSet.Name, s.RrSet.Type) && IsPlainlySignedBy(s, zone))
            .ToList();
        if (denials.Count == 0 || negativeTtl == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_count + denials.Count > _capacity)
            {
                Purge(now);
                if (_count + denials.Count > _capacity)
                {
                    return;
                }
            }

            if (!_zones.TryGetValue(zone, out ZoneDenials? entries))
            {
                entries = new ZoneDenials();
                _zones.Add(zone, entries);
            }

            if (!soaRecords.IsEmpty)
            {
                entries.Soa = new Entry(soaRecords, Earlier(now + Min(MinTtl(soaRecords), _maxTtl), notAfter));
            }

            foreach (SignedRrSet set in denials)
            {
                ImmutableArray<ResourceRecord> denial = RecordsOf(records, set);
                uint ttl = Math.Min(MinTtl(denial), negativeTtl);
                SortedList<DnsName, Entry> list = set.RrSet.Type == RrType.NSEC ? entries.Nsec : entries.Nsec3;
                if (!list.ContainsKey(set.RrSet.Name))
                {
                    _count++;
                }

                list[set.RrSet.Name] = new Entry(denial, Earlier(now + Min(ttl, _maxTtl), notAfter));
            }
        }
    }

    /// <summary>
    /// Keeps an RRset the validator found Secure as the expansion of a wildcard (RFC 4035 §5.3.4):
    /// its RRSIG's Labels field names the wildcard, <c>*.</c> plus that many labels of the owner.
    /// With the proof records kept by <see cref="Add"/>, it answers other names the wildcard
    /// covers (RFC 8198 §5.3). Lives no longer than its TTLs, <paramref name="maxTtl"/>, and <paramref name="notAfter"/>.
    /// </summary>
    public void AddWildcard(DnsName zone, SignedRrSet expanded, TimeSpan maxTtl, DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(expanded);
        RrSet set = expanded.RrSet;
        if (expanded.Signatures.IsEmpty || expanded.Signatures.Any(sig => !sig.SignerName.Equals(zone)))
        {
            return;
        }

        int labels = expanded.Signatures[0].Labels;
        if (labels >= set.Name.SignatureLabelCount || expanded.Signatures.Any(sig => sig.Labels != labels) || labels < zone.LabelCount)
        {
            return;
        }

        DnsName wildcard = set.Name.GetSuffix(labels).Prepend("*"u8);
        uint ttl = expanded.Signatures.Aggregate(set.Ttl, (t, sig) => Math.Min(t, sig.OriginalTtl));
        ImmutableArray<ResourceRecord> records =
        [
            .. set.Data.Select(d => new ResourceRecord(wildcard, set.Class, set.Ttl, d)),
            .. expanded.Signatures.Select(sig => new ResourceRecord(wildcard, set.Class, set.Ttl, sig)),
        ];
        DateTimeOffset now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_count + 1 > _capacity)
            {
                Purge(now);
                if (_count + 1 > _capacity)
                {
                    return;
                }
            }

            if (!_zones.TryGetValue(zone, out ZoneDenials? entries))
            {
                entries = new ZoneDenials();
                _zones.Add(zone, entries);
            }

            if (!entries.Wildcards.ContainsKey((wildcard, set.Type)))
            {
                _count++;
            }

            entries.Wildcards[(wildcard, set.Type)] = new Entry(records, Earlier(now + Min(ttl, maxTtl), notAfter));
        }
    }

    /// <summary>Forgets the records held under these owner names (the validator found an answer built from them Bogus).</summary>
    public void Remove(IEnumerable<ResourceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        lock (_gate)
        {
            foreach (ResourceRecord record in records.Where(r => r.Type is RrType.NSEC or RrType.NSEC3))
            {
                foreach (ZoneDenials entries in _zones.Values)
                {
                    if (entries.Nsec.Remove(record.Name) || entries.Nsec3.Remove(record.Name))
                    {
                        _count--;
                    }
                }
            }
        }
    }

    /// <summary>Forgets the wildcard <paramref name="expanded"/> was expanded from, if one is held.</summary>
    public void RemoveWildcard(SignedRrSet expanded)
    {
        ArgumentNullException.ThrowIfNull(expanded);
        RrSet set = expanded.RrSet;
        if (expanded.Signatures is not [RrsigData sig, ..] || sig.Labels >= set.Name.SignatureLabelCount)
        {
            return;
        }

        DnsName wildcard = set.Name.GetSuffix(sig.Labels).Prepend("*"u8);
        lock (_gate)
        {
            foreach (ZoneDenials entries in _zones.Values)
            {
                if (entries.Wildcards.Remove((wildcard, set.Type)))
                {
                    _count--;
                }
            }
        }
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _zones.Clear();
            _count = 0;
        }
    }

    // The records of one RRset and its RRSIGs as they came (RRSIG TTLs included).
    private static ImmutableArray<ResourceRecord> RecordsOf(List<ResourceRecord> records, SignedRrSet set) =>
    [
        .. records.Where(r => r.Name.Equals(set.RrSet.Name) && r.Class == set.RrSet.Class &&
                              (r.Type == set.RrSet.Type || r.Data is RrsigData sig && sig.TypeCovered == set.RrSet.Type)),
    ];

    private static bool IsPlainlySignedBy(SignedRrSet set, DnsName zone) =>
        set.Signatures.Any(s => s.SignerName.Equals(zone)) &&
        set.Signatures.All(s => s.Labels >= set.RrSet.Name.SignatureLabelCount);

    // The least TTL among an RRset's records and RRSIGs, and the RRSIGs' original TTL (RFC 4035 §5.3.3).
    private static uint MinTtl(ImmutableArray<ResourceRecord> records)
    {
        uint ttl = uint.MaxValue;
        foreach (ResourceRecord rr in records)
        {
            ttl = Math.Min(ttl, rr.Data is RrsigData sig ? Math.Min(rr.Ttl, sig.OriginalTtl) : rr.Ttl);
        }

        return ttl;
    }

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Min(uint seconds, TimeSpan cap) => TimeSpan.FromSeconds(seconds) < cap ? TimeSpan.FromSeconds(seconds) : cap;

    private void Purge(DateTimeOffset now)
    {
        foreach ((DnsName zone, ZoneDenials entries) in _zones.ToList())
        {
            foreach (SortedList<DnsName, Entry> list in new[] { entries.Nsec, entries.Nsec3 })
            {
                foreach (DnsName owner in list.Where(p => p.Value.Expires <= now).Select(p => p.Key).ToList())
                {
                    list.Remove(owner);
                    _count--;
                }
            }

            foreach (var key in entries.Wildcards.Where(p => p.Value.Expires <= now).Select(p => p.Key).ToList())
            {
                entries.Wildcards.Remove(key);
                _count--;
            }

            if (entries.Nsec.Count == 0 && entries.Nsec3.Count == 0 && entries.Wildcards.Count == 0)
            {
                _zones.Remove(zone);
            }
        }
    }

    private sealed class ZoneDenials
    {
        public SortedList<DnsName, Entry> Nsec { get; } = new(Comparer<DnsName>.Create((a, b) => a.CompareTo(b)));

        public SortedList<DnsName, Entry> Nsec3 { get; } = new(Comparer<DnsName>.Create((a, b) => a.CompareTo(b)));

        public Dictionary<(DnsName Owner, RrType Type), Entry> Wildcards { get; } = [];

        public Entry? Soa { get; set; }
    }

    // One RRset with its RRSIGs and the instant it stops being usable.
    private sealed class Entry(ImmutableArray<ResourceRecord> records, DateTimeOffset expires)
    {
        public ImmutableArray<ResourceRecord> Records { get; } = records;

        public DateTimeOffset Expires { get; } = expires;

        // The records with their TTLs counted down to what is left (RFC 8198 §5.4).
        public IEnumerable<ResourceRecord> Live(DateTimeOffset now)
        {
            uint left = (uint)Math.Max(1, Math.Ceiling((Expires - now).TotalSeconds));
            return Records.Select(r => r with { Ttl = Math.Min(r.Ttl, left) });
        }
    }
}

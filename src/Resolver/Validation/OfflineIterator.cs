// OfflineIterator: the IDnsIterator offline validation stands on. It answers the chain walker's DS
// and DNSKEY questions from records a caller supplied, as a perfect set of authoritative servers
// holding only those records would: a supplied RRset (with its RRSIGs) is an answer; a DS that is
// not supplied is denied with the NSEC/NSEC3 (and SOA) records supplied for the deepest known zone
// above it, and a name below a delegation those records show is answered as its child would (no
// proof, zone = the cut), so the walk asks the cut's DS next. Anything it cannot answer — a
// DNSKEY RRset not supplied, a DS of a signed zone with no denial supplied — is a ServerFailure
// ("not supplied"): missing input is a resolution failure, never a Bogus verdict. Completes
// synchronously; it never touches the network.
using System.Collections.Immutable;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Records;

namespace Resolver.Validation;

internal sealed class OfflineIterator : IDnsIterator
{
    private readonly Dictionary<(DnsName, RrType), SignedRrSet> _sets = [];
    private readonly Dictionary<DnsName, List<ResourceRecord>> _denialByZone = [];
    private readonly Dictionary<DnsName, List<ResourceRecord>> _soaByZone = [];
    private readonly HashSet<DnsName> _signedZones = [];

    public OfflineIterator(IEnumerable<ResourceRecord> records)
    {
        RrSetGrouping grouping = RrSet.Group(records.Where(r => r.Class == RrClass.IN));
        foreach (SignedRrSet set in grouping.RrSets)
        {
            RrSet rrset = set.RrSet;
            _sets.TryAdd((rrset.Name, rrset.Type), set);
            switch (rrset.Type)
            {
                case RrType.DNSKEY:
                    _signedZones.Add(rrset.Name);
                    break;
                case RrType.SOA:
                    AddTo(_soaByZone, rrset.Name, set);
                    break;
                case RrType.NSEC or RrType.NSEC3:
                    // The zone of a denial record is its signer (RFC 4035 §5.3.1); an NSEC3 owner is
                    // always one label below its zone (RFC 5155 §3), an unsigned NSEC has none.
                    DnsName? zone = ChainWalker.SignerOf(set, rrset.Name)
                        ?? (rrset.Type == RrType.NSEC3 && !rrset.Name.IsRoot ? rrset.Name.Parent : null);
                    if (zone is not null)
                    {
                        AddTo(_denialByZone, zone, set);
                    }

                    break;
            }

            foreach (RrsigData sig in set.Signatures)
            {
                if (rrset.Name.IsSubdomainOf(sig.SignerName))
                {
                    _signedZones.Add(sig.SignerName);
                }
            }
        }
    }

    public Task<IterationResult> ResolveAsync(DnsQuestion question, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Resolve(question));
    }

    /// <summary>
    /// The deepest zone the supplied records tell of (a DNSKEY owner, a signer, an SOA owner or the
    /// zone of denial records) that contains <paramref name="name"/>; strictly above it when
    /// <paramref name="strict"/>.
    /// </summary>
    public DnsName? DeepestKnownZone(DnsName name, bool strict) =>
        _signedZones.Concat(_soaByZone.Keys).Concat(_denialByZone.Keys)
            .Where(z => strict ? name.IsStrictSubdomainOf(z) : name.IsSubdomainOf(z))
            .MaxBy(z => z.LabelCount);

    private IterationResult Resolve(DnsQuestion question)
    {
        if (_sets.TryGetValue((question.Name, question.Type), out SignedRrSet? set))
        {
            DnsName? zone = question.Type == RrType.DNSKEY ? question.Name : ChainWalker.SignerOf(set, question.Name);
            return new IterationResult
            {
                Question = question,
                Status = IterationStatus.Answer,
                Answers = [new ZonedRrSet(set, zone, null)],
                Zone = zone,
            };
        }

        return question.Type == RrType.DS
            ? DenyDs(question)
            : NotSupplied(question, $"{Describe(question)} was not supplied");
    }

    private IterationResult DenyDs(DnsQuestion question)
    {
        DnsName name = question.Name;
        if (name.IsRoot || DeepestKnownZone(name, strict: true) is not { } zone)
        {
            return NotSupplied(question, $"{Describe(question)} was not supplied, nor any zone above it");
        }

        List<ResourceRecord> soa = _soaByZone.GetValueOrDefault(zone) ?? [];
        if (!_denialByZone.TryGetValue(zone, out List<ResourceRecord>? denial))
        {
            // An unsigned zone known from its SOA answers NODATA without proof; a signed zone must prove it.
            return _signedZones.Contains(zone)
                ? NotSupplied(question, $"{Describe(question)} was not supplied, nor its denial by {zone}")
                : Negative(question, IterationStatus.NoData, [.. soa], zone);
        }

        var proof = new DenialView(zone, denial);
        // The first cut below the zone on the way to the name (RFC 4035 §2.3: a delegation's NSEC
        // lists NS but not SOA): the DS of a name below it is the cut's business.
        for (int labels = zone.LabelCount + 1; labels < name.LabelCount; labels++)
        {
            DnsName ancestor = name.GetSuffix(labels);
            if (proof.IsDelegation(ancestor))
            {
                return Negative(question, IterationStatus.NoData, [], ancestor);
            }
        }

        IterationStatus status = proof.Exists(name) ? IterationStatus.NoData : IterationStatus.NxDomain;
        return Negative(question, status, [.. soa, .. denial], zone);
    }

    private static IterationResult Negative(DnsQuestion question, IterationStatus status, ImmutableArray<ResourceRecord> authority, DnsName zone) => new()
    {
        Question = question,
        Status = status,
        Authority = authority,
        Zone = zone,
    };

    private static IterationResult NotSupplied(DnsQuestion question, string reason) => new()
    {
        Question = question,
        Status = IterationStatus.ServerFailure,
        FailureReason = reason,
    };

    private static string Describe(DnsQuestion question) =>
        $"{Resolver.Protocol.Text.RrTypeText.Format(question.Type)} {question.Name}";

    private static void AddTo(Dictionary<DnsName, List<ResourceRecord>> map, DnsName zone, SignedRrSet set)
    {
        if (!map.TryGetValue(zone, out List<ResourceRecord>? list))
        {
            map[zone] = list = [];
        }

        list.AddRange(set.RrSet.ToRecords());
        list.AddRange(set.Signatures.Select(s => new ResourceRecord(set.RrSet.Name, set.RrSet.Class, set.RrSet.Ttl, s)));
    }

    /// <summary>What one zone's supplied NSEC/NSEC3 records say exists (only to pick the claim to prove; the proof itself is checked by the validator).</summary>
    private sealed class DenialView
    {
        private readonly DnsName _zone;
        private readonly Dictionary<DnsName, TypeBitmap> _bitmaps = [];
        private readonly Nsec3Data? _nsec3;

        public DenialView(DnsName zone, List<ResourceRecord> records)
        {
            _zone = zone;
            foreach (ResourceRecord rr in records)
            {
                switch (rr.Data)
                {
                    case NsecData nsec:
                        _bitmaps.TryAdd(rr.Name, nsec.TypeBitmap);
                        break;
                    case Nsec3Data nsec3:
                        _bitmaps.TryAdd(rr.Name, nsec3.TypeBitmap);
                        _nsec3 ??= nsec3;
                        break;
                }
            }
        }

        public bool IsDelegation(DnsName name) =>
            Bitmap(name) is { } types && ZoneCuts.IsParentSide(types);

        // NSEC: a record at the name, or an owner below it (an empty non-terminal). NSEC3 chains
        // hold empty non-terminals themselves (RFC 5155 §7.1).
        public bool Exists(DnsName name) =>
            Bitmap(name) is not null || (_nsec3 is null && _bitmaps.Keys.Any(owner => owner.IsStrictSubdomainOf(name)));

        private TypeBitmap? Bitmap(DnsName name)
        {
            if (_nsec3 is null)
            {
                return _bitmaps.GetValueOrDefault(name);
            }

            // The iteration count is bounded by the validator's own limits before any proof is
            // trusted; here only RFC 5155's hard maximum keeps a hostile record from costing more.
            if (_nsec3.HashAlgorithm != Nsec3Hash.Sha1Algorithm || _nsec3.Iterations > Nsec3Hash.MaxIterations)
            {
                return null;
            }

            DnsName hashed = Nsec3Hash.ComputeOwnerName(name, _zone, _nsec3.Salt, _nsec3.Iterations);
            return _bitmaps.GetValueOrDefault(hashed);
        }
    }
}

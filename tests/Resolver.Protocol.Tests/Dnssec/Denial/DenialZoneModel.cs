// DenialZoneModel: what truly exists in a signed test zone, worked out from its unsigned records
// independently of any NSEC or NSEC3 — owners and their types (only NS and DS at a delegation),
// delegations, empty non-terminals, names below cuts — and so what a resolver should be told for
// a name and type: an answer, NXDOMAIN, NODATA, an empty non-terminal, a wildcard answer or
// wildcard NODATA, or an insecure delegation. Also which names have an NSEC3 under opt-out.
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;

namespace Resolver.Protocol.Tests.Dnssec.Denial;

/// <summary>What the authoritative answer for a name and type is.</summary>
internal enum Truth
{
    /// <summary>Not a question this model answers (below a cut, or a non-DS type at a delegation).</summary>
    Skip,

    /// <summary>The data exists (or a CNAME answers it).</summary>
    Exists,
    NxDomain,
    NoData,
    EmptyNonTerminal,

    /// <summary>The name does not exist, but the wildcard at its closest encloser answers it.</summary>
    Wildcard,
    WildcardNoData,

    /// <summary>DS at a delegation without DS.</summary>
    InsecureDelegation,
}

internal sealed class DenialZoneModel
{
    private readonly Dictionary<DnsName, HashSet<RrType>> _owners = [];
    private readonly HashSet<DnsName> _existing = [];
    private readonly HashSet<DnsName> _withNsec3 = [];
    private readonly List<DnsName> _allCuts;

    public DenialZoneModel(SignedZone zone)
    {
        Zone = zone;
        Apex = zone.Origin;
        IsNsec3 = zone.Options.Denial == DenialKind.Nsec3;
        IsOptOut = IsNsec3 && zone.Options.Nsec3OptOut;
        _allCuts = [.. zone.UnsignedRecords.Where(r => r.Type == RrType.NS && r.Name != Apex).Select(r => r.Name).Distinct()];
        foreach (ResourceRecord record in zone.UnsignedRecords)
        {
            if (IsBelowCut(record.Name))
            {
                continue;
            }

            bool cut = _allCuts.Contains(record.Name);
            if (cut && record.Type is not (RrType.NS or RrType.DS))
            {
                continue;
            }

            if (!_owners.TryGetValue(record.Name, out HashSet<RrType>? types))
            {
                _owners[record.Name] = types = [];
            }

            types.Add(record.Type);
        }

        Cuts = [.. _allCuts.Where(c => !IsBelowCut(c))];
        foreach ((DnsName owner, HashSet<RrType> types) in _owners)
        {
            // RFC 5155 §7.1: under opt-out an unsigned delegation gets no NSEC3, nor do the empty
            // non-terminals that only such delegations create.
            bool hasNsec3 = !(IsOptOut && Cuts.Contains(owner) && !types.Contains(RrType.DS));
            for (DnsName n = owner; ; n = n.Parent)
            {
                _existing.Add(n);
                if (hasNsec3)
                {
                    _withNsec3.Add(n);
                }

                if (n == Apex)
                {
                    break;
                }
            }
        }
    }

    public SignedZone Zone { get; }

    public DnsName Apex { get; }

    public bool IsNsec3 { get; }

    public bool IsOptOut { get; }

    /// <summary>Delegation points that are not themselves below another cut.</summary>
    public IReadOnlyList<DnsName> Cuts { get; }

    /// <summary>Names that exist: owners (delegations included) and empty non-terminals.</summary>
    public IEnumerable<DnsName> ExistingNames => _existing;

    /// <summary>The zone's NSEC or NSEC3 records.</summary>
    public IReadOnlyList<ResourceRecord> DenialRecords => field ??= [.. Zone.Records.Where(r => r.Type is RrType.NSEC or RrType.NSEC3)];

    public bool IsBelowCut(DnsName name) => _allCuts.Any(name.IsStrictSubdomainOf);

    public bool Exists(DnsName name) => _existing.Contains(name);

    public bool IsSignedDelegation(DnsName name) => Cuts.Contains(name) && _owners[name].Contains(RrType.DS);

    /// <summary>True when an opt-out zone has no NSEC3 for this existing name (an unsigned delegation or an empty non-terminal above only such).</summary>
    public bool IsOptedOut(DnsName name) => IsOptOut && _existing.Contains(name) && !_withNsec3.Contains(name);

    /// <summary>The authoritative answer for <paramref name="name"/>/<paramref name="type"/>, and the closest encloser of a name that does not exist.</summary>
    public (Truth Truth, DnsName? Encloser) Classify(DnsName name, RrType type)
    {
        if (!name.IsSubdomainOf(Apex) || IsBelowCut(name))
        {
            return (Truth.Skip, null);
        }

        if (Cuts.Contains(name))
        {
            return type != RrType.DS ? (Truth.Skip, null)
                : _owners[name].Contains(RrType.DS) ? (Truth.Exists, null) : (Truth.InsecureDelegation, null);
        }

        if (_owners.TryGetValue(name, out HashSet<RrType>? types))
        {
            if (type == RrType.DS && name == Apex)
            {
                return (Truth.Skip, null);
            }

            return types.Contains(type) || types.Contains(RrType.CNAME) ? (Truth.Exists, null) : (Truth.NoData, null);
        }

        if (_existing.Contains(name))
        {
            return (Truth.EmptyNonTerminal, null);
        }

        DnsName encloser = name.Parent;
        while (!_existing.Contains(encloser))
        {
            encloser = encloser.Parent;
        }

        DnsName wildcard = encloser.Prepend("*");
        if (_owners.TryGetValue(wildcard, out HashSet<RrType>? wildcardTypes))
        {
            return (wildcardTypes.Contains(type) || wildcardTypes.Contains(RrType.CNAME) ? Truth.Wildcard : Truth.WildcardNoData, encloser);
        }

        // A wildcard that exists only as an empty non-terminal is not generated by the zone generator.
        return _existing.Contains(wildcard) ? (Truth.Skip, null) : (Truth.NxDomain, encloser);
    }

    /// <summary>The status and kind a complete proof of <paramref name="truth"/> has in this zone.</summary>
    public (DenialStatus Status, DenialProofKind Kind) Expected(Truth truth, DnsName name)
    {
        DenialProofKind kind = truth switch
        {
            Truth.NxDomain => DenialProofKind.NxDomain,
            Truth.NoData => DenialProofKind.NoData,
            Truth.EmptyNonTerminal => DenialProofKind.EmptyNonTerminal,
            Truth.Wildcard => DenialProofKind.Wildcard,
            Truth.WildcardNoData => DenialProofKind.WildcardNoData,
            Truth.InsecureDelegation => DenialProofKind.InsecureDelegation,
            _ => throw new ArgumentOutOfRangeException(nameof(truth), truth, "Not a denial."),
        };

        // Under opt-out every NSEC3 has the flag: whatever rests on a next-closer cover is only
        // "no signed name here", and so is NODATA at a name without an NSEC3 of its own.
        bool optedOut = IsOptOut && truth switch
        {
            Truth.NxDomain or Truth.Wildcard or Truth.WildcardNoData or Truth.InsecureDelegation => true,
            Truth.EmptyNonTerminal => !_withNsec3.Contains(name),
            _ => false,
        };
        return optedOut ? (DenialStatus.Insecure, DenialProofKind.OptOutInsecure) : (DenialStatus.Secure, kind);
    }

    /// <summary>Names to ask about: every existing name, names just before, after and below them, and names below cuts.</summary>
    public IReadOnlyList<DnsName> CandidateNames()
    {
        var names = new HashSet<DnsName>(_existing);
        foreach (string label in new[] { "a", "b", "c", "www", "mail", "sub", "X", "z9", "0", "zz" })
        {
            names.Add(Apex.Prepend(label));
        }

        foreach (DnsName name in _existing.ToList())
        {
            if (name.WireLength > 200)
            {
                continue;
            }

            names.Add(name.Prepend("0"));
            names.Add(name.Prepend("b"));
            names.Add(name.Prepend("zz"));
            names.Add(name.Prepend("zz").Prepend("a"));
            names.Add(name.Prepend("*"));
        }

        return [.. names.Order()];
    }
}

// ZoneLayout: the shape of a zone that signing rules depend on — the RRsets by owner, the apex,
// delegation points, and which names and RRsets are authoritative. Below a zone cut everything is
// glue or occluded (RFC 4035 §2.2); at a cut only DS (and NSEC) belongs to the parent (RFC 4035
// §2.2, §2.4); names below a DNAME are occluded too (RFC 6672 §2.4).
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Signing;

/// <summary>An unsigned zone's RRsets, indexed, with its cut structure.</summary>
internal sealed class ZoneLayout
{
    private readonly Dictionary<DnsName, Dictionary<RrType, RrSet>> _owners = [];
    private readonly HashSet<DnsName> _cuts = [];
    private readonly HashSet<DnsName> _dnames = [];

    public ZoneLayout(IEnumerable<ResourceRecord> records)
    {
        var grouping = RrSet.Group(records);
        var soas = grouping.RrSets.Where(s => s.RrSet.Type == RrType.SOA).ToList();
        if (soas.Count != 1 || soas[0].RrSet.Data.Length != 1)
        {
            throw new ArgumentException("A zone has exactly one SOA record; its owner is the apex.", nameof(records));
        }

        Apex = soas[0].RrSet.Name;
        foreach (SignedRrSet entry in grouping.RrSets)
        {
            RrSet set = entry.RrSet;
            if (!set.Name.IsSubdomainOf(Apex))
            {
                throw new ArgumentException($"{set.Name} is not in zone {Apex}.", nameof(records));
            }

            Set(set);
            if (set.Type == RrType.NS && set.Name != Apex)
            {
                _cuts.Add(set.Name);
            }
            else if (set.Type == RrType.DNAME)
            {
                _dnames.Add(set.Name);
            }
        }

        if (Get(Apex, RrType.NS) is null)
        {
            throw new ArgumentException("The zone has no NS RRset at the apex.", nameof(records));
        }
    }

    public DnsName Apex { get; }

    public IEnumerable<DnsName> Owners => _owners.Keys;

    public RrSet? Get(DnsName name, RrType type) =>
        _owners.TryGetValue(name, out var sets) && sets.TryGetValue(type, out RrSet? set) ? set : null;

    public void Set(RrSet set)
    {
        if (!_owners.TryGetValue(set.Name, out var sets))
        {
            _owners[set.Name] = sets = [];
        }

        sets[set.Type] = set;
    }

    public IEnumerable<RrSet> AllRrSets() => _owners.Values.SelectMany(s => s.Values);

    /// <summary>True for a delegation point: a non-apex owner of an NS RRset.</summary>
    public bool IsDelegation(DnsName name) => _cuts.Contains(name);

    /// <summary>True when <paramref name="name"/> is below a zone cut or a DNAME: glue or occluded data.</summary>
    public bool IsOccluded(DnsName name)
    {
        // Walk the ancestors between the name and the apex: O(labels), not O(cuts), for big zones.
        for (DnsName ancestor = name; ancestor.LabelCount > Apex.LabelCount + 1;)
        {
            ancestor = ancestor.Parent;
            if (_cuts.Contains(ancestor) || _dnames.Contains(ancestor))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the zone is authoritative for <paramref name="set"/>, so it is signed.</summary>
    public bool IsAuthoritative(RrSet set) => IsAuthoritative(set.Name, set.Type);

    /// <inheritdoc cref="IsAuthoritative(RrSet)"/>
    public bool IsAuthoritative(DnsName name, RrType type) =>
        !IsOccluded(name) && (!IsDelegation(name) || type is RrType.DS or RrType.NSEC);

    /// <summary>
    /// The types a denial record at <paramref name="name"/> lists, before NSEC/NSEC3/RRSIG are
    /// added: everything there, but at a delegation only NS and DS (RFC 4035 §2.3).
    /// </summary>
    public IEnumerable<RrType> BitmapTypes(DnsName name)
    {
        if (!_owners.TryGetValue(name, out var sets))
        {
            return [];
        }

        IEnumerable<RrType> types = sets.Keys.Where(t => t is not (RrType.NSEC or RrType.NSEC3));
        return IsDelegation(name) ? types.Where(t => t is RrType.NS or RrType.DS) : types;
    }
}

// ZoneHierarchy: builds a chain of real zones quickly — e.g. root → tld → sld — each with an SOA,
// one in-zone name server (ns1.<zone>) with an address, whatever records the test adds, signed
// with its own keys (or left unsigned); each parent gets the delegation NS, the glue address and
// (for a signed child) the DS of the child's KSKs. Children are signed first so their DS is known
// when the parent is signed. The top zone's KSKs are the trust anchor.
using System.Net;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Testing.Signing;

/// <summary>Describes zones to build into a <see cref="ZoneHierarchy"/>.</summary>
/// <param name="inception">Signature inception for zones given no options of their own.</param>
/// <param name="expiration">Signature expiration for zones given no options of their own.</param>
public sealed class ZoneHierarchyBuilder(
    uint inception = ZoneSigningOptions.DefaultInception,
    uint expiration = ZoneSigningOptions.DefaultExpiration)
{
    private readonly List<(DnsName Name, ZoneSigningOptions Options, List<ResourceRecord> Records)> _zones = [];

    /// <summary>
    /// Adds a signed zone. Without <paramref name="options"/> it gets an Ed25519 KSK + ZSK
    /// (<see cref="ZoneSigningOptions.For"/>), NSEC and the builder's window.
    /// </summary>
    /// <param name="name">The zone apex, e.g. <c>"."</c>, <c>"com."</c>, <c>"example.com."</c>.</param>
    /// <param name="options">Keys, denial and window; see <see cref="ZoneSigningOptions"/>.</param>
    /// <param name="records">Extra records (absolute owners).</param>
    /// <param name="text">Extra records in zone-file form, relative to the zone, default TTL 3600.</param>
    public ZoneHierarchyBuilder AddZone(string name, ZoneSigningOptions? options = null, IEnumerable<ResourceRecord>? records = null, string? text = null)
    {
        DnsName apex = DnsName.Parse(name);
        options ??= ZoneSigningOptions.For(apex) with { Inception = inception, Expiration = expiration };
        return Add(apex, options, records, text);
    }

    /// <summary>Adds a zone that is not signed; its parent delegates to it without a DS (an insecure delegation).</summary>
    public ZoneHierarchyBuilder AddUnsignedZone(string name, IEnumerable<ResourceRecord>? records = null, string? text = null) =>
        Add(DnsName.Parse(name), new ZoneSigningOptions { Keys = [] }, records, text);

    /// <summary>Signs every zone, children first, and links each to its parent.</summary>
    /// <exception cref="InvalidOperationException">No zones, a zone added twice, or more than one top zone.</exception>
    public ZoneHierarchy Build()
    {
        if (_zones.Count == 0)
        {
            throw new InvalidOperationException("Add at least one zone.");
        }

        var names = _zones.Select(z => z.Name).ToList();
        if (names.Distinct().Count() != names.Count)
        {
            throw new InvalidOperationException("A zone was added twice.");
        }

        DnsName? ParentOf(DnsName zone) => names
            .Where(n => zone.IsStrictSubdomainOf(n))
            .OrderByDescending(n => n.LabelCount)
            .FirstOrDefault();

        var tops = names.Where(n => ParentOf(n) is null).ToList();
        if (tops.Count != 1)
        {
            throw new InvalidOperationException($"The zones must form one tree; tops: {string.Join(", ", tops)}.");
        }

        var addresses = new Dictionary<DnsName, (IPAddress V4, IPAddress V6)>();
        for (int i = 0; i < _zones.Count; i++)
        {
            addresses[_zones[i].Name] = (
                new IPAddress([192, 0, 2, (byte)(i + 1)]),
                IPAddress.Parse($"2001:db8::{i + 1:x}"));
        }

        var signed = new Dictionary<DnsName, SignedZone>();
        foreach (var (name, options, extra) in _zones.OrderByDescending(z => z.Name.LabelCount))
        {
            DnsName ns = NameServerOf(name);
            var (v4, v6) = addresses[name];
            var records = new List<ResourceRecord>
            {
                new(name, 3600, new SoaData(ns, name.Prepend("hostmaster"), 1, 7200, 3600, 1_209_600, 300)),
                new(name, 3600, new NsData(ns)),
                new(ns, 3600, new AData(v4)),
                new(ns, 3600, new AaaaData(v6)),
            };
            records.AddRange(extra);
            foreach (DnsName child in names.Where(n => ParentOf(n) == name))
            {
                DnsName childNs = NameServerOf(child);
                var (childV4, childV6) = addresses[child];
                records.Add(new ResourceRecord(child, 3600, new NsData(childNs)));
                records.Add(new ResourceRecord(childNs, 3600, new AData(childV4)));
                records.Add(new ResourceRecord(childNs, 3600, new AaaaData(childV6)));
                if (signed[child].IsSigned)
                {
                    records.AddRange(signed[child].CreateDsRecords());
                }
            }

            signed[name] = ZoneSigner.Sign(records, options);
        }

        return new ZoneHierarchy([.. _zones.Select(z => signed[z.Name])], addresses);
    }

    /// <summary>The name server every built zone has: <c>ns1.</c> + the zone.</summary>
    public static DnsName NameServerOf(DnsName zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.Prepend("ns1");
    }

    private ZoneHierarchyBuilder Add(DnsName apex, ZoneSigningOptions options, IEnumerable<ResourceRecord>? records, string? text)
    {
        var list = new List<ResourceRecord>(records ?? []);
        if (text is not null)
        {
            list.AddRange(ZoneFileReader.Parse(text, apex, 3600));
        }

        _zones.Add((apex, options, list));
        return this;
    }
}

/// <summary>Zones built by <see cref="ZoneHierarchyBuilder"/>, with the trust anchor of the top zone.</summary>
public sealed class ZoneHierarchy
{
    private readonly Dictionary<DnsName, (IPAddress V4, IPAddress V6)> _addresses;

    internal ZoneHierarchy(IReadOnlyList<SignedZone> zones, Dictionary<DnsName, (IPAddress V4, IPAddress V6)> addresses)
    {
        Zones = zones;
        _addresses = addresses;
        Top = zones.OrderBy(z => z.Origin.LabelCount).First();
    }

    /// <summary>The zones, in the order they were added.</summary>
    public IReadOnlyList<SignedZone> Zones { get; }

    /// <summary>The top zone (usually the root), whose KSKs are the trust anchor.</summary>
    public SignedZone Top { get; }

    /// <summary>DS records for the top zone's KSKs (SHA-256), the usual form of a trust anchor.</summary>
    public IReadOnlyList<ResourceRecord> TrustAnchorDs => Top.CreateDsRecords();

    /// <summary>The top zone's KSK DNSKEY records, as a DNSKEY trust anchor.</summary>
    public IReadOnlyList<ResourceRecord> TrustAnchorDnskeys => Top.KskDnskeyRecords;

    /// <summary>The zone with apex <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such zone.</exception>
    public SignedZone this[string name] => this[DnsName.Parse(name)];

    /// <summary>The zone with apex <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such zone.</exception>
    public SignedZone this[DnsName name] => Zones.FirstOrDefault(z => z.Origin == name) ?? throw new KeyNotFoundException($"No zone {name}.");

    /// <summary>The name server of <paramref name="zone"/> (<c>ns1.</c> + the zone) and its addresses (192.0.2.n, 2001:db8::n).</summary>
    public (DnsName Name, IPAddress V4, IPAddress V6) NameServer(DnsName zone)
    {
        var (v4, v6) = _addresses[zone];
        return (ZoneHierarchyBuilder.NameServerOf(zone), v4, v6);
    }

    /// <summary>This hierarchy with one zone replaced by another with the same apex (e.g. a broken copy from <see cref="ZoneBreaker"/>).</summary>
    public ZoneHierarchy With(SignedZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        _ = this[zone.Origin];
        return new ZoneHierarchy([.. Zones.Select(z => z.Origin == zone.Origin ? zone : z)], _addresses);
    }
}

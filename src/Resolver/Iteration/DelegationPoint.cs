// DelegationPoint: a zone cut as the iterator knows it during one resolution — the zone's name, the
// names of its servers and whichever addresses are known for them (from root hints, referral glue,
// the cache, or lookups made along the way). It is per-resolution and mutable: addresses found by
// looking up glueless server names are added to it.
using System.Net;
using System.Net.Sockets;
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Iteration;

/// <summary>A zone and its servers, with the addresses known for them.</summary>
internal sealed class DelegationPoint
{
    private readonly List<(DnsName Name, IPEndPoint EndPoint)> _addresses = [];
    private readonly HashSet<DnsName> _lookedUp = [];
    private readonly List<(DnsName Name, IPEndPoint EndPoint)> _lastResort = [];

    public DelegationPoint(DnsName zone, IEnumerable<DnsName> nameServers)
    {
        Zone = zone;
        NameServers = [.. nameServers.Distinct()];
    }

    /// <summary>The zone's apex.</summary>
    public DnsName Zone { get; }

    /// <summary>The names of the zone's servers.</summary>
    public IReadOnlyList<DnsName> NameServers { get; }

    /// <summary>Every known server address.</summary>
    public IReadOnlyList<(DnsName Name, IPEndPoint EndPoint)> Addresses => _addresses;

    /// <summary>Adds an address of a server (duplicates ignored).</summary>
    public void AddAddress(DnsName name, IPEndPoint endPoint)
    {
        if (!_addresses.Exists(a => a.EndPoint.Equals(endPoint)))
        {
            _addresses.Add((name, endPoint));
        }
    }

    /// <summary>
    /// The next server name that has not been looked up yet and has no address, or null. With
    /// <paramref name="alsoKnown"/>, names whose addresses came only from glue or the cache count too:
    /// glue may be partial (an IPv4 address for a server also reachable over IPv6).
    /// </summary>
    public DnsName? NextToLookUp(bool alsoKnown = false)
    {
        foreach (DnsName ns in NameServers)
        {
            if (!_lookedUp.Contains(ns) && (alsoKnown || !_addresses.Exists(a => a.Name.Equals(ns))))
            {
                return ns;
            }
        }

        return null;
    }

    /// <summary>Notes that <paramref name="name"/> has been looked up.</summary>
    public void MarkLookedUp(DnsName name) => _lookedUp.Add(name);

    /// <summary>The root, from hints.</summary>
    public static DelegationPoint FromRootHints(RootHints hints, AddressFamilies families)
    {
        var dp = new DelegationPoint(DnsName.Root, hints.Servers.Select(s => s.Name));
        foreach (RootServer server in hints.ServersFor(families))
        {
            dp.AddAddress(server.Name, server.EndPoint);
        }

        return dp;
    }

    /// <summary>The child zone of a (scrubbed) referral, with its glue.</summary>
    public static DelegationPoint FromReferral(DnsMessage referral, DnsName child, int port, AddressFamilies families)
    {
        var dp = new DelegationPoint(child, referral.Authorities.Where(r => r.Data is NsData && r.Name.Equals(child)).Select(r => ((NsData)r.Data).NameServer));
        var names = new HashSet<DnsName>(dp.NameServers);
        foreach (ResourceRecord rr in referral.Additionals)
        {
            if (names.Contains(rr.Name) && AddressOf(rr.Data, families) is IPAddress address)
            {
                dp.AddAddress(rr.Name, new IPEndPoint(address, port));
            }
        }

        return dp;
    }

    /// <summary>
    /// Keeps the addresses a referral's additional section gave for the child's server names outside
    /// the referring zone's bailiwick — glue the scrubber removes (RFC 2181 §5.4.1) — as this
    /// delegation's last resort: when no other address of its servers can be found (a cycle between two
    /// zones' name servers, Deckard's iter_cycle_noh) they are asked rather than nothing. They are never
    /// cached, so they reach no other delegation, and the referring zone could have named any server anyway.
    /// </summary>
    public void KeepLastResortGlue(DnsMessage received, DnsName parent, int port, AddressFamilies families)
    {
        var names = new HashSet<DnsName>(NameServers);
        foreach (ResourceRecord rr in received.Additionals)
        {
            if (names.Contains(rr.Name) && !rr.Name.IsSubdomainOf(parent) && AddressOf(rr.Data, families) is IPAddress address)
            {
                _lastResort.Add((rr.Name, new IPEndPoint(address, port)));
            }
        }
    }

    /// <summary>Adds the last-resort glue (<see cref="KeepLastResortGlue"/>) once; returns how many addresses were new.</summary>
    public int UseLastResortGlue()
    {
        int before = _addresses.Count;
        foreach ((DnsName name, IPEndPoint endPoint) in _lastResort)
        {
            AddAddress(name, endPoint);
        }

        _lastResort.Clear();
        return _addresses.Count - before;
    }

    /// <summary>A configured stub zone; its servers are named by their addresses (there are no NS names).</summary>
    public static DelegationPoint FromStub(StubZone stub, AddressFamilies families)
    {
        var servers = stub.Servers.Where(s => families.Allows(s.Address)).ToList();
        if (servers.Count == 0)
        {
            servers = [.. stub.Servers];   // only servers of the other family configured: use them rather than none
        }

        var names = servers.Select(s => DnsName.Parse(s.Address.ToString().Replace(':', '-') + ".stub.invalid.")).ToList();
        var dp = new DelegationPoint(stub.Zone, names);
        for (int i = 0; i < servers.Count; i++)
        {
            dp.AddAddress(names[i], servers[i]);
        }

        return dp;
    }

    /// <summary>
    /// The deepest cached delegation at or above <paramref name="name"/> that has a server address or a
    /// server named outside itself (so its addresses can be found without asking it), or a configured
    /// stub zone if that is deeper; else the root hints.
    /// </summary>
    public static DelegationPoint Find(DnsCache cache, DnsName name, RootHints hints, int port, AddressFamilies families, IEnumerable<StubZone>? stubs = null)
    {
        for (DnsName n = name; !n.IsRoot; n = n.Parent)
        {
            // A stub zone overrides whatever the cache holds at or above its apex.
            if (stubs?.FirstOrDefault(s => s.Zone.Equals(n)) is { } stub)
            {
                return FromStub(stub, families);
            }

            CachedRrSet? ns = cache.GetRrSet(n, RrType.NS);
            if (ns is null)
            {
                continue;
            }

            var dp = new DelegationPoint(n, ns.RrSet.RrSet.Data.Cast<NsData>().Select(d => d.NameServer));
            dp.AddCachedAddresses(cache, port, families);
            if (dp.Addresses.Count > 0 || dp.NameServers.Any(s => !s.IsSubdomainOf(n)))
            {
                return dp;
            }
        }

        return FromRootHints(hints, families);
    }

    /// <summary>
    /// Adds the cached addresses (glue included: it serves only to reach servers, RFC 2181 §5.4.1)
    /// of server names that have none yet — a referral without glue for a server whose address an
    /// earlier response already gave needs no lookup.
    /// </summary>
    public void AddCachedAddresses(DnsCache cache, int port, AddressFamilies families)
    {
        foreach (DnsName server in NameServers)
        {
            if (_addresses.Exists(a => a.Name.Equals(server)))
            {
                continue;
            }

            foreach (RrType type in families.AddressTypes)
            {
                AddCached(this, cache, server, type, port, families);
            }
        }
    }

    /// <summary>
    /// Adds the parent-side addresses (referral glue, <see cref="DnsCache.SetParentSide"/>) of the
    /// zone's server names that are not known yet: the last resort when the addresses the child's
    /// own answers gave all failed (Unbound's parent-side glue, Deckard's iter_pcdiff). Returns how
    /// many were added.
    /// </summary>
    public int AddParentSideAddresses(DnsCache cache, int port, AddressFamilies families)
    {
        int before = _addresses.Count;
        foreach (DnsName server in NameServers)
        {
            foreach (RrType type in families.AddressTypes)
            {
                AddCached(this, cache.GetParentSide(server, type), server, port, families);
            }
        }

        return _addresses.Count - before;
    }

    private static void AddCached(DelegationPoint dp, DnsCache cache, DnsName server, RrType type, int port, AddressFamilies families) =>
        AddCached(dp, cache.GetRrSet(server, type), server, port, families);

    private static void AddCached(DelegationPoint dp, CachedRrSet? set, DnsName server, int port, AddressFamilies families)
    {
        if (set is null)
        {
            return;
        }

        foreach (RecordData data in set.RrSet.RrSet.Data)
        {
            if (AddressOf(data, families) is IPAddress address)
            {
                dp.AddAddress(server, new IPEndPoint(address, port));
            }
        }
    }

    /// <summary>The address in an A or AAAA record data, when its family is allowed; null otherwise.</summary>
    public static IPAddress? AddressOf(RecordData data, AddressFamilies families) => data switch
    {
        AData a when families.IPv4 => a.Address,
        AaaaData aaaa when families.IPv6 && aaaa.Address.AddressFamily == AddressFamily.InterNetworkV6 => aaaa.Address,
        _ => null,
    };
}

// RootHints: where iteration starts — the names and addresses of the root servers. The IANA hints
// (named.root of April 18, 2024, root zone 2024041801) are built in as data; any file in the same
// standard format (NS records at the root plus A/AAAA for their targets) replaces them, read with
// ZoneFileReader. Hints carry full endpoints, so tests and labs can point a resolver at servers on
// loopback ports other than 53.
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver;

/// <summary>One root server: its name and one of its addresses (with port).</summary>
/// <param name="Name">The server's host name.</param>
/// <param name="EndPoint">Its address and port.</param>
public sealed record RootServer(DnsName Name, IPEndPoint EndPoint);

/// <summary>The root servers iteration starts from.</summary>
public sealed class RootHints
{
    // IANA named.root, last update April 18, 2024 (root zone 2024041801): a–m.root-servers.net.
    private static readonly (string Name, string V4, string V6)[] s_iana =
    [
        ("a", "198.41.0.4", "2001:503:ba3e::2:30"),
        ("b", "170.247.170.2", "2801:1b8:10::b"),
        ("c", "192.33.4.12", "2001:500:2::c"),
        ("d", "199.7.91.13", "2001:500:2d::d"),
        ("e", "192.203.230.10", "2001:500:a8::e"),
        ("f", "192.5.5.241", "2001:500:2f::f"),
        ("g", "192.112.36.4", "2001:500:12::d0d"),
        ("h", "198.97.190.53", "2001:500:1::53"),
        ("i", "192.36.148.17", "2001:7fe::53"),
        ("j", "192.58.128.30", "2001:503:c27::2:30"),
        ("k", "193.0.14.129", "2001:7fd::1"),
        ("l", "199.7.83.42", "2001:500:9f::42"),
        ("m", "202.12.27.33", "2001:dc3::35"),
    ];

    /// <summary>Creates hints from explicit servers.</summary>
    /// <exception cref="ArgumentException">No servers are given.</exception>
    public RootHints(IEnumerable<RootServer> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        Servers = [.. servers];
        if (Servers.IsEmpty)
        {
            throw new ArgumentException("Root hints need at least one server.", nameof(servers));
        }
    }

    /// <summary>The IANA root servers (a–m.root-servers.net, IPv4 and IPv6, port 53).</summary>
    public static RootHints Iana { get; } = new(s_iana.SelectMany(s => new[]
    {
        new RootServer(DnsName.Parse(s.Name + ".root-servers.net."), new IPEndPoint(IPAddress.Parse(s.V4), 53)),
        new RootServer(DnsName.Parse(s.Name + ".root-servers.net."), new IPEndPoint(IPAddress.Parse(s.V6), 53)),
    }));

    /// <summary>Every server address, in the order given.</summary>
    public ImmutableArray<RootServer> Servers { get; }

    /// <summary>
    /// Reads hints in the standard root-hints format (named.root): NS records owned by the root and
    /// A/AAAA records for their targets. Addresses of names that are not root NS targets are ignored.
    /// </summary>
    /// <param name="text">The hints file's text.</param>
    /// <param name="port">The port of every server (53 normally).</param>
    /// <exception cref="DnsFormatException">The text is malformed.</exception>
    /// <exception cref="ArgumentException">The text names no root server with an address.</exception>
    public static RootHints Parse(string text, int port = 53)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        IReadOnlyList<ResourceRecord> records = ZoneFileReader.Parse(text);
        var names = new HashSet<DnsName>(records.Where(r => r.Name.IsRoot && r.Data is NsData).Select(r => ((NsData)r.Data).NameServer));
        var servers = new List<RootServer>();
        foreach (ResourceRecord rr in records)
        {
            IPAddress? address = rr.Data switch
            {
                AData a => a.Address,
                AaaaData aaaa => aaaa.Address,
                _ => null,
            };
            if (address is not null && names.Contains(rr.Name))
            {
                servers.Add(new RootServer(rr.Name, new IPEndPoint(address, port)));
            }
        }

        return servers.Count == 0
            ? throw new ArgumentException("The root hints name no root server with an address.", nameof(text))
            : new RootHints(servers);
    }

    /// <summary>The servers of the given address families.</summary>
    internal IEnumerable<RootServer> ServersFor(AddressFamilies families) =>
        Servers.Where(s => families.Allows(s.EndPoint.Address));
}

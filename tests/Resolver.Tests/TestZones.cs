// TestZones: helpers shared by the resolver tests — a three-level hierarchy (root, test., example.test.)
// on an in-process TestDnsNetwork, and iterators wired to it with root hints pointing at its root server.
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using Resolver.Transport;
using Resolver.Validation;

namespace Resolver.Tests;

internal static class TestZones
{
    public static string Soa(string origin) =>
        $"$ORIGIN {origin}\n@ 3600 IN SOA ns hostmaster 1 7200 3600 1209600 300\n";

    /// <summary>Servers: 0 root, 1 test., 2 example.test. (+ whatever <paramref name="extra"/> adds).</summary>
    public static TestDnsNetwork ThreeLevels(int servers = 3)
    {
        TestDnsNetwork net = TestDnsNetwork.Start(servers);
        net[0].AddZone(".", Soa(".") + $"""
            @ NS a.root-servers.test.
            test. NS ns1.test.
            ns1.test. A {net[1].Address}
            a.root-servers.test. A {net[0].Address}
            """);
        net[1].AddZone("test.", Soa("test.") + $"""
            @ NS ns1
            ns1 A {net[1].Address}
            example NS ns1.example
            ns1.example A {net[2].Address}
            """);
        net[2].AddZone("example.test.", Soa("example.test.") + $"""
            @ NS ns1
            ns1 A {net[2].Address}
            www 300 A 192.0.2.1
            www AAAA 2001:db8::1
            alias CNAME www
            """);
        return net;
    }

    public static IterationOptions Options(TestDnsNetwork net, int rootIndex = 0) => new()
    {
        RootHints = new RootHints([new RootServer(DnsName.Parse("a.root-servers.test."), net[rootIndex].EndPoint)]),
        ServerPort = net.Port,
    };

    public static TransportOptions FastTransport() => new()
    {
        UdpTimeout = TimeSpan.FromSeconds(1),   // generous: a loaded CI machine must not turn a slow answer into a timeout
        TcpConnectTimeout = TimeSpan.FromMilliseconds(500),
        TcpReadTimeout = TimeSpan.FromSeconds(2),
    };

    public static RecursiveIterator Iterator(TestDnsNetwork net, out DnsCache cache, TimeProvider? time = null, Action<IterationOptions>? configure = null)
    {
        cache = new DnsCache(new DnsCacheOptions(), time ?? TimeProvider.System);
        IterationOptions options = Options(net);
        configure?.Invoke(options);
        return new RecursiveIterator(new DnsTransport(), cache, options, FastTransport(), delegationProofs: new DelegationProofs(cache, new ValidatorOptions()));
    }

    public static DnsQuestion Q(string name, RrType type = RrType.A) => new(DnsName.Parse(name), type);

    public static IPAddress[] Addresses(IterationResult result) =>
        [.. result.Answers[^1].RrSet.RrSet.Data.Select(d => d switch
        {
            Resolver.Protocol.Records.AData a => a.Address,
            Resolver.Protocol.Records.AaaaData a => a.Address,
            _ => IPAddress.None,
        })];
}

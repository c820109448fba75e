// RefetchTests: IDnsIterator.RefetchAsync on the recursive iterator — asking again after data
// failed validation goes past the cache and skips the servers distrusted for the zone (Unbound's
// per-query blacklist); with every server of the zone distrusted it fails instead of asking them
// again, and a server distrusted for one zone is still asked about another.
using System.Net;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Iteration;

public sealed class RefetchTests
{
    [Fact]
    public async Task Refetch_skips_the_cache_and_the_distrusted_server()
    {
        await using TestDnsNetwork net = TwoServersForExample();
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        IterationResult first = await iterator.ResolveAsync(Q("www.example.test."), default);
        Assert.Equal(IterationStatus.Answer, first.Status);
        IPEndPoint firstServer = first.Server!;

        var distrust = new ServerDistrust();
        distrust.Add(DnsName.Parse("example.test."), firstServer);
        IterationResult? again = await iterator.RefetchAsync(Q("www.example.test."), distrust, default);

        Assert.NotNull(again);
        Assert.Equal(IterationStatus.Answer, again.Status);
        Assert.NotNull(again.Server);
        Assert.NotEqual(firstServer, again.Server);
        Assert.Equal(1, again.UpstreamQueries);   // not from the cache, one question to the other server
        cache.Dispose();
    }

    [Fact]
    public async Task Refetch_with_every_server_distrusted_fails_without_asking_them()
    {
        await using TestDnsNetwork net = TwoServersForExample();
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        await iterator.ResolveAsync(Q("www.example.test."), default);
        var distrust = new ServerDistrust();
        distrust.Add(DnsName.Parse("example.test."), net[2].EndPoint);
        distrust.Add(DnsName.Parse("example.test."), net[3].EndPoint);
        int before = net[2].Queries.Count + net[3].Queries.Count;

        IterationResult? again = await iterator.RefetchAsync(Q("www.example.test."), distrust, default);

        Assert.NotNull(again);
        Assert.Equal(IterationStatus.ServerFailure, again.Status);
        Assert.Contains("failed validation", again.FailureReason);
        Assert.Equal(before, net[2].Queries.Count + net[3].Queries.Count);
        cache.Dispose();
    }

    [Fact]
    public async Task Distrust_is_per_zone()
    {
        // The parent's server, distrusted for example.test. only, still answers for test.
        await using TestDnsNetwork net = TwoServersForExample();
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        var distrust = new ServerDistrust();
        distrust.Add(DnsName.Parse("example.test."), net[1].EndPoint);

        IterationResult? result = await iterator.RefetchAsync(Q("ns1.test."), distrust, default);

        Assert.NotNull(result);
        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal(net[1].EndPoint, result.Server);
        cache.Dispose();
    }

    // example.test. served by net[2] and net[3] (same data).
    private static TestDnsNetwork TwoServersForExample()
    {
        TestDnsNetwork net = TestDnsNetwork.Start(4);
        net[0].AddZone(".", Soa(".") + $"test. NS ns1.test.\nns1.test. A {net[1].Address}\n");
        net[1].AddZone("test.", Soa("test.") + $"""
            @ NS ns1
            ns1 A {net[1].Address}
            example NS a.example
            example NS b.example
            a.example A {net[2].Address}
            b.example A {net[3].Address}
            """);
        string zone = Soa("example.test.") + "www A 192.0.2.1\n";
        net[2].AddZone("example.test.", zone);
        net[3].AddZone("example.test.", zone);
        return net;
    }
}

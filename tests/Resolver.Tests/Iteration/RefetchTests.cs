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
        int before = net[2].CountQueries("www.example.test.", RrType.A) + net[3].CountQueries("www.example.test.", RrType.A);

        IterationResult? again = await iterator.RefetchAsync(Q("www.example.test."), distrust, default);

        // The question is not asked of them again (their own addresses may be looked up, to find
        // others: none here).
        Assert.NotNull(again);
        Assert.Equal(IterationStatus.ServerFailure, again.Status);
        Assert.Contains("failed validation", again.FailureReason);
        Assert.Equal(before, net[2].CountQueries("www.example.test.", RrType.A) + net[3].CountQueries("www.example.test.", RrType.A));
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

    [Fact]
    public async Task Refetch_with_the_glued_addresses_distrusted_looks_up_the_servers_other_addresses()
    {
        // Regression (conformance unbound/ds_wildcard_cname): the referral's glue names only one
        // address of the zone's server; with it distrusted the re-fetch gave up. The server name's
        // full address set is looked up (from the distrusted server too: an address is no DNSSEC data
        // of the zone) and the other address is asked.
        await using TestDnsNetwork net = TestDnsNetwork.Start(4);
        net[0].AddZone(".", Soa(".") + $"test. NS ns1.test.\nns1.test. A {net[1].Address}\n");
        net[1].AddZone("test.", Soa("test.") + $"@ NS ns1\nns1 A {net[1].Address}\nexample NS a.example\na.example A {net[2].Address}\n");
        string zone = Soa("example.test.") + $"@ NS a\na A {net[2].Address}\na A {net[3].Address}\nwww A 192.0.2.1\n";
        net[2].AddZone("example.test.", zone);
        net[3].AddZone("example.test.", zone);
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        IterationResult first = await iterator.ResolveAsync(Q("www.example.test."), default);
        Assert.Equal(net[2].EndPoint, first.Server);

        var distrust = new ServerDistrust();
        distrust.Add(DnsName.Parse("example.test."), net[2].EndPoint);
        IterationResult? again = await iterator.RefetchAsync(Q("www.example.test."), distrust, default);

        Assert.NotNull(again);
        Assert.Equal(IterationStatus.Answer, again.Status);
        Assert.Equal(net[3].EndPoint, again.Server);
        cache.Dispose();
    }

    [Fact]
    public async Task Refetch_forgets_a_cached_alias_at_the_name()
    {
        // Regression (conformance unbound/ds_wildcard_cname): a forged CNAME cached at the name kept
        // redirecting later lookups after the re-fetch had found the real data.
        await using TestDnsNetwork net = TwoServersForExample();
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        DnsName www = DnsName.Parse("www.example.test.");
        cache.SetRrSet(new SignedRrSet(new RrSet(www, RrClass.IN, RrType.CNAME, 300, [new Resolver.Protocol.Records.CnameData(DnsName.Parse("elsewhere.test."))]), []),
            DnsName.Parse("example.test."), CacheTrust.Answer);
        Assert.Equal(RrType.CNAME, (await iterator.ResolveAsync(Q("www.example.test."), default)).Answers[0].RrSet.RrSet.Type);

        IterationResult? again = await iterator.RefetchAsync(Q("www.example.test."), new ServerDistrust(), default);
        IterationResult later = await iterator.ResolveAsync(new DnsQuestion(www, RrType.TXT), default);

        // Another type at the name (as the zone's DNSKEY after its DS) no longer follows the alias.
        Assert.Equal(IterationStatus.Answer, again!.Status);
        Assert.Empty(again.Aliases);
        Assert.Empty(later.Aliases);
        Assert.Equal(IterationStatus.NoData, later.Status);
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

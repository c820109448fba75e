// ApexNsSetsTests: the parent's and the child's NS RRsets of one cut (RFC 2181 §5.4.1 ranking). The
// child's own set, learnt from the authority section of an authoritative answer, replaces the
// parent's referral copy and is used when the servers the parent named die; it never outlives the
// NS RRset it replaced (ghost domains, CVE-2012-1192); and when the child's servers all turn lame
// while the parent points elsewhere (a domain sale), the parent's new delegation is followed and
// replaces the child's copy.
using System.Net;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Iteration;

public sealed class ApexNsSetsTests
{
    private static readonly DnsName Example = DnsName.Parse("example.test.");

    [Fact]
    public async Task Child_ns_set_outranks_the_referral_and_its_other_server_answers_when_the_first_dies()
    {
        // test. names only ns1.example.test.; the zone's own NS RRset adds ns.other., served elsewhere.
        await using TestDnsNetwork net = TestDnsNetwork.Start(5);
        net[0].AddZone(".", Soa(".") + $"""
            test. NS ns1.test.
            ns1.test. A {net[1].Address}
            other. NS ns1.other.
            ns1.other. A {net[3].Address}
            """);
        net[1].AddZone("test.", Soa("test.") + $"example NS ns1.example\nns1.example A {net[2].Address}\n");
        net[3].AddZone("other.", Soa("other.") + $"ns A {net[4].Address}\n");
        string zone = Soa("example.test.") + "www 300 A 192.0.2.1\nmail 300 A 192.0.2.2\n";
        net[2].AddZone("example.test.", zone);
        net[4].AddZone("example.test.", zone);
        net[2].Rewrite = WithApexNs("ns1.example.test.", "ns.other.");
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o => o.MaxAttemptsPerServer = 2);
        Assert.Equal(IterationStatus.Answer, (await iterator.ResolveAsync(Q("www.example.test."), default)).Status);

        CachedRrSet? ns = cache.GetRrSet(Example, RrType.NS);
        Assert.Equal(CacheTrust.ChildNs, ns?.Trust);
        Assert.Equal(2, ns!.RrSet.RrSet.Data.Length);

        net[2].Silent = true;   // the one server the parent names dies
        IterationResult result = await iterator.ResolveAsync(Q("mail.example.test."), default);
        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.2")], Addresses(result));
        Assert.Equal(1, net[4].CountQueries("mail.example.test.", RrType.A));
        cache.Dispose();
    }

    [Fact]
    public async Task Child_ns_copy_never_outlives_the_ns_set_it_replaces()
    {
        await using TestDnsNetwork net = TestDnsNetwork.Start(3);
        net[0].AddZone(".", Soa(".") + $"test. NS ns1.test.\nns1.test. A {net[1].Address}\n");
        net[1].AddZone("test.", Soa("test.") + $"example 300 NS ns1.example\nns1.example A {net[2].Address}\n");
        net[2].AddZone("example.test.", Soa("example.test.") + "www A 192.0.2.1\n");
        net[2].Rewrite = WithApexNs("ns1.example.test.");   // TTL 86,400 in the child's copy
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        Assert.Equal(IterationStatus.Answer, (await iterator.ResolveAsync(Q("www.example.test."), default)).Status);

        CachedRrSet? ns = cache.GetRrSet(Example, RrType.NS);
        Assert.Equal(CacheTrust.ChildNs, ns?.Trust);
        Assert.InRange(ns!.RemainingTtl(cache.Now), 1u, 300u);
        cache.Dispose();
    }

    [Fact]
    public async Task Domain_sale_old_servers_refuse_and_the_parents_new_delegation_replaces_the_child_copy()
    {
        await using TestDnsNetwork net = TestDnsNetwork.Start(4);
        net[0].AddZone(".", Soa(".") + $"test. NS ns1.test.\nns1.test. A {net[1].Address}\n");
        net[1].AddZone("test.", Soa("test.") + $"example NS ns1.example\nns1.example A {net[2].Address}\n");
        net[2].AddZone("example.test.", Soa("example.test.") + "www 300 A 192.0.2.1\n");
        net[2].Rewrite = WithApexNs("ns1.example.test.");
        net[3].AddZone("example.test.", Soa("example.test.") + "www 300 A 192.0.2.1\nmail 300 A 192.0.2.9\n");
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        Assert.Equal(IterationStatus.Answer, (await iterator.ResolveAsync(Q("www.example.test."), default)).Status);
        Assert.Equal(CacheTrust.ChildNs, cache.GetRrSet(Example, RrType.NS)?.Trust);

        // The domain is sold: its old server refuses the zone, the parent names the new operator's.
        net[2].ForcedResponseCode = ResponseCode.Refused;
        net[1].AddZone("test.", Soa("test.") + $"example NS ns.newhost\nns.newhost A {net[3].Address}\n");
        IterationResult result = await iterator.ResolveAsync(Q("mail.example.test."), default);
        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.9")], Addresses(result));

        NsData only = Assert.IsType<NsData>(Assert.Single(cache.GetRrSet(Example, RrType.NS)!.RrSet.RrSet.Data));
        Assert.Equal(DnsName.Parse("ns.newhost.test."), only.NameServer);
        int oldServerQueries = net[2].Queries.Count;
        Assert.Equal(IterationStatus.NoData, (await iterator.ResolveAsync(Q("www.example.test.", RrType.AAAA), default)).Status);
        Assert.Equal(oldServerQueries, net[2].Queries.Count);   // the next question goes straight to the new server
        cache.Dispose();
    }

    // Adds the zone's apex NS RRset to the authority section of every authoritative answer with data,
    // as real servers do (the in-process server leaves it out).
    private static Func<DnsMessage, DnsMessage, DnsMessage> WithApexNs(params string[] servers) => (query, response) =>
    {
        if (response.IsAuthoritativeAnswer && response.Answers.Count > 0)
        {
            foreach (string server in servers)
            {
                response.Authorities.Add(new ResourceRecord(Example, 86400, new NsData(DnsName.Parse(server))));
            }
        }

        return response;
    };
}

// UpwardReferralTests: a server that does not serve the zone it was asked about may answer with an
// empty answer and an NS RRset above the zone (an old BIND's "upward referral" to the root), AA set
// or not. Unbound's response_type_from_server takes an NS set above the delegation point for lame
// whatever AA says. The scrubber would strip those out-of-zone records and leave what looks like
// an authoritative NODATA, so the iterator must judge the raw response: the server is lame for the
// zone, its other servers are asked, and with none left the resolution fails (Unbound's
// iter_lame_aaaa), rather than caching a false NODATA.
using System.Net;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Iteration;

public sealed class UpwardReferralTests
{
    [Fact]
    public async Task Authoritative_upward_referral_is_lame_not_nodata()
    {
        await using TestDnsNetwork net = ThreeLevels();
        net[2].Rewrite = (query, answer) => query.Questions[0].Type == RrType.AAAA ? UpwardReferral(query) : answer;
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);

        Assert.Equal(IterationStatus.Answer, (await iterator.ResolveAsync(Q("www.example.test."), default)).Status);
        IterationResult result = await iterator.ResolveAsync(Q("www.example.test.", RrType.AAAA), default);

        Assert.NotEqual(IterationStatus.NoData, result.Status);
        Assert.NotEqual(IterationStatus.Answer, result.Status);
        cache.Dispose();
    }

    [Fact]
    public async Task Upward_referral_from_one_server_sends_the_query_to_the_other()
    {
        await using TestDnsNetwork net = TestDnsNetwork.Start(4);
        net[0].AddZone(".", Soa(".") + $"""
            @ NS a.root-servers.test.
            a.root-servers.test. A {net[0].Address}
            test. NS ns1.test.
            ns1.test. A {net[1].Address}
            """);
        net[1].AddZone("test.", Soa("test.") + $"""
            @ NS ns1
            ns1 A {net[1].Address}
            example NS ns1.example
            example NS ns2.example
            ns1.example A {net[2].Address}
            ns2.example A {net[3].Address}
            """);
        string example = Soa("example.test.") + "@ NS ns1\n@ NS ns2\nwww A 192.0.2.1\nwww AAAA 2001:db8::1\n";
        net[2].AddZone("example.test.", example);
        net[3].AddZone("example.test.", example);
        net[2].Rewrite = (query, answer) => UpwardReferral(query);   // ns2 (net[3]) is healthy
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);

        IterationResult result = await iterator.ResolveAsync(Q("www.example.test.", RrType.AAAA), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        cache.Dispose();
    }

    private static DnsMessage UpwardReferral(DnsMessage query)
    {
        var message = new DnsMessage { Id = query.Id, IsResponse = true, IsAuthoritativeAnswer = true };
        message.Questions.Add(query.Questions[0]);
        message.Authorities.Add(new ResourceRecord(DnsName.Root, 3600, new NsData(DnsName.Parse("a.root-servers.test."))));
        return message;
    }
}

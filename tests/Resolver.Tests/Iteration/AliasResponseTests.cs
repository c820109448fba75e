// AliasResponseTests: what the iterator takes from a DNAME response (RFC 6672), or a chased
// CNAME, against in-process authoritative servers. A CNAME beside a DNAME that is not its
// synthesis is dropped and its target never cached (§2.2, §5.3.1); the rest of the chain in a
// DNAME response is not taken as the answer for the target — AA speaks for the query name only
// (RFC 1035 §4.1.1) — so the target is asked for in its own right (Unbound's
// iter_scrub_dname_sec). A CNAME question that a server answers NXDOMAIN after chasing the CNAME
// itself is followed to the name the error is about (RFC 6604 §3). A DNAME whose substitution
// would overflow is a YXDOMAIN answer carrying the DNAME (RFC 6672 §2.2), not a lame server.
using System.Net;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;
using Resolver.Testing.Servers;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Iteration;

public sealed class AliasResponseTests
{
    private static ResourceRecord Rr(string text) => ZoneFileReader.ParseRecord(text);

    // example.test. on net[2]: dn DNAME new.example.test., www.new A 192.0.2.44; the answer to
    // www.dn.example.test. A gets extra records appended by the test.
    private static TestDnsNetwork DnameNetwork(params string[] appended)
    {
        TestDnsNetwork net = ThreeLevels();
        net[2].AddZone("example.test.", Soa("example.test.") + "dn DNAME new.example.test.\nwww.new A 192.0.2.44\n");
        net[2].Rewrite = (query, response) =>
        {
            if (query.Questions[0].Name == DnsName.Parse("www.dn.example.test."))
            {
                foreach (string text in appended)
                {
                    response.Answers.Add(Rr(text));
                }
            }

            return response;
        };
        return net;
    }

    [Fact]
    public async Task Cname_beside_a_dname_that_is_not_its_synthesis_is_dropped_and_its_target_not_cached()
    {
        await using TestDnsNetwork net = DnameNetwork(
            "www.dn.example.test. 3600 IN CNAME evil.example.test.",
            "evil.example.test. 3600 IN A 192.0.2.66");
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        IterationResult result = await iterator.ResolveAsync(Q("www.dn.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal(DnsName.Parse("www.new.example.test."), result.FinalName);
        Assert.Equal([IPAddress.Parse("192.0.2.44")], Addresses(result));
        Assert.DoesNotContain(result.Answers, a => a.RrSet.RrSet.Data[0] is CnameData c && c.Target == DnsName.Parse("evil.example.test."));
        Assert.Null(cache.GetRrSet(DnsName.Parse("evil.example.test."), RrType.A));
        Assert.Null(cache.GetRrSet(DnsName.Parse("www.dn.example.test."), RrType.CNAME));
        cache.Dispose();
    }

    [Fact]
    public async Task Rest_of_the_chain_in_a_dname_response_is_not_taken_the_target_is_asked()
    {
        await using TestDnsNetwork net = DnameNetwork(
            "www.dn.example.test. 3600 IN CNAME www.new.example.test.",
            "www.new.example.test. 3600 IN A 192.0.2.99");
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        IterationResult result = await iterator.ResolveAsync(Q("www.dn.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.44")], Addresses(result));
        Assert.Equal(1, net[2].CountQueries("www.new.example.test.", RrType.A));
        cache.Dispose();
    }

    [Fact]
    public async Task Cname_question_answered_nxdomain_by_a_server_that_chased_it_follows_the_chain_Rfc6604Section3()
    {
        await using TestDnsNetwork net = ThreeLevels();
        net[2].AddZone("example.test.", Soa("example.test.") + "alias CNAME nothere\n");
        net[2].Rewrite = (query, response) =>
        {
            if (query.Questions[0].Name == DnsName.Parse("alias.example.test."))
            {
                response.ResponseCode = ResponseCode.NXDomain;   // the server chased the CNAME to a name error
            }

            return response;
        };
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        IterationResult result = await iterator.ResolveAsync(Q("alias.example.test.", RrType.CNAME), default);

        Assert.Equal(IterationStatus.NxDomain, result.Status);
        AliasLink link = Assert.Single(result.Aliases);
        Assert.Equal(DnsName.Parse("nothere.example.test."), link.Target);
        Assert.Null(cache.GetNegative(DnsName.Parse("alias.example.test."), RrType.CNAME, RrClass.IN));
        cache.Dispose();
    }

    [Fact]
    public async Task Dname_whose_substitution_overflows_is_answered_yxdomain_with_the_dname_Rfc6672Section2_2()
    {
        // dn.example.test. DNAME to a 252-octet name: "www." in front makes 256 octets, too long.
        string target = string.Join('.', new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 58)) + ".";
        await using TestDnsNetwork net = ThreeLevels();
        net[2].AddZone("example.test.", Soa("example.test.") + $"dn DNAME {target}\n");
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        IterationResult result = await iterator.ResolveAsync(Q("www.dn.example.test."), default);

        Assert.Equal(IterationStatus.YxDomain, result.Status);
        Assert.Equal(ResponseCode.YXDomain, result.ResponseCode);
        ZonedRrSet dname = Assert.Single(result.Answers);
        Assert.Equal(RrType.DNAME, dname.RrSet.RrSet.Type);

        // Another overlong name below the DNAME is answered from the cached DNAME.
        IterationResult cached = await iterator.ResolveAsync(Q("xyz.dn.example.test."), default);
        Assert.Equal(IterationStatus.YxDomain, cached.Status);
        Assert.Equal(0, cached.UpstreamQueries);
        cache.Dispose();
    }
}

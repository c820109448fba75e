// RecursionLameTests: a delegation may name a recursive resolver instead of an authoritative server;
// it answers from its cache with RA set and AA clear, and its data may be stale or wrong. Unbound
// calls it recursion-lame (iter_ranoaa_lame) and its server selection uses such servers only when
// nothing else is left. The iterator does the same: the zone's other servers are asked first (their
// addresses looked up if need be), and the recursor's answer is used only when none of them answers
// — many servers, and corpus files, set RA without AA, so a zone with only such servers still works.
using System.Net;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Iteration;

public sealed class RecursionLameTests
{
    [Fact]
    public async Task Answer_with_RA_and_without_AA_gives_way_to_an_authoritative_server()
    {
        await using TestDnsNetwork net = TestDnsNetwork.Start(4);
        net[0].AddZone(".", Soa(".") + $"""
            @ NS a.root-servers.test.
            a.root-servers.test. A {net[0].Address}
            test. NS ns1.test.
            other. NS ns1.test.
            ns1.test. A {net[1].Address}
            """);
        // The recursor (net[2]) has glue, so it is asked first; the authoritative server is named
        // without glue in other. and must be looked up.
        net[1].AddZone("test.", Soa("test.") + $"""
            @ NS ns1
            ns1 A {net[1].Address}
            example NS ns1.example
            example NS ns.other.
            ns1.example A {net[2].Address}
            """);
        net[1].AddZone("other.", Soa("other.") + $"ns A {net[3].Address}\n");
        net[2].AddZone("example.test.", Soa("example.test.") + "www A 192.0.2.66\n");
        net[2].Rewrite = (query, answer) => Recursive(answer);
        net[3].AddZone("example.test.", Soa("example.test.") + "www A 192.0.2.1\n");
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);

        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.1")], Addresses(result));
        cache.Dispose();
    }

    [Fact]
    public async Task Zone_served_only_by_a_recursor_still_answers()
    {
        await using TestDnsNetwork net = ThreeLevels();
        net[2].Rewrite = (query, answer) => Recursive(answer);
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);

        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.1")], Addresses(result));
        cache.Dispose();
    }

    private static DnsMessage Recursive(DnsMessage answer)
    {
        answer.IsAuthoritativeAnswer = false;
        answer.RecursionAvailable = true;
        return answer;
    }
}

// QNAME minimisation (RFC 9156, IterationOptions.QnameMinimisation) in relaxed mode: each server is
// asked one label more than its zone (type A); an empty non-terminal answered with NXDOMAIN, REFUSED,
// SERVFAIL or nothing at all sends the full name instead (§3, Unbound's qname-minimisation-strict:
// no), without costing the server its retransmissions or a lame mark; and a long name reveals
// several labels per step after the first MINIMISE_ONE_LAB so that at most MAX_MINIMISE_COUNT
// queries are spent on it (§2.3).
using System.Diagnostics;
using System.Net;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Iteration;

public sealed class QnameMinimisationTests
{
    private static readonly DnsName s_full = DnsName.Parse("a.b.c.example.test.");

    // ThreeLevels with a.b.c.example.test. (b.c and c are empty non-terminals) on server 2, which
    // answers the minimised names below its zone with `broken` (full name and zone apex untouched).
    private static TestDnsNetwork WithBrokenEnts(Func<DnsMessage, DnsMessage>? broken = null, bool drop = false)
    {
        TestDnsNetwork net = ThreeLevels();
        net[2].AddZone("example.test.", Soa("example.test.") + "@ NS ns1\nns1 A " + net[2].Address + "\na.b.c 300 A 192.0.2.5\n");
        static bool IsEnt(DnsMessage query) =>
            query.Questions[0].Name.IsStrictSubdomainOf(DnsName.Parse("example.test.")) && query.Questions[0].Name != s_full
            && query.Questions[0].Name != DnsName.Parse("ns1.example.test.");
        if (drop)
        {
            net[2].DropUdp = IsEnt;
        }

        if (broken is not null)
        {
            net[2].Rewrite = (query, response) => IsEnt(query) ? broken(response) : response;
        }

        return net;
    }

    private static DnsMessage Rcode(DnsMessage response, ResponseCode code)
    {
        response.ResponseCode = code;
        response.IsAuthoritativeAnswer = code == ResponseCode.NXDomain;
        response.Answers.Clear();
        if (code != ResponseCode.NXDomain)
        {
            response.Authorities.Clear();
        }

        response.Additionals.Clear();
        return response;
    }

    private static async Task<(IterationResult Result, TestDnsNetwork Net)> ResolveAsync(TestDnsNetwork net, Action<IterationOptions>? configure = null)
    {
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o =>
        {
            o.QnameMinimisation = true;
            configure?.Invoke(o);
        });
        IterationResult result = await iterator.ResolveAsync(new DnsQuestion(s_full, RrType.A), default);
        cache.Dispose();
        return (result, net);
    }

    private static void AssertAnswered(IterationResult result)
    {
        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.5")], Addresses(result));
    }

    [Fact]
    public async Task Minimised_queries_reveal_one_label_at_a_time_to_the_zone_server()
    {
        await using TestDnsNetwork net = WithBrokenEnts();
        (IterationResult result, _) = await ResolveAsync(net);

        AssertAnswered(result);
        Assert.Equal(["c.example.test.", "b.c.example.test.", "a.b.c.example.test."], net[2].Queries.Select(q => q.Question.Name.ToString()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_silent_server_for_a_minimised_name_gets_the_full_name_without_retransmissions(bool silentForAllElse)
    {
        await using TestDnsNetwork net = WithBrokenEnts(drop: true);
        if (silentForAllElse)
        {
            // Not even its own address (known from glue) is answered: the minimised query must not go
            // on to look up more addresses of the zone's servers, asking the same silent server.
            net[2].DropUdp = q => q.Questions[0].Name != s_full && q.Questions[0].Name.IsStrictSubdomainOf(DnsName.Parse("example.test."));
        }

        var clock = Stopwatch.StartNew();
        (IterationResult result, _) = await ResolveAsync(net);

        AssertAnswered(result);
        // One try for the minimised name, not MaxAttemptsPerServer with doubling timeouts (which
        // also used to mark the server dead for the full name: SERVFAIL).
        Assert.Equal(1, net[2].CountQueries("c.example.test.", RrType.A));
        Assert.Equal(1, net[2].CountQueries("a.b.c.example.test.", RrType.A));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData(ResponseCode.NXDomain)]
    [InlineData(ResponseCode.Refused)]
    [InlineData(ResponseCode.ServFail)]
    public async Task An_error_for_a_minimised_name_at_an_empty_non_terminal_sends_the_full_name(ResponseCode code)
    {
        await using TestDnsNetwork net = WithBrokenEnts(r => Rcode(r, code));
        (IterationResult result, _) = await ResolveAsync(net);

        AssertAnswered(result);
        Assert.Equal(1, net[2].CountQueries("c.example.test.", RrType.A));
        Assert.Equal(0, net[2].CountQueries("b.c.example.test.", RrType.A));
        Assert.Equal(1, net[2].CountQueries("a.b.c.example.test.", RrType.A));
    }

    [Fact]
    public async Task A_refused_minimised_name_does_not_mark_the_server_lame_for_the_zone()
    {
        await using TestDnsNetwork net = WithBrokenEnts(r => Rcode(r, ResponseCode.Refused));
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o => o.QnameMinimisation = true);
        IterationResult result = await iterator.ResolveAsync(new DnsQuestion(s_full, RrType.A), default);

        AssertAnswered(result);
        Assert.False(iterator.Servers.IsLame(net[2].EndPoint, DnsName.Parse("example.test.")));
        cache.Dispose();
    }

    [Fact]
    public async Task A_long_name_costs_at_most_MaxMinimiseCount_queries_single_labels_first()
    {
        // 14 labels: root, test. and example.test. take steps 1 – 3; step 4 is the last single label,
        // then the 10 hidden labels are spread over steps 5 – 10 (RFC 9156 §2.3).
        const string deep = "k.j.i.h.g.f.e.d.c.b.a.www.example.test.";
        await using TestDnsNetwork net = ThreeLevels();
        net[2].AddZone("example.test.", Soa("example.test.") + "@ NS ns1\nns1 A " + net[2].Address + "\n" + deep + " 300 A 192.0.2.6\n");
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o => o.QnameMinimisation = true);
        IterationResult result = await iterator.ResolveAsync(Q(deep), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal(10, result.UpstreamQueries);
        Assert.Equal([3, 4, 6, 8, 10, 12, 13, 14], net[2].Queries.Select(q => q.Question.Name.LabelCount));
        cache.Dispose();
    }

    [Fact]
    public void Minimisation_is_on_by_default()
    {
        Assert.True(new IterationOptions().QnameMinimisation);
    }

    [Fact]
    public void Minimisation_limits_are_checked()
    {
        Assert.Equal(10, new IterationOptions().MaxMinimiseCount);
        Assert.Equal(4, new IterationOptions().MinimiseOneLabel);
        Assert.Throws<ArgumentOutOfRangeException>(new IterationOptions { MaxMinimiseCount = 0 }.Validate);
        Assert.Throws<ArgumentOutOfRangeException>(new IterationOptions { MaxMinimiseCount = 3, MinimiseOneLabel = 4 }.Validate);
        new IterationOptions { MaxMinimiseCount = 64, MinimiseOneLabel = 0 }.Validate();
    }
}

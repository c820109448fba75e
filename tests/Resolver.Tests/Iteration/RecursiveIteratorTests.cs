// Iterator tests against in-process authoritative servers on loopback: referrals with and without
// glue, CNAME across zones, DNAME, truncation → TCP, dead and closed servers, REFUSED/SERVFAIL/lame
// servers skipped, out-of-bailiwick injection dropped, chain limits and loops, DS asked at the parent,
// QNAME minimisation, and coalescing of 1,000 concurrent resolutions.
using System.Net;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Iteration;

public sealed class RecursiveIteratorTests
{
    [Fact]
    public async Task Three_level_resolution_follows_referrals_with_glue()
    {
        await using TestDnsNetwork net = ThreeLevels();
        // The full name at every step (the query counts below); minimisation has its own tests.
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o => o.QnameMinimisation = false);
        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.1")], Addresses(result));
        Assert.Equal(DnsName.Parse("example.test."), result.Zone);
        Assert.Equal(net[2].EndPoint, result.Server);
        Assert.Equal(3, result.UpstreamQueries);
        Assert.Equal(1, net[0].CountQueries("www.example.test.", RrType.A));
        Assert.Equal(1, net[1].CountQueries("www.example.test.", RrType.A));
        Assert.Equal(1, net[2].CountQueries("www.example.test.", RrType.A));
        // The delegation is cached: the next name under example.test. goes straight to its server.
        IterationResult second = await iterator.ResolveAsync(Q("www.example.test.", RrType.AAAA), default);
        Assert.Equal(IterationStatus.Answer, second.Status);
        Assert.Equal(1, second.UpstreamQueries);
        cache.Dispose();
    }

    [Fact]
    public async Task Cached_answer_costs_no_query()
    {
        await using TestDnsNetwork net = ThreeLevels();
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        await iterator.ResolveAsync(Q("www.example.test."), default);
        int before = net.AllQueries.Count();
        IterationResult again = await iterator.ResolveAsync(Q("WWW.Example.TEST."), default);
        Assert.Equal(IterationStatus.Answer, again.Status);
        Assert.Equal(0, again.UpstreamQueries);
        Assert.Null(again.Server);
        Assert.Equal(before, net.AllQueries.Count());
        cache.Dispose();
    }

    [Fact]
    public async Task Referral_without_glue_resolves_the_server_name_first()
    {
        await using TestDnsNetwork net = TestDnsNetwork.Start(4);
        net[0].AddZone(".", Soa(".") + $"""
            test. NS ns1.test.
            ns1.test. A {net[1].Address}
            other. NS ns1.other.
            ns1.other. A {net[3].Address}
            """);
        // example.test. is served by a host in other., with no glue (out of test.'s bailiwick).
        net[1].AddZone("test.", Soa("test.") + "example NS dns.hoster.other.\n");
        net[3].AddZone("other.", Soa("other.") + $"dns.hoster A {net[2].Address}\n");
        net[2].AddZone("example.test.", Soa("example.test.") + "www A 192.0.2.7\n");
        // The full name at every step (the query counts below); minimisation has its own tests.
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o => o.QnameMinimisation = false);
        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.7")], Addresses(result));
        Assert.Equal(1, net[3].CountQueries("dns.hoster.other.", RrType.A));
        Assert.Equal(5, result.UpstreamQueries);   // root, test., root, other., example.test.
        cache.Dispose();
    }

    [Fact]
    public async Task Cname_across_zones_is_followed_and_each_link_keeps_its_zone()
    {
        await using TestDnsNetwork net = ThreeLevels(4);
        net[0].AddZone(".", Soa(".") + $"test. NS ns1.test.\nns1.test. A {net[1].Address}\norg. NS ns.org.\nns.org. A {net[3].Address}\n");
        net[3].AddZone("org.", Soa("org.") + "target A 198.51.100.9\n");
        net[2].AddZone("example.test.", Soa("example.test.") + "cross CNAME target.org.\n");
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        IterationResult result = await iterator.ResolveAsync(Q("cross.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        AliasLink link = Assert.Single(result.Aliases);
        Assert.Equal(RrType.CNAME, link.Kind);
        Assert.Equal(DnsName.Parse("example.test."), link.Zone);
        Assert.Equal(DnsName.Parse("org."), result.Zone);
        Assert.Equal(2, result.Answers.Length);
        Assert.Equal([IPAddress.Parse("198.51.100.9")], Addresses(result));
        cache.Dispose();
    }

    [Fact]
    public async Task Cname_within_a_zone_and_to_nxdomain()
    {
        await using TestDnsNetwork net = ThreeLevels();
        net[2].AddZone("example.test.", Soa("example.test.") + "alias CNAME www\nwww A 192.0.2.1\ndangling CNAME nothere\n");
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);

        IterationResult alias = await iterator.ResolveAsync(Q("alias.example.test."), default);
        Assert.Equal(IterationStatus.Answer, alias.Status);
        Assert.Equal(DnsName.Parse("www.example.test."), alias.FinalName);

        IterationResult dangling = await iterator.ResolveAsync(Q("dangling.example.test."), default);
        Assert.Equal(IterationStatus.NxDomain, dangling.Status);
        Assert.Equal(ResponseCode.NXDomain, dangling.ResponseCode);
        Assert.Single(dangling.Aliases);
        Assert.Contains(dangling.Authority, r => r.Data is SoaData);
        cache.Dispose();
    }

    [Fact]
    public async Task Dname_redirects_the_subtree()
    {
        await using TestDnsNetwork net = ThreeLevels();
        net[2].AddZone("example.test.", Soa("example.test.") + "dn DNAME new.example.test.\nwww.new A 192.0.2.44\n");
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        IterationResult result = await iterator.ResolveAsync(Q("www.dn.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        AliasLink link = Assert.Single(result.Aliases);
        Assert.Equal(RrType.DNAME, link.Kind);
        Assert.Equal(DnsName.Parse("dn.example.test."), link.Owner);
        Assert.Equal(DnsName.Parse("www.new.example.test."), link.Target);
        Assert.Equal([IPAddress.Parse("192.0.2.44")], Addresses(result));
        cache.Dispose();
    }

    [Fact]
    public async Task Alias_loop_and_overlong_chain_fail()
    {
        await using TestDnsNetwork net = ThreeLevels();
        string chain = string.Join("\n", Enumerable.Range(0, 15).Select(i => $"c{i} CNAME c{i + 1}")) + "\nc15 A 192.0.2.2\n";
        net[2].AddZone("example.test.", Soa("example.test.") + "loop1 CNAME loop2\nloop2 CNAME loop1\n" + chain);
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);

        IterationResult loop = await iterator.ResolveAsync(Q("loop1.example.test."), default);
        Assert.Equal(IterationStatus.ServerFailure, loop.Status);
        Assert.Contains("loop", loop.FailureReason);

        IterationResult longChain = await iterator.ResolveAsync(Q("c0.example.test."), default);
        Assert.Equal(IterationStatus.ServerFailure, longChain.Status);
        Assert.Contains("longer than 11", longChain.FailureReason);

        IterationResult shortChain = await iterator.ResolveAsync(Q("c5.example.test."), default);
        Assert.Equal(IterationStatus.Answer, shortChain.Status);
        Assert.Equal(10, shortChain.Aliases.Length);
        cache.Dispose();
    }

    [Fact]
    public async Task Nxdomain_and_nodata_are_answered_and_cached()
    {
        await using TestDnsNetwork net = ThreeLevels();
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        IterationResult nx = await iterator.ResolveAsync(Q("nope.example.test."), default);
        IterationResult nodata = await iterator.ResolveAsync(Q("www.example.test.", RrType.MX), default);
        Assert.Equal(IterationStatus.NxDomain, nx.Status);
        Assert.Equal(IterationStatus.NoData, nodata.Status);
        Assert.Equal(DnsName.Parse("example.test."), nodata.Zone);

        int before = net.AllQueries.Count();
        Assert.Equal(IterationStatus.NxDomain, (await iterator.ResolveAsync(Q("nope.example.test.", RrType.TXT), default)).Status);
        Assert.Equal(IterationStatus.NoData, (await iterator.ResolveAsync(Q("www.example.test.", RrType.MX), default)).Status);
        Assert.Equal(before, net.AllQueries.Count());
        cache.Dispose();
    }

    [Fact]
    public async Task Truncated_answer_is_fetched_over_tcp()
    {
        await using TestDnsNetwork net = ThreeLevels();
        net[2].TruncateAllUdp = true;
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);
        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Contains(net[2].Queries, q => q.OverTcp);
        cache.Dispose();
    }

    [Fact]
    public async Task Dead_closed_and_refusing_servers_are_skipped_and_a_dead_one_costs_its_timeout_once()
    {
        // example.test. has four servers: a black hole, nothing listening, one answering REFUSED, one good.
        await using TestDnsNetwork net = TestDnsNetwork.Start(7);
        net[0].AddZone(".", Soa(".") + $"test. NS ns1.test.\nns1.test. A {net[1].Address}\n");
        net[1].AddZone("test.", Soa("test.") + $"""
            example NS hole.example
            example NS closed.example
            example NS refusing.example
            example NS good.example
            hole.example A {net[3].Address}
            closed.example A {net[6].Address}
            refusing.example A {net[4].Address}
            good.example A {net[2].Address}
            """);
        string zone = Soa("example.test.") + "www A 192.0.2.1\nmail A 192.0.2.2\nftp A 192.0.2.3\n";
        net[2].AddZone("example.test.", zone);
        net[3].AddZone("example.test.", zone);
        net[3].Silent = true;
        net[4].ForcedResponseCode = ResponseCode.Refused;
        await net[6].DisposeAsync();   // closed: the address is there, nothing listens
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);

        foreach (string name in new[] { "www", "mail", "ftp" })
        {
            IterationResult result = await iterator.ResolveAsync(Q(name + ".example.test."), default);
            Assert.Equal(IterationStatus.Answer, result.Status);
        }

        // The black hole is asked at most once: after its timeout it is backed off.
        Assert.True(net[3].Queries.Count <= 1, $"black hole asked {net[3].Queries.Count} times");
        cache.Dispose();
    }

    // Issue 14 item 2: a server that refuses a zone is remembered as lame for it (Unbound's infra
    // cache, infra-lame-ttl), so later resolutions in the zone go to its good server first instead of
    // paying the lame one a query each time.
    [Fact]
    public async Task A_refusing_server_is_remembered_as_lame_and_asked_last_in_later_resolutions()
    {
        await using TestDnsNetwork net = TestDnsNetwork.Start(4);
        net[0].AddZone(".", Soa(".") + $"test. NS ns1.test.\nns1.test. A {net[1].Address}\n");
        net[1].AddZone("test.", Soa("test.") + $"""
            example NS refusing.example
            example NS good.example
            refusing.example A {net[3].Address}
            good.example A {net[2].Address}
            """);
        string zone = Soa("example.test.") + string.Concat(Enumerable.Range(0, 12).Select(i => $"h{i} A 192.0.2.{i + 1}\n"));
        net[2].AddZone("example.test.", zone);
        net[3].AddZone("example.test.", zone);
        net[3].ForcedResponseCode = ResponseCode.Refused;
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);

        for (int i = 0; i < 12; i++)
        {
            IterationResult result = await iterator.ResolveAsync(Q($"h{i}.example.test."), default);
            Assert.Equal(IterationStatus.Answer, result.Status);
        }

        // The shuffle may pick it first once; after that it is asked only when nothing else is left.
        Assert.True(net[3].Queries.Count <= 1, $"the lame server was asked {net[3].Queries.Count} times");
        cache.Dispose();
    }

    [Fact]
    public async Task Servfail_everywhere_is_a_server_failure_not_an_exception()
    {
        await using TestDnsNetwork net = ThreeLevels();
        net[2].ForcedResponseCode = ResponseCode.ServFail;
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);
        Assert.Equal(IterationStatus.ServerFailure, result.Status);
        Assert.Equal(ResponseCode.ServFail, result.ResponseCode);
        Assert.Contains("SERVFAIL", result.FailureReason);
        cache.Dispose();
    }

    [Fact]
    public async Task Ds_question_does_not_follow_a_cached_cname()
    {
        // DS is parent-side data (RFC 4035 §3.1.4.1): the zone's answer for the DS decides, not a
        // CNAME cached from an earlier question at the same name.
        await using TestDnsNetwork net = ThreeLevels();
        net[2].Rewrite = (query, response) =>
        {
            if (query.Question!.Type == RrType.DS)
            {
                response.Answers.Clear();
            }

            return response;
        };
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        IterationResult a = await iterator.ResolveAsync(Q("alias.example.test."), default);
        Assert.Single(a.Aliases);

        IterationResult ds = await iterator.ResolveAsync(Q("alias.example.test.", RrType.DS), default);

        Assert.Equal(IterationStatus.NoData, ds.Status);
        Assert.Empty(ds.Aliases);
        Assert.Equal(1, net[2].CountQueries("alias.example.test.", RrType.DS));
        cache.Dispose();
    }

    [Fact]
    public async Task Lame_server_is_skipped()
    {
        await using TestDnsNetwork net = TestDnsNetwork.Start(4);
        net[0].AddZone(".", Soa(".") + $"test. NS ns1.test.\nns1.test. A {net[1].Address}\n");
        net[1].AddZone("test.", Soa("test.") + $"example NS lame.example\nexample NS good.example\nlame.example A {net[3].Address}\ngood.example A {net[2].Address}\n");
        net[2].AddZone("example.test.", Soa("example.test.") + "www A 192.0.2.1\n");
        net[3].AddZone("test.", Soa("test.") + "other A 192.0.2.9\n");   // serves the parent, not example.test.: answers with an upward referral/NXDOMAIN
        net[3].Rewrite = (_, r) => { r.IsAuthoritativeAnswer = false; r.ResponseCode = ResponseCode.NoError; r.Authorities.Clear(); return r; };
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        for (int i = 0; i < 4; i++)
        {
            IterationResult result = await iterator.ResolveAsync(Q($"www.example.test.", (RrType)(i == 0 ? 1 : 16 + i)), default);
            Assert.NotEqual(IterationStatus.ServerFailure, result.Status);
        }

        cache.Dispose();
    }

    [Fact]
    public async Task Out_of_bailiwick_records_are_dropped_and_never_cached()
    {
        await using TestDnsNetwork net = ThreeLevels();
        net[2].Rewrite = (query, response) =>
        {
            // Poison attempt: the example.test. server speaks for names it has no authority over.
            response.Answers.Add(new ResourceRecord(DnsName.Parse("victim.org."), 86400, new AData(IPAddress.Parse("203.0.113.66"))));
            response.Authorities.Add(new ResourceRecord(DnsName.Parse("org."), 86400, new NsData(DnsName.Parse("ns.evil.example.test."))));
            response.Additionals.Add(new ResourceRecord(DnsName.Parse("ns1.test."), 86400, new AData(IPAddress.Parse("203.0.113.67"))));
            response.Answers.Add(new ResourceRecord(DnsName.Parse("unrelated.example.test."), 86400, new AData(IPAddress.Parse("203.0.113.68"))));
            return response;
        };
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Null(cache.GetRrSet(DnsName.Parse("victim.org."), RrType.A));
        Assert.Null(cache.GetRrSet(DnsName.Parse("org."), RrType.NS));
        Assert.Null(cache.GetRrSet(DnsName.Parse("unrelated.example.test."), RrType.A));
        CachedRrSet? glue = cache.GetRrSet(DnsName.Parse("ns1.test."), RrType.A);
        Assert.NotNull(glue);   // the real glue from the root's referral …
        Assert.Equal(net[1].Address, ((AData)glue!.RrSet.RrSet.Data[0]).Address);   // … not the injected one
        cache.Dispose();
    }

    [Fact]
    public async Task Ds_is_asked_at_the_parent_side_of_the_cut()
    {
        await using TestDnsNetwork net = ThreeLevels();
        net[1].AddZone("test.", Soa("test.") + $"example NS ns1.example\nns1.example A {net[2].Address}\nexample DS 12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF\n");
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        await iterator.ResolveAsync(Q("www.example.test."), default);   // learn the delegation first
        cache.Clear();
        await iterator.ResolveAsync(Q("www.example.test."), default);
        IterationResult ds = await iterator.ResolveAsync(Q("example.test.", RrType.DS), default);

        Assert.Equal(IterationStatus.Answer, ds.Status);
        Assert.Equal(DnsName.Parse("test."), ds.Zone);
        Assert.Equal(0, net[2].CountQueries("example.test.", RrType.DS));
        cache.Dispose();
    }

    [Fact]
    public async Task Qname_minimisation_reveals_only_one_label_more_to_each_server()
    {
        await using TestDnsNetwork net = ThreeLevels();
        net[2].AddZone("example.test.", Soa("example.test.") + "a.b.c A 192.0.2.5\n");
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o => o.QnameMinimisation = true);
        IterationResult result = await iterator.ResolveAsync(Q("a.b.c.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.All(net[0].Queries, q => Assert.Equal(DnsName.Parse("test."), q.Question.Name));
        Assert.All(net[1].Queries, q => Assert.Equal(DnsName.Parse("example.test."), q.Question.Name));
        Assert.Equal(1, net[2].CountQueries("a.b.c.example.test.", RrType.A));
        cache.Dispose();
    }

    [Fact]
    public async Task Upstream_query_limit_stops_a_resolution()
    {
        await using TestDnsNetwork net = ThreeLevels();
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o => o.MaxUpstreamQueries = 2);
        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);
        Assert.Equal(IterationStatus.ServerFailure, result.Status);
        Assert.Contains("upstream queries", result.FailureReason);
        Assert.Equal(2, net.AllQueries.Count());
        cache.Dispose();
    }

    [Fact]
    public async Task A_thousand_concurrent_resolutions_cost_one_upstream_query_per_distinct_question()
    {
        await using TestDnsNetwork net = ThreeLevels();
        string names = string.Join("\n", Enumerable.Range(0, 20).Select(i => $"h{i} A 192.0.2.{i + 1}"));
        net[2].AddZone("example.test.", Soa("example.test.") + names);
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);

        Task<IterationResult>[] tasks = [.. Enumerable.Range(0, 1000).Select(i => Task.Run(() => iterator.ResolveAsync(Q($"h{i % 20}.example.test."), default)))];
        IterationResult[] results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(IterationStatus.Answer, r.Status));
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal([IPAddress.Parse($"192.0.2.{i + 1}")], Addresses(results[i]));
            Assert.Equal(1, net[2].CountQueries($"h{i}.example.test.", RrType.A));
        }

        // No server saw any question twice.
        foreach (AuthoritativeServer server in net.Servers)
        {
            Assert.All(server.Queries.GroupBy(q => q.Question), g => Assert.Single(g));
        }

        cache.Dispose();
    }

    [Fact]
    public async Task Caller_cancellation_is_honoured()
    {
        await using TestDnsNetwork net = ThreeLevels();
        net[2].Silent = true;
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        using var cts = new CancellationTokenSource();
        Task<IterationResult> pending = iterator.ResolveAsync(Q("www.example.test."), cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        cache.Dispose();
    }
}

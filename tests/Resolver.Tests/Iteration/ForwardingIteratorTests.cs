// Forwarding mode: questions go to upstream resolvers with RD=1, DO=1, CD=1; a dead upstream fails
// over to the next; a non-recursive upstream (referral) is skipped; answers are cached.
using System.Net;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using Resolver.Transport;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Iteration;

public sealed class ForwardingIteratorTests
{
    private static ForwardingIterator Forwarder(DnsCache cache, params IPEndPoint[] upstreams)
    {
        var options = new IterationOptions();
        foreach (IPEndPoint upstream in upstreams)
        {
            options.Forwarders.Add(upstream);
        }

        return new ForwardingIterator(new DnsTransport(), cache, options, FastTransport());
    }

    private static TestDnsNetwork Upstreams()
    {
        // Server 0 and 1 act as "recursive resolvers": they hold the data and answer RD queries with RA.
        TestDnsNetwork net = TestDnsNetwork.Start(2);
        foreach (AuthoritativeServer s in net.Servers)
        {
            s.AddZone("example.test.", Soa("example.test.") + "www A 192.0.2.1\nalias CNAME www\n");
            s.Rewrite = (_, r) => { r.IsAuthoritativeAnswer = false; r.RecursionAvailable = true; return r; };
        }

        return net;
    }

    [Fact]
    public async Task Queries_carry_rd_do_and_cd_and_answers_are_cached()
    {
        await using TestDnsNetwork net = Upstreams();
        using var cache = new DnsCache();
        using ForwardingIterator forwarder = Forwarder(cache, net[0].EndPoint);
        IterationResult result = await forwarder.ResolveAsync(Q("alias.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Single(result.Aliases);
        Assert.All(net[0].Queries, q =>
        {
            Assert.True(q.Message.RecursionDesired);
            Assert.True(q.Message.CheckingDisabled);
            Assert.True(q.Message.Edns!.DnssecOk);
        });
        int before = net[0].Queries.Count;
        Assert.Equal(0, (await forwarder.ResolveAsync(Q("alias.example.test."), default)).UpstreamQueries);
        Assert.Equal(before, net[0].Queries.Count);
    }

    [Fact]
    public async Task Dead_upstream_fails_over_to_the_next()
    {
        await using TestDnsNetwork net = Upstreams();
        net[0].Silent = true;
        using var cache = new DnsCache();
        using ForwardingIterator forwarder = Forwarder(cache, net[0].EndPoint, net[1].EndPoint);
        IterationResult result = await forwarder.ResolveAsync(Q("www.example.test."), default);
        Assert.Equal(IterationStatus.Answer, result.Status);
        IterationResult nx = await forwarder.ResolveAsync(Q("nx.example.test."), default);
        Assert.Equal(IterationStatus.NxDomain, nx.Status);
        Assert.True(net[0].Queries.Count <= 1);
    }

    [Fact]
    public async Task All_upstreams_failing_is_a_server_failure()
    {
        await using TestDnsNetwork net = Upstreams();
        net[0].ForcedResponseCode = ResponseCode.ServFail;
        net[1].ForcedResponseCode = ResponseCode.Refused;
        using var cache = new DnsCache();
        using ForwardingIterator forwarder = Forwarder(cache, net[0].EndPoint, net[1].EndPoint);
        IterationResult result = await forwarder.ResolveAsync(Q("www.example.test."), default);
        Assert.Equal(IterationStatus.ServerFailure, result.Status);
    }

    // Regression (lab onedown.lab, forward mode with a cold unbound): the only upstream was itself
    // waiting on a dead authoritative server, missed our timeout once, and the question failed.
    // A timed-out upstream is asked again (IterationOptions.ForwarderAttempts rounds).
    [Fact]
    public async Task Slow_single_upstream_is_retried_before_failing_Regression()
    {
        await using TestDnsNetwork net = Upstreams();
        net[0].Silent = true;
        using var cache = new DnsCache();
        using ForwardingIterator forwarder = Forwarder(cache, net[0].EndPoint);
        Task<IterationResult> pending = forwarder.ResolveAsync(Q("www.example.test."), default);
        for (int i = 0; i < 500 && net[0].Queries.IsEmpty; i++)
        {
            await Task.Delay(10);
        }

        net[0].Silent = false; // the upstream has finished its own work: the retry gets the answer
        IterationResult result = await pending;
        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.True(net[0].Queries.Count >= 2);
    }

    [Fact]
    public async Task Silent_upstream_fails_after_the_configured_attempts()
    {
        await using TestDnsNetwork net = Upstreams();
        net[0].Silent = true;
        using var cache = new DnsCache();
        var options = new IterationOptions { ForwarderAttempts = 2 };
        options.Forwarders.Add(net[0].EndPoint);
        using var forwarder = new ForwardingIterator(new DnsTransport(), cache, options, FastTransport());
        IterationResult result = await forwarder.ResolveAsync(Q("www.example.test."), default);
        Assert.Equal(IterationStatus.ServerFailure, result.Status);
        Assert.Equal(2, net[0].Queries.Count);
    }
}

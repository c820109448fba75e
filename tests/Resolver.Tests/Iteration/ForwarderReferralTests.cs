// ForwarderReferralTests: an upstream that answers an RD=1 question with a referral (a non-recursive
// server, or a forwarder handing back the delegation below an unsigned cut) is skipped while another
// upstream can answer; when none can, the referral is the answer — NOERROR without data for the
// validator to judge, as Unbound's iterator takes a referral to an RD query.
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using Resolver.Transport;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Iteration;

public sealed class ForwarderReferralTests
{
    // Server 0 refers (holds test. with a delegation to example.test.); server 1 recurses (holds example.test.).
    private static TestDnsNetwork Upstreams()
    {
        TestDnsNetwork net = TestDnsNetwork.Start(2);
        net[0].AddZone("test.", Soa("test.") + "example NS ns1.example\nns1.example A 192.0.2.53\n");
        net[1].AddZone("example.test.", Soa("example.test.") + "www A 192.0.2.1\n");
        net[1].Rewrite = (_, r) => { r.IsAuthoritativeAnswer = false; r.RecursionAvailable = true; return r; };
        return net;
    }

    private static ForwardingIterator Forwarder(DnsCache cache, params System.Net.IPEndPoint[] upstreams)
    {
        var options = new IterationOptions();
        foreach (System.Net.IPEndPoint upstream in upstreams)
        {
            options.Forwarders.Add(upstream);
        }

        return new ForwardingIterator(new DnsTransport(), cache, options, FastTransport());
    }

    [Fact]
    public async Task Referral_from_one_upstream_fails_over_to_one_that_answers()
    {
        await using TestDnsNetwork net = Upstreams();
        using var cache = new DnsCache();
        using ForwardingIterator forwarder = Forwarder(cache, net[0].EndPoint, net[1].EndPoint);
        IterationResult result = await forwarder.ResolveAsync(Q("www.example.test."), default);
        Assert.Equal(IterationStatus.Answer, result.Status);
    }

    [Fact]
    public async Task Referral_from_every_upstream_is_a_nodata_for_the_validator_once_every_upstream_was_asked()
    {
        // Regression: the resolution failed ("referral from a forwarder (not recursive)") and was asked
        // again ForwarderAttempts times; a CNAME target below an unsigned delegation came out SERVFAIL.
        await using TestDnsNetwork net = Upstreams();
        using var cache = new DnsCache();
        using ForwardingIterator forwarder = Forwarder(cache, net[0].EndPoint);
        IterationResult result = await forwarder.ResolveAsync(Q("www.example.test."), default);
        Assert.Equal(IterationStatus.NoData, result.Status);
        Assert.Empty(result.Answers);
        Assert.Single(net[0].Queries);
    }
}

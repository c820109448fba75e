// Forward zones (IterationOptions.ForwardZones, Unbound's forward-zone, Knot's policy.FORWARD):
// names at or below one go to its upstreams with RD=1 and are never iterated from the root;
// forward-only fails when the upstreams fail, forward-first iterates; the deepest configured zone
// (stub or forward) wins; a DS at the forward zone's apex is asked on the parent side (RFC 4035
// §3.1.4.1), a DS below it of the upstreams; answers are still validated from the trust anchor.
using System.Net;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using Resolver.Testing.Signing;
using Resolver.Tests.Scenarios;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Iteration;

public sealed class ForwardZoneTests
{
    private static readonly DnsName s_example = DnsName.Parse("example.test.");

    // ThreeLevels plus server 3: a resolver for example.test. whose data differs (www → 192.0.2.99),
    // so an answer shows which way it came.
    private static TestDnsNetwork WithUpstream()
    {
        TestDnsNetwork net = ThreeLevels(4);
        net[3].AddZone("example.test.", Soa("example.test.") + """
            @ NS ns1
            ns1 A 192.0.2.53
            www 300 A 192.0.2.99
            """);
        return net;
    }

    [Fact]
    public async Task Names_below_a_forward_zone_go_to_its_upstreams_with_RD_set()
    {
        await using TestDnsNetwork net = WithUpstream();
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o => o.ForwardZones.Add(new ForwardZone(s_example, [net[3].EndPoint])));
        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.99")], Addresses(result));
        Assert.Equal(net[3].EndPoint, result.Server);
        Assert.True(result.ZonesFromSigners);   // no referral: the validator checks the signer's claim
        Assert.Empty(net[0].Queries);
        Assert.Empty(net[1].Queries);
        Assert.Empty(net[2].Queries);
        ReceivedQuery sent = Assert.Single(net[3].Queries);
        Assert.True(sent.Message.RecursionDesired);
        Assert.True(sent.Message.CheckingDisabled);
        cache.Dispose();
    }

    [Fact]
    public async Task Names_outside_the_forward_zone_iterate_from_the_root()
    {
        await using TestDnsNetwork net = WithUpstream();
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o => o.ForwardZones.Add(new ForwardZone(DnsName.Parse("other.test."), [net[3].EndPoint])));
        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal([IPAddress.Parse("192.0.2.1")], Addresses(result));
        Assert.False(result.ZonesFromSigners);
        Assert.Empty(net[3].Queries);
        cache.Dispose();
    }

    [Fact]
    public async Task Forward_only_fails_when_the_upstreams_fail_and_does_not_iterate()
    {
        await using TestDnsNetwork net = WithUpstream();
        net[3].ForcedResponseCode = ResponseCode.ServFail;
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o => o.ForwardZones.Add(new ForwardZone(s_example, [net[3].EndPoint])));
        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal(IterationStatus.ServerFailure, result.Status);
        Assert.Empty(net[0].Queries);
        Assert.Empty(net[2].Queries);
        cache.Dispose();
    }

    [Fact]
    public async Task Forward_first_iterates_when_the_upstreams_fail()
    {
        await using TestDnsNetwork net = WithUpstream();
        net[3].Silent = true;
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o =>
        {
            o.ForwardZones.Add(new ForwardZone(s_example, [net[3].EndPoint], forwardFirst: true));
            o.ForwarderAttempts = 1;
        });
        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.1")], Addresses(result));
        Assert.Equal(net[2].EndPoint, result.Server);
        Assert.NotEmpty(net[3].Queries);
        cache.Dispose();
    }

    [Fact]
    public async Task A_stub_zone_inside_a_forward_zone_wins_for_its_names()
    {
        await using TestDnsNetwork net = WithUpstream();
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o =>
        {
            o.ForwardZones.Add(new ForwardZone(DnsName.Parse("test."), [net[3].EndPoint]));
            o.StubZones.Add(new StubZone(s_example, [net[2].EndPoint]));
        });
        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal([IPAddress.Parse("192.0.2.1")], Addresses(result));
        Assert.Empty(net[3].Queries);
        cache.Dispose();
    }

    [Fact]
    public async Task A_forward_zone_inside_a_stub_zone_wins_for_its_names()
    {
        await using TestDnsNetwork net = WithUpstream();
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o =>
        {
            o.StubZones.Add(new StubZone(DnsName.Parse("test."), [net[1].EndPoint]));
            o.ForwardZones.Add(new ForwardZone(s_example, [net[3].EndPoint]));
        });
        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal([IPAddress.Parse("192.0.2.99")], Addresses(result));
        Assert.Empty(net[1].Queries);
        cache.Dispose();
    }

    [Fact]
    public async Task The_deepest_forward_zone_wins()
    {
        await using TestDnsNetwork net = WithUpstream();
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o =>
        {
            o.ForwardZones.Add(new ForwardZone(s_example, [net[3].EndPoint]));
            o.ForwardZones.Add(new ForwardZone(DnsName.Parse("test."), [net[1].EndPoint]));
        });
        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal([IPAddress.Parse("192.0.2.99")], Addresses(result));
        Assert.Empty(net[1].Queries);
        cache.Dispose();
    }

    [Fact]
    public async Task A_DS_at_the_forward_zone_apex_is_asked_of_the_parent_and_below_it_of_the_upstreams()
    {
        await using TestDnsNetwork net = WithUpstream();
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o => o.ForwardZones.Add(new ForwardZone(s_example, [net[3].EndPoint])));
        await iterator.ResolveAsync(Q("example.test.", RrType.DS), default);
        await iterator.ResolveAsync(Q("sub.example.test.", RrType.DS), default);
        await iterator.ResolveAsync(Q("example.test.", RrType.DNSKEY), default);

        Assert.Equal(1, net[1].CountQueries("example.test.", RrType.DS));
        Assert.Equal(0, net[3].CountQueries("example.test.", RrType.DS));
        Assert.Equal(1, net[3].CountQueries("sub.example.test.", RrType.DS));
        Assert.Equal(1, net[3].CountQueries("example.test.", RrType.DNSKEY));
        Assert.Equal(0, net[2].CountQueries("example.test.", RrType.DNSKEY));
        cache.Dispose();
    }

    [Fact]
    public void A_forward_zone_needs_servers()
    {
        Assert.Throws<ArgumentException>(() => new ForwardZone(s_example, []));
        var options = new IterationOptions();
        options.ForwardZones.Add(null!);
        Assert.Throws<ArgumentNullException>(options.Validate);
    }

    // Signed: test. and example.test. are signed under the root anchor.
    private static readonly Lazy<ZoneHierarchy> s_signed = new(() => new ZoneHierarchyBuilder()
        .AddZone(".")
        .AddZone("test.")
        .AddZone("example.test.", text: "www A 192.0.2.7\n")
        .Build());

    private static readonly IPAddress s_upstream = IPAddress.Parse("198.51.100.54");

    [Theory]
    [InlineData(false, SecurityStatus.Secure)]
    [InlineData(true, SecurityStatus.Bogus)]
    public async Task Answers_from_a_forward_zone_are_validated_from_the_trust_anchor(bool forge, SecurityStatus expected)
    {
        await using SignedNetwork net = SignedNetwork.Start(s_signed.Value, spare: 1);
        IPEndPoint upstream = net.ServeForwarder(net.Servers.Servers.Count - 1, s_upstream, (q, m) =>
        {
            if (forge && q.Type == RrType.A)
            {
                // A forwarder that changes the address but cannot re-sign it.
                ResourceRecord a = m.Answers.First(r => r.Type == RrType.A);
                m.Answers[m.Answers.IndexOf(a)] = a with { Data = new AData(IPAddress.Parse("203.0.113.66")) };
            }

            return m;
        });
        using DnsResolver resolver = net.Resolver(configure: o => o.Iteration.ForwardZones.Add(new ForwardZone(s_example, [upstream])));
        ResolveResult result = await resolver.ResolveAsync(s_example.Prepend("www"), RrType.A, ResolveBehavior.Default, CancellationToken.None);

        Assert.Equal(expected, result.Status);
        Assert.Equal(0, net.Count("example.test.", "www.example.test.", RrType.A));
        Assert.Equal(0, net.Count(".", "www.example.test.", RrType.A));
        Assert.Equal(1, net.Servers[net.Servers.Servers.Count - 1].CountQueries("www.example.test.", RrType.A));
    }

    [Fact]
    public async Task The_public_parents_NSEC_does_not_deny_names_in_a_forward_zone_Rfc8198()
    {
        // corp.example.test. is a private zone (a negative trust anchor, as such a zone needs) that
        // the signed public example.test. does not have: its NSEC, cached from an NXDOMAIN, covers
        // the name, but the forward zone's upstream answers for it (as for a stub zone).
        DnsName corp = DnsName.Parse("corp.example.test.");
        await using SignedNetwork net = SignedNetwork.Start(s_signed.Value, spare: 1);
        IPEndPoint upstream = net.ServeForwarder(net.Servers.Servers.Count - 1, s_upstream, (q, m) =>
        {
            if (q.Name.IsSubdomainOf(corp))
            {
                m.ResponseCode = ResponseCode.NoError;
                m.Answers.Clear();
                m.Authorities.Clear();
                m.Answers.Add(new ResourceRecord(q.Name, 300, new AData(IPAddress.Parse("10.0.0.1"))));
            }

            return m;
        });
        using DnsResolver resolver = net.Resolver(configure: o =>
        {
            o.Iteration.ForwardZones.Add(new ForwardZone(corp, [upstream]));
            o.Validation.TrustAnchors = TrustAnchorStore.Create(net.Hierarchy.TrustAnchorDs.Select(r => new TrustAnchor(r.Name, r.Data)), [corp]);
        });
        ResolveResult denied = await resolver.ResolveAsync(s_example.Prepend("nothere"), RrType.A, ResolveBehavior.Default, CancellationToken.None);
        Assert.Equal(ResponseCode.NXDomain, denied.ResponseCode);
        Assert.Equal(SecurityStatus.Secure, denied.Status);

        ResolveResult result = await resolver.ResolveAsync(corp.Prepend("www"), RrType.A, ResolveBehavior.Default, CancellationToken.None);

        Assert.Equal(ResponseCode.NoError, result.ResponseCode);
        Assert.Equal([IPAddress.Parse("10.0.0.1")], result.Records.Select(r => ((AData)r.Data).Address));
        Assert.Equal(SecurityStatus.Insecure, result.Status);
    }
}

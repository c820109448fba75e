// Regression (conformance scenarios unbound/val_negcache_nodata.rpl, val_negcache_ttl.rpl,
// stop_nxdomain.rpl, deckard/nsec_aggr_cache.rpl): a question covered by validated NSEC/NSEC3 records
// already in the cache went to the network again; the scenarios' servers do not answer it. RFC 8198
// lets a validating resolver answer NXDOMAIN and NODATA from those records (§5.1, §5.2), within their
// TTL and the negative TTL (§5.4), and the synthesized answer is still validated. Also
// deckard/nsec_aggr_cache.rpl and nsec3_aggr_cache.rpl: a name a cached, validated wildcard covers is
// answered from that wildcard and the proof that no closer name exists (§5.3), and a wildcard
// expansion's result carries that proof in its authority section (RFC 4035 §3.1.3.3).
using Microsoft.Extensions.Time.Testing;
using Resolver.Protocol;
using Resolver.Testing.Signing;
using Resolver.Tests.Scenarios;
using static Resolver.Tests.Scenarios.ScenarioZones;

namespace Resolver.Tests.Cache;

public sealed class AggressiveNsecTests
{
    private static Task<ResolveResult> Resolve(DnsResolver resolver, string name, RrType type = RrType.A) =>
        resolver.ResolveAsync(N(name), type, CancellationToken.None);

    // An NSEC zone with a gap between "a" and "m" and no wildcard: every name in the gap is proven
    // absent by the NSEC at "a" and the apex NSEC (which covers "*.nsec.test.").
    private static ZoneHierarchy NsecHierarchy() => new ZoneHierarchyBuilder()
        .AddZone(".")
        .AddZone("test.")
        .AddZone("nsec.test.", text: "a A 192.0.2.1\nm A 192.0.2.2\nm TXT \"m\"\n*.wild CNAME m\n")
        .Build();

    [Fact]
    public async Task NXDOMAIN_in_a_known_NSEC_gap_is_answered_from_the_cache_and_validated()
    {
        await using SignedNetwork net = SignedNetwork.Start(NsecHierarchy());
        using DnsResolver resolver = net.Resolver();

        ResolveResult first = await Resolve(resolver, "b.nsec.test.");
        ResolveResult second = await Resolve(resolver, "c.nsec.test.");
        ResolveResult deeper = await Resolve(resolver, "x.y.c.nsec.test.", RrType.AAAA);

        Assert.Equal(ResponseCode.NXDomain, first.ResponseCode);
        Assert.Equal(SecurityStatus.Secure, first.Status);
        Assert.Equal(ResponseCode.NXDomain, second.ResponseCode);
        Assert.Equal(SecurityStatus.Secure, second.Status);
        Assert.Equal(ResponseCode.NXDomain, deeper.ResponseCode);
        Assert.Equal(SecurityStatus.Secure, deeper.Status);
        Assert.Equal(0, net.Count("nsec.test.", "c.nsec.test.", RrType.A));
        Assert.Equal(0, net.Count("nsec.test.", "x.y.c.nsec.test.", RrType.AAAA));
    }

    [Fact]
    public async Task NODATA_for_another_type_at_a_known_name_is_answered_from_the_cache()
    {
        await using SignedNetwork net = SignedNetwork.Start(NsecHierarchy());
        using DnsResolver resolver = net.Resolver();

        ResolveResult first = await Resolve(resolver, "a.nsec.test.", RrType.TXT);
        ResolveResult second = await Resolve(resolver, "a.nsec.test.", RrType.MX);

        Assert.Equal(ResponseCode.NoError, second.ResponseCode);
        Assert.Empty(second.Records);
        Assert.Equal(SecurityStatus.Secure, first.Status);
        Assert.Equal(SecurityStatus.Secure, second.Status);
        Assert.Equal(0, net.Count("nsec.test.", "a.nsec.test.", RrType.MX));
    }

    [Fact]
    public async Task Existing_name_outside_the_proven_gap_is_still_asked()
    {
        await using SignedNetwork net = SignedNetwork.Start(NsecHierarchy());
        using DnsResolver resolver = net.Resolver();

        await Resolve(resolver, "b.nsec.test.");
        ResolveResult m = await Resolve(resolver, "m.nsec.test.");

        Assert.Equal(ResponseCode.NoError, m.ResponseCode);
        Assert.Single(m.Records);
        Assert.Equal(SecurityStatus.Secure, m.Status);
    }

    [Fact]
    public async Task NSEC3_zone_NXDOMAIN_is_answered_from_the_cache()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        using DnsResolver resolver = net.Resolver();

        ResolveResult first = await Resolve(resolver, "nothere.n3.test.");
        ResolveResult again = await Resolve(resolver, "sub.nothere.n3.test.");

        Assert.Equal(ResponseCode.NXDomain, first.ResponseCode);
        Assert.Equal(SecurityStatus.Secure, first.Status);
        Assert.Equal(ResponseCode.NXDomain, again.ResponseCode);
        Assert.Equal(SecurityStatus.Secure, again.Status);
        Assert.Equal(0, net.Count("n3.test.", "sub.nothere.n3.test.", RrType.A));
    }

    [Fact]
    public async Task Name_under_a_cached_NSEC_wildcard_is_answered_from_the_cache_with_its_proof()
    {
        await using SignedNetwork net = SignedNetwork.Start(NsecHierarchy());
        using DnsResolver resolver = net.Resolver();

        ResolveResult first = await Resolve(resolver, "one.wild.nsec.test.");
        ResolveResult second = await Resolve(resolver, "two.wild.nsec.test.");

        Assert.Equal(SecurityStatus.Secure, first.Status);
        Assert.Contains(first.Authority, r => r.Type == RrType.NSEC);
        Assert.Equal(SecurityStatus.Secure, second.Status);
        Assert.Equal(ResponseCode.NoError, second.ResponseCode);
        Assert.Contains(second.Answers, r => r.Name == N("two.wild.nsec.test.") && r.Type == RrType.CNAME);
        Assert.Single(second.Records);
        Assert.Contains(second.Authority, r => r.Type == RrType.NSEC);
        Assert.Equal(0, net.Count("nsec.test.", "two.wild.nsec.test.", RrType.A));
    }

    [Fact]
    public async Task Name_under_a_cached_NSEC3_wildcard_is_answered_from_the_cache()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        using DnsResolver resolver = net.Resolver();

        ResolveResult first = await Resolve(resolver, "one.wild.n3.test.", RrType.TXT);
        ResolveResult second = await Resolve(resolver, "two.wild.n3.test.", RrType.TXT);

        Assert.Equal(SecurityStatus.Secure, first.Status);
        Assert.Equal(SecurityStatus.Secure, second.Status);
        Assert.Single(second.Records);
        Assert.Contains(second.Authority, r => r.Type == RrType.NSEC3);
        Assert.Equal(0, net.Count("n3.test.", "two.wild.n3.test.", RrType.TXT));
    }

    [Fact]
    public async Task Records_expire_with_the_negative_TTL()
    {
        await using SignedNetwork net = SignedNetwork.Start(NsecHierarchy());
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using DnsResolver resolver = net.Resolver(time);

        await Resolve(resolver, "b.nsec.test.");
        time.Advance(TimeSpan.FromHours(4));   // past MaxNegativeTtl (3 h), which caps every TTL involved
        ResolveResult later = await Resolve(resolver, "c.nsec.test.");

        Assert.Equal(ResponseCode.NXDomain, later.ResponseCode);
        Assert.Equal(1, net.Count("nsec.test.", "c.nsec.test.", RrType.A));
    }

    [Theory]
    [InlineData(100, 0)]   // the default: a 5-iteration chain is used
    [InlineData(4, 1)]     // above the limit the zone is asked again
    public async Task NSEC3_chains_above_AggressiveNsecMaxIterations_are_not_used(int limit, int asked)
    {
        ZoneHierarchy zones = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("test.")
            .AddZone("it.test.", ZoneSigningOptions.For(N("it.test.")) with { Denial = DenialKind.Nsec3, Nsec3Iterations = 5 }, text: "www A 192.0.2.1\n")
            .Build();
        await using SignedNetwork net = SignedNetwork.Start(zones);
        using DnsResolver resolver = net.Resolver(configure: o => o.Cache.AggressiveNsecMaxIterations = limit);

        ResolveResult first = await Resolve(resolver, "nothere.it.test.");
        ResolveResult again = await Resolve(resolver, "sub.nothere.it.test.");

        Assert.Equal((ResponseCode.NXDomain, SecurityStatus.Secure), (first.ResponseCode, first.Status));
        Assert.Equal((ResponseCode.NXDomain, SecurityStatus.Secure), (again.ResponseCode, again.Status));
        Assert.Equal(asked, net.Count("it.test.", "sub.nothere.it.test.", RrType.A));
    }

    [Fact]
    public void AggressiveNsecMaxIterations_is_checked_against_its_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resolver.DnsCacheOptions { AggressiveNsecMaxIterations = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resolver.DnsCacheOptions { AggressiveNsecMaxIterations = 2501 }.Validate());
        new Resolver.DnsCacheOptions { AggressiveNsecMaxIterations = 2500 }.Validate();
    }

    [Fact]
    public async Task Disabled_aggressive_NSEC_asks_the_zone()
    {
        await using SignedNetwork net = SignedNetwork.Start(NsecHierarchy());
        using DnsResolver resolver = net.Resolver(configure: o => o.Cache.AggressiveNsec = false);

        await Resolve(resolver, "b.nsec.test.");
        ResolveResult second = await Resolve(resolver, "c.nsec.test.");

        Assert.Equal(ResponseCode.NXDomain, second.ResponseCode);
        Assert.Equal(1, net.Count("nsec.test.", "c.nsec.test.", RrType.A));
    }

    [Fact]
    public async Task Insecure_zone_denials_are_not_used()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        using DnsResolver resolver = net.Resolver();

        await Resolve(resolver, "b.unsigned.test.");
        await Resolve(resolver, "c.unsigned.test.");

        Assert.Equal(1, net.Count("unsigned.test.", "c.unsigned.test.", RrType.A));
    }
}

// WarmRecallTests: Validator.Recall — a warm single-RRset answer is handed back as the very result it
// was last time while nothing it shows has changed (same entry, same verdict, same TTL at this
// instant), and assembled afresh as soon as anything has: a second later (the TTL counts down), after
// the cache is cleared, with checking disabled, or for a Bogus answer.
using Microsoft.Extensions.Time.Testing;
using Resolver.Protocol;
using Resolver.Testing.Signing;
using Resolver.Tests.Scenarios;

namespace Resolver.Tests.Validation;

public sealed class WarmRecallTests
{
    private static readonly DnsName s_www = DnsName.Parse("www.example.test.");

    private static Task<ResolveResult> Ask(DnsResolver resolver, ResolveBehavior behavior = ResolveBehavior.Default) =>
        resolver.ResolveAsync(s_www, RrType.A, behavior, CancellationToken.None);

    [Fact]
    public async Task A_warm_answer_within_the_same_ttl_is_the_same_result()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        using DnsResolver resolver = net.Resolver();
        ResolveResult cold = await Ask(resolver);
        ResolveResult warm = await Ask(resolver);
        ResolveResult again = await Ask(resolver);

        Assert.Equal(SecurityStatus.Secure, cold.Status);
        Assert.NotSame(cold, warm);              // the first warm hit is assembled (and kept)
        Assert.Same(warm, again);                // the next one is the kept result
        Assert.Equal(default, again.Work);       // no query, no signature checked
        Assert.Equal(warm.Answers.Select(r => r.ToString()), cold.Answers.Select(r => r.ToString()));
    }

    [Fact]
    public async Task A_second_later_the_ttl_has_counted_down_and_the_result_is_new()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using DnsResolver resolver = net.Resolver(time);
        await Ask(resolver);
        ResolveResult warm = await Ask(resolver);
        time.Advance(TimeSpan.FromSeconds(1));
        ResolveResult later = await Ask(resolver);

        Assert.NotSame(warm, later);
        Assert.Equal(warm.Answers[0].Ttl - 1, later.Answers[0].Ttl);
        Assert.Same(later, await Ask(resolver));
    }

    [Fact]
    public async Task After_the_cache_is_cleared_the_answer_is_resolved_again()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        using DnsResolver resolver = net.Resolver();
        await Ask(resolver);
        ResolveResult warm = await Ask(resolver);
        resolver.ClearCache();
        ResolveResult fresh = await Ask(resolver);

        Assert.NotSame(warm, fresh);
        Assert.True(fresh.Work.UpstreamQueries > 0);
    }

    [Fact]
    public async Task With_checking_disabled_the_result_is_never_recalled()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        using DnsResolver resolver = net.Resolver();
        await Ask(resolver);
        ResolveResult first = await Ask(resolver, ResolveBehavior.CheckingDisabled);
        ResolveResult second = await Ask(resolver, ResolveBehavior.CheckingDisabled);

        Assert.NotSame(first, second);
    }

    [Fact]
    public async Task A_bogus_answer_is_never_recalled()
    {
        ZoneHierarchy broken = ScenarioZones.Standard.With(ScenarioZones.Standard["example.test."].CorruptSignature(s_www, RrType.A));
        await using SignedNetwork net = SignedNetwork.Start(broken);
        using DnsResolver resolver = net.Resolver();
        ResolveResult first = await Ask(resolver);
        ResolveResult second = await Ask(resolver);

        Assert.Equal(SecurityStatus.Bogus, first.Status);
        Assert.NotSame(first, second);
        Assert.Equal(SecurityStatus.Bogus, second.Status);
    }
}

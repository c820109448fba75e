// PrefetchTests: prefetch (Unbound's) through the whole resolver on a fake clock. A cached answer
// asked for in the last tenth of its original TTL is refreshed in the background — exactly one
// upstream query however often it is asked — and not before; off by default.
using Microsoft.Extensions.Time.Testing;
using Resolver.Protocol;
using Resolver.Testing.Signing;
using static Resolver.Tests.Scenarios.ScenarioZones;

namespace Resolver.Tests.Scenarios;

public sealed class PrefetchTests
{
    // www.example.test. A has TTL 3600: its last tenth starts 3240 s after it was cached.
    [Fact]
    public async Task InLastTenthOfTtl_ExactlyOneBackgroundQuery_AndNoneBefore()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using DnsResolver resolver = net.Resolver(time, o => o.Cache.Prefetch = true);
        await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        Assert.Equal(1, net.Count("example.test.", "www.example.test.", RrType.A));

        time.Advance(TimeSpan.FromSeconds(3200));   // 400 s left: not yet
        await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        await resolver.BackgroundWork;
        Assert.Equal(1, net.Count("example.test.", "www.example.test.", RrType.A));

        time.Advance(TimeSpan.FromSeconds(100));    // 300 s left: within the last 360 s
        Task<ResolveResult>[] hits = [.. Enumerable.Range(0, 5).Select(_ => resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None))];
        ResolveResult[] results = await Task.WhenAll(hits);
        Assert.All(results, r => Assert.Equal(0, r.Work.UpstreamQueries));   // the hits themselves stay warm
        await resolver.BackgroundWork;
        Assert.Equal(2, net.Count("example.test.", "www.example.test.", RrType.A));

        ResolveResult after = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        Assert.Equal(SecurityStatus.Secure, after.Status);
        Assert.All(after.Answers, r => Assert.True(r.Ttl > 3000));   // refreshed: a whole TTL again
        await resolver.BackgroundWork;
        Assert.Equal(2, net.Count("example.test.", "www.example.test.", RrType.A));
    }

    [Fact]
    public async Task Disabled_ByDefault_NoBackgroundQuery()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using DnsResolver resolver = net.Resolver(time);
        await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(3300));
        await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        await resolver.BackgroundWork;

        Assert.Equal(1, net.Count("example.test.", "www.example.test.", RrType.A));
    }
}

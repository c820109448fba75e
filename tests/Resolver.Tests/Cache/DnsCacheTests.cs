// Cache tests on a FakeTimeProvider (no sleeping): TTL expiry, TTL caps, RFC 2308 negative TTLs,
// trust ranking (glue never replaces an answer), the security-status slot, the size budget, and
// coalescing of concurrent identical work.
using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Cache;

public sealed class DnsCacheTests
{
    private static readonly DnsName Www = DnsName.Parse("www.example.test.");

    private static SignedRrSet A(uint ttl, string address = "192.0.2.1") =>
        new(new RrSet(Www, RrClass.IN, RrType.A, ttl, [new AData(IPAddress.Parse(address))]), []);

    private static ResourceRecord Soa(uint ttl, uint minimum) =>
        new(DnsName.Parse("example.test."), ttl, new SoaData(DnsName.Parse("ns.example.test."), DnsName.Parse("h.example.test."), 1, 2, 3, 4, minimum));

    [Fact]
    public void Entries_expire_with_the_injected_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));
        using var cache = new DnsCache(timeProvider: time);
        cache.SetRrSet(A(300), DnsName.Parse("example.test."), CacheTrust.Answer);

        time.Advance(TimeSpan.FromSeconds(299));
        CachedRrSet? live = cache.GetRrSet(Www, RrType.A);
        Assert.NotNull(live);
        Assert.Equal(1u, live!.RemainingTtl(time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(cache.GetRrSet(Www, RrType.A));
    }

    [Fact]
    public void Expired_entries_are_kept_for_the_stale_window_only_when_serve_stale_is_on_Rfc8767Section5()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));
        using var cache = new DnsCache(new DnsCacheOptions { ServeStale = true, MaxStale = TimeSpan.FromHours(1) }, time);
        using var plain = new DnsCache(timeProvider: time);
        cache.SetRrSet(A(300), DnsName.Parse("example.test."), CacheTrust.Answer);
        plain.SetRrSet(A(300), DnsName.Parse("example.test."), CacheTrust.Answer);

        time.Advance(TimeSpan.FromSeconds(300));
        Assert.Null(cache.GetRrSet(Www, RrType.A));   // expired: no ordinary lookup sees it
        Assert.NotNull(cache.GetStaleRrSet(Www, RrType.A));
        Assert.Null(plain.GetStaleRrSet(Www, RrType.A));

        time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        Assert.NotNull(cache.GetStaleRrSet(Www, RrType.A));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(cache.GetStaleRrSet(Www, RrType.A));
    }

    [Fact]
    public void Last_tenth_of_the_original_ttl_is_the_prefetch_window()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z"));
        using var cache = new DnsCache(timeProvider: time);
        CachedRrSet entry = cache.SetRrSet(A(1000), DnsName.Parse("example.test."), CacheTrust.Answer)!;

        Assert.False(entry.InLastTenth(time.GetUtcNow().AddSeconds(899)));
        Assert.True(entry.InLastTenth(time.GetUtcNow().AddSeconds(900)));
        Assert.True(entry.InLastTenth(time.GetUtcNow().AddSeconds(999)));
        Assert.False(entry.InLastTenth(time.GetUtcNow().AddSeconds(1000)));   // expired: a miss, not a prefetch
    }

    [Theory]
    [InlineData(nameof(DnsCacheOptions.MaxStale), 59)]
    [InlineData(nameof(DnsCacheOptions.MaxStale), 7 * 86_400 + 1)]
    [InlineData(nameof(DnsCacheOptions.StaleAnswerTtl), 0)]
    [InlineData(nameof(DnsCacheOptions.StaleAnswerTtl), 3601)]
    [InlineData(nameof(DnsCacheOptions.StaleRefreshInterval), 0)]
    [InlineData(nameof(DnsCacheOptions.StaleRefreshInterval), 3601)]
    public void Serve_stale_options_out_of_range_are_rejected(string option, int seconds)
    {
        var options = new DnsCacheOptions();
        typeof(DnsCacheOptions).GetProperty(option)!.SetValue(options, TimeSpan.FromSeconds(seconds));
        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
    }

    [Fact]
    public void Ttl_is_capped_and_zero_ttl_is_not_cached()
    {
        var time = new FakeTimeProvider();
        using var cache = new DnsCache(new DnsCacheOptions { MaxTtl = TimeSpan.FromHours(1) }, time);
        cache.SetRrSet(A(1_000_000), null, CacheTrust.Answer);
        Assert.Equal(3600u, cache.GetRrSet(Www, RrType.A)!.RemainingTtl(time.GetUtcNow()));
        time.Advance(TimeSpan.FromHours(1));
        Assert.Null(cache.GetRrSet(Www, RrType.A));

        Assert.Null(cache.SetRrSet(A(0), null, CacheTrust.Answer));
        Assert.Null(cache.GetRrSet(Www, RrType.A));
    }

    // Issue 14 item 9: Unbound's cache-min-ttl and cache-min-negative-ttl; TTL 0 stays uncached (RFC 2181 §8).
    [Fact]
    public void Short_ttls_are_raised_to_the_minimum_but_zero_ttl_is_still_not_cached()
    {
        var time = new FakeTimeProvider();
        using var cache = new DnsCache(new DnsCacheOptions { MinTtl = TimeSpan.FromMinutes(1), MinNegativeTtl = TimeSpan.FromSeconds(30) }, time);
        cache.SetRrSet(A(5), null, CacheTrust.Answer);
        Assert.Equal(60u, cache.GetRrSet(Www, RrType.A)!.RemainingTtl(time.GetUtcNow()));
        cache.SetNegative(Www, RrType.MX, RrClass.IN, NegativeKind.NoData, DnsName.Parse("example.test."), [Soa(10, 10)]);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.NotNull(cache.GetNegative(Www, RrType.MX));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(cache.GetNegative(Www, RrType.MX));

        Assert.Null(cache.SetRrSet(A(0, "192.0.2.9"), null, CacheTrust.Answer));
        Assert.Null(cache.SetNegative(Www, RrType.TXT, RrClass.IN, NegativeKind.NoData, DnsName.Parse("example.test."), [Soa(0, 0)]));
    }

    [Fact]
    public void Negative_ttl_is_the_lesser_of_soa_ttl_and_minimum()
    {
        var time = new FakeTimeProvider();
        using var cache = new DnsCache(timeProvider: time);
        cache.SetNegative(Www, RrType.MX, RrClass.IN, NegativeKind.NoData, DnsName.Parse("example.test."), [Soa(3600, 60)]);
        cache.SetNegative(DnsName.Parse("nx.example.test."), RrType.A, RrClass.IN, NegativeKind.NxDomain, null, [Soa(30, 600)]);

        Assert.Equal(NegativeKind.NoData, cache.GetNegative(Www, RrType.MX)!.Kind);
        Assert.Null(cache.GetNegative(Www, RrType.TXT));
        // NXDOMAIN holds for every type of the name.
        Assert.Equal(NegativeKind.NxDomain, cache.GetNegative(DnsName.Parse("NX.example.test."), RrType.TXT)!.Kind);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(cache.GetNegative(DnsName.Parse("nx.example.test."), RrType.A));
        Assert.NotNull(cache.GetNegative(Www, RrType.MX));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(cache.GetNegative(Www, RrType.MX));
    }

    [Fact]
    public void Negative_answer_without_soa_is_not_cached()
    {
        using var cache = new DnsCache(timeProvider: new FakeTimeProvider());
        Assert.Null(cache.SetNegative(Www, RrType.MX, RrClass.IN, NegativeKind.NoData, null, []));
    }

    [Fact]
    public void Glue_never_replaces_an_authoritative_answer_but_an_answer_replaces_glue()
    {
        using var cache = new DnsCache(timeProvider: new FakeTimeProvider());
        cache.SetRrSet(A(300, "192.0.2.1"), null, CacheTrust.Answer);
        Assert.Null(cache.SetRrSet(A(300, "203.0.113.9"), null, CacheTrust.Glue));
        Assert.Equal(IPAddress.Parse("192.0.2.1"), ((AData)cache.GetRrSet(Www, RrType.A)!.RrSet.RrSet.Data[0]).Address);

        cache.Clear();
        cache.SetRrSet(A(300, "203.0.113.9"), null, CacheTrust.Glue);
        Assert.NotNull(cache.SetRrSet(A(300, "192.0.2.1"), null, CacheTrust.Answer));
        Assert.Equal(CacheTrust.Answer, cache.GetRrSet(Www, RrType.A)!.Trust);
    }

    [Fact]
    public void Entries_carry_a_security_status_slot()
    {
        using var cache = new DnsCache(timeProvider: new FakeTimeProvider());
        CachedRrSet entry = cache.SetRrSet(A(300), DnsName.Parse("example.test."), CacheTrust.Answer)!;
        Assert.Null(entry.Security);   // not judged yet
        entry.Security = new RrSetSecurity(SecurityStatus.Secure, null, ChainOfTrust.None, DateTimeOffset.MaxValue);
        Assert.Equal(SecurityStatus.Secure, cache.GetRrSet(Www, RrType.A)!.Security!.Status);
        Assert.Equal(DnsName.Parse("example.test."), cache.GetRrSet(Www, RrType.A)!.Zone);
    }

    [Fact]
    public void Size_budget_evicts_entries()
    {
        using var cache = new DnsCache(new DnsCacheOptions { SizeLimit = 4096 }, new FakeTimeProvider());
        for (int i = 0; i < 200; i++)
        {
            var name = DnsName.Parse($"h{i}.example.test.");
            cache.SetRrSet(new SignedRrSet(new RrSet(name, RrClass.IN, RrType.A, 300, [new AData(IPAddress.Parse("192.0.2.1"))]), []), null, CacheTrust.Answer);
        }

        Assert.True(cache.Count < 200, $"{cache.Count} entries kept within a 4 KiB budget");
    }

    [Fact]
    public void Options_outside_their_range_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsCacheOptions { SizeLimit = 10 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsCacheOptions { MaxTtl = TimeSpan.FromDays(30) }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsCacheOptions { MaxNegativeTtl = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsCacheOptions { MinTtl = TimeSpan.FromHours(2) }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsCacheOptions { MinTtl = TimeSpan.FromMinutes(10), MaxTtl = TimeSpan.FromMinutes(5) }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsCacheOptions { MinNegativeTtl = TimeSpan.FromSeconds(-1) }.Validate());
    }

    [Fact]
    public async Task Resolver_ttl_expiry_follows_the_fake_clock_end_to_end()
    {
        await using TestDnsNetwork net = ThreeLevels();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var iterator = Iterator(net, out DnsCache cache, time);
        await iterator.ResolveAsync(Q("www.example.test."), default);   // www has TTL 300
        Assert.Equal(0, (await iterator.ResolveAsync(Q("www.example.test."), default)).UpstreamQueries);

        time.Advance(TimeSpan.FromSeconds(301));
        IterationResult after = await iterator.ResolveAsync(Q("www.example.test."), default);
        Assert.Equal(IterationStatus.Answer, after.Status);
        Assert.Equal(1, after.UpstreamQueries);   // the delegation (TTL 3600) is still cached
        Assert.Equal(2, net[2].CountQueries("www.example.test.", RrType.A));
        cache.Dispose();
    }

    [Fact]
    public async Task In_flight_requests_share_one_piece_of_work()
    {
        var table = new InFlightRequests<string, int>();
        int starts = 0;
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int>[] waiters = [.. Enumerable.Range(0, 50).Select(_ => table.RunAsync("k", _ => { Interlocked.Increment(ref starts); return gate.Task; }, default))];
        gate.SetResult(42);
        Assert.All(await Task.WhenAll(waiters), r => Assert.Equal(42, r));
        Assert.Equal(1, starts);
        Assert.Equal(0, table.Count);

        // One caller cancelling does not cancel the shared work for the others.
        var slow = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();
        Task<int> cancelled = table.RunAsync("s", _ => slow.Task, cts.Token);
        Task<int> other = table.RunAsync("s", _ => throw new InvalidOperationException("not started twice"), default);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        slow.SetResult(7);
        Assert.Equal(7, await other);
    }
}

// ServeStaleTests: serve-stale (RFC 8767) through the whole resolver on a fake clock. When every
// authority fails after the data expired, data that validated Secure or Insecure is answered stale
// (TTL 30 s, EDE 3 or 19, IsStale) within MaxStale, never past it, never when the option is off and
// never when the data was Bogus; once the servers are back a background refresh replaces it.
using Microsoft.Extensions.Time.Testing;
using Resolver.Protocol;
using Resolver.Testing.Signing;
using static Resolver.Tests.Scenarios.ScenarioZones;

namespace Resolver.Tests.Scenarios;

public sealed class ServeStaleTests
{
    // Longer than every TTL of the standard zones (3600 s, negative TTLs capped at 3 h), well within a day.
    private static readonly TimeSpan PastTtl = TimeSpan.FromHours(4);

    [Fact]
    public async Task AllServersDead_AfterTtl_SecureDataServedStale_WithEde3AndTtl30_Rfc8767Section4()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using DnsResolver resolver = net.Resolver(time, o => o.Cache.ServeStale = true);
        ResolveResult fresh = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        Assert.Equal(SecurityStatus.Secure, fresh.Status);
        Assert.False(fresh.IsStale);
        Assert.Null(fresh.StaleErrorCode);

        net.Transport.Dead = (_, _) => true;
        time.Advance(PastTtl);
        ResolveResult stale = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Assert.False(stale.IsResolutionFailure, stale.ResolutionError);
        Assert.True(stale.IsStale);
        Assert.Equal(ExtendedErrorCode.StaleAnswer, stale.StaleErrorCode);
        Assert.Equal(SecurityStatus.Secure, stale.Status);
        Assert.Equal(ResponseCode.NoError, stale.ResponseCode);
        Assert.Equal("192.0.2.10", Assert.Single(stale.Records).Data.ToString());
        Assert.All(stale.Answers, r => Assert.Equal(30u, r.Ttl));
    }

    [Fact]
    public async Task AllServersDead_AfterTtl_NxDomainServedStale_WithEde19()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using DnsResolver resolver = net.Resolver(time, o => o.Cache.ServeStale = true);
        ResolveResult fresh = await resolver.ResolveAsync(N("nothing.example.test."), RrType.A, CancellationToken.None);
        Assert.Equal(ResponseCode.NXDomain, fresh.ResponseCode);
        Assert.Equal(SecurityStatus.Secure, fresh.Status);

        net.Transport.Dead = (_, _) => true;
        time.Advance(PastTtl);
        ResolveResult stale = await resolver.ResolveAsync(N("nothing.example.test."), RrType.A, CancellationToken.None);

        Assert.True(stale.IsStale, stale.ResolutionError);
        Assert.Equal(ResponseCode.NXDomain, stale.ResponseCode);
        Assert.Equal(ExtendedErrorCode.StaleNxDomainAnswer, stale.StaleErrorCode);
        Assert.Equal(SecurityStatus.Secure, stale.Status);
        Assert.Contains(stale.Authority, r => r.Type == RrType.SOA);
        Assert.All(stale.Authority, r => Assert.Equal(30u, r.Ttl));
    }

    [Fact]
    public async Task InsecureData_ServedStale_KeepsItsVerdictAndReason()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using DnsResolver resolver = net.Resolver(time, o => o.Cache.ServeStale = true);
        ResolveResult fresh = await resolver.ResolveAsync(N("www.unsigned.test."), RrType.A, CancellationToken.None);
        Assert.Equal(SecurityStatus.Insecure, fresh.Status);

        net.Transport.Dead = (_, _) => true;
        time.Advance(PastTtl);
        ResolveResult stale = await resolver.ResolveAsync(N("www.unsigned.test."), RrType.A, CancellationToken.None);

        Assert.True(stale.IsStale, stale.ResolutionError);
        Assert.Equal(SecurityStatus.Insecure, stale.Status);
        Assert.Equal(fresh.Reason, stale.Reason);
    }

    [Fact]
    public async Task AliasChain_ServedStale_WithTheFinalRrset()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using DnsResolver resolver = net.Resolver(time, o => o.Cache.ServeStale = true);
        Assert.Equal(SecurityStatus.Secure, (await resolver.ResolveAsync(N("alias.example.test."), RrType.A, CancellationToken.None)).Status);

        net.Transport.Dead = (_, _) => true;
        time.Advance(PastTtl);
        ResolveResult stale = await resolver.ResolveAsync(N("alias.example.test."), RrType.A, CancellationToken.None);

        Assert.True(stale.IsStale, stale.ResolutionError);
        Assert.Equal(N("www.example.test."), stale.CanonicalName);
        Assert.Contains(stale.Answers, r => r.Type == RrType.CNAME);
        Assert.Single(stale.Records);
    }

    [Fact]
    public async Task PastMaxStale_NotServed_Rfc8767Section5()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using DnsResolver resolver = net.Resolver(time, o =>
        {
            o.Cache.ServeStale = true;
            o.Cache.MaxStale = TimeSpan.FromHours(1);
        });
        await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        net.Transport.Dead = (_, _) => true;
        time.Advance(TimeSpan.FromSeconds(3600) + TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        ResolveResult result = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Assert.True(result.IsResolutionFailure);
        Assert.False(result.IsStale);
    }

    [Fact]
    public async Task Disabled_ByDefault_NotServed()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using DnsResolver resolver = net.Resolver(time);
        await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        net.Transport.Dead = (_, _) => true;
        time.Advance(PastTtl);
        ResolveResult result = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Assert.True(result.IsResolutionFailure);
        Assert.False(result.IsStale);
    }

    [Fact]
    public async Task BogusData_NeverServedStale()
    {
        ZoneHierarchy broken = Standard.With(Standard["example.test."].CorruptSignature(N("www.example.test."), RrType.A));
        await using SignedNetwork net = SignedNetwork.Start(broken);
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using DnsResolver resolver = net.Resolver(time, o =>
        {
            o.Cache.ServeStale = true;
            o.Validation.MaxRestarts = 0;
        });
        Assert.Equal(SecurityStatus.Bogus, (await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None)).Status);

        net.Transport.Dead = (_, _) => true;
        time.Advance(PastTtl);
        ResolveResult result = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Assert.True(result.IsResolutionFailure);
        Assert.False(result.IsStale);
    }

    [Fact]
    public async Task SecureData_WhoseSignaturesExpiredSince_NotServedStale_Rfc4035Section5_3_1()
    {
        uint inception = (uint)ZoneSigningOptions.ValidAt.AddDays(-1).ToUnixTimeSeconds();
        uint expiration = (uint)ZoneSigningOptions.ValidAt.AddMinutes(90).ToUnixTimeSeconds();
        ZoneHierarchy soon = Standard.With(Standard["example.test."].ResignAll(inception, expiration));
        await using SignedNetwork net = SignedNetwork.Start(soon);
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using DnsResolver resolver = net.Resolver(time, o => o.Cache.ServeStale = true);
        Assert.Equal(SecurityStatus.Secure, (await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None)).Status);

        net.Transport.Dead = (_, _) => true;
        time.Advance(TimeSpan.FromMinutes(70));   // TTL (3600 s) passed, signatures still valid: served stale
        Assert.True((await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None)).IsStale);
        time.Advance(TimeSpan.FromMinutes(30));   // signatures expired 10 minutes ago
        ResolveResult result = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Assert.True(result.IsResolutionFailure);
        Assert.False(result.IsStale);
    }

    [Fact]
    public async Task ServersBack_StaleAnsweredDuringRecheckTimer_ThenBackgroundRefreshReplacesIt_Rfc8767Section5()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using DnsResolver resolver = net.Resolver(time, o => o.Cache.ServeStale = true);
        await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        net.Transport.Dead = (_, _) => true;
        time.Advance(PastTtl);
        Assert.True((await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None)).IsStale);

        net.Transport.Dead = null;   // the authorities come back
        int before = net.Count("example.test.", "www.example.test.", RrType.A);
        time.Advance(TimeSpan.FromSeconds(10));
        ResolveResult withinTimer = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        Assert.True(withinTimer.IsStale);
        await resolver.BackgroundWork;
        Assert.Equal(before, net.Count("example.test.", "www.example.test.", RrType.A));   // failure recheck timer: not asked yet

        time.Advance(TimeSpan.FromSeconds(21));
        ResolveResult served = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        Assert.True(served.IsStale);   // answered at once; the refresh runs in the background
        await resolver.BackgroundWork;
        Assert.Equal(before + 1, net.Count("example.test.", "www.example.test.", RrType.A));

        ResolveResult refreshed = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        Assert.False(refreshed.IsStale);
        Assert.Equal(SecurityStatus.Secure, refreshed.Status);
        Assert.Equal(0, refreshed.Work.UpstreamQueries);
        Assert.All(refreshed.Answers, r => Assert.True(r.Ttl > 30));
    }

    [Fact]
    public async Task SlowAuthorities_StaleAnsweredAfterTheClientResponseTimer_AndTheResolutionRefreshesTheCache_Rfc8767Section5()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        var gated = new GatedTransport(net.Transport);
        using var resolver = new DnsResolver(net.Options(o => o.Cache.ServeStale = true), time, transport: gated);
        await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        time.Advance(PastTtl);

        gated.Close();   // the authorities are slow: nothing comes back yet
        Task<ResolveResult> pending = resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(1799));
        await Task.Yield();
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        ResolveResult stale = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(stale.IsStale);
        Assert.Equal(SecurityStatus.Secure, stale.Status);

        gated.Open();    // the answer arrives after all: the resolution that outlived the client stores it
        await resolver.BackgroundWork.WaitAsync(TimeSpan.FromSeconds(10));
        ResolveResult fresh = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        Assert.False(fresh.IsStale);
        Assert.Equal(0, fresh.Work.UpstreamQueries);
        Assert.Equal(SecurityStatus.Secure, fresh.Status);
    }

    // Holds every query until opened (a slow network), without touching the clock.
    private sealed class GatedTransport(Resolver.Transport.IDnsTransport inner) : Resolver.Transport.IDnsTransport
    {
        private volatile TaskCompletionSource _gate = Opened();

        public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _gate.TrySetResult();

        public async Task<Resolver.Transport.TransportResult> QueryAsync(
            System.Net.IPEndPoint server, DnsMessage query, Resolver.Transport.TransportOptions options, CancellationToken cancellationToken)
        {
            await _gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return await inner.QueryAsync(server, query, options, cancellationToken).ConfigureAwait(false);
        }

        private static TaskCompletionSource Opened()
        {
            var done = new TaskCompletionSource();
            done.SetResult();
            return done;
        }
    }
}

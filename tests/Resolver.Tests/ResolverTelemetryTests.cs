// ResolverTelemetryTests: the resolver's metrics are true (issue 16 item 9) — a hundred coalesced
// identical resolutions report the upstream packets the servers really received, not each waiter's
// share of the same work; the duration histogram carries outcome and cache-hit attributes; the
// in-flight up-down counter returns to zero; the cache size gauge reports the cache; the meter has a
// version and every instrument an OpenTelemetry-style name and UCUM unit.
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using Resolver.Protocol;
using Resolver.Testing.Signing;
using Resolver.Tests.Scenarios;
using static Resolver.Tests.Scenarios.ScenarioZones;

namespace Resolver.Tests;

public sealed partial class ResolverTelemetryTests(ITestOutputHelper output)
{
    // Holds every query until the gate opens, then passes it on.
    private sealed class GatedTransport(Resolver.Transport.IDnsTransport inner, Task gate) : Resolver.Transport.IDnsTransport
    {
        public async Task<Resolver.Transport.TransportResult> QueryAsync(
            System.Net.IPEndPoint server, DnsMessage query, Resolver.Transport.TransportOptions options, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            return await inner.QueryAsync(server, query, options, cancellationToken);
        }
    }

    [Fact]
    public async Task HundredCoalescedResolutions_CountTheUpstreamPacketsActuallySent()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        using var meters = new ScopedMeterFactory();
        using var recorder = new MeterRecorder(meters);
        // Every query waits until all hundred resolutions have started, so all of them share one
        // iteration however the machine schedules them (a loaded machine could otherwise finish the
        // first before the last began, and the late ones would be cache hits).
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var resolver = new DnsResolver(net.Options(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ZoneSigningOptions.ValidAt),
            transport: new GatedTransport(net.Transport, gate.Task), meterFactory: meters);

        Task<ResolveResult>[] started = [.. Enumerable.Range(0, 100).Select(_ => resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None))];
        gate.SetResult();
        ResolveResult[] results = await Task.WhenAll(started);

        Assert.All(results, r => Assert.Equal(SecurityStatus.Secure, r.Status));
        int received = net.Servers.AllQueries.Count();
        output.WriteLine($"100 coalesced resolutions: {received} packets received by the servers, metric {recorder.Sum("dns.resolver.upstream.queries")}, " +
            $"summed over the results {results.Sum(r => r.Work.UpstreamQueries)}");
        Assert.Equal(received, (int)recorder.Sum("dns.resolver.upstream.queries"));
        Assert.Equal(net.Transport.Sent, (int)recorder.Sum("dns.resolver.upstream.queries"));
        // Each waiter is told the work behind its answer: summed, that is what used to be reported.
        Assert.True(results.Sum(r => r.Work.UpstreamQueries) > 10 * received, $"{received} packets, {results.Sum(r => r.Work.UpstreamQueries)} summed over the results");
        Assert.All(recorder.Of("dns.resolver.upstream.queries"), m => Assert.Equal("udp", m.Tags["dns.resolver.transport"]));
        Assert.Equal(100, recorder.Sum("dns.resolver.resolutions"));
    }

    [Fact]
    public async Task DurationHistogram_IsTaggedWithOutcomeAndCacheHit_InSeconds()
    {
        ZoneHierarchy broken = Standard.With(Standard["example.test."].CorruptSignature(N("www.example.test."), RrType.A));
        await using SignedNetwork net = SignedNetwork.Start(broken);
        using var meters = new ScopedMeterFactory();
        using var recorder = new MeterRecorder(meters);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using var resolver = new DnsResolver(net.Options(), time, transport: net.Transport, meterFactory: meters);

        Assert.Equal(SecurityStatus.Secure, (await resolver.ResolveAsync(N("www.example.test."), RrType.AAAA, CancellationToken.None)).Status);
        Assert.Equal(SecurityStatus.Secure, (await resolver.ResolveAsync(N("www.example.test."), RrType.AAAA, CancellationToken.None)).Status);
        Assert.Equal(SecurityStatus.Bogus, (await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None)).Status);

        Assert.Equal("s", recorder.Instruments["dns.resolver.duration"].Unit);
        Measured[] durations = [.. recorder.Of("dns.resolver.duration")];
        Assert.Equal(
            [("secure", false), ("secure", true), ("bogus", false)],
            durations.Select(m => ((string)m.Tags["dns.resolver.outcome"]!, (bool)m.Tags["dns.resolver.cache_hit"]!)));
        // The fake clock did not move: every duration is measured on the resolver's TimeProvider.
        Assert.All(durations, m => Assert.Equal(0, m.Value));
        Assert.Equal(1, recorder.Sum("dns.resolver.cache.hits"));
        Assert.Equal(["secure", "secure", "bogus"], recorder.Of("dns.resolver.resolutions").Select(m => (string)m.Tags["dns.resolver.outcome"]!));
        Assert.True(recorder.Sum("dns.resolver.signature.validations") > 0);
    }

    [Fact]
    public async Task ActiveResolutions_RiseWhileResolving_AndReturnToZero()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        using var meters = new ScopedMeterFactory();
        using var recorder = new MeterRecorder(meters);
        using DnsResolver resolver = new(net.Options(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ZoneSigningOptions.ValidAt),
            transport: net.Transport, meterFactory: meters);

        await Task.WhenAll(resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None),
            resolver.ResolveAsync(N("www.n3.test."), RrType.A, CancellationToken.None));

        Measured[] changes = [.. recorder.Of("dns.resolver.active_resolutions")];
        Assert.Equal(2, changes.Count(m => m.Value == 1));
        Assert.Equal(2, changes.Count(m => m.Value == -1));
        Assert.Equal(0, changes.Sum(m => m.Value));
    }

    [Fact]
    public async Task CacheSizeGauge_ReportsTheCachedEntries()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        using var meters = new ScopedMeterFactory();
        using var recorder = new MeterRecorder(meters);
        using DnsResolver resolver = new(net.Options(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ZoneSigningOptions.ValidAt),
            transport: net.Transport, meterFactory: meters);

        recorder.Observe();
        double empty = recorder.Of("dns.resolver.cache.size").Last().Value;
        await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        recorder.Observe();
        double filled = recorder.Of("dns.resolver.cache.size").Last().Value;

        Assert.Equal(0, empty);
        Assert.True(filled >= 3, $"{filled} entries");   // at least the answer, the delegations and the keys
        resolver.ClearCache();
        recorder.Observe();
        Assert.True(recorder.Of("dns.resolver.cache.size").Last().Value < filled);
    }

    [Fact]
    public void Meter_HasAVersion_AndInstrumentsFollowOpenTelemetryNaming()
    {
        using var meters = new ScopedMeterFactory();
        using var recorder = new MeterRecorder(meters);
        using var resolver = new DnsResolver(meterFactory: meters);

        Assert.Equal(
            ["dns.resolver.active_resolutions", "dns.resolver.cache.hits", "dns.resolver.cache.size", "dns.resolver.duration",
             "dns.resolver.resolutions", "dns.resolver.signature.validations", "dns.resolver.upstream.queries"],
            recorder.Instruments.Keys.Order());
        foreach (var instrument in recorder.Instruments.Values)
        {
            Assert.Equal(DnsResolver.TelemetryName, instrument.Meter.Name);
            Assert.False(string.IsNullOrEmpty(instrument.Meter.Version));
            Assert.Matches(OtelName(), instrument.Name);
            // UCUM: seconds, or an annotation in braces for counts.
            Assert.Matches(UcumUnit(), instrument.Unit);
            Assert.False(string.IsNullOrEmpty(instrument.Description));
        }
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")]
    private static partial Regex OtelName();

    [GeneratedRegex(@"^(s|\{[a-z]+\})$")]
    private static partial Regex UcumUnit();
}

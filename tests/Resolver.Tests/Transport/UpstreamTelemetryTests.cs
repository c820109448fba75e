// UpstreamTelemetryTests: dns.resolver.upstream.queries counts the exchanges really made, by
// transport — a truncated UDP answer retried over TCP is one UDP and one TCP query, as the servers
// see them; DNS-over-TLS and DNS-over-HTTPS forwarders are counted as tls and https.
using System.Security.Cryptography;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using Resolver.Transport;

namespace Resolver.Tests.Transport;

public sealed class UpstreamTelemetryTests
{
    private static double Count(MeterRecorder recorder, string transport) =>
        recorder.Of("dns.resolver.upstream.queries").Where(m => (string?)m.Tags["dns.resolver.transport"] == transport).Sum(m => m.Value);

    [Fact]
    public async Task TruncatedAnswers_CountTheUdpQueryAndTheTcpRetry_AsTheServersSawThem()
    {
        await using TestDnsNetwork net = TestZones.ThreeLevels();
        foreach (AuthoritativeServer server in net.Servers)
        {
            server.TruncateAllUdp = true;
        }

        var options = new ResolverOptions { Iteration = TestZones.Options(net), Transport = TestZones.FastTransport() };
        options.Validation.TrustAnchors = TrustAnchorStore.Empty;
        using var meters = new ScopedMeterFactory();
        using var recorder = new MeterRecorder(meters);
        using var resolver = new DnsResolver(options, meterFactory: meters);

        ResolveResult result = await resolver.ResolveAsync(DnsName.Parse("www.example.test."), RrType.A, CancellationToken.None);

        Assert.False(result.IsResolutionFailure, result.ToString());
        ReceivedQuery[] received = [.. net.AllQueries];
        Assert.Equal(received.Count(q => !q.OverTcp), Count(recorder, "udp"));
        Assert.Equal(received.Count(q => q.OverTcp), Count(recorder, "tcp"));
        Assert.True(Count(recorder, "tcp") > 0);
        Assert.Equal(received.Length, recorder.Sum("dns.resolver.upstream.queries"));
    }

    [Fact]
    public async Task TlsAndHttpsForwarders_AreCountedByTheirTransport()
    {
        await using var tls = TlsDnsServer.Start(TlsDnsServer.MakeCertificate("dns.test"));
        var certificate = TlsDnsServer.MakeCertificate("doh.test");
        string pin = Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        await using HttpsDnsServer https = await HttpsDnsServer.StartAsync(certificate);
        using var meters = new ScopedMeterFactory();
        using var recorder = new MeterRecorder(meters);

        foreach (bool overTls in new[] { true, false })
        {
            var options = new ResolverOptions();
            options.Validation.TrustAnchors = TrustAnchorStore.Empty;   // the test upstreams sign nothing
            options.Transport.TcpReadTimeout = TimeSpan.FromSeconds(5);
            _ = overTls
                ? options.ForwardTo(new TlsUpstream { EndPoint = tls.EndPoint, SpkiPins = [tls.SpkiPin] })
                : options.ForwardTo(new HttpsUpstream { Uri = https.Uri, SpkiPins = [pin] });
            using var resolver = new DnsResolver(options, meterFactory: meters);
            ResolveResult result = await resolver.ResolveAsync(DnsName.Parse("www.example."), RrType.A, CancellationToken.None);
            Assert.False(result.IsResolutionFailure, result.ToString());
        }

        Assert.Equal(tls.QueryLengths.Count, Count(recorder, "tls"));
        Assert.Equal(https.Requests.Count, Count(recorder, "https"));
        Assert.Equal(0, Count(recorder, "udp") + Count(recorder, "tcp"));
    }
}

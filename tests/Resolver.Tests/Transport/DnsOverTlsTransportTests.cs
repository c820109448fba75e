// DnsOverTlsTransportTests: DNS over TLS (RFC 7858) against an in-process TLS server — authentication by
// the RFC 8310 strict profile (SPKI pins, a name checked against a certificate from a trusted root), each
// refusal a NetworkError that names the upstream and says what failed (wrong pin, wrong name, unknown
// issuer, expired), never clear text instead; one reused pipelined connection; queries padded to 128
// octets (RFC 8467 §4.1); an upstream that closes mid-exchange is a clear error.
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using Resolver.Transport;

namespace Resolver.Tests.Transport;

public sealed class DnsOverTlsTransportTests
{
    private static readonly TransportOptions s_options = new() { TcpReadTimeout = TimeSpan.FromSeconds(5), TcpConnectTimeout = TimeSpan.FromSeconds(5) };

    private static DnsMessage Query(string name) => DnsMessage.CreateQuery(0, DnsName.Parse(name), RrType.A);

    private static Task<TransportResult> AskAsync(DnsOverTlsTransport transport, TlsDnsServer server, string name = "www.example.") =>
        transport.QueryAsync(server.EndPoint, Query(name), s_options, default);

    [Fact]
    public async Task A_server_whose_key_matches_a_pin_is_used_even_self_signed_Rfc7858Section4_2()
    {
        await using var server = TlsDnsServer.Start(TlsDnsServer.MakeCertificate("dns.test"));
        using var transport = new DnsOverTlsTransport([new TlsUpstream { EndPoint = server.EndPoint, SpkiPins = [server.SpkiPin] }]);

        TransportResult result = await AskAsync(transport, server);

        Assert.True(result.HasResponse, result.Error);
        Assert.True(result.OverTcp);
        Assert.Single(result.Response!.Answers);
    }

    [Fact]
    public async Task A_key_that_matches_no_pin_is_refused_with_a_reason_naming_the_upstream()
    {
        await using var server = TlsDnsServer.Start(TlsDnsServer.MakeCertificate("dns.test"));
        string otherPin = Convert.ToBase64String(new byte[32]);
        using var transport = new DnsOverTlsTransport([new TlsUpstream { EndPoint = server.EndPoint, SpkiPins = [otherPin] }]);

        TransportResult result = await AskAsync(transport, server);

        Assert.Equal(TransportStatus.NetworkError, result.Status);
        Assert.Contains($"tls://{server.EndPoint}", result.Error, StringComparison.Ordinal);
        Assert.Contains("matches none of the 1 configured pin", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.QueryLengths);   // nothing was sent
    }

    [Fact]
    public async Task A_certificate_from_a_trusted_root_for_the_authentication_name_is_accepted_Rfc8310Section8_1()
    {
        using X509Certificate2 root = TlsDnsServer.MakeRoot("Test Root");
        await using var server = TlsDnsServer.Start(TlsDnsServer.MakeCertificate("dns.test", root));
        using var transport = new DnsOverTlsTransport([new TlsUpstream
        {
            EndPoint = server.EndPoint, AuthenticationName = "dns.test", TrustedRoots = [X509CertificateLoader.LoadCertificate(root.RawData)],
        }]);

        TransportResult result = await AskAsync(transport, server);

        Assert.True(result.HasResponse, result.Error);
    }

    [Fact]
    public async Task A_certificate_for_another_name_is_refused()
    {
        using X509Certificate2 root = TlsDnsServer.MakeRoot("Test Root");
        await using var server = TlsDnsServer.Start(TlsDnsServer.MakeCertificate("other.test", root));
        using var transport = new DnsOverTlsTransport([new TlsUpstream
        {
            EndPoint = server.EndPoint, AuthenticationName = "dns.test", TrustedRoots = [X509CertificateLoader.LoadCertificate(root.RawData)],
        }]);

        TransportResult result = await AskAsync(transport, server);

        Assert.Equal(TransportStatus.NetworkError, result.Status);
        Assert.Contains("not valid for 'dns.test'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_self_signed_certificate_without_a_pin_is_refused()
    {
        await using var server = TlsDnsServer.Start(TlsDnsServer.MakeCertificate("dns.test"));
        using var transport = new DnsOverTlsTransport([new TlsUpstream { EndPoint = server.EndPoint, AuthenticationName = "dns.test" }]);

        TransportResult result = await AskAsync(transport, server);

        Assert.Equal(TransportStatus.NetworkError, result.Status);
        Assert.Contains("does not chain to a trusted root", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_certificate_is_refused()
    {
        using X509Certificate2 root = TlsDnsServer.MakeRoot("Test Root");
        await using var server = TlsDnsServer.Start(TlsDnsServer.MakeCertificate("dns.test", root, expired: true));
        using var transport = new DnsOverTlsTransport([new TlsUpstream
        {
            EndPoint = server.EndPoint, AuthenticationName = "dns.test", TrustedRoots = [X509CertificateLoader.LoadCertificate(root.RawData)],
        }]);

        TransportResult result = await AskAsync(transport, server);

        Assert.Equal(TransportStatus.NetworkError, result.Status);
        Assert.Contains("has expired or is not yet valid", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queries_share_one_connection_and_are_padded_to_128_octets_Rfc8467Section4_1()
    {
        await using var server = TlsDnsServer.Start(TlsDnsServer.MakeCertificate("dns.test"));
        using var transport = new DnsOverTlsTransport([new TlsUpstream { EndPoint = server.EndPoint, SpkiPins = [server.SpkiPin] }]);

        TransportResult[] results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => AskAsync(transport, server, $"name-{new string('x', i * 7)}.example.")));

        Assert.All(results, r => Assert.True(r.HasResponse, r.Error));
        Assert.Equal(1, server.Connections);
        Assert.Equal(8, server.QueryLengths.Count);
        Assert.All(server.QueryLengths, length => Assert.Equal(0, length % 128));
    }

    [Fact]
    public async Task An_upstream_that_closes_without_answering_is_a_clear_network_error()
    {
        await using var server = TlsDnsServer.Start(TlsDnsServer.MakeCertificate("dns.test"));
        server.CloseWithoutAnswer = true;
        using var transport = new DnsOverTlsTransport([new TlsUpstream { EndPoint = server.EndPoint, SpkiPins = [server.SpkiPin] }]);

        TransportResult result = await AskAsync(transport, server);

        Assert.Equal(TransportStatus.NetworkError, result.Status);
        Assert.Contains($"tls://{server.EndPoint}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_upstream_without_a_name_or_pins_is_rejected_Rfc8310_strict_profile()
    {
        var upstream = new TlsUpstream { EndPoint = new IPEndPoint(IPAddress.Loopback, 853) };
        ArgumentException e = Assert.Throws<ArgumentException>(() => new DnsOverTlsTransport([upstream]));
        Assert.Contains("authentication name or SPKI pins", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new DnsOverTlsTransport([new TlsUpstream { EndPoint = upstream.EndPoint, SpkiPins = ["not base64!"] }]));
    }

    [Theory]
    [InlineData("tls://192.0.2.1", "192.0.2.1:853", null)]
    [InlineData("tls://192.0.2.1:8853#dns.example", "192.0.2.1:8853", "dns.example")]
    [InlineData("TLS://[2001:db8::1]#dns.example", "[2001:db8::1]:853", "dns.example")]
    public void Upstreams_are_read_from_tls_urls(string text, string endPoint, string? name)
    {
        TlsUpstream upstream = TlsUpstream.Parse(text);
        Assert.Equal(IPEndPoint.Parse(endPoint), upstream.EndPoint);
        Assert.Equal(name, upstream.AuthenticationName);
        Assert.Equal(upstream.EndPoint, TlsUpstream.Parse(upstream.ToString()).EndPoint);
    }

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("tls://dns.example")]
    [InlineData("tls://192.0.2.1#")]
    public void Malformed_tls_urls_are_refused_with_a_format_error(string text) =>
        Assert.Throws<FormatException>(() => TlsUpstream.Parse(text));
}

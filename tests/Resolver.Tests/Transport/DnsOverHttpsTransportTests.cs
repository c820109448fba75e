// DnsOverHttpsTransportTests: DNS over HTTPS (RFC 8484) against an in-process Kestrel server — POST and
// GET with ID 0 (§4.1), HTTP/2 on one connection for concurrent queries (§5.2), padding to 128 octets
// (RFC 8467 §4.1), pins and private roots checked, and each failure (HTTP 4xx/5xx, wrong media type, a
// refused certificate) a clear error naming the upstream.
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using Resolver.Transport;

namespace Resolver.Tests.Transport;

public sealed class DnsOverHttpsTransportTests
{
    private static readonly TransportOptions s_options = new() { TcpReadTimeout = TimeSpan.FromSeconds(5), TcpConnectTimeout = TimeSpan.FromSeconds(5) };

    private static DnsMessage Query(string name) => DnsMessage.CreateQuery(0, DnsName.Parse(name), RrType.A, dnssecOk: true);

    private static async Task<(HttpsDnsServer Server, string Pin)> StartAsync()
    {
        X509Certificate2 certificate = TlsDnsServer.MakeCertificate("doh.test");
        string pin = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        return (await HttpsDnsServer.StartAsync(certificate), pin);
    }

    [Fact]
    public async Task A_post_over_http2_with_id_0_is_answered_Rfc8484Section4_1()
    {
        var (server, pin) = await StartAsync();
        await using (server)
        {
            using var transport = new DnsOverHttpsTransport([new HttpsUpstream { Uri = server.Uri, SpkiPins = [pin] }]);
            TransportResult result = await transport.QueryAsync(server.EndPoint, Query("www.example."), s_options, default);

            Assert.True(result.HasResponse, result.Error);
            Assert.Single(result.Response!.Answers);
            DohRequest request = Assert.Single(server.Requests);
            Assert.Equal("HTTP/2", request.Protocol);
            Assert.Equal("POST", request.Method);
            Assert.Equal(0, request.DnsId);
            Assert.Equal(0, request.Length % 128);
        }
    }

    [Fact]
    public async Task A_get_with_base64url_is_answered_Rfc8484Section6()
    {
        var (server, pin) = await StartAsync();
        await using (server)
        {
            using var transport = new DnsOverHttpsTransport([new HttpsUpstream { Uri = server.Uri, SpkiPins = [pin], UseGet = true }]);
            TransportResult result = await transport.QueryAsync(server.EndPoint, Query("www.example."), s_options, default);

            Assert.True(result.HasResponse, result.Error);
            Assert.Equal("GET", Assert.Single(server.Requests).Method);
        }
    }

    [Fact]
    public async Task Concurrent_queries_share_one_http2_connection()
    {
        var (server, pin) = await StartAsync();
        await using (server)
        {
            using var transport = new DnsOverHttpsTransport([new HttpsUpstream { Uri = server.Uri, SpkiPins = [pin] }]);
            TransportResult first = await transport.QueryAsync(server.EndPoint, Query("first.example."), s_options, default);
            TransportResult[] results = await Task.WhenAll(Enumerable.Range(0, 10)
                .Select(i => transport.QueryAsync(server.EndPoint, Query($"n{i}.example."), s_options, default)));

            Assert.True(first.HasResponse, first.Error);
            Assert.All(results, r => Assert.True(r.HasResponse, r.Error));
            Assert.Equal(1, server.Connections);
        }
    }

    [Theory]
    [InlineData(404)]
    [InlineData(503)]
    public async Task An_http_error_status_is_a_failure_naming_the_upstream_and_the_status(int status)
    {
        var (server, pin) = await StartAsync();
        await using (server)
        {
            server.FailWithStatus = status;
            using var transport = new DnsOverHttpsTransport([new HttpsUpstream { Uri = server.Uri, SpkiPins = [pin] }]);
            TransportResult result = await transport.QueryAsync(server.EndPoint, Query("www.example."), s_options, default);

            Assert.Equal(TransportStatus.NetworkError, result.Status);
            Assert.Contains(server.Uri.ToString(), result.Error, StringComparison.Ordinal);
            Assert.Contains($"HTTP {status}", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_response_of_another_media_type_is_malformed()
    {
        var (server, pin) = await StartAsync();
        await using (server)
        {
            server.WrongMediaType = true;
            using var transport = new DnsOverHttpsTransport([new HttpsUpstream { Uri = server.Uri, SpkiPins = [pin] }]);
            TransportResult result = await transport.QueryAsync(server.EndPoint, Query("www.example."), s_options, default);

            Assert.Equal(TransportStatus.Malformed, result.Status);
            Assert.Contains("text/plain", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wrong_pin_is_refused_and_nothing_is_sent()
    {
        var (server, _) = await StartAsync();
        await using (server)
        {
            using var transport = new DnsOverHttpsTransport([new HttpsUpstream { Uri = server.Uri, SpkiPins = [Convert.ToBase64String(new byte[32])] }]);
            TransportResult result = await transport.QueryAsync(server.EndPoint, Query("www.example."), s_options, default);

            Assert.Equal(TransportStatus.NetworkError, result.Status);
            Assert.Contains("TLS authentication failed", result.Error, StringComparison.Ordinal);
            Assert.Contains("matches none of the 1 configured pin", result.Error, StringComparison.Ordinal);
            Assert.Empty(server.Requests);
        }
    }

    [Fact]
    public async Task A_host_name_is_checked_against_the_certificate_and_connected_to_the_given_address()
    {
        using X509Certificate2 root = TlsDnsServer.MakeRoot("Test Root");
        await using HttpsDnsServer server = await HttpsDnsServer.StartAsync(TlsDnsServer.MakeCertificate("doh.test", root));
        var roots = new X509Certificate2Collection(X509CertificateLoader.LoadCertificate(root.RawData));
        using var good = new DnsOverHttpsTransport([new HttpsUpstream
        {
            Uri = new Uri($"https://doh.test:{server.EndPoint.Port}/dns-query"), Address = server.EndPoint, TrustedRoots = roots,
        }]);
        using var wrongName = new DnsOverHttpsTransport([new HttpsUpstream
        {
            Uri = new Uri($"https://other.test:{server.EndPoint.Port}/dns-query"), Address = server.EndPoint, TrustedRoots = roots,
        }]);

        TransportResult ok = await good.QueryAsync(server.EndPoint, Query("www.example."), s_options, default);
        TransportResult refused = await wrongName.QueryAsync(server.EndPoint, Query("www.example."), s_options, default);

        Assert.True(ok.HasResponse, ok.Error);
        Assert.Equal(TransportStatus.NetworkError, refused.Status);
        Assert.Contains("not valid for 'other.test'", refused.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://192.0.2.1/dns-query", "192.0.2.1:443")]
    [InlineData("https://dns.example/dns-query@192.0.2.2", "192.0.2.2:443")]
    [InlineData("https://dns.example:8443/q@[2001:db8::1]:8443", "[2001:db8::1]:8443")]
    public void Upstreams_are_read_from_https_urls(string text, string endPoint)
    {
        HttpsUpstream upstream = HttpsUpstream.Parse(text);
        Assert.Equal(IPEndPoint.Parse(endPoint), upstream.EndPoint);
    }

    [Theory]
    [InlineData("http://192.0.2.1/dns-query")]
    [InlineData("https://dns.example/dns-query")]
    [InlineData("https://dns.example/dns-query@nonsense")]
    public void Malformed_https_urls_are_refused_with_a_format_error(string text) =>
        Assert.Throws<FormatException>(() => HttpsUpstream.Parse(text));
}

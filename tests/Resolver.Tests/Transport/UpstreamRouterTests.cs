// UpstreamRouterTests: a resolver forwarding to DNS-over-TLS and DNS-over-HTTPS upstreams reaches them
// that way (and only that way) through ResolverOptions.ForwardTo; plain servers stay on the plain
// transport; a refused upstream is a resolution failure whose error says why, not a clear-text retry.
using System.Security.Cryptography;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using Resolver.Transport;

namespace Resolver.Tests.Transport;

public sealed class UpstreamRouterTests
{
    private static ResolverOptions Options()
    {
        var options = new ResolverOptions();
        options.Validation.TrustAnchors = TrustAnchorStore.Empty;   // the test upstreams sign nothing: the verdict is beside the point
        options.Transport.TcpReadTimeout = TimeSpan.FromSeconds(5);
        return options;
    }

    [Fact]
    public async Task A_resolver_forwards_to_a_tls_upstream_over_tls()
    {
        await using var server = TlsDnsServer.Start(TlsDnsServer.MakeCertificate("dns.test"));
        ResolverOptions options = Options().ForwardTo(new TlsUpstream { EndPoint = server.EndPoint, SpkiPins = [server.SpkiPin] });
        using var resolver = new DnsResolver(options);

        ResolveResult result = await resolver.ResolveAsync(DnsName.Parse("www.example."), RrType.A, CancellationToken.None);

        Assert.False(result.IsResolutionFailure, result.ToString());
        Assert.Contains(result.Answers, r => r.Data is AData a && a.Address.ToString() == "192.0.2.1");
        Assert.NotEmpty(server.QueryLengths);
    }

    [Fact]
    public async Task A_resolver_forwards_to_an_https_upstream_over_https()
    {
        var certificate = TlsDnsServer.MakeCertificate("doh.test");
        string pin = Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        await using HttpsDnsServer server = await HttpsDnsServer.StartAsync(certificate);
        ResolverOptions options = Options().ForwardTo(new HttpsUpstream { Uri = server.Uri, SpkiPins = [pin] });
        using var resolver = new DnsResolver(options);

        ResolveResult result = await resolver.ResolveAsync(DnsName.Parse("www.example."), RrType.A, CancellationToken.None);

        Assert.False(result.IsResolutionFailure, result.ToString());
        Assert.Contains(result.Answers, r => r.Data is AData);
        Assert.NotEmpty(server.Requests);
    }

    [Fact]
    public async Task A_tls_upstream_that_fails_authentication_is_a_resolution_failure_that_says_why()
    {
        await using var server = TlsDnsServer.Start(TlsDnsServer.MakeCertificate("dns.test"));
        ResolverOptions options = Options().ForwardTo(new TlsUpstream { EndPoint = server.EndPoint, AuthenticationName = "dns.test" });
        using var resolver = new DnsResolver(options);

        ResolveResult result = await resolver.ResolveAsync(DnsName.Parse("www.example."), RrType.A, CancellationToken.None);

        Assert.True(result.IsResolutionFailure, result.ToString());
        Assert.Empty(server.QueryLengths);   // nothing was sent, in clear text or otherwise
    }

    [Fact]
    public void Two_encrypted_upstreams_at_one_address_are_a_configuration_error()
    {
        var endPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 853);
        ResolverOptions options = Options()
            .ForwardTo(new TlsUpstream { EndPoint = endPoint, AuthenticationName = "a.test" })
            .ForwardTo(new HttpsUpstream { Uri = new Uri("https://127.0.0.1:853/dns-query") });
        Assert.Throws<ArgumentException>(options.Validate);
    }
}

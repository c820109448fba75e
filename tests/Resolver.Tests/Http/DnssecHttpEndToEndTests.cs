// DnssecHttpEndToEndTests: HttpClient with DnssecHttp's connect callback against a real HTTPS server
// on loopback, the names served by in-process authoritative servers from signed zones (DaneOrigin):
// a matching TLSA record lets the request through; a wrong DANE-EE hash fails with the DANE reason; a
// Bogus A record fails before any TCP connection (the server counts none); an Insecure zone succeeds
// in opportunistic mode and fails in required mode (RFC 6698 §4.1, RFC 7671, RFC 7672 §2.2).
using System.Net.Http;
using Resolver.Dane;
using Resolver.Http;
using Resolver.Testing.Servers;

namespace Resolver.Tests.Http;

public sealed class DnssecHttpEndToEndTests : IAsyncLifetime
{
    private DaneOrigin _origin = null!;

    public Task InitializeAsync()
    {
        _origin = DaneOrigin.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _origin.DisposeAsync();

    private HttpClient Client(DaneMode mode, bool requireSecure = false) =>
        new(DnssecHttp.CreateHandler(_origin.Network.Resolver(), new DnssecConnectOptions { HttpsDane = mode, RequireSecureAddresses = requireSecure }));

    private static string Messages(Exception ex)
    {
        var all = new List<string>();
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            all.Add(e.Message);
        }

        return string.Join(" | ", all);
    }

    [Fact]
    public async Task MatchingDaneEeRecord_RequestSucceeds()
    {
        using HttpClient client = Client(DaneMode.DaneRequired);
        Assert.Equal(HttpsTestServer.Body, await client.GetStringAsync(_origin.Url("www.example.test")));
        Assert.Equal(1, _origin.Server.Accepted);
    }

    // RFC 7671 §7: alias.example.test is a Secure CNAME to www.example.test; the TLSA base domain is the target.
    [Fact]
    public async Task Rfc7671_Section7_SecureCname_TlsaAtTheTarget_RequestSucceeds()
    {
        using HttpClient client = Client(DaneMode.DaneRequired);
        Assert.Equal(HttpsTestServer.Body, await client.GetStringAsync(_origin.Url("alias.example.test")));
    }

    [Fact]
    public async Task WrongDaneEeHash_FailsWithTheDaneReason()
    {
        using HttpClient client = Client(DaneMode.DaneRequired);
        HttpRequestException ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(_origin.Url("wrong.example.test")));
        string text = Messages(ex);
        Assert.Contains("DANE authentication of wrong.example.test failed", text, StringComparison.Ordinal);
        Assert.Contains("no usable TLSA record matches", text, StringComparison.Ordinal);
        Assert.Equal(1, _origin.Server.Accepted); // it connected, and the handshake was refused
    }

    [Fact]
    public async Task BogusAddress_FailsBeforeAnyTcpConnection()
    {
        using HttpClient client = Client(DaneMode.PkixOnly);
        HttpRequestException ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(_origin.Url("bogus.example.test")));
        string text = Messages(ex);
        Assert.Contains("bogus.example.test: the A answer is bogus", text, StringComparison.Ordinal);
        Assert.Contains("EDE", text, StringComparison.Ordinal);
        Assert.Equal(0, _origin.Server.Accepted);
    }

    [Fact]
    public async Task InsecureZone_OpportunisticMode_Succeeds()
    {
        using HttpClient client = Client(DaneMode.DaneOpportunistic);
        Assert.Equal(HttpsTestServer.Body, await client.GetStringAsync(_origin.Url("www.unsigned.test")));
    }

    [Fact]
    public async Task InsecureZone_RequiredMode_Fails()
    {
        using HttpClient client = Client(DaneMode.DaneRequired);
        HttpRequestException ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(_origin.Url("www.unsigned.test")));
        Assert.Contains("DANE is required for www.unsigned.test but does not apply", Messages(ex), StringComparison.Ordinal);
        Assert.Contains("insecure", Messages(ex), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsecureZone_SecureAddressesRequired_FailsBeforeAnyTcpConnection()
    {
        using HttpClient client = Client(DaneMode.DaneOpportunistic, requireSecure: true);
        HttpRequestException ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(_origin.Url("www.unsigned.test")));
        Assert.Contains("the A answer is insecure, and Secure addresses are required", Messages(ex), StringComparison.Ordinal);
        Assert.Equal(0, _origin.Server.Accepted);
    }

    // RFC 7672 §3.1.3: opportunistic DANE ignores PKIX-EE records; with only those, TLS is unauthenticated but goes on.
    [Fact]
    public async Task Rfc7672_OnlyPkixRecords_OpportunisticProceeds_RequiredRefuses()
    {
        using HttpClient opportunistic = Client(DaneMode.DaneOpportunistic);
        Assert.Equal(HttpsTestServer.Body, await opportunistic.GetStringAsync(_origin.Url("pkixee.example.test")));
        using HttpClient required = Client(DaneMode.DaneRequired);
        HttpRequestException ex = await Assert.ThrowsAsync<HttpRequestException>(() => required.GetStringAsync(_origin.Url("pkixee.example.test")));
        Assert.Contains("PKIX validation fails", Messages(ex), StringComparison.Ordinal); // the test root is not trusted by the system
    }

    // RFC 7671 §5.2: DANE-TA by the intermediate the server sends in its chain; the certificate carries the name.
    [Fact]
    public async Task Rfc7671_Section5_2_DaneTaInTheSentChain_RequestSucceeds()
    {
        using HttpClient client = Client(DaneMode.DaneRequired);
        Assert.Equal(HttpsTestServer.Body, await client.GetStringAsync(_origin.Url("ta.example.test")));
    }

    [Fact]
    public async Task PkixOnly_SelfIssuedTestCertificate_FailsPkix()
    {
        using HttpClient client = Client(DaneMode.PkixOnly);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(_origin.Url("www.example.test")));
        Assert.Equal(1, _origin.Server.Accepted);
    }
}

// ReadmeExamplesTests: the DANE, HttpClient, HttpClientFactory and SSHFP examples of README.md and
// the NuGet READMEs, compiled and run here against the loopback origin (DaneOrigin) so the printed
// code stays true. Only the host name and port differ from the README text.
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Resolver.Dane;
using Resolver.Http;
using Resolver.Protocol;
using Resolver.Ssh;
using Resolver.Testing.Servers;

namespace Resolver.Tests.Http;

public sealed class ReadmeExamplesTests : IAsyncLifetime
{
    private DaneOrigin _origin = null!;

    public Task InitializeAsync()
    {
        _origin = DaneOrigin.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _origin.DisposeAsync();

    [Fact]
    public async Task Readme_SslStreamWithDane()
    {
        IDnsResolver resolver = _origin.Network.Resolver();
        string hostName = "www.example.test";
        int port = _origin.Port;

        // README: DANE on an SslStream
        AddressResult host = await resolver.ResolveAddressesAsync(hostName);
        DaneAuthenticator dane = await DaneAuthenticator.CreateAsync(resolver, hostName, port, DaneMode.DaneRequired);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.Addresses[0], port);
        await using var tls = new SslStream(tcp.GetStream());
        var options = new SslClientAuthenticationOptions();
        dane.Apply(options);                                  // TargetHost and the DANE certificate callback
        try
        {
            await tls.AuthenticateAsClientAsync(options);
        }
        catch (AuthenticationException)
        {
            Console.WriteLine(dane.Refusal);                  // "DANE authentication of … failed: …"
            throw;
        }

        Console.WriteLine(dane.Result);                       // "DANE authenticated (Matched): TLSA 3 1 1 … matches certificate 0 …"
        // end README

        Assert.Equal(DaneStatus.Authenticated, dane.Result!.Status);
    }

    [Fact]
    public async Task Readme_HttpClient()
    {
        IDnsResolver resolver = _origin.Network.Resolver();
        string url = _origin.Url("www.example.test");

        // README: HttpClient
        using var client = new HttpClient(DnssecHttp.CreateHandler(resolver, new DnssecConnectOptions
        {
            HttpsDane = DaneMode.DaneOrPkix,      // DANE where a Secure TLSA RRset exists, PKIX elsewhere
            RequireSecureAddresses = false,       // Bogus is always refused; true refuses Insecure too
        }));
        string page = await client.GetStringAsync(url);
        // a Bogus A/AAAA answer throws HttpRequestException before connecting:
        // "www.example.com: the A answer is bogus (DNSSEC validation failed): …"
        // end README

        Assert.Equal(HttpsTestServer.Body, page);
    }

    [Fact]
    public async Task Readme_HttpClientFactory()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_origin.Network.Resolver()); // README: services.AddDnssecResolver();
        services.AddSingleton<IDnsResolver>(sp => sp.GetRequiredService<DnsResolver>());

        // README: IHttpClientFactory (package Resolver.Http)
        services.AddHttpClient("pinned")
                .UseDnssecResolver(o =>
                {
                    o.HttpsDane = DaneMode.DaneRequired;     // a Secure, matching TLSA record is required
                    o.RequireSecureAddresses = true;         // refuse Insecure addresses too, not only Bogus
                });
        await using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("pinned");
        // end README

        Assert.Equal(HttpsTestServer.Body, await client.GetStringAsync(_origin.Url("www.example.test")));
    }

    [Fact]
    public async Task Readme_Sshfp()
    {
        // an SSHFP RRset is not in the origin's zones: check the verdict path on a name without one
        IDnsResolver resolver = _origin.Network.Resolver();
        byte[] hostKeyBlob = Convert.FromBase64String("AAAAC3NzaC1lZDI1NTE5AAAAIGPKSUTyz1HwHReFVvD5obVsALAgJRNarH4TRpNePnAS");

        // README: SSHFP
        ResolveResult sshfp = await resolver.ResolveAsync("www.example.test", RrType.SSHFP);
        SshFingerprintResult check = SshFingerprintVerifier.Verify(sshfp, hostKeyBlob);   // the key blob the server sent
        bool trusted = check.Status == SshFingerprintStatus.Verified;                       // else ask the user (RFC 4255 §2.4)
        // end README

        Assert.False(trusted);
        Assert.Equal(SshFingerprintReason.NoSshfpRecords, check.Reason);
    }
}

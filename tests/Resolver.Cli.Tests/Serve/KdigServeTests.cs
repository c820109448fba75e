// KdigServeTests: another implementation's client — kdig, Knot's dig — queries serve over DNS over TLS
// (RFC 7858) and DNS over HTTPS (RFC 8484) and gets the Secure answer with AD, so the listeners are
// checked against a client this project did not write. Skipped when kdig (knot-dnsutils) is absent.
using System.Diagnostics;
using System.Net;
using Resolver.Cli.Serve;
using Resolver.Protocol;
using Resolver.Testing;
using Resolver.Testing.Servers;
using static Resolver.Cli.Tests.CliHarness;

namespace Resolver.Cli.Tests.Serve;

public sealed class KdigServeTests
{
    private static ResolveResult Answer(DnsName name, RrType type, ResolveBehavior _) =>
        Secure(name, type, A(name.ToString(), "192.0.2.7"));

    [ToolFact("kdig", "knot-dnsutils")]
    public async Task Kdig_over_tls_and_https_gets_the_secure_answer_with_ad()
    {
        var certificate = TlsDnsServer.MakeCertificate("dns.test");
        var handler = new QueryHandler(new FakeResolver(Answer));
        var log = new ServerLog(TextWriter.Null, TimeProvider.System);
        using var server = DnsServer.Start(new IPEndPoint(IPAddress.Loopback, 0), handler, log, receiveLoops: 1, logQueries: false, tcpLimits: null,
            tls: (new IPEndPoint(IPAddress.Loopback, 0), certificate));
        using var stop = new CancellationTokenSource();
        Task run = server.RunAsync(stop.Token);
        try
        {
            await using HttpsDnsListener https = await HttpsDnsListener.StartAsync(
                new IPEndPoint(IPAddress.Loopback, 0), certificate, handler, log, logQueries: false, new TcpLimits(), default);

            string overTls = await KdigAsync("+tls", server.TlsEndPoint!);
            string overHttps = await KdigAsync("+https", https.EndPoint);

            foreach (string output in new[] { overTls, overHttps })
            {
                Assert.Contains("status: NOERROR", output, StringComparison.Ordinal);
                Assert.Contains("Flags: qr rd ra ad", output, StringComparison.Ordinal);
                Assert.Contains("192.0.2.7", output, StringComparison.Ordinal);
            }

            Assert.Contains("TLS session", overTls, StringComparison.Ordinal);
            Assert.Contains("HTTP session (HTTP/2", overHttps, StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    // kdig without +tls-ca does not check the certificate (RFC 7858 §4.1's opportunistic profile):
    // the test certificate is self-signed.
    private static async Task<string> KdigAsync(string transport, IPEndPoint server)
    {
        var start = new ProcessStartInfo(ToolFactAttribute.Find("kdig")!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { transport, "+dnssec", "+timeout=5", $"@{server.Address}", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "www.example.", "A" })
        {
            start.ArgumentList.Add(argument);
        }

        using Process kdig = Process.Start(start)!;
        Task<string> output = kdig.StandardOutput.ReadToEndAsync();
        Task<string> error = kdig.StandardError.ReadToEndAsync();
        await kdig.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return await output + await error;
    }
}

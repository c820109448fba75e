// DnsOverTlsServeTests: serve answers DNS over TLS (RFC 7858) on its --tls-listen address — the same
// answers as over UDP and TCP, several queries on one TLS connection — and a client that opens a
// connection but never completes the TLS handshake is cut off at the message deadline.
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Resolver.Cli.Serve;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using Resolver.Transport;
using static Resolver.Cli.Tests.CliHarness;

namespace Resolver.Cli.Tests.Serve;

public sealed class DnsOverTlsServeTests
{
    private static ResolveResult Answer(DnsName name, RrType type, ResolveBehavior _) =>
        Secure(name, type, A(name.ToString(), "192.0.2.1"));

    private static (DnsServer Server, Task Run, CancellationTokenSource Stop, string Pin) Start(TcpLimits? limits = null)
    {
        X509Certificate2 certificate = TlsDnsServer.MakeCertificate("dns.test");
        string pin = Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        var server = DnsServer.Start(new IPEndPoint(IPAddress.Loopback, 0), new QueryHandler(new FakeResolver(Answer)),
            new ServerLog(TextWriter.Null, TimeProvider.System), receiveLoops: 1, logQueries: false, limits,
            tls: (new IPEndPoint(IPAddress.Loopback, 0), certificate));
        var stop = new CancellationTokenSource();
        return (server, server.RunAsync(stop.Token), stop, pin);
    }

    [Fact]
    public async Task Queries_over_tls_are_answered_on_one_connection_Rfc7858()
    {
        var (server, run, stop, pin) = Start();
        try
        {
            using var client = new DnsOverTlsTransport([new TlsUpstream { EndPoint = server.TlsEndPoint!, SpkiPins = [pin] }]);
            var options = new TransportOptions { TcpReadTimeout = TimeSpan.FromSeconds(5), TcpConnectTimeout = TimeSpan.FromSeconds(5) };
            TransportResult[] results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
                client.QueryAsync(server.TlsEndPoint!, DnsMessage.CreateQuery(0, Name($"n{i}.example."), RrType.A, recursionDesired: true), options, default)));

            Assert.All(results, r => Assert.True(r.HasResponse, r.Error));
            Assert.All(results, r => Assert.Single(r.Response!.Answers));
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10));
            server.Dispose();
        }
    }

    [Fact]
    public async Task A_client_that_never_completes_the_handshake_is_cut_off_at_the_message_deadline()
    {
        var limits = new TcpLimits { IdleTimeout = TimeSpan.FromMinutes(1), BusyIdleTimeout = TimeSpan.FromMinutes(1), MessageDeadline = TimeSpan.FromMilliseconds(300) };
        var (server, run, stop, _) = Start(limits);
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(server.TlsEndPoint!);
            await socket.SendAsync(new byte[] { 0x16, 0x03, 0x01 });   // the start of a TLS record, and no more
            int read;
            try
            {
                read = await socket.ReceiveAsync(new byte[64]).WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (SocketException)
            {
                read = 0;
            }

            Assert.Equal(0, read);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(10));
            server.Dispose();
        }
    }
}

// ServeCommandTests: `serve` started through the real command tree on a loopback port, answering
// dig-style queries from an in-process client over UDP and TCP (AD, SERVFAIL + EDE, CD, TC → TCP),
// logging one line per query, shutting down cleanly on cancellation, and failing in one line when
// the port is taken.
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Resolver.Cli;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using static Resolver.Cli.Tests.CliHarness;

namespace Resolver.Cli.Tests.Commands;

public sealed class ServeCommandTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private static ResolveResult Answer(DnsName name, RrType type, ResolveBehavior behavior) => name.ToString() switch
    {
        "bogus.example." => Bogus(name, type, withheld: behavior == ResolveBehavior.Default, A("bogus.example.", "192.0.2.66")),
        "big.example." => Secure(name, type, [.. Enumerable.Range(1, 60).Select(i => A("big.example.", $"192.0.2.{i}"))]),
        _ => Secure(name, type, A(name.ToString(), "192.0.2.1"), Sig(name.ToString(), RrType.A, "example.")),
    };

    private sealed class RunningServer : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();

        public required Task<int> Exit { get; init; }

        public required IPEndPoint EndPoint { get; init; }

        public required StringWriter Log { get; init; }

        public CancellationTokenSource Stop => _stop;

        public static async Task<RunningServer> StartAsync(FakeResolver resolver)
        {
            var started = new TaskCompletionSource<IPEndPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
            var log = new StringWriter();
            var environment = new CliEnvironment(new StringWriter(), log, _ => resolver, started.SetResult);
            var stop = new CancellationTokenSource();
            Task<int> exit = CliApp.RunAsync(["serve", "--listen", "127.0.0.1:0", "--query-log"], environment, handleSignals: false, stop.Token);
            Task first = await Task.WhenAny(started.Task, exit).WaitAsync(s_timeout);
            Assert.True(first == started.Task, "serve did not start: " + log);
            var server = new RunningServer { Exit = exit, EndPoint = started.Task.Result, Log = log };
            stop.Token.Register(() => server._stop.Cancel());
            server._stop.Token.Register(stop.Cancel);
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Exit.WaitAsync(s_timeout);
            _stop.Dispose();
        }
    }

    private static DnsMessage Query(string name, bool dnssecOk = true, bool cd = false, bool edns = true)
    {
        DnsMessage query = DnsMessage.CreateQuery((ushort)Random.Shared.Next(ushort.MaxValue), Name(name), RrType.A, recursionDesired: true, dnssecOk: dnssecOk);
        query.CheckingDisabled = cd;
        if (!edns)
        {
            query.Edns = null;
        }

        return query;
    }

    private static async Task<DnsMessage> UdpAsync(IPEndPoint server, DnsMessage query)
    {
        using var client = new UdpClient(AddressFamily.InterNetwork);
        await client.SendAsync(query.ToWire(), server).AsTask().WaitAsync(s_timeout);
        UdpReceiveResult received = await client.ReceiveAsync().WaitAsync(s_timeout);
        DnsMessage response = DnsMessage.Parse(received.Buffer);
        Assert.Equal(query.Id, response.Id);
        return response;
    }

    private static async Task<DnsMessage> TcpAsync(IPEndPoint server, DnsMessage query, int count = 1)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync(server).WaitAsync(s_timeout);
        NetworkStream stream = client.GetStream();
        DnsMessage? response = null;
        for (int i = 0; i < count; i++)
        {
            // Several queries over one connection (RFC 7766 §6.2.1).
            response = await TcpExchangeAsync(stream, query, s_timeout);
            Assert.Equal(query.Id, response.Id);
        }

        return response!;
    }

    [Fact]
    public async Task Serves_udp_and_tcp_with_ad_servfail_ede_and_cd_then_stops_cleanly()
    {
        var resolver = new FakeResolver(Answer);
        RunningServer server = await RunningServer.StartAsync(resolver);
        await using (server)
        {
            DnsMessage secure = await UdpAsync(server.EndPoint, Query("www.example."));
            Assert.True(secure.AuthenticData);
            Assert.Equal([RrType.A, RrType.RRSIG], secure.Answers.Select(r => r.Type));

            DnsMessage bogus = await UdpAsync(server.EndPoint, Query("bogus.example."));
            Assert.Equal(ResponseCode.ServFail, bogus.ResponseCode);
            Assert.Equal(ExtendedErrorCode.SignatureExpired, bogus.Edns!.ExtendedError!.InfoCode);

            DnsMessage unchecked_ = await TcpAsync(server.EndPoint, Query("bogus.example.", cd: true));
            Assert.Equal(ResponseCode.NoError, unchecked_.ResponseCode);
            Assert.False(unchecked_.AuthenticData);
            Assert.Equal("192.0.2.66", Assert.Single(unchecked_.Answers).Data.ToString());

            DnsMessage overTcp = await TcpAsync(server.EndPoint, Query("www.example.", dnssecOk: false), count: 3);
            Assert.False(overTcp.AuthenticData);
            Assert.Equal([RrType.A], overTcp.Answers.Select(r => r.Type));

            // A stub that gets TC over UDP retries over TCP and gets everything.
            DnsMessage truncated = await UdpAsync(server.EndPoint, Query("big.example.", edns: false));
            Assert.True(truncated.IsTruncated);
            DnsMessage full = await TcpAsync(server.EndPoint, Query("big.example.", edns: false));
            Assert.Equal(60, full.Answers.Count);

            // Many at once: every datagram gets its own answer.
            DnsMessage[] many = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => UdpAsync(server.EndPoint, Query($"host{i}.example."))));
            Assert.All(many, m => Assert.True(m.AuthenticData));
        }

        Assert.Equal(0, await server.Exit);
        string log = server.Log.ToString();
        Assert.Contains("info: listening on 127.0.0.1:", log, StringComparison.Ordinal);
        Assert.Contains("udp bogus.example. A +rd +do -> SERVFAIL", log, StringComparison.Ordinal);
        Assert.Contains("tcp www.example. A +rd -> NOERROR secure", log, StringComparison.Ordinal);
        Assert.Contains("info: stopped", log, StringComparison.Ordinal);
        Assert.Equal(58, log.Split('\n').Count(l => l.Contains(" -> ", StringComparison.Ordinal)));
        // Two of the three TCP queries for www.example. over one connection are repeated from the answer cache.
        Assert.Equal(2, log.Split('\n').Count(l => l.Contains("from the answer cache", StringComparison.Ordinal)));
        Assert.Equal(56, resolver.Calls.Count);
    }

    [Fact]
    public async Task Garbage_datagram_gets_formerr_and_the_server_keeps_serving()
    {
        RunningServer server = await RunningServer.StartAsync(new FakeResolver(Answer));
        await using (server)
        {
            using var client = new UdpClient(AddressFamily.InterNetwork);
            byte[] garbage = [0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x3f, 0x41];
            await client.SendAsync(garbage, server.EndPoint).AsTask().WaitAsync(s_timeout);
            UdpReceiveResult received = await client.ReceiveAsync().WaitAsync(s_timeout);
            DnsMessage formErr = DnsMessage.Parse(received.Buffer);
            Assert.Equal(0x1234, formErr.Id);
            Assert.Equal(ResponseCode.FormErr, formErr.ResponseCode);
            Assert.True((await UdpAsync(server.EndPoint, Query("www.example."))).AuthenticData);
        }

        Assert.Equal(0, await server.Exit);
    }

    [Fact]
    public async Task Port_in_use_is_one_line_and_exit_2()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        CliRun run = await RunAsync(Answer, "serve", "--listen", $"127.0.0.1:{port}");
        Assert.Equal(2, run.ExitCode);
        AssertOneLineError(run);
        Assert.Contains("address already in use", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_cache_and_receive_loops_outside_their_range_are_usage_errors()
    {
        CliRun cache = await RunAsync(Answer, "serve", "--listen", "127.0.0.1:0", "--answer-cache", "-1");
        Assert.Equal(64, cache.ExitCode);
        AssertOneLineError(cache);
        CliRun loops = await RunAsync(Answer, "serve", "--listen", "127.0.0.1:0", "--receive-loops", "0");
        Assert.Equal(64, loops.ExitCode);
        AssertOneLineError(loops);
        CliRun tcp = await RunAsync(Answer, "serve", "--listen", "127.0.0.1:0", "--tcp-connections", "4", "--tcp-connections-per-client", "5");
        Assert.Equal(64, tcp.ExitCode);
        AssertOneLineError(tcp);
    }

    [Fact]
    public async Task Listen_is_required_and_must_be_an_address()
    {
        CliRun missing = await RunAsync(Answer, "serve");
        Assert.Equal(64, missing.ExitCode);
        CliRun bad = await RunAsync(Answer, "serve", "--listen", "localhost:53");
        Assert.Equal(64, bad.ExitCode);
        AssertOneLineError(bad);
    }

    [Fact]
    public async Task Tls_and_https_listeners_need_a_certificate_and_key()
    {
        CliRun https = await RunAsync(Answer, "serve", "--listen", "127.0.0.1:0", "--https-listen", "127.0.0.1:0");
        Assert.Equal(64, https.ExitCode);
        AssertOneLineError(https);
        Assert.Contains("--https-listen needs --cert and --key", https.Error, StringComparison.Ordinal);
        CliRun tls = await RunAsync(Answer, "serve", "--listen", "127.0.0.1:0", "--tls-listen", "127.0.0.1:0");
        Assert.Equal(64, tls.ExitCode);
        Assert.Contains("--tls-listen needs --cert and --key", tls.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_port_in_use_is_one_line_naming_the_https_listener_and_exit_2()
    {
        string directory = Directory.CreateTempSubdirectory("serve-https-").FullName;
        try
        {
            using X509Certificate2 certificate = TlsDnsServer.MakeCertificate("dns.test");
            string cert = Path.Combine(directory, "cert.pem");
            string key = Path.Combine(directory, "key.pem");
            await File.WriteAllTextAsync(cert, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(key, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            taken.Listen();
            int port = ((IPEndPoint)taken.LocalEndPoint!).Port;

            CliRun run = await RunAsync(Answer, "serve", "--listen", "127.0.0.1:0", "--https-listen", $"127.0.0.1:{port}", "--cert", cert, "--key", key);

            Assert.Equal(2, run.ExitCode);
            AssertOneLineError(run);
            Assert.Contains($"127.0.0.1:{port} (https): address already in use", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

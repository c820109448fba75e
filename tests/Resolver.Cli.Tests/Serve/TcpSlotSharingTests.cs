// TcpSlotSharingTests: serve under a TCP slot-exhaustion attack (issue 15 item 6) — 200 connections
// from one address that open and then send nothing, or only the first byte of a message, must not
// lock out honest TCP and UDP clients on another address (TcpLimits: a cap per client address, a
// deadline per message, an idle timeout that shrinks under load; RFC 7766 §6.2.3). Real sockets on
// loopback; the attacker binds 127.0.0.2, the honest client 127.0.0.1. Waits are on events (a
// response, a closed connection), bounded by timeouts, never fixed sleeps.
using System.Net;
using System.Net.Sockets;
using Resolver.Cli.Serve;
using Resolver.Protocol;
using static Resolver.Cli.Tests.CliHarness;

namespace Resolver.Cli.Tests.Serve;

public sealed class TcpSlotSharingTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private static readonly IPAddress s_attacker = IPAddress.Parse("127.0.0.2");

    private static ResolveResult Answer(DnsName name, RrType type, ResolveBehavior _) =>
        Secure(name, type, A(name.ToString(), "192.0.2.1"));

    private static async Task<(DnsServer Server, Task Run, CancellationTokenSource Stop)> StartAsync(TcpLimits limits)
    {
        var server = DnsServer.Start(new IPEndPoint(IPAddress.Loopback, 0), new QueryHandler(new FakeResolver(Answer)),
            new ServerLog(TextWriter.Null, TimeProvider.System), receiveLoops: 1, logQueries: false, limits);
        var stop = new CancellationTokenSource();
        Task run = server.RunAsync(stop.Token);
        await Task.Yield();
        return (server, run, stop);
    }

    private static async Task<Socket> ConnectFromAsync(IPAddress from, IPEndPoint to)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(to).WaitAsync(s_timeout);
        return socket;
    }

    private static async Task<DnsMessage> TcpQueryAsync(IPEndPoint server, string name)
    {
        using Socket socket = await ConnectFromAsync(IPAddress.Loopback, server);
        using var stream = new NetworkStream(socket);
        return await TcpExchangeAsync(stream, DnsMessage.CreateQuery(7, Name(name), RrType.A, recursionDesired: true), s_timeout);
    }

    // Waits for the server to close the connection: the read ends (0 bytes) or is reset.
    private static async Task<int> ReadUntilClosedAsync(Socket socket)
    {
        try
        {
            return await socket.ReceiveAsync(new byte[16]).WaitAsync(s_timeout);
        }
        catch (SocketException)
        {
            return 0;
        }
    }

    [Fact]
    public async Task Two_hundred_idle_and_half_sent_connections_from_one_address_do_not_lock_out_other_clients()
    {
        var (server, run, stop) = await StartAsync(new TcpLimits());
        var attackers = new List<Socket>();
        try
        {
            for (int i = 0; i < 200; i++)
            {
                Socket s = await ConnectFromAsync(s_attacker, server.EndPoint);
                if (i % 2 == 0)
                {
                    await s.SendAsync(new byte[] { 0 });   // the first byte of a length prefix, and no more
                }

                attackers.Add(s);
            }

            // Honest TCP queries from another address are answered (the attacker holds at most its
            // per-address share of the 128 slots), and so are UDP ones.
            for (int i = 0; i < 20; i++)
            {
                DnsMessage response = await TcpQueryAsync(server.EndPoint, $"h{i}.example.");
                Assert.Equal(ResponseCode.NoError, response.ResponseCode);
                Assert.Single(response.Answers);
            }

            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            byte[] query = DnsMessage.CreateQuery(9, Name("u.example."), RrType.A, recursionDesired: true).ToWire();
            await udp.SendAsync(query, server.EndPoint).AsTask().WaitAsync(s_timeout);
            UdpReceiveResult received = await udp.ReceiveAsync().WaitAsync(s_timeout);
            Assert.Equal(9, DnsMessage.Parse(received.Buffer).Id);
        }
        finally
        {
            attackers.ForEach(s => s.Dispose());
            await stop.CancelAsync();
            await run.WaitAsync(s_timeout);
            server.Dispose();
        }
    }

    // A slowloris spread over many addresses: each holds one connection, so the per-address share does
    // not stop it. The timeouts are set long so that only eviction can free a slot: when every slot is
    // taken, the connection idle longest gives its slot to the new one (RFC 7766 §6.2.3); connections in
    // the middle of a message keep theirs (the message deadline bounds them).
    [Fact]
    public async Task Two_hundred_silent_connections_from_two_hundred_addresses_do_not_lock_out_other_clients()
    {
        var limits = new TcpLimits
        {
            IdleTimeout = TimeSpan.FromMinutes(1), BusyIdleTimeout = TimeSpan.FromMinutes(1), MessageDeadline = TimeSpan.FromMinutes(1),
        };
        var (server, run, stop) = await StartAsync(limits);
        var attackers = new List<Socket>();
        try
        {
            for (int i = 0; i < 200; i++)
            {
                Socket s = await ConnectFromAsync(IPAddress.Parse($"127.0.1.{i + 1}"), server.EndPoint);
                if (i % 2 == 0)
                {
                    await s.SendAsync(new byte[] { 0 });   // mid-message: not evicted
                }

                attackers.Add(s);
            }

            for (int i = 0; i < 20; i++)
            {
                DnsMessage response = await TcpQueryAsync(server.EndPoint, $"h{i}.example.");
                Assert.Equal(ResponseCode.NoError, response.ResponseCode);
                Assert.Single(response.Answers);
            }
        }
        finally
        {
            attackers.ForEach(s => s.Dispose());
            await stop.CancelAsync();
            await run.WaitAsync(s_timeout);
            server.Dispose();
        }
    }

    [Fact]
    public async Task A_message_that_stops_after_its_first_byte_is_cut_off_at_the_message_deadline_not_the_idle_timeout()
    {
        var limits = new TcpLimits { IdleTimeout = TimeSpan.FromMinutes(1), BusyIdleTimeout = TimeSpan.FromMinutes(1), MessageDeadline = TimeSpan.FromMilliseconds(300) };
        var (server, run, stop) = await StartAsync(limits);
        try
        {
            using Socket slow = await ConnectFromAsync(s_attacker, server.EndPoint);
            await slow.SendAsync(new byte[] { 0 });
            var started = System.Diagnostics.Stopwatch.StartNew();
            // The server closes the connection: the read returns 0 (or fails with a reset).
            int read = await ReadUntilClosedAsync(slow);

            Assert.Equal(0, read);
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"closed after {started.Elapsed}, the idle timeout is a minute");
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(s_timeout);
            server.Dispose();
        }
    }

    [Fact]
    public async Task One_address_gets_at_most_its_share_of_the_slots()
    {
        var (server, run, stop) = await StartAsync(new TcpLimits { MaxConnections = 8, MaxConnectionsPerClient = 2 });
        var held = new List<Socket>();
        try
        {
            held.Add(await ConnectFromAsync(s_attacker, server.EndPoint));
            held.Add(await ConnectFromAsync(s_attacker, server.EndPoint));
            using Socket third = await ConnectFromAsync(s_attacker, server.EndPoint);
            // Accepted by the kernel, then closed by the server: the read ends.
            int read = await ReadUntilClosedAsync(third);

            Assert.Equal(0, read);
            Assert.Equal(ResponseCode.NoError, (await TcpQueryAsync(server.EndPoint, "ok.example.")).ResponseCode);
        }
        finally
        {
            held.ForEach(s => s.Dispose());
            await stop.CancelAsync();
            await run.WaitAsync(s_timeout);
            server.Dispose();
        }
    }

    [Fact]
    public void Limits_outside_their_range_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TcpLimits { MaxConnections = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TcpLimits { MaxConnections = 4, MaxConnectionsPerClient = 5 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TcpLimits { MessageDeadline = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TcpLimits { BusyIdleTimeout = TimeSpan.FromMinutes(1) }.Validate());
    }
}

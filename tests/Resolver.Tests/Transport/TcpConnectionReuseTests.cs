// TcpConnectionReuseTests: TCP queries to one server share one connection and are pipelined on it (RFC
// 7766 §6.2.1, §6.2.1.1); responses are paired with queries by ID in whatever order they come (§7); a
// connection the server closed is replaced and the query sent again (§6.2.3); an idle connection is
// closed after TransportOptions.TcpIdleTimeout; a late answer to a query that timed out does not disturb the others.
// Real loopback sockets; the scripted servers below answer as told.
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using Resolver.Transport;

namespace Resolver.Tests.Transport;

public sealed class TcpConnectionReuseTests
{
    private static readonly TransportOptions s_tcpOnly = new() { TcpOnly = true, TcpReadTimeout = TimeSpan.FromSeconds(5) };

    private static DnsMessage Query(string name) => DnsMessage.CreateQuery(0, DnsName.Parse(name), RrType.A);

    [Fact]
    public async Task Sequential_tcp_queries_to_one_server_use_one_connection_Rfc7766Section6_2_1()
    {
        await using TestDnsNetwork net = TestZones.ThreeLevels();
        using var transport = new DnsTransport();
        for (int i = 0; i < 5; i++)
        {
            TransportResult result = await transport.QueryAsync(net[2].EndPoint, Query("www.example.test."), s_tcpOnly, default);
            Assert.True(result.HasResponse, result.Error);
            Assert.True(result.OverTcp);
        }

        ReceivedQuery[] received = [.. net[2].Queries];
        Assert.Equal(5, received.Length);
        Assert.Single(received.Select(r => r.Client).Distinct());
    }

    [Fact]
    public async Task Concurrent_tcp_queries_are_pipelined_on_one_connection_Rfc7766Section6_2_1_1()
    {
        await using TestDnsNetwork net = TestZones.ThreeLevels();
        using var transport = new DnsTransport();
        TransportResult[] results = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => transport.QueryAsync(net[2].EndPoint, Query("www.example.test."), s_tcpOnly, default)));

        Assert.All(results, r => Assert.True(r.HasResponse, r.Error));
        ReceivedQuery[] received = [.. net[2].Queries];
        Assert.Equal(10, received.Length);
        Assert.Single(received.Select(r => r.Client).Distinct());
        Assert.Equal(10, received.Select(r => r.Message.Id).Distinct().Count());   // one ID per query in flight
    }

    [Fact]
    public async Task Responses_out_of_order_reach_their_own_queries_Rfc7766Section7()
    {
        // The server reads two queries, then answers the second first.
        await using var server = await ScriptedTcpServer.StartAsync(async (stream, _) =>
        {
            DnsMessage first = await ReadQueryAsync(stream);
            DnsMessage second = await ReadQueryAsync(stream);
            await WriteAnswerAsync(stream, second);
            await WriteAnswerAsync(stream, first);
            await ReadQueryAsync(stream);   // hold the connection open
        });
        using var transport = new DnsTransport();
        Task<TransportResult> a = transport.QueryAsync(server.EndPoint, Query("a.example."), s_tcpOnly, default);
        Task<TransportResult> b = transport.QueryAsync(server.EndPoint, Query("b.example."), s_tcpOnly, default);

        Assert.Equal(DnsName.Parse("a.example."), (await a).Response!.Questions[0].Name);
        Assert.Equal(DnsName.Parse("b.example."), (await b).Response!.Questions[0].Name);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task A_connection_the_server_closed_is_replaced_and_the_query_sent_again_Rfc7766Section6_2_3()
    {
        // One answer per connection, then the server closes it (as after its idle timeout).
        await using var server = await ScriptedTcpServer.StartAsync(async (stream, _) =>
            await WriteAnswerAsync(stream, await ReadQueryAsync(stream)));
        using var transport = new DnsTransport();
        for (int i = 0; i < 3; i++)
        {
            TransportResult result = await transport.QueryAsync(server.EndPoint, Query($"q{i}.example."), s_tcpOnly, default);
            Assert.True(result.HasResponse, result.Error);
        }

        Assert.Equal(3, server.Connections);
    }

    [Fact]
    public async Task A_late_answer_to_a_query_that_timed_out_is_dropped_and_the_connection_serves_on()
    {
        // The first query's answer comes only after the second query has arrived.
        await using var server = await ScriptedTcpServer.StartAsync(async (stream, _) =>
        {
            DnsMessage slow = await ReadQueryAsync(stream);
            DnsMessage next = await ReadQueryAsync(stream);
            await WriteAnswerAsync(stream, slow);
            await WriteAnswerAsync(stream, next);
            await ReadQueryAsync(stream);
        });
        using var transport = new DnsTransport();
        var quick = new TransportOptions { TcpOnly = true, TcpReadTimeout = TimeSpan.FromMilliseconds(200) };
        TransportResult timedOut = await transport.QueryAsync(server.EndPoint, Query("slow.example."), quick, default);
        TransportResult answered = await transport.QueryAsync(server.EndPoint, Query("next.example."), s_tcpOnly, default);

        Assert.Equal(TransportStatus.Timeout, timedOut.Status);
        Assert.True(answered.HasResponse, answered.Error);
        Assert.Equal(DnsName.Parse("next.example."), answered.Response!.Questions[0].Name);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task An_idle_connection_is_closed_after_the_reuse_timeout()
    {
        await using TestDnsNetwork net = TestZones.ThreeLevels();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var pool = new TcpConnectionPool(time, TransportLimits.TcpIdleTimeout.Default, TransportLimits.MaxQueriesPerTcpConnection.Default);
        byte[] query = Query("www.example.test.").ToWire();
        await pool.ExchangeAsync(net[2].EndPoint, query, s_tcpOnly, default);
        Assert.Equal(1, pool.OpenConnections);

        time.Advance(TransportLimits.TcpIdleTimeout.Default / 2);
        Assert.Equal(1, pool.OpenConnections);
        time.Advance(TransportLimits.TcpIdleTimeout.Default);
        Assert.Equal(0, pool.OpenConnections);
    }

    [Fact]
    public async Task A_connection_retires_after_its_query_allowance()
    {
        await using TestDnsNetwork net = TestZones.ThreeLevels();
        using var pool = new TcpConnectionPool(TimeProvider.System, TransportLimits.TcpIdleTimeout.Default, maxQueriesPerConnection: 2);
        byte[] query = Query("www.example.test.").ToWire();
        for (int i = 0; i < 5; i++)
        {
            await pool.ExchangeAsync(net[2].EndPoint, query, s_tcpOnly, default);
        }

        Assert.Equal(3, net[2].Queries.Select(r => r.Client).Distinct().Count());
    }

    private static async Task<DnsMessage> ReadQueryAsync(Stream stream)
    {
        byte[] prefix = new byte[2];
        await stream.ReadExactlyAsync(prefix);
        byte[] body = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(body);
        return DnsMessage.Parse(body);
    }

    private static async Task WriteAnswerAsync(Stream stream, DnsMessage query)
    {
        var answer = new DnsMessage { Id = query.Id, IsResponse = true };
        answer.Questions.Add(query.Questions[0]);
        answer.Answers.Add(new ResourceRecord(query.Questions[0].Name, 60, new AData(IPAddress.Parse("192.0.2.1"))));
        byte[] wire = answer.ToWire();
        byte[] framed = new byte[wire.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)wire.Length);
        wire.CopyTo(framed, 2);
        await stream.WriteAsync(framed);
    }

    // A TCP server on loopback that runs `serve` for each connection, then closes it.
    private sealed class ScriptedTcpServer : IAsyncDisposable
    {
        private readonly Socket _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _connections;

        private ScriptedTcpServer(Socket listener, Func<Stream, CancellationToken, Task> serve)
        {
            _listener = listener;
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    Socket connection;
                    try
                    {
                        connection = await _listener.AcceptAsync(_stop.Token);
                    }
                    catch (Exception) when (_stop.IsCancellationRequested)
                    {
                        return;
                    }

                    Interlocked.Increment(ref _connections);
                    _ = Task.Run(async () =>
                    {
                        using var stream = new NetworkStream(connection, ownsSocket: true);
                        try
                        {
                            await serve(stream, _stop.Token);
                        }
                        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
                        {
                        }
                    });
                }
            });
        }

        public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

        public int Connections => Volatile.Read(ref _connections);

        public static Task<ScriptedTcpServer> StartAsync(Func<Stream, CancellationToken, Task> serve)
        {
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(16);
            return Task.FromResult(new ScriptedTcpServer(listener, serve));
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Dispose();
            await _loop;
            _stop.Dispose();
        }
    }
}

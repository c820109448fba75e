// UdpCacheHitTests: serve's UDP hot path — a question the answer cache holds is answered by the
// receive loop itself (no query copy, no per-packet allocation), to the right client, with its ID
// and letter case, and the resolver is asked only once; many clients at once each get their own
// answer. Real sockets on loopback.
using System.Net;
using System.Net.Sockets;
using Resolver.Cli.Serve;
using Resolver.Protocol;
using static Resolver.Cli.Tests.CliHarness;

namespace Resolver.Cli.Tests.Serve;

public sealed class UdpCacheHitTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Cache_hits_are_answered_by_the_receive_loop_to_each_client_with_its_id_and_case()
    {
        var resolver = new FakeResolver((n, t, _) => Secure(n, t, A(n.ToString(), "192.0.2.1")));
        var handler = new QueryHandler(resolver, new AnswerCache(100, TimeProvider.System));
        using var server = DnsServer.Start(new IPEndPoint(IPAddress.Loopback, 0), handler, new ServerLog(TextWriter.Null, TimeProvider.System),
            receiveLoops: 2, logQueries: false);
        using var stop = new CancellationTokenSource();
        Task run = server.RunAsync(stop.Token);
        try
        {
            DnsMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            {
                using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                string name = i % 2 == 0 ? "www.example." : "WWW.Example.";
                byte[] query = DnsMessage.CreateQuery((ushort)(1000 + i), Name(name), RrType.A, recursionDesired: true).ToWire();
                await client.SendAsync(query, server.EndPoint).AsTask().WaitAsync(s_timeout);
                UdpReceiveResult received = await client.ReceiveAsync().WaitAsync(s_timeout);
                DnsMessage response = DnsMessage.Parse(received.Buffer);
                Assert.Equal(1000 + i, response.Id);
                Assert.Equal(name, response.Question!.Name.ToString());
                return response;
            }));

            Assert.All(responses, r => Assert.Equal("192.0.2.1", Assert.Single(r.Answers).Data.ToString()));
            // Concurrent first queries may each resolve before the first answer is stored; after that, hits.
            Assert.True(resolver.Calls.Count < 40, $"{resolver.Calls.Count} resolutions for 40 queries");
            int before = resolver.Calls.Count;
            using var late = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            await late.SendAsync(DnsMessage.CreateQuery(7, Name("www.example."), RrType.A, recursionDesired: true).ToWire(), server.EndPoint).AsTask().WaitAsync(s_timeout);
            Assert.Equal(7, DnsMessage.Parse((await late.ReceiveAsync().WaitAsync(s_timeout)).Buffer).Id);
            Assert.Equal(before, resolver.Calls.Count);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(s_timeout);
        }
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task A_burst_larger_than_one_batch_is_answered_query_by_query_over_ipv4_and_ipv6(string address)
    {
        // On Linux the loop takes up to LinuxUdpBatch.BatchSize datagrams per system call: a burst of
        // several batches, hits and misses mixed, from two clients, gets every answer, once, to its
        // sender, with its ID.
        var resolver = new FakeResolver((n, t, _) => Secure(n, t, A(n.ToString(), "192.0.2.9")));
        var handler = new QueryHandler(resolver, new AnswerCache(1000, TimeProvider.System));
        IPAddress loopback = IPAddress.Parse(address);
        using var server = DnsServer.Start(new IPEndPoint(loopback, 0), handler, new ServerLog(TextWriter.Null, TimeProvider.System),
            receiveLoops: 1, logQueries: false);
        using var stop = new CancellationTokenSource();
        Task run = server.RunAsync(stop.Token);
        try
        {
            using var first = new UdpClient(new IPEndPoint(loopback, 0));
            using var second = new UdpClient(new IPEndPoint(loopback, 0));
            await first.SendAsync(DnsMessage.CreateQuery(1, Name("hit.example."), RrType.A, recursionDesired: true).ToWire(), server.EndPoint).AsTask().WaitAsync(s_timeout);
            await first.ReceiveAsync().WaitAsync(s_timeout);   // the answer cache now holds hit.example.

            const int perClient = 3 * LinuxUdpBatch.BatchSize;
            for (int i = 0; i < perClient; i++)
            {
                // Every fourth query is a miss (a new name), the rest hits.
                string name = i % 4 == 0 ? $"miss{i}.example." : "hit.example.";
                await first.SendAsync(DnsMessage.CreateQuery((ushort)(10_000 + i), Name(name), RrType.A, recursionDesired: true).ToWire(), server.EndPoint);
                await second.SendAsync(DnsMessage.CreateQuery((ushort)(20_000 + i), Name(name), RrType.A, recursionDesired: true).ToWire(), server.EndPoint);
            }

            foreach (var (client, from) in new[] { (first, 10_000), (second, 20_000) })
            {
                var ids = new HashSet<int>();
                for (int i = 0; i < perClient; i++)
                {
                    DnsMessage response = DnsMessage.Parse((await client.ReceiveAsync().WaitAsync(s_timeout)).Buffer);
                    Assert.InRange(response.Id, from, from + perClient - 1);
                    Assert.True(ids.Add(response.Id), $"answer {response.Id} twice");
                    Assert.Equal("192.0.2.9", Assert.Single(response.Answers).Data.ToString());
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(s_timeout);
        }
    }
}

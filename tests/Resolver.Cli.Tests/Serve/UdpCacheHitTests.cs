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
}

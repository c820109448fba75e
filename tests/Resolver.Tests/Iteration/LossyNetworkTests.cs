// LossyNetworkTests: iteration over a network that loses UDP packets (RFC 1035 §4.2.1: a resolver
// retransmits). The signed scenario hierarchy is served by in-process servers on loopback, one per
// zone, that drop chosen queries; the resolver must retransmit with back-off (ServerSelector's RFC
// 6298 timeouts, IterationOptions.MaxAttemptsPerServer) instead of giving a server up after one
// timeout, and the answers must keep their verdicts. Loss is seeded, so a run is repeatable.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using Resolver.Testing.Signing;
using Resolver.Tests.Scenarios;
using Resolver.Transport;
using Xunit.Abstractions;

namespace Resolver.Tests.Iteration;

public sealed class LossyNetworkTests(ITestOutputHelper output)
{
    private static readonly (string Name, RrType Type, SecurityStatus Status, ResponseCode Rcode)[] s_names =
    [
        ("www.example.test.", RrType.A, SecurityStatus.Secure, ResponseCode.NoError),
        ("www.example.test.", RrType.TXT, SecurityStatus.Secure, ResponseCode.NoError),
        ("alias.example.test.", RrType.A, SecurityStatus.Secure, ResponseCode.NoError),
        ("nx.example.test.", RrType.A, SecurityStatus.Secure, ResponseCode.NXDomain),
        ("x.wild.example.test.", RrType.A, SecurityStatus.Secure, ResponseCode.NoError),
        ("www.n3.test.", RrType.A, SecurityStatus.Secure, ResponseCode.NoError),
        ("www.n3.test.", RrType.MX, SecurityStatus.Secure, ResponseCode.NoError),
        ("www.unsigned.test.", RrType.A, SecurityStatus.Insecure, ResponseCode.NoError),
    ];

    // Regression: one lost UDP packet to a zone with a single server failed the resolution — the
    // first timeout marked the server dead for the whole resolution (issue 14).
    [Fact]
    public async Task One_lost_packet_to_a_single_server_zone_is_retransmitted()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        int dropped = 0;
        net.Servers[net.ServerIndexOf("example.test.")].DropUdp = _ => Interlocked.Exchange(ref dropped, 1) == 0;
        using DnsResolver resolver = net.Resolver();

        ResolveResult result = await resolver.ResolveAsync(DnsName.Parse("www.example.test."), RrType.A, CancellationToken.None);

        Assert.Equal(1, dropped);
        Assert.False(result.IsResolutionFailure, result.ToString());
        Assert.Equal(SecurityStatus.Secure, result.Status);
        Assert.Single(result.Records);
    }

    // A path that loses every UDP datagram to a server (fragments of large signed answers dropped, a
    // UDP filter) still reaches it: the retransmission after a timeout goes over TCP (RFC 8900 §2,
    // RFC 9210 §3). Before, the zone failed after MaxAttemptsPerServer UDP timeouts.
    [Fact]
    public async Task A_server_whose_every_udp_answer_is_lost_is_asked_over_tcp_on_the_retransmission()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        AuthoritativeServer child = net.Servers[net.ServerIndexOf("example.test.")];
        child.DropUdp = _ => true;
        using DnsResolver resolver = net.Resolver();

        ResolveResult result = await resolver.ResolveAsync(DnsName.Parse("www.example.test."), RrType.A, CancellationToken.None);

        Assert.False(result.IsResolutionFailure, result.ToString());
        Assert.Equal(SecurityStatus.Secure, result.Status);
        Assert.Contains(child.Queries, q => q.OverTcp);
    }

    [Fact]
    public async Task With_the_first_packet_to_every_server_lost_every_name_keeps_its_verdict()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        var seen = new ConcurrentDictionary<int, bool>();
        for (int i = 0; i < net.Servers.Servers.Count; i++)
        {
            int index = i;
            net.Servers[i].DropUdp = _ => seen.TryAdd(index, true);
        }

        using DnsResolver resolver = net.Resolver();
        foreach (var (name, type, status, rcode) in s_names)
        {
            ResolveResult result = await resolver.ResolveAsync(DnsName.Parse(name), type, CancellationToken.None);
            Assert.False(result.IsResolutionFailure, result.ToString());
            Assert.Equal(status, result.Status);
            Assert.Equal(rcode, result.ResponseCode);
        }

        Assert.True(seen.Count >= 5, $"only {seen.Count} servers lost a packet");
    }

    // 30 % of UDP queries lost at every server, each resolution from a cold resolver (nothing
    // cached, nothing known of the servers): almost every one still gets its verdict. Times are
    // printed, not asserted (a loaded machine must not fail a test).
    [Fact]
    public async Task Thirty_percent_loss_on_every_server_nearly_every_cold_resolution_succeeds()
    {
        const int Resolutions = 48;
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        var random = new Random(20261202);
        for (int i = 0; i < net.Servers.Servers.Count; i++)
        {
            net.Servers[i].DropUdp = _ =>
            {
                lock (random)
                {
                    return random.NextDouble() < 0.3;
                }
            };
        }

        var times = new ConcurrentBag<double>();
        var failures = new ConcurrentBag<string>();
        for (int batch = 0; batch < Resolutions; batch += 8)
        {
            await Task.WhenAll(Enumerable.Range(batch, 8).Select(async n =>
            {
                var (name, type, status, rcode) = s_names[n % s_names.Length];
                using DnsResolver resolver = net.Resolver();
                var clock = Stopwatch.StartNew();
                ResolveResult result = await resolver.ResolveAsync(DnsName.Parse(name), type, CancellationToken.None);
                times.Add(clock.Elapsed.TotalMilliseconds);
                if (result.IsResolutionFailure || result.Status != status || result.ResponseCode != rcode)
                {
                    failures.Add($"{name} {type}: {result}");
                }
            }));
        }

        double[] sorted = [.. times.Order()];
        output.WriteLine($"{Resolutions} cold resolutions at 30 % loss: {Resolutions - failures.Count} right; " +
            $"median {sorted[sorted.Length / 2]:F0} ms, p95 {sorted[(int)(sorted.Length * 0.95)]:F0} ms, max {sorted[^1]:F0} ms");
        foreach (string failure in failures)
        {
            output.WriteLine(failure);
        }

        // Every retransmission after a UDP timeout alternates to TCP, which this loss does not touch, so
        // no resolution should fail (before retransmission 42 of 48 failed; with UDP retransmissions
        // alone about 2 %). One failure is allowed for a machine so loaded that a TCP exchange times out.
        Assert.True(failures.Count <= 1, $"{failures.Count} of {Resolutions} failed:\n{string.Join("\n", failures)}");
    }

    // Issue 14 "Done when": with one of two servers of every zone dead, every name resolves and the
    // dead server is asked at most twice per minute across resolutions. Each zone's server has an
    // IPv4 and an IPv6 address; every IPv6 one times out. Five minutes of fake time, a resolution
    // (of a name never asked before, so it goes to the zone) every five seconds.
    [Fact]
    public async Task With_one_of_two_servers_of_every_zone_dead_every_name_resolves_and_the_dead_ones_are_rarely_asked()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        var deadQueries = new ConcurrentDictionary<IPAddress, int>();
        var transport = new DeadAddressTransport(net.Transport, a => a.AddressFamily == AddressFamily.InterNetworkV6, deadQueries);
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using var resolver = new DnsResolver(net.Options(o => o.Iteration.UseIPv6 = true), time, transport: transport);

        const int Minutes = 5;
        var failures = new List<string>();
        for (int i = 0; i < Minutes * 12; i++)
        {
            var (name, type, status, rcode) = s_names[i % s_names.Length];
            ResolveResult result = await resolver.ResolveAsync(DnsName.Parse(name), type, CancellationToken.None);
            if (result.IsResolutionFailure || result.Status != status || result.ResponseCode != rcode)
            {
                failures.Add($"{name} {type}: {result}");
            }

            // A name never asked before: the cache cannot answer it, so the zone's servers are asked.
            ResolveResult fresh = await resolver.ResolveAsync(DnsName.Parse($"n{i}.example.test."), RrType.A, CancellationToken.None);
            if (fresh.IsResolutionFailure || fresh.Status != SecurityStatus.Secure)
            {
                failures.Add($"n{i}.example.test. A: {fresh}");
            }

            time.Advance(TimeSpan.FromSeconds(5));
        }

        output.WriteLine($"dead addresses asked: {string.Join(", ", deadQueries.Select(d => $"{d.Key} {d.Value}x"))}");
        Assert.Empty(failures);
        // Which address of a server is tried first is shuffled (CSPRNG), so a run may never pick a dead
        // one; when it does, the dead address must not be asked again more than twice a minute.
        Assert.All(deadQueries, d => Assert.True(d.Value <= 2 * Minutes, $"{d.Key} asked {d.Value} times in {Minutes} minutes"));
    }

    // Times out every query to an address the predicate picks, counting them, and passes the rest on.
    private sealed class DeadAddressTransport(IDnsTransport inner, Func<IPAddress, bool> dead, ConcurrentDictionary<IPAddress, int> asked)
        : IDnsTransport
    {
        public Task<TransportResult> QueryAsync(IPEndPoint server, DnsMessage query, TransportOptions options, CancellationToken cancellationToken)
        {
            if (!dead(server.Address))
            {
                return inner.QueryAsync(server, query, options, cancellationToken);
            }

            asked.AddOrUpdate(server.Address, 1, (_, n) => n + 1);
            return Task.FromResult(TransportResult.Failure(TransportStatus.Timeout, server, false, options.UdpTimeout, "dead (test)"));
        }
    }
}

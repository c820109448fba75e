// AddressFamilyTests: IterationOptions.UseIPv4/UseIPv6 (the console's -4 and -6) decide which server
// addresses iteration uses — root hints, glue and looked-up addresses alike; both off is a
// configuration error.
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Resolver.Protocol;
using Resolver.Tests.Scenarios;
using Resolver.Transport;
using static Resolver.Tests.Scenarios.ScenarioZones;

namespace Resolver.Tests.Iteration;

public sealed class AddressFamilyTests
{
    [Theory]
    [InlineData(true, false, AddressFamily.InterNetwork)]
    [InlineData(false, true, AddressFamily.InterNetworkV6)]
    public async Task OnlyServersOfTheChosenFamilyAreAsked(bool v4, bool v6, AddressFamily expected)
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        var (rootName, rootV4, rootV6) = net.Hierarchy.NameServer(DnsName.Root);
        var recording = new RecordingTransport(net.Transport);
        using var resolver = new DnsResolver(net.Options(o =>
        {
            o.Iteration.RootHints = new RootHints([new RootServer(rootName, new IPEndPoint(rootV4, 53)), new RootServer(rootName, new IPEndPoint(rootV6, 53))]);
            o.Iteration.UseIPv4 = v4;
            o.Iteration.UseIPv6 = v6;
        }), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Resolver.Testing.Signing.ZoneSigningOptions.ValidAt), transport: recording);

        ResolveResult result = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Assert.Equal(SecurityStatus.Secure, result.Status);
        Assert.NotEmpty(recording.Servers);
        Assert.All(recording.Servers, s => Assert.Equal(expected, s.AddressFamily));
    }

    [Fact]
    public void BothFamiliesOff_IsRejected()
    {
        var options = new IterationOptions { UseIPv4 = false, UseIPv6 = false };
        ArgumentException e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("no server could be reached", e.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingTransport(IDnsTransport inner) : IDnsTransport
    {
        public ConcurrentQueue<IPAddress> Servers { get; } = new();

        public Task<TransportResult> QueryAsync(IPEndPoint server, DnsMessage query, TransportOptions options, CancellationToken cancellationToken)
        {
            Servers.Enqueue(server.Address);
            return inner.QueryAsync(server, query, options, cancellationToken);
        }
    }
}

// Stub zones (IterationOptions.StubZones): names at or below a stub zone are resolved starting at
// its configured servers, never from the root; names elsewhere still iterate from the root.
using System.Net;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Iteration;

public sealed class StubZoneTests
{
    [Fact]
    public async Task Names_below_a_stub_zone_go_straight_to_its_servers()
    {
        await using TestDnsNetwork net = ThreeLevels();
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o => o.StubZones.Add(new StubZone(DnsName.Parse("example.test."), [net[2].EndPoint])));
        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.1")], Addresses(result));
        Assert.Equal(net[2].EndPoint, result.Server);
        Assert.Equal(1, result.UpstreamQueries);
        Assert.Equal(0, net[0].CountQueries("www.example.test.", RrType.A));
        Assert.Equal(0, net[1].CountQueries("www.example.test.", RrType.A));
        cache.Dispose();
    }

    [Fact]
    public async Task Names_outside_the_stub_zone_iterate_from_the_root()
    {
        await using TestDnsNetwork net = ThreeLevels();
        // The full name asked of the root (counted below); minimisation has its own tests.
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o =>
        {
            o.QnameMinimisation = false;
            o.StubZones.Add(new StubZone(DnsName.Parse("other.test."), [net[2].EndPoint]));
        });
        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal(1, net[0].CountQueries("www.example.test.", RrType.A));
        cache.Dispose();
    }

    [Fact]
    public void A_stub_zone_needs_servers()
    {
        Assert.Throws<ArgumentException>(() => new StubZone(DnsName.Parse("example.test."), []));
        var options = new IterationOptions();
        options.StubZones.Add(null!);
        Assert.Throws<ArgumentNullException>(options.Validate);
    }
}

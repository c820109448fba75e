// GluelessReferralTests: a referral that names its servers without glue takes addresses already
// in the cache — glue from an earlier referral included, since glue serves to reach servers (RFC
// 2181 §5.4.1) — before looking the names up, as a delegation found in the cache already did
// (Unbound's val_cnameqtype: the server of foo.net. is ns.example.com., known from .com's glue).
using System.Net;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Iteration;

public sealed class GluelessReferralTests
{
    [Fact]
    public async Task Referral_without_glue_uses_a_server_address_cached_as_glue()
    {
        await using TestDnsNetwork net = TestDnsNetwork.Start(4);
        net[0].AddZone(".", Soa(".") + $"""
            test. NS ns1.test.
            ns1.test. A {net[1].Address}
            other. NS ns1.other.
            ns1.other. A {net[3].Address}
            """);
        // example.test. is served by ns1.other., named without glue (out of test.'s bailiwick).
        net[1].AddZone("test.", Soa("test.") + "example NS ns1.other.\n");
        net[3].AddZone("other.", Soa("other.") + "x A 192.0.2.8\n");
        net[3].AddZone("example.test.", Soa("example.test.") + "www A 192.0.2.7\n");
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        // The root's referral to other. leaves ns1.other.'s address in the cache as glue.
        Assert.Equal(IterationStatus.Answer, (await iterator.ResolveAsync(Q("x.other."), default)).Status);

        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);
        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.7")], Addresses(result));
        Assert.Equal(0, net[3].CountQueries("ns1.other.", RrType.A));
        Assert.Equal(0, net[0].CountQueries("ns1.other.", RrType.A));
        cache.Dispose();
    }
}

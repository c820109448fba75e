// ParentRefetchTests: a delegation taken from the cache can outlive its usefulness — the glue of a
// server named inside the zone expires while the NS RRset lives on, and the zone's other server is
// broken. The address of the in-zone name cannot be looked up (only the zone's own servers know
// it, and the one reachable fails), so the iterator asks the parent zone again for a fresh
// referral with glue, as Unbound's processLastResort fetches parent-side glue (Deckard's
// iter_ns_badip), instead of failing until the NS RRset expires.
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Iteration;

public sealed class ParentRefetchTests
{
    [Fact]
    public async Task Expired_in_zone_glue_is_fetched_again_from_the_parent()
    {
        await using TestDnsNetwork net = TestDnsNetwork.Start(4);
        net[0].AddZone(".", Soa(".") + $"""
            @ NS a.root-servers.test.
            a.root-servers.test. A {net[0].Address}
            test. NS ns1.test.
            ns1.test. A {net[1].Address}
            other. NS ns1.test.
            """);
        // example.test.: ns1 (glue with a 10 s TTL) works, ns2 answers SERVFAIL to everything.
        // foo.other. is served by the same two, named without glue (out of other.'s bailiwick).
        net[1].AddZone("test.", Soa("test.") + $"""
            @ NS ns1
            ns1 A {net[1].Address}
            example 3600 NS ns1.example
            example 3600 NS ns2.example
            ns1.example 10 A {net[2].Address}
            ns2.example 3600 A {net[3].Address}
            """);
        net[1].AddZone("other.", Soa("other.") + "foo 3600 NS ns1.example.test.\nfoo 3600 NS ns2.example.test.\n");
        net[2].AddZone("example.test.", Soa("example.test.") + $"""
            @ 3600 NS ns1
            @ 3600 NS ns2
            ns1 10 A {net[2].Address}
            ns2 3600 A {net[3].Address}
            """);
        net[2].AddZone("foo.other.", Soa("foo.other.") + "@ 3600 NS ns1.example.test.\n@ 3600 NS ns2.example.test.\nwww 10 A 192.0.2.10\n");
        net[3].ForcedResponseCode = ResponseCode.ServFail;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, time);
        Assert.Equal(IterationStatus.Answer, (await iterator.ResolveAsync(Q("www.foo.other."), default)).Status);

        time.Advance(TimeSpan.FromSeconds(20));   // ns1.example.test.'s address and the answer expire; the NS RRsets do not
        IterationResult result = await iterator.ResolveAsync(Q("www.foo.other."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.10")], Addresses(result));
        cache.Dispose();
    }
}

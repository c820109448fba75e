// NameServerLookupTests: the addresses of name servers that need resolution. A glueless delegation
// whose server names lie in other zones has several of them looked up at once when no address is
// known (a dead zone's lookups do not hold up a live one's), within the resolution's
// NameServerLookupBudget; and when the address a child's own answer gave for its server fails, the
// parent's glue for that name is the last resort (Unbound's parent-side glue, Deckard iter_pcdiff).
using System.Net;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Iteration;

public sealed class NameServerLookupTests
{
    [Fact]
    public async Task Glueless_server_names_are_looked_up_in_parallel_when_no_address_is_known()
    {
        await using TestDnsNetwork net = GluelessBehindDeadZone(out Func<int?> deadQueriesBeforeLiveLookup);
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o => o.ParallelNameServerLookups = 3);

        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.1")], Addresses(result));
        // The live name's lookup went out with the dead ones, before their first retransmission.
        Assert.InRange(deadQueriesBeforeLiveLookup()!.Value, 0, 2);
        cache.Dispose();
    }

    [Fact]
    public async Task One_name_at_a_time_when_parallel_lookups_are_set_to_one()
    {
        await using TestDnsNetwork net = GluelessBehindDeadZone(out Func<int?> deadQueriesBeforeLiveLookup);
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o => o.ParallelNameServerLookups = 1);

        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.InRange(deadQueriesBeforeLiveLookup()!.Value, 3, int.MaxValue);   // the dead names first, retransmissions and all
        cache.Dispose();
    }

    [Fact]
    public async Task Name_server_lookups_stop_at_the_resolution_budget()
    {
        await using TestDnsNetwork net = GluelessBehindDeadZone(out _);
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o =>
        {
            o.ParallelNameServerLookups = 1;
            o.NameServerLookupBudget = 2;   // the two dead names use it up; the live one is never looked up
        });

        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal(IterationStatus.ServerFailure, result.Status);
        Assert.Contains("more than 2 name-server address lookups", result.FailureReason, StringComparison.Ordinal);
        Assert.Equal(0, net[4].CountQueries("ns.c.live.", RrType.A));
        cache.Dispose();
    }

    [Fact]
    public async Task Cancelling_the_resolution_stops_its_parallel_name_server_lookups()
    {
        await using TestDnsNetwork net = GluelessBehindDeadZone(out _);
        var firstDeadQuery = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        net[4].Silent = true;   // no server name resolves: only the cancel ends the resolution early
        net[3].Silent = false;
        net[3].DropUdp = _ =>
        {
            firstDeadQuery.TrySetResult();
            return true;   // lost: the next query would only be a retransmission after a timeout
        };
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache, configure: o => o.ParallelNameServerLookups = 3);
        using var cts = new CancellationTokenSource();

        Task<IterationResult> resolving = iterator.ResolveAsync(Q("www.example.test."), cts.Token);
        await firstDeadQuery.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => resolving);
        await iterator.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));
        int sent = net[3].Queries.Count;
        Assert.InRange(sent, 1, 2);   // the dead names' first queries only: no retransmission after the cancel
        cache.Dispose();
    }

    [Fact]
    public async Task Parent_side_glue_is_the_last_resort_when_the_childs_address_for_its_server_fails()
    {
        await using TestDnsNetwork net = TestDnsNetwork.Start(4);
        net[0].AddZone(".", Soa(".") + $"""
            test. NS ns1.test.
            ns1.test. A {net[1].Address}
            net. NS ns1.net.
            ns1.net. A {net[1].Address}
            """);
        // example.test. is served by ns.example.net., named without glue; net. gives its glue (net[2]),
        // but example.net.'s own answer says net[3], which is broken.
        net[1].AddZone("test.", Soa("test.") + "example NS ns.example.net.\n");
        net[1].AddZone("net.", Soa("net.") + $"example NS ns.example\nns.example A {net[2].Address}\n");
        net[2].AddZone("example.net.", Soa("example.net.") + $"@ NS ns\nns A {net[3].Address}\n");
        net[2].AddZone("example.test.", Soa("example.test.") + "www A 192.0.2.5\n");
        net[3].ForcedResponseCode = ResponseCode.ServFail;
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);

        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.5")], Addresses(result));
        Assert.True(net[3].CountQueries("www.example.test.", RrType.A) > 0, "the child's address is asked first");
        cache.Dispose();
    }

    [Fact]
    public async Task A_cycle_between_two_zones_name_servers_is_broken_with_the_referrals_out_of_bailiwick_glue()
    {
        // alpha.test. is served by ns1.beta.example., beta.example. by ns1.alpha.test.; only the
        // referrals' glue, each out of its zone's bailiwick, says where they are.
        await using TestDnsNetwork net = TestDnsNetwork.Start(4);
        net[0].AddZone(".", Soa(".") + $"""
            test. NS ns1.tld.
            example. NS ns1.tld.
            tld. NS ns1.tld.
            ns1.tld. A {net[1].Address}
            """);
        net[1].AddZone("test.", Soa("test.") + "alpha NS ns1.beta.example.\n");
        net[1].AddZone("example.", Soa("example.") + "beta NS ns1.alpha.test.\n");
        net[1].Rewrite = (query, response) =>
        {
            foreach (ResourceRecord ns in response.Authorities.Where(r => r.Data is NsData).ToList())
            {
                DnsName server = ((NsData)ns.Data).NameServer;
                IPAddress address = server.Equals(DnsName.Parse("ns1.beta.example.")) ? net[2].Address : net[3].Address;
                response.Additionals.Add(new ResourceRecord(server, 3600, new AData(address)));
            }

            return response;
        };
        net[2].AddZone("alpha.test.", Soa("alpha.test.") + $"@ NS ns1.beta.example.\nwww A 192.0.2.50\nns1 A {net[3].Address}\n");
        net[3].AddZone("beta.example.", Soa("beta.example.") + $"@ NS ns1.alpha.test.\nns1 A {net[2].Address}\n");
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);

        IterationResult result = await iterator.ResolveAsync(Q("www.alpha.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.50")], Addresses(result));
        // The out-of-bailiwick glue served this delegation only: it never entered the cache as such.
        Assert.True(cache.GetRrSet(DnsName.Parse("ns1.beta.example."), RrType.A) is null or { Trust: >= CacheTrust.Answer });
        cache.Dispose();
    }

    // example.test. (under test.) names three servers without glue: ns.a.dead. and ns.b.dead. in a
    // zone whose only server never answers, and ns.c.live. in a zone that answers. How many queries the
    // dead server had seen when ns.c.live.'s lookup arrived tells whether that lookup waited: started
    // together, the dead names have sent one query each (a retransmission waits for a timeout);
    // one after the other, the first dead name's retransmissions come before it.
    private static TestDnsNetwork GluelessBehindDeadZone(out Func<int?> deadQueriesBeforeLiveLookup)
    {
        TestDnsNetwork net = TestDnsNetwork.Start(6);
        net[0].AddZone(".", Soa(".") + $"""
            test. NS ns1.test.
            ns1.test. A {net[1].Address}
            dead. NS ns1.dead.
            ns1.dead. A {net[3].Address}
            live. NS ns1.live.
            ns1.live. A {net[4].Address}
            """);
        net[1].AddZone("test.", Soa("test.") + "example NS ns.a.dead.\nexample NS ns.b.dead.\nexample NS ns.c.live.\n");
        net[4].AddZone("live.", Soa("live.") + $"ns.c A {net[5].Address}\n");
        net[5].AddZone("example.test.", Soa("example.test.") + "www A 192.0.2.1\n");
        net[3].Silent = true;
        int? seen = null;
        net[4].Rewrite = (query, response) =>
        {
            if (seen is null && query.Questions[0].Name.Equals(DnsName.Parse("ns.c.live.")))
            {
                seen = net[3].Queries.Count;
            }

            return response;
        };
        deadQueriesBeforeLiveLookup = () => seen;
        return net;
    }
}

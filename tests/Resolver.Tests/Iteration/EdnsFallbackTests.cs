// EdnsFallbackTests: a server that does not implement EDNS answers a query with an OPT record with
// FORMERR (RFC 6891 §7, some old servers NOTIMP). The iterator repeats the query to that server
// without EDNS and remembers it as EDNS-less, as Unbound's serviced queries fall back and its infra
// cache keeps the server's EDNS version; it does not write off a zone whose only server is such.
using System.Net;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Iteration;

public sealed class EdnsFallbackTests
{
    [Theory]
    [InlineData(ResponseCode.FormErr)]
    [InlineData(ResponseCode.NotImp)]
    public async Task Server_rejecting_EDNS_is_asked_again_without_it(ResponseCode rejection)
    {
        await using TestDnsNetwork net = ThreeLevels();
        net[2].Rewrite = (query, answer) => query.Edns is null ? answer : Rejection(query, rejection);
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);

        IterationResult result = await iterator.ResolveAsync(Q("www.example.test."), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal([IPAddress.Parse("192.0.2.1")], Addresses(result));
        Assert.Contains(net[2].Queries, q => q.Message.Edns is null);
        cache.Dispose();
    }

    [Fact]
    public async Task Server_known_to_reject_EDNS_is_asked_without_it_at_once()
    {
        await using TestDnsNetwork net = ThreeLevels();
        net[2].Rewrite = (query, answer) => query.Edns is null ? answer : Rejection(query, ResponseCode.FormErr);
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);
        Assert.Equal(IterationStatus.Answer, (await iterator.ResolveAsync(Q("www.example.test."), default)).Status);
        int before = net[2].Queries.Count(q => q.Message.Edns is not null);

        IterationResult result = await iterator.ResolveAsync(Q("www.example.test.", RrType.AAAA), default);

        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal(before, net[2].Queries.Count(q => q.Message.Edns is not null));
        cache.Dispose();
    }

    private static DnsMessage Rejection(DnsMessage query, ResponseCode rcode)
    {
        var message = new DnsMessage { Id = query.Id, IsResponse = true, ResponseCode = rcode };
        message.Questions.Add(query.Questions[0]);
        return message;
    }
}

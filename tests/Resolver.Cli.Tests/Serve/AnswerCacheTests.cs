// AnswerCacheTests: serve's message cache, through QueryHandler with a fake resolver and a fake
// clock — a repeated question is answered without resolving, with the client's ID and letter case
// and TTLs counted down; the entry ends with its smallest TTL; the flags that change an answer
// (DO, CD, RD) keep separate entries; failures, Bogus answers and truncated ones are never kept;
// a label holding a dot is not the same name as two labels.
using Microsoft.Extensions.Time.Testing;
using Resolver.Cli.Serve;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using static Resolver.Cli.Tests.CliHarness;

namespace Resolver.Cli.Tests.Serve;

public sealed class AnswerCacheTests
{
    private static readonly DnsName Www = Name("www.example.");

    private static ResolveResult SecureA(DnsName name, RrType type, ResolveBehavior _) =>
        Secure(name, type, A(name.ToString(), "192.0.2.1", ttl: 300), Sig(name.ToString(), RrType.A, "example."));

    private static byte[] Query(DnsName name, ushort id = 1, bool dnssecOk = true, bool cd = false, RrType type = RrType.A)
    {
        DnsMessage query = DnsMessage.CreateQuery(id, name, type, recursionDesired: true, dnssecOk: dnssecOk);
        query.CheckingDisabled = cd;
        return query.ToWire();
    }

    private static async Task<DnsMessage> Ask(QueryHandler handler, byte[] query, bool udp = true)
    {
        HandledQuery handled = await handler.HandleAsync(query, udp, CancellationToken.None);
        return DnsMessage.Parse(handled.Response);
    }

    [Fact]
    public async Task A_repeated_question_is_answered_from_the_cache_with_the_clients_id_and_case_and_ttls_counted_down()
    {
        var time = new FakeTimeProvider();
        var resolver = new FakeResolver(SecureA);
        var handler = new QueryHandler(resolver, new AnswerCache(100, time));
        DnsMessage first = await Ask(handler, Query(Www, id: 7));
        time.Advance(TimeSpan.FromSeconds(100));
        DnsMessage again = await Ask(handler, Query(Name("WwW.ExAmPle."), id: 9));

        Assert.Single(resolver.Calls);
        Assert.Equal(9, again.Id);
        Assert.Equal("WwW.ExAmPle.", again.Question!.Name.ToString());
        Assert.True(again.AuthenticData);
        Assert.Equal(first.Answers.Select(r => r.Data), again.Answers.Select(r => r.Data));
        Assert.All(again.Answers, r => Assert.Equal(200u, r.Ttl));
    }

    [Fact]
    public async Task With_prefetch_an_entry_leaves_the_last_tenth_of_its_ttl_to_the_resolver()
    {
        var time = new FakeTimeProvider();
        var resolver = new FakeResolver(SecureA);   // TTL 300: the last tenth starts at 270 s
        var handler = new QueryHandler(resolver, new AnswerCache(100, time, leaveLastTenth: true));
        await Ask(handler, Query(Www));
        time.Advance(TimeSpan.FromSeconds(269));
        await Ask(handler, Query(Www));
        Assert.Single(resolver.Calls);
        time.Advance(TimeSpan.FromSeconds(1));
        await Ask(handler, Query(Www));
        Assert.Equal(2, resolver.Calls.Count);   // the resolver sees it, and prefetches
    }

    [Fact]
    public async Task An_entry_ends_with_its_smallest_ttl()
    {
        var time = new FakeTimeProvider();
        var resolver = new FakeResolver((n, t, _) => Secure(n, t, A(n.ToString(), "192.0.2.1", ttl: 300), A(n.ToString(), "192.0.2.2", ttl: 30)));
        var handler = new QueryHandler(resolver, new AnswerCache(100, time));
        await Ask(handler, Query(Www));
        time.Advance(TimeSpan.FromSeconds(29));
        await Ask(handler, Query(Www));
        Assert.Single(resolver.Calls);
        time.Advance(TimeSpan.FromSeconds(1));
        await Ask(handler, Query(Www));
        Assert.Equal(2, resolver.Calls.Count);
    }

    [Fact]
    public async Task Flags_that_change_the_answer_keep_separate_entries()
    {
        var resolver = new FakeResolver(SecureA);
        var handler = new QueryHandler(resolver, new AnswerCache(100, new FakeTimeProvider()));
        DnsMessage withDo = await Ask(handler, Query(Www, dnssecOk: true));
        DnsMessage withoutDo = await Ask(handler, Query(Www, dnssecOk: false));
        DnsMessage withCd = await Ask(handler, Query(Www, cd: true));
        DnsMessage withDoAgain = await Ask(handler, Query(Www, dnssecOk: true));

        Assert.Equal(3, resolver.Calls.Count);
        Assert.Contains(withDo.Answers, r => r.Type == RrType.RRSIG);
        Assert.DoesNotContain(withoutDo.Answers, r => r.Type == RrType.RRSIG);
        Assert.False(withCd.AuthenticData);
        Assert.True(withDoAgain.AuthenticData);
    }

    [Fact]
    public async Task Bogus_answers_and_failures_are_resolved_every_time()
    {
        var bogus = new FakeResolver((n, t, _) => Bogus(n, t, withheld: true));
        var handler = new QueryHandler(bogus, new AnswerCache(100, new FakeTimeProvider()));
        Assert.Equal(ResponseCode.ServFail, (await Ask(handler, Query(Www))).ResponseCode);
        Assert.Equal(ResponseCode.ServFail, (await Ask(handler, Query(Www))).ResponseCode);
        Assert.Equal(2, bogus.Calls.Count);

        var failing = new FakeResolver((n, t, _) => new ResolveResult
        {
            Question = new DnsQuestion(n, t),
            Status = SecurityStatus.Indeterminate,
            ResponseCode = ResponseCode.ServFail,
            ResolutionError = "no server answered",
        });
        handler = new QueryHandler(failing, new AnswerCache(100, new FakeTimeProvider()));
        await Ask(handler, Query(Www));
        await Ask(handler, Query(Www));
        Assert.Equal(2, failing.Calls.Count);
    }

    [Fact]
    public async Task A_cached_answer_too_large_for_the_clients_udp_payload_is_truncated_by_the_full_path()
    {
        var resolver = new FakeResolver((n, t, _) => Secure(n, t, [.. Enumerable.Range(1, 40).Select(i => A(n.ToString(), $"192.0.2.{i}"))]));
        var handler = new QueryHandler(resolver, new AnswerCache(100, new FakeTimeProvider()));
        DnsMessage query = DnsMessage.Parse(Query(Www, dnssecOk: false));
        query.Edns!.UdpPayloadSize = 512;
        DnsMessage overTcp = await Ask(handler, query.ToWire(), udp: false);
        Assert.Equal(40, overTcp.Answers.Count);
        // The same question over UDP with a 512-byte payload: the cached answer does not fit, so TC.
        DnsMessage overUdp = await Ask(handler, query.ToWire(), udp: true);
        Assert.True(overUdp.IsTruncated);
        Assert.Empty(overUdp.Answers);
    }

    [Fact]
    public async Task A_label_holding_a_dot_is_not_two_labels()
    {
        var resolver = new FakeResolver(SecureA);
        var handler = new QueryHandler(resolver, new AnswerCache(100, new FakeTimeProvider()));
        DnsName dotted = Name(@"www\.example.");
        Assert.Equal(1, dotted.LabelCount);
        await Ask(handler, Query(Www));
        await Ask(handler, Query(dotted));
        Assert.Equal(2, resolver.Calls.Count);
    }
}

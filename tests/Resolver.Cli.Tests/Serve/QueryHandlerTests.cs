// QueryHandlerTests: how serve answers one query, without sockets — AD only for Secure data asked
// with DO or AD and never with CD; Bogus → SERVFAIL with the reason's EDE; CD returns Bogus data;
// DO decides whether RRSIG/NSEC/NSEC3 are included; RD=0 → REFUSED (EDE 20) without resolving;
// malformed → FORMERR; UDP answers over the client's payload (512 without EDNS) truncated with TC.
using Resolver.Cli.Serve;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using static Resolver.Cli.Tests.CliHarness;

namespace Resolver.Cli.Tests.Serve;

public sealed class QueryHandlerTests
{
    private static readonly DnsName Www = Name("www.example.");

    private static ResolveResult SecureWithSig(DnsName name, RrType type, ResolveBehavior _) =>
        Secure(name, type, A(name.ToString(), "192.0.2.1"), Sig(name.ToString(), RrType.A, "example."));

    private static DnsMessage Query(DnsName name, RrType type = RrType.A, bool rd = true, bool? dnssecOk = true, bool cd = false, bool ad = false, ushort payload = 1232)
    {
        DnsMessage query = DnsMessage.CreateQuery(4242, name, type, recursionDesired: rd, dnssecOk: dnssecOk ?? false);
        query.CheckingDisabled = cd;
        query.AuthenticData = ad;
        if (dnssecOk is null)
        {
            query.Edns = null;
        }
        else
        {
            query.Edns!.UdpPayloadSize = payload;
        }

        return query;
    }

    private static async Task<DnsMessage> AskAsync(FakeResolver resolver, DnsMessage query, bool udp = true)
    {
        HandledQuery handled = await new QueryHandler(resolver).HandleAsync(query.ToWire(), udp, CancellationToken.None);
        Assert.NotNull(handled.Response);
        DnsMessage response = DnsMessage.Parse(handled.Response);
        Assert.Equal(query.Id, response.Id);
        Assert.True(response.IsResponse);
        Assert.Equal(query.RecursionDesired, response.RecursionDesired);
        Assert.True(response.RecursionAvailable);
        Assert.Equal(query.Question, response.Question);
        return response;
    }

    [Fact]
    public async Task Secure_answer_with_do_has_ad_and_rrsigs()
    {
        var resolver = new FakeResolver(SecureWithSig);
        DnsMessage response = await AskAsync(resolver, Query(Www));
        Assert.Equal(ResponseCode.NoError, response.ResponseCode);
        Assert.True(response.AuthenticData);
        Assert.True(response.Edns!.DnssecOk);
        Assert.Equal([RrType.A, RrType.RRSIG], response.Answers.Select(r => r.Type));
        Assert.Equal((Www, RrType.A, ResolveBehavior.Default), Assert.Single(resolver.Calls));
    }

    [Fact]
    public async Task Secure_answer_without_do_or_ad_has_no_ad_and_no_rrsigs()
    {
        DnsMessage response = await AskAsync(new FakeResolver(SecureWithSig), Query(Www, dnssecOk: false));
        Assert.False(response.AuthenticData);
        Assert.Equal([RrType.A], response.Answers.Select(r => r.Type));
    }

    [Fact]
    public async Task Secure_answer_asked_with_ad_and_no_edns_has_ad_but_no_rrsigs()
    {
        DnsMessage response = await AskAsync(new FakeResolver(SecureWithSig), Query(Www, dnssecOk: null, ad: true));
        Assert.True(response.AuthenticData);
        Assert.Null(response.Edns);
        Assert.Equal([RrType.A], response.Answers.Select(r => r.Type));
    }

    [Fact]
    public async Task Rrsig_asked_for_explicitly_is_returned_without_do()
    {
        var resolver = new FakeResolver((name, type, _) => Secure(name, type, Sig(name.ToString(), RrType.A, "example.")));
        DnsMessage response = await AskAsync(resolver, Query(Www, RrType.RRSIG, dnssecOk: false));
        Assert.Equal([RrType.RRSIG], response.Answers.Select(r => r.Type));
    }

    [Fact]
    public async Task Secure_answer_with_cd_has_no_ad_and_is_resolved_with_checking_disabled()
    {
        var resolver = new FakeResolver(SecureWithSig);
        DnsMessage response = await AskAsync(resolver, Query(Www, cd: true));
        Assert.False(response.AuthenticData);
        Assert.True(response.CheckingDisabled);
        Assert.Equal(ResolveBehavior.CheckingDisabled, Assert.Single(resolver.Calls).Behavior);
    }

    [Fact]
    public async Task Bogus_is_servfail_with_the_reasons_ede_code_and_text()
    {
        var resolver = new FakeResolver((name, type, _) => Bogus(name, type, withheld: true));
        DnsMessage response = await AskAsync(resolver, Query(Www));
        Assert.Equal(ResponseCode.ServFail, response.ResponseCode);
        Assert.False(response.AuthenticData);
        Assert.Empty(response.Answers);
        ExtendedDnsErrorOption ede = Assert.IsType<ExtendedDnsErrorOption>(response.Edns!.ExtendedError);
        Assert.Equal(ExtendedErrorCode.SignatureExpired, ede.InfoCode);
        Assert.Contains("signature expired in zone example.", ede.ExtraText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bogus_with_cd_returns_the_data_without_ad()
    {
        var resolver = new FakeResolver((name, type, behavior) =>
            Bogus(name, type, withheld: behavior == ResolveBehavior.Default, A(name.ToString(), "192.0.2.66"), Sig(name.ToString(), RrType.A, "example.")));
        DnsMessage response = await AskAsync(resolver, Query(Www, cd: true));
        Assert.Equal(ResponseCode.NoError, response.ResponseCode);
        Assert.False(response.AuthenticData);
        Assert.Equal([RrType.A, RrType.RRSIG], response.Answers.Select(r => r.Type));
        Assert.Null(response.Edns!.ExtendedError);
    }

    [Fact]
    public async Task Negative_answer_carries_denial_records_only_with_do()
    {
        DnsName nx = Name("nx.example.");
        var soa = new ResourceRecord(Name("example."), 300, new SoaData(Name("ns.example."), Name("admin.example."), 1, 3600, 900, 86400, 300));
        var nsec = new ResourceRecord(Name("example."), 300, new NsecData(Name("www.example."), TypeBitmap.FromTypes([RrType.SOA, RrType.NS, RrType.NSEC, RrType.RRSIG])));
        ResolveResult Answer(DnsName name, RrType type, ResolveBehavior _) => new()
        {
            Question = new DnsQuestion(name, type),
            Status = SecurityStatus.Secure,
            ResponseCode = ResponseCode.NXDomain,
            Authority = [soa, Sig("example.", RrType.SOA, "example."), nsec, Sig("example.", RrType.NSEC, "example.")],
        };

        DnsMessage withDo = await AskAsync(new FakeResolver(Answer), Query(nx));
        Assert.Equal(ResponseCode.NXDomain, withDo.ResponseCode);
        Assert.True(withDo.AuthenticData);
        Assert.Equal([RrType.SOA, RrType.RRSIG, RrType.NSEC, RrType.RRSIG], withDo.Authorities.Select(r => r.Type));

        DnsMessage withoutDo = await AskAsync(new FakeResolver(Answer), Query(nx, dnssecOk: false));
        Assert.Equal(ResponseCode.NXDomain, withoutDo.ResponseCode);
        Assert.Equal([RrType.SOA], withoutDo.Authorities.Select(r => r.Type));
    }

    [Fact]
    public async Task Rd_clear_is_refused_with_ede_20_and_nothing_is_resolved()
    {
        var resolver = new FakeResolver(SecureWithSig);
        DnsMessage response = await AskAsync(resolver, Query(Www, rd: false));
        Assert.Equal(ResponseCode.Refused, response.ResponseCode);
        Assert.Equal(ExtendedErrorCode.NotAuthoritative, response.Edns!.ExtendedError!.InfoCode);
        Assert.Empty(resolver.Calls);
    }

    [Fact]
    public async Task Resolution_failure_and_a_throwing_resolver_are_servfail()
    {
        var failing = new FakeResolver((name, type, _) => new ResolveResult
        {
            Question = new DnsQuestion(name, type),
            Status = SecurityStatus.Unchecked,
            ResponseCode = ResponseCode.ServFail,
            ResolutionError = "no server answered",
        });
        DnsMessage response = await AskAsync(failing, Query(Www));
        Assert.Equal(ResponseCode.ServFail, response.ResponseCode);
        Assert.Equal("no server answered", response.Edns!.ExtendedError!.ExtraText);

        var throwing = new FakeResolver((_, _, _) => throw new InvalidOperationException("boom"));
        DnsMessage crashed = await AskAsync(throwing, Query(Www));
        Assert.Equal(ResponseCode.ServFail, crashed.ResponseCode);
        Assert.Contains("boom", crashed.Edns!.ExtendedError!.ExtraText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolution_failure_with_a_code_carries_that_ede()
    {
        // RFC 8914 §4.10: the DNSKEY RRset of a zone on the chain could not be fetched.
        var failing = new FakeResolver((name, type, _) => new ResolveResult
        {
            Question = new DnsQuestion(name, type),
            Status = SecurityStatus.Unchecked,
            ResponseCode = ResponseCode.ServFail,
            ResolutionError = "DNSKEY example.: SERVFAIL",
            ResolutionErrorCode = ExtendedErrorCode.DnskeyMissing,
        });
        DnsMessage response = await AskAsync(failing, Query(Www));
        Assert.Equal(ResponseCode.ServFail, response.ResponseCode);
        Assert.Equal(ExtendedErrorCode.DnskeyMissing, response.Edns!.ExtendedError!.InfoCode);
    }

    [Fact]
    public async Task Malformed_query_gets_formerr_with_its_id_and_a_runt_gets_nothing()
    {
        var resolver = new FakeResolver(SecureWithSig);
        byte[] wire = Query(Www).ToWire();
        byte[] cut = wire[..(wire.Length - 7)]; // the OPT record is cut short
        HandledQuery handled = await new QueryHandler(resolver).HandleAsync(cut, udp: true, CancellationToken.None);
        DnsMessage response = DnsMessage.Parse(handled.Response);
        Assert.Equal(ResponseCode.FormErr, response.ResponseCode);
        Assert.Equal(4242, response.Id);
        Assert.True(response.RecursionDesired);
        Assert.Contains("FORMERR", handled.LogLine, StringComparison.Ordinal);

        HandledQuery runt = await new QueryHandler(resolver).HandleAsync(wire.AsMemory(0, 5), udp: true, CancellationToken.None);
        Assert.Null(runt.Response);
        Assert.Empty(resolver.Calls);
    }

    [Fact]
    public async Task A_response_sent_to_the_server_is_dropped()
    {
        DnsMessage query = Query(Www);
        query.IsResponse = true;
        HandledQuery handled = await new QueryHandler(new FakeResolver(SecureWithSig)).HandleAsync(query.ToWire(), udp: true, CancellationToken.None);
        Assert.Null(handled.Response);
    }

    [Theory]
    [InlineData(RrType.AXFR, ResponseCode.NotImp)]
    [InlineData(RrType.ANY, ResponseCode.NotImp)]
    public async Task Zone_transfers_and_any_are_not_served(RrType type, ResponseCode expected)
    {
        var resolver = new FakeResolver(SecureWithSig);
        DnsMessage response = await AskAsync(resolver, Query(Www, type));
        Assert.Equal(expected, response.ResponseCode);
        Assert.Empty(resolver.Calls);
    }

    [Fact]
    public async Task Unknown_edns_version_gets_badvers()
    {
        DnsMessage query = Query(Www);
        query.Edns!.Version = 1;
        DnsMessage response = await AskAsync(new FakeResolver(SecureWithSig), query);
        Assert.Equal(ResponseCode.BadVers, response.ResponseCode);
        Assert.Equal(0, response.Edns!.Version);
    }

    private static ResolveResult Big(DnsName name, RrType type, ResolveBehavior _) =>
        Secure(name, type, [.. Enumerable.Range(1, 60).Select(i => A(name.ToString(), $"192.0.2.{i}"))]);

    [Fact]
    public async Task Udp_answer_over_512_bytes_without_edns_is_truncated_with_tc()
    {
        DnsMessage response = await AskAsync(new FakeResolver(Big), Query(Www, dnssecOk: null));
        Assert.True(response.IsTruncated);
        Assert.Empty(response.Answers);
        Assert.Equal(ResponseCode.NoError, response.ResponseCode);
    }

    [Fact]
    public async Task Udp_limit_is_the_clients_edns_payload()
    {
        // 60 A records of one owner: ~ 60 × 16 + header ≈ 1000 bytes.
        DnsMessage small = await AskAsync(new FakeResolver(Big), Query(Www, payload: 600));
        Assert.True(small.IsTruncated);
        DnsMessage large = await AskAsync(new FakeResolver(Big), Query(Www, payload: 4096));
        Assert.False(large.IsTruncated);
        Assert.Equal(60, large.Answers.Count);
    }

    [Fact]
    public async Task Tcp_answer_is_never_truncated()
    {
        DnsMessage response = await AskAsync(new FakeResolver(Big), Query(Www, dnssecOk: null), udp: false);
        Assert.False(response.IsTruncated);
        Assert.Equal(60, response.Answers.Count);
    }

    [Fact]
    public async Task Stale_answer_carries_ede_3_and_keeps_ad_for_secure_data_Rfc8767()
    {
        var resolver = new FakeResolver((name, type, behavior) => new ResolveResult
        {
            Question = new DnsQuestion(name, type),
            Status = SecurityStatus.Secure,
            ResponseCode = ResponseCode.NoError,
            Answers = [A(name.ToString(), "192.0.2.1") with { Ttl = 30 }],
            IsStale = true,
        });
        DnsMessage response = await AskAsync(resolver, Query(Www));
        Assert.Equal(ResponseCode.NoError, response.ResponseCode);
        Assert.True(response.AuthenticData);
        Assert.Equal(30u, Assert.Single(response.Answers).Ttl);
        ExtendedDnsErrorOption ede = Assert.IsType<ExtendedDnsErrorOption>(response.Edns!.ExtendedError);
        Assert.Equal(ExtendedErrorCode.StaleAnswer, ede.InfoCode);
    }

    [Fact]
    public async Task Stale_nxdomain_carries_ede_19_Rfc8767()
    {
        var resolver = new FakeResolver((name, type, behavior) => new ResolveResult
        {
            Question = new DnsQuestion(name, type),
            Status = SecurityStatus.Insecure,
            ResponseCode = ResponseCode.NXDomain,
            IsStale = true,
        });
        DnsMessage response = await AskAsync(resolver, Query(Www));
        Assert.Equal(ResponseCode.NXDomain, response.ResponseCode);
        ExtendedDnsErrorOption ede = Assert.IsType<ExtendedDnsErrorOption>(response.Edns!.ExtendedError);
        Assert.Equal(ExtendedErrorCode.StaleNxDomainAnswer, ede.InfoCode);
    }
}

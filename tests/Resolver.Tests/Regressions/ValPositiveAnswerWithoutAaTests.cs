// Regression (conformance scenario unbound/val_positive.rpl and ~60 others): the iterator treated
// every answer, NXDOMAIN or NODATA without the AA bit as lame, so resolution failed against servers
// that omit AA. RFC 1034 §5.3.3 accepts a response that answers the question or holds a name error;
// only a server answering from a cache (RA set, AA clear: "recursive lame") is skipped.
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Tests.Regressions;

public sealed class ValPositiveAnswerWithoutAaTests
{
    private static readonly DnsName s_www = DnsName.Parse("www.example.com.");
    private static readonly DnsName s_zone = DnsName.Parse("example.com.");

    private static DnsMessage Response(bool aa, bool ra, ResponseCode rcode = ResponseCode.NoError, bool answer = true, bool soa = false)
    {
        var m = new DnsMessage { IsResponse = true, IsAuthoritativeAnswer = aa, RecursionAvailable = ra, ResponseCode = rcode };
        m.Questions.Add(new DnsQuestion(s_www, RrType.A));
        if (answer)
        {
            m.Answers.Add(new ResourceRecord(s_www, 3600, new AData(System.Net.IPAddress.Parse("10.20.30.40"))));
        }

        if (soa)
        {
            m.Authorities.Add(new ResourceRecord(s_zone, 3600, new SoaData(DnsName.Parse("ns.example.com."), DnsName.Parse("h.example.com."), 1, 2, 3, 4, 5)));
        }

        return m;
    }

    private static ResponseKind Kind(DnsMessage m) =>
        ResponseClassifier.Classify(m, new DnsQuestion(s_www, RrType.A), s_zone, requireAuthoritative: true).Kind;

    [Fact]
    public void Answer_without_AA_from_an_authoritative_server_is_an_answer() =>
        Assert.Equal(ResponseKind.Answer, Kind(Response(aa: false, ra: false)));

    [Fact]
    public void NXDOMAIN_and_NODATA_without_AA_are_accepted()
    {
        Assert.Equal(ResponseKind.NxDomain, Kind(Response(aa: false, ra: false, ResponseCode.NXDomain, answer: false, soa: true)));
        Assert.Equal(ResponseKind.NoData, Kind(Response(aa: false, ra: false, answer: false, soa: true)));
    }

    // Regression (deckard/val_ad_qtype_ds.rpl, val_nsec3_optout_unsec_cache.rpl: the root server
    // answers its DNSKEY with RA set and AA clear): only a negative answer from a cache is recursive
    // lame, as in Unbound's response_type_from_server; the question's data in the answer section is
    // taken, AA or not (and validated like any other).
    [Fact]
    public void NXDOMAIN_and_NODATA_with_RA_but_without_AA_are_recursive_lame()
    {
        Assert.Equal(ResponseKind.Lame, Kind(Response(aa: false, ra: true, ResponseCode.NXDomain, answer: false, soa: true)));
        Assert.Equal(ResponseKind.Lame, Kind(Response(aa: false, ra: true, answer: false, soa: true)));
        Assert.Equal(ResponseKind.Lame, Kind(Response(aa: false, ra: true, ResponseCode.NXDomain, answer: true)));
    }

    [Fact]
    public void Answer_with_RA_but_without_AA_is_an_answer()
    {
        Assert.Equal(ResponseKind.Answer, Kind(Response(aa: false, ra: true)));
        Assert.Equal(ResponseKind.Answer, Kind(Response(aa: true, ra: true)));
    }
}

// Regression (conformance scenarios unbound/black_ds.rpl, black_dnskey.rpl, black_ent.rpl and the
// Deckard copies): a referral to a child zone with the AA bit set was taken for NODATA, so the child's
// data was never asked for and the answer judged Bogus (no denial proof). A delegation strictly below
// the zone, without an SOA, is a referral whatever AA says.
public sealed class BlackDsReferralWithAaTests
{
    private static readonly DnsName s_qname = DnsName.Parse("www.sub.example.com.");
    private static readonly DnsName s_zone = DnsName.Parse("example.com.");

    private static DnsMessage Referral(bool soa)
    {
        var m = new DnsMessage { IsResponse = true, IsAuthoritativeAnswer = true };
        m.Questions.Add(new DnsQuestion(s_qname, RrType.A));
        m.Authorities.Add(new ResourceRecord(DnsName.Parse("sub.example.com."), 3600, new NsData(DnsName.Parse("ns.sub.example.com."))));
        if (soa)
        {
            m.Authorities.Add(new ResourceRecord(s_zone, 3600, new SoaData(DnsName.Parse("ns.example.com."), DnsName.Parse("h.example.com."), 1, 2, 3, 4, 5)));
        }

        return m;
    }

    [Fact]
    public void Referral_with_AA_is_a_referral()
    {
        Classification c = ResponseClassifier.Classify(Referral(soa: false), new DnsQuestion(s_qname, RrType.A), s_zone, requireAuthoritative: true);
        Assert.Equal(ResponseKind.Referral, c.Kind);
        Assert.Equal(DnsName.Parse("sub.example.com."), c.Owner);
    }

    [Fact]
    public void Child_NS_beside_an_SOA_is_still_NODATA() =>
        Assert.Equal(ResponseKind.NoData, ResponseClassifier.Classify(Referral(soa: true), new DnsQuestion(s_qname, RrType.A), s_zone, requireAuthoritative: true).Kind);

    [Fact]
    public void Apex_NS_with_AA_is_not_a_referral()
    {
        var m = new DnsMessage { IsResponse = true, IsAuthoritativeAnswer = true };
        m.Questions.Add(new DnsQuestion(s_qname, RrType.A));
        m.Authorities.Add(new ResourceRecord(s_zone, 3600, new NsData(DnsName.Parse("ns.example.com."))));
        Assert.Equal(ResponseKind.NoData, ResponseClassifier.Classify(m, new DnsQuestion(s_qname, RrType.A), s_zone, requireAuthoritative: true).Kind);
    }
}

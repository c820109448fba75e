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

    [Fact]
    public void Answer_with_RA_but_without_AA_is_recursive_lame()
    {
        Assert.Equal(ResponseKind.Lame, Kind(Response(aa: false, ra: true)));
        Assert.Equal(ResponseKind.Lame, Kind(Response(aa: false, ra: true, ResponseCode.NXDomain, answer: false, soa: true)));
        Assert.Equal(ResponseKind.Answer, Kind(Response(aa: true, ra: true)));
    }
}

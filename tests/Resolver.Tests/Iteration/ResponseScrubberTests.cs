// ResponseScrubber tests: a CNAME and other data at one name (RFC 1034 §3.6.2, RFC 2181 §10.1)
// cannot both be kept; the first RRset at the name in the answer section decides, as in Unbound.
// An NSEC whose next name lies outside the zone asked (RFC 4034 §4.1.1) is dropped.
using System.Net;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Tests.Iteration;

public sealed class ResponseScrubberTests
{
    private static readonly DnsName Zone = DnsName.Parse("example.test.");
    private static readonly DnsName Www = DnsName.Parse("www.example.test.");
    private static readonly DnsName Target = DnsName.Parse("tgt.example.test.");
    private static readonly DnsQuestion Question = new(Www, RrType.A);

    [Fact]
    public void Cname_before_other_data_is_followed_and_the_other_data_dropped()
    {
        DnsMessage response = Response(Cname(), A(Www, "192.0.2.1"), A(Target, "192.0.2.2"));

        DnsMessage scrubbed = ResponseScrubber.Scrub(response, Question, Zone, out int dropped);

        Assert.Equal([Cname(), A(Target, "192.0.2.2")], scrubbed.Answers);
        Assert.Equal(1, dropped);
        Assert.Equal(ResponseKind.Cname, ResponseClassifier.Classify(scrubbed, Question, Zone, requireAuthoritative: true).Kind);
    }

    [Fact]
    public void Other_data_before_a_cname_is_the_answer_and_the_cname_dropped()
    {
        DnsMessage response = Response(A(Www, "192.0.2.1"), Cname(), A(Target, "192.0.2.2"));

        DnsMessage scrubbed = ResponseScrubber.Scrub(response, Question, Zone, out _);

        Assert.Equal([A(Www, "192.0.2.1")], scrubbed.Answers);
        Assert.Equal(ResponseKind.Answer, ResponseClassifier.Classify(scrubbed, Question, Zone, requireAuthoritative: true).Kind);
    }

    [Fact]
    public void Nsec_whose_next_name_leaves_the_zone_is_dropped_with_its_rrsig()
    {
        DnsQuestion question = new(Zone, RrType.NSEC);
        TypeBitmap types = TypeBitmap.FromTypes([RrType.NS, RrType.SOA, RrType.RRSIG, RrType.NSEC, RrType.DNSKEY]);
        var overreaching = new ResourceRecord(Zone, 3600, new NsecData(DnsName.Parse("b.foo.test."), types));
        var inZone = new ResourceRecord(DnsName.Parse("a.example.test."), 3600, new NsecData(DnsName.Parse("b.example.test."), types));
        var sig = new ResourceRecord(Zone, 3600, new RrsigData(RrType.NSEC, DnssecAlgorithm.RsaSha256, 2, 3600,
            1_700_000_000, 1_600_000_000, 1, Zone, new byte[] { 1, 2, 3 }));
        DnsMessage response = new() { IsResponse = true, IsAuthoritativeAnswer = true, ResponseCode = ResponseCode.NoError };
        response.Questions.Add(question);
        response.Answers.Add(overreaching);
        response.Answers.Add(sig);
        response.Authorities.Add(inZone);

        DnsMessage scrubbed = ResponseScrubber.Scrub(response, question, Zone, out int dropped);

        Assert.Empty(scrubbed.Answers);
        Assert.Equal([inZone], scrubbed.Authorities);
        Assert.Equal(2, dropped);
    }

    private static ResourceRecord Cname() => new(Www, 3600, new CnameData(Target));

    private static ResourceRecord A(DnsName owner, string address) => new(owner, 3600, new AData(IPAddress.Parse(address)));

    private static DnsMessage Response(params ResourceRecord[] answers)
    {
        DnsMessage response = new() { IsResponse = true, IsAuthoritativeAnswer = true, ResponseCode = ResponseCode.NoError };
        response.Questions.Add(Question);
        foreach (ResourceRecord rr in answers)
        {
            response.Answers.Add(rr);
        }

        return response;
    }
}

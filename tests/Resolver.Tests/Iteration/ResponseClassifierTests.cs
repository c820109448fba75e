// ResponseClassifier tests: an empty answer is a NODATA when it carries the zone's SOA or its NSEC/NSEC3
// proof (RFC 4035 §3.1.3), and lame only when it carries neither.
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Tests.Iteration;

public sealed class ResponseClassifierTests
{
    private static readonly DnsName Zone = DnsName.Parse("example.test.");
    private static readonly DnsQuestion Question = new(DnsName.Parse("www.example.test."), RrType.A);

    [Fact]
    public void Empty_answer_with_nsec_proof_but_no_soa_is_nodata()
    {
        DnsMessage response = EmptyResponse();
        response.Authorities.Add(new ResourceRecord(DnsName.Parse("*.example.test."), 3600,
            new NsecData(Zone, TypeBitmap.FromTypes([RrType.RRSIG, RrType.NSEC]))));

        Classification result = ResponseClassifier.Classify(response, Question, Zone, requireAuthoritative: true);

        Assert.Equal(ResponseKind.NoData, result.Kind);
    }

    [Fact]
    public void Empty_answer_with_nothing_in_authority_is_lame()
    {
        Classification result = ResponseClassifier.Classify(EmptyResponse(), Question, Zone, requireAuthoritative: true);

        Assert.Equal(ResponseKind.Lame, result.Kind);
    }

    [Fact]
    public void Nsec_proof_from_a_server_answering_with_recursion_available_and_no_aa_is_recursive_lame()
    {
        DnsMessage response = EmptyResponse();
        response.RecursionAvailable = true;
        response.Authorities.Add(new ResourceRecord(DnsName.Parse("*.example.test."), 3600,
            new NsecData(Zone, TypeBitmap.FromTypes([RrType.RRSIG, RrType.NSEC]))));

        Classification result = ResponseClassifier.Classify(response, Question, Zone, requireAuthoritative: true);

        Assert.Equal(ResponseKind.Lame, result.Kind);
    }

    private static DnsMessage EmptyResponse()
    {
        DnsMessage response = new() { IsResponse = true, ResponseCode = ResponseCode.NoError };
        response.Questions.Add(Question);
        return response;
    }
}

// DelegationProofsTests: the validator-side reading of the denial records the iterator hands over.
// An answer whose authority section holds the parent's NSEC3 for a child on the answer's chain with
// NS but neither DS nor SOA is cached as that child's DS NODATA (RFC 4035 §3.1.4.1, §5.2); the NSEC3
// owner hashing is bounded by ValidatorOptions.Nsec3InsecureIterations (RFC 9276 §3.2), the one
// declaration of that limit (the iterator had its own constant 100); wildcard-expanded denials are
// no proof (RFC 4035 §5.3.4).
using System.Net;
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Validation;

namespace Resolver.Tests.Validation;

public sealed class DelegationProofsTests
{
    private static readonly DnsName s_zone = DnsName.Parse("example.test.");
    private static readonly DnsName s_child = DnsName.Parse("sub.example.test.");
    private static readonly DnsQuestion s_question = new(DnsName.Parse("www.sub.example.test."), RrType.A);

    // A referral-like answer from example.test.: the NSEC3 matching sub.example.test., NS only.
    private static DnsMessage AnswerWithChildNsec3(ushort iterations)
    {
        byte[] salt = [0xAB, 0xCD];
        DnsName owner = Nsec3Hash.ComputeOwnerName(s_child, s_zone, salt, iterations);
        var nsec3 = new Nsec3Data(1, 0, iterations, salt, new byte[20], TypeBitmap.FromTypes([RrType.NS]));
        var response = new DnsMessage { IsResponse = true };
        response.Questions.Add(s_question);
        response.Answers.Add(new ResourceRecord(s_question.Name, 300, new AData(IPAddress.Parse("192.0.2.1"))));
        response.Authorities.Add(new ResourceRecord(owner, 300, nsec3));
        return response;
    }

    [Fact]
    public void An_answers_nsec3_for_an_unsigned_child_on_its_chain_is_cached_as_the_childs_ds_nodata()
    {
        using var cache = new DnsCache();
        var proofs = new DelegationProofs(cache, new ValidatorOptions());

        proofs.FromAnswer(AnswerWithChildNsec3(iterations: 5), s_question, s_zone);

        CachedNegative? denial = cache.GetNegative(s_child, RrType.DS, RrClass.IN);
        Assert.NotNull(denial);
        Assert.Equal(NegativeKind.NoData, denial.Kind);
    }

    [Fact]
    public void Nsec3_hashing_for_delegation_proofs_is_bounded_by_Nsec3InsecureIterations()
    {
        using var cache = new DnsCache();
        var proofs = new DelegationProofs(cache, new ValidatorOptions { Nsec3InsecureIterations = 10 });

        proofs.FromAnswer(AnswerWithChildNsec3(iterations: 11), s_question, s_zone);
        Assert.Null(cache.GetNegative(s_child, RrType.DS, RrClass.IN));

        proofs.FromAnswer(AnswerWithChildNsec3(iterations: 10), s_question, s_zone);
        Assert.NotNull(cache.GetNegative(s_child, RrType.DS, RrClass.IN));
    }
}

// Rfc4035VectorTests: RFC 4035 Appendix B's NSEC examples — name error, no data, referrals to a
// signed and an unsigned zone, wildcard expansion and wildcard no data — proven with the NSEC
// records of Appendix A that each example response carries.
using Resolver.Protocol.Dnssec.Denial;
using static Resolver.Protocol.Tests.Dnssec.Denial.DenialVectors;

namespace Resolver.Protocol.Tests.Dnssec.Denial;

public sealed class Rfc4035VectorTests
{
    [Fact]
    public void Rfc4035_B2_NameError()
    {
        // ml.example A: b.example's NSEC covers ml.example, example.'s covers *.example.
        List<ResourceRecord> records = Nsec("b", "@");
        DenialResult result = NsecProofs.ProveNxDomain(N("ml"), Example, records);

        Assert.Equal(DenialStatus.Secure, result.Status);
        Assert.Equal(DenialProofKind.NxDomain, result.Kind);
        Assert.Equal(Example, result.ClosestEncloser);
        Assert.Equal(
            [
                new DenialEvidence(DenialClause.QNameCover, N("ml"), records[0]),
                new DenialEvidence(DenialClause.WildcardCover, N("*"), records[1]),
            ],
            result.Evidence.AsEnumerable());
        Assert.Equal(0, result.HashComputations);
    }

    [Fact]
    public void Rfc4035_B3_NoData()
    {
        // ns1.example MX: ns1.example's NSEC lists A, RRSIG, NSEC.
        List<ResourceRecord> records = Nsec("ns1");
        DenialResult result = NsecProofs.ProveNoData(N("ns1"), RrType.MX, Example, records);

        Assert.Equal(DenialStatus.Secure, result.Status);
        Assert.Equal(DenialProofKind.NoData, result.Kind);
        Assert.Equal([new DenialEvidence(DenialClause.QNameMatch, N("ns1"), records[0])], result.Evidence.AsEnumerable());
    }

    [Fact]
    public void Rfc4035_B4_ReferralToSignedZone_CannotBeProvenInsecure()
    {
        // mc.a.example MX → referral to a.example with its DS: no denial is needed, and the NSEC at
        // a.example (NS DS) must never be accepted as proof that the delegation is unsigned.
        DenialResult result = NsecProofs.ProveInsecureDelegation(N("a"), Example, Nsec("a"));

        Assert.Equal(DenialStatus.Bogus, result.Status);
        Assert.Equal(DenialFailure.TypeExists, result.Failure);
        Assert.Equal(Nsec("a")[0], result.Conflict);
        Assert.Equal(DenialFailure.TypeExists, NsecProofs.ProveNoData(N("a"), RrType.DS, Example, Nsec("a")).Failure);
    }

    [Fact]
    public void Rfc4035_B5_ReferralToUnsignedZone()
    {
        // mc.b.example MX → referral to b.example with b.example's NSEC: NS, no DS, no SOA.
        List<ResourceRecord> records = Nsec("b");
        DenialResult result = NsecProofs.ProveInsecureDelegation(N("b"), Example, records);

        Assert.Equal(DenialStatus.Secure, result.Status);
        Assert.Equal(DenialProofKind.InsecureDelegation, result.Kind);
        Assert.Equal([new DenialEvidence(DenialClause.QNameMatch, N("b"), records[0])], result.Evidence.AsEnumerable());

        // The same record answers a DS query for b.example (NODATA at a delegation).
        DenialResult ds = NsecProofs.ProveNoData(N("b"), RrType.DS, Example, records);
        Assert.Equal(DenialProofKind.InsecureDelegation, ds.Kind);
        Assert.True(ds.IsSecure);
    }

    [Fact]
    public void Rfc4035_B6_WildcardExpansion()
    {
        // a.z.w.example MX from *.w.example (RRSIG labels 2): x.y.w.example's NSEC covers z.w.example.
        List<ResourceRecord> records = Nsec("x.y.w");
        DenialResult result = NsecProofs.ProveWildcardAnswer(N("a.z.w"), 2, Example, records);

        Assert.Equal(DenialStatus.Secure, result.Status);
        Assert.Equal(DenialProofKind.Wildcard, result.Kind);
        Assert.Equal(N("w"), result.ClosestEncloser);
        Assert.Equal(N("z.w"), result.NextCloser);
        Assert.Equal([new DenialEvidence(DenialClause.NextCloserCover, N("z.w"), records[0])], result.Evidence.AsEnumerable());
    }

    [Fact]
    public void Rfc4035_B7_WildcardNoData()
    {
        // a.z.w.example AAAA: x.y.w.example's NSEC covers the name, *.w.example's lacks AAAA.
        List<ResourceRecord> records = Nsec("x.y.w", "*.w");
        DenialResult result = NsecProofs.ProveNoData(N("a.z.w"), RrType.AAAA, Example, records);

        Assert.Equal(DenialStatus.Secure, result.Status);
        Assert.Equal(DenialProofKind.WildcardNoData, result.Kind);
        Assert.Equal(N("w"), result.ClosestEncloser);
        Assert.Equal(
            [
                new DenialEvidence(DenialClause.QNameCover, N("a.z.w"), records[0]),
                new DenialEvidence(DenialClause.WildcardMatch, N("*.w"), records[1]),
            ],
            result.Evidence.AsEnumerable());
    }

    [Fact]
    public void Rfc4035_WholeChain_ProvesEveryAppendixBCase()
    {
        IReadOnlyList<ResourceRecord> all = Rfc4035Nsec;
        Assert.Equal(DenialProofKind.NxDomain, NsecProofs.ProveNxDomain(N("ml"), Example, all).Kind);
        Assert.Equal(DenialProofKind.NoData, NsecProofs.ProveNoData(N("ns1"), RrType.MX, Example, all).Kind);
        Assert.Equal(DenialProofKind.InsecureDelegation, NsecProofs.ProveInsecureDelegation(N("b"), Example, all).Kind);
        Assert.Equal(DenialProofKind.Wildcard, NsecProofs.ProveWildcardAnswer(N("a.z.w"), 2, Example, all).Kind);
        Assert.Equal(DenialProofKind.WildcardNoData, NsecProofs.ProveNoData(N("a.z.w"), RrType.AAAA, Example, all).Kind);
    }
}

// Rfc5155VectorTests: RFC 5155 Appendix B, every example response, proven with the NSEC3 records
// of Appendix A. The example zone sets opt-out on every record, so the proofs that rest on a
// next-closer cover (B.1, B.3, B.4, B.5) come out Insecure (RFC 5155 §9.2: only the absence of
// a signed delegation is proven); each is also checked with the flag cleared, where it is Secure.
using Resolver.Protocol.Dnssec.Denial;
using static Resolver.Protocol.Tests.Dnssec.Denial.DenialVectors;

namespace Resolver.Protocol.Tests.Dnssec.Denial;

public sealed class Rfc5155VectorTests
{
    [Fact]
    public void Rfc5155_AppendixA_TypedRecordsAreTheHashesOfTheZoneNames_AndOneClosedChain()
    {
        // Guards the typing of the vectors: each owner is the hash of the zone name it stands for,
        // and each next hashed owner is the following owner, the last wrapping to the first.
        var owners = Rfc5155Nsec3.Select(r => r.Name).ToList();
        foreach ((string name, string label) in Rfc5155HashedNames)
        {
            DnsName owner = Protocol.Dnssec.Nsec3Hash.ComputeOwnerName(DnsName.Parse(name), Example, Rfc5155Salt, Rfc5155Iterations);
            Assert.Equal(DnsName.Parse($"{label}.example."), owner);
            Assert.Contains(owner, owners);
        }

        Assert.Equal(Rfc5155HashedNames.Count, owners.Count);
        for (int i = 0; i < owners.Count; i++)
        {
            var data = (Protocol.Records.Nsec3Data)Rfc5155Nsec3[i].Data;
            string next = Protocol.Text.Base32Hex.Encode(data.NextHashedOwnerName);
            Assert.Equal(owners[(i + 1) % owners.Count], DnsName.Parse($"{next}.example."));
            Assert.True(data.IsOptOut);
            Assert.Equal(Rfc5155Salt, data.Salt.ToArray());
        }
    }

    [Fact]
    public void Rfc5155_B1_NameError()
    {
        // a.c.x.w.example: closest encloser x.w.example (b4um), next closer c.x.w.example covered
        // by 0p9m, wildcard *.x.w.example covered by 35mt. 0p9m has opt-out: Insecure.
        List<ResourceRecord> records = Nsec3("0p9m", "b4um", "35mt");
        DenialResult result = Nsec3Proofs.ProveNxDomain(N("a.c.x.w"), Example, records);

        Assert.Equal(DenialStatus.Insecure, result.Status);
        Assert.Equal(DenialProofKind.OptOutInsecure, result.Kind);
        Assert.Equal(DenialFailure.OptOut, result.Failure);
        AssertB1Evidence(result, records);
    }

    [Fact]
    public void Rfc5155_B1_NameError_WithoutOptOut_IsSecure()
    {
        List<ResourceRecord> records = WithoutOptOut(Nsec3("0p9m", "b4um", "35mt"));
        DenialResult result = Nsec3Proofs.ProveNxDomain(N("a.c.x.w"), Example, records);

        Assert.Equal(DenialStatus.Secure, result.Status);
        Assert.Equal(DenialProofKind.NxDomain, result.Kind);
        Assert.Equal(DenialFailure.None, result.Failure);
        AssertB1Evidence(result, records);
    }

    [Fact]
    public void Rfc5155_B2_NoData()
    {
        // ns1.example MX: the NSEC3 matching ns1.example (2t7b) lists A and RRSIG only.
        List<ResourceRecord> records = Nsec3("2t7b");
        DenialResult result = Nsec3Proofs.ProveNoData(N("ns1"), RrType.MX, Example, records);

        Assert.Equal(DenialStatus.Secure, result.Status);
        Assert.Equal(DenialProofKind.NoData, result.Kind);
        Assert.Equal([new DenialEvidence(DenialClause.QNameMatch, N("ns1"), records[0])], result.Evidence.AsEnumerable());
        Assert.Equal(1, result.HashComputations);
    }

    [Fact]
    public void Rfc5155_B2_NoData_ForATypeThatExists_IsBogus()
    {
        DenialResult result = Nsec3Proofs.ProveNoData(N("ns1"), RrType.A, Example, Nsec3("2t7b"));

        Assert.Equal(DenialStatus.Bogus, result.Status);
        Assert.Equal(DenialFailure.TypeExists, result.Failure);
        Assert.Equal(DenialClause.QNameMatch, result.MissingClause);
        Assert.Equal(Nsec3("2t7b")[0], result.Conflict);
    }

    [Fact]
    public void Rfc5155_B2_1_NoData_EmptyNonTerminal()
    {
        // y.w.example A: ji6n matches y.w.example and has an empty type bitmap.
        List<ResourceRecord> records = Nsec3("ji6n");
        DenialResult result = Nsec3Proofs.ProveNoData(N("y.w"), RrType.A, Example, records);

        Assert.Equal(DenialStatus.Secure, result.Status);
        Assert.Equal(DenialProofKind.EmptyNonTerminal, result.Kind);
        Assert.Equal([new DenialEvidence(DenialClause.QNameMatch, N("y.w"), records[0])], result.Evidence.AsEnumerable());
    }

    [Fact]
    public void Rfc5155_B3_ReferralToAnOptOutUnsignedZone()
    {
        // mc.c.example MX → referral to c.example: no NSEC3 matches c.example; example (0p9m) is the
        // closest provable encloser and 35mt, with opt-out, covers the next closer c.example.
        List<ResourceRecord> records = Nsec3("35mt", "0p9m");
        DenialResult result = Nsec3Proofs.ProveInsecureDelegation(N("c"), Example, records);

        Assert.Equal(DenialStatus.Insecure, result.Status);
        Assert.Equal(DenialProofKind.OptOutInsecure, result.Kind);
        Assert.Equal(Example, result.ClosestEncloser);
        Assert.Equal(N("c"), result.NextCloser);
        Assert.Equal(
            [
                new DenialEvidence(DenialClause.ClosestEncloserMatch, Example, records[1]),
                new DenialEvidence(DenialClause.NextCloserCover, N("c"), records[0]),
            ],
            result.Evidence.AsEnumerable());
    }

    [Fact]
    public void Rfc5155_B3_DsNoData_UnderOptOut_IsInsecure()
    {
        // RFC 5155 §8.6: a DS query for c.example with no matching NSEC3 needs the closest provable
        // encloser proof with an opt-out cover, and then the delegation is insecure.
        DenialResult result = Nsec3Proofs.ProveNoData(N("c"), RrType.DS, Example, Nsec3("35mt", "0p9m"));

        Assert.Equal(DenialStatus.Insecure, result.Status);
        Assert.Equal(DenialProofKind.OptOutInsecure, result.Kind);
    }

    [Fact]
    public void Rfc5155_B3_WithoutOptOut_TheDelegationIsProvenAbsent_NotInsecure()
    {
        DenialResult result = Nsec3Proofs.ProveInsecureDelegation(N("c"), Example, WithoutOptOut(Nsec3("35mt", "0p9m")));

        Assert.Equal(DenialStatus.Bogus, result.Status);
        Assert.Equal(DenialClause.QNameMatch, result.MissingClause);
    }

    [Fact]
    public void Rfc5155_B4_WildcardExpansion()
    {
        // a.z.w.example MX from *.w.example (RRSIG labels 2): q04j covers the next closer z.w.example.
        List<ResourceRecord> records = Nsec3("q04j");
        DenialResult result = Nsec3Proofs.ProveWildcardAnswer(N("a.z.w"), 2, Example, records);

        Assert.Equal(DenialStatus.Insecure, result.Status);
        Assert.Equal(DenialProofKind.OptOutInsecure, result.Kind);
        Assert.Equal(N("w"), result.ClosestEncloser);
        Assert.Equal([new DenialEvidence(DenialClause.NextCloserCover, N("z.w"), records[0])], result.Evidence.AsEnumerable());
        Assert.Equal(1, result.HashComputations);
    }

    [Fact]
    public void Rfc5155_B4_WildcardExpansion_WithoutOptOut_IsSecure()
    {
        DenialResult result = Nsec3Proofs.ProveWildcardAnswer(N("a.z.w"), 2, Example, WithoutOptOut(Nsec3("q04j")));

        Assert.Equal(DenialStatus.Secure, result.Status);
        Assert.Equal(DenialProofKind.Wildcard, result.Kind);
        Assert.Equal(N("z.w"), result.NextCloser);
    }

    [Fact]
    public void Rfc5155_B5_WildcardNoData()
    {
        // a.z.w.example AAAA: k8ud matches the closest encloser w.example, q04j covers the next
        // closer z.w.example, r53b matches *.w.example, which has MX and RRSIG only.
        List<ResourceRecord> records = Nsec3("k8ud", "q04j", "r53b");
        DenialResult result = Nsec3Proofs.ProveNoData(N("a.z.w"), RrType.AAAA, Example, records);

        Assert.Equal(DenialStatus.Insecure, result.Status);
        Assert.Equal(DenialProofKind.OptOutInsecure, result.Kind);
        AssertB5Evidence(result, records);
    }

    [Fact]
    public void Rfc5155_B5_WildcardNoData_WithoutOptOut_IsSecure()
    {
        List<ResourceRecord> records = WithoutOptOut(Nsec3("k8ud", "q04j", "r53b"));
        DenialResult result = Nsec3Proofs.ProveNoData(N("a.z.w"), RrType.AAAA, Example, records);

        Assert.Equal(DenialStatus.Secure, result.Status);
        Assert.Equal(DenialProofKind.WildcardNoData, result.Kind);
        AssertB5Evidence(result, records);
        // a.z.w, z.w, w and *.w: each hashed once although a.z.w is looked up twice.
        Assert.Equal(4, result.HashComputations);
    }

    [Fact]
    public void Rfc5155_B5_WildcardNoData_ForTheWildcardsOwnType_IsBogus()
    {
        DenialResult result = Nsec3Proofs.ProveNoData(N("a.z.w"), RrType.MX, Example, WithoutOptOut(Nsec3("k8ud", "q04j", "r53b")));

        Assert.Equal(DenialStatus.Bogus, result.Status);
        Assert.Equal(DenialFailure.TypeExists, result.Failure);
        Assert.Equal(DenialClause.WildcardMatch, result.MissingClause);
    }

    [Fact]
    public void Rfc5155_WholeChain_ProvesEveryAppendixBCase()
    {
        // A validator may be handed more records than needed; the whole chain proves the same.
        List<ResourceRecord> all = WithoutOptOut(Rfc5155Nsec3);
        Assert.Equal(DenialProofKind.NxDomain, Nsec3Proofs.ProveNxDomain(N("a.c.x.w"), Example, all).Kind);
        Assert.Equal(DenialProofKind.NoData, Nsec3Proofs.ProveNoData(N("ns1"), RrType.MX, Example, all).Kind);
        Assert.Equal(DenialProofKind.EmptyNonTerminal, Nsec3Proofs.ProveNoData(N("y.w"), RrType.A, Example, all).Kind);
        Assert.Equal(DenialProofKind.Wildcard, Nsec3Proofs.ProveWildcardAnswer(N("a.z.w"), 2, Example, all).Kind);
        Assert.Equal(DenialProofKind.WildcardNoData, Nsec3Proofs.ProveNoData(N("a.z.w"), RrType.AAAA, Example, all).Kind);
    }

    private static void AssertB1Evidence(DenialResult result, List<ResourceRecord> records)
    {
        Assert.Equal(N("x.w"), result.ClosestEncloser);
        Assert.Equal(N("c.x.w"), result.NextCloser);
        Assert.Equal(
            [
                new DenialEvidence(DenialClause.ClosestEncloserMatch, N("x.w"), records[1]),
                new DenialEvidence(DenialClause.NextCloserCover, N("c.x.w"), records[0]),
                new DenialEvidence(DenialClause.WildcardCover, N("*.x.w"), records[2]),
            ],
            result.Evidence.AsEnumerable());
        // a.c.x.w, c.x.w, x.w and *.x.w.
        Assert.Equal(4, result.HashComputations);
    }

    private static void AssertB5Evidence(DenialResult result, List<ResourceRecord> records)
    {
        Assert.Equal(N("w"), result.ClosestEncloser);
        Assert.Equal(N("z.w"), result.NextCloser);
        Assert.Equal(
            [
                new DenialEvidence(DenialClause.ClosestEncloserMatch, N("w"), records[0]),
                new DenialEvidence(DenialClause.NextCloserCover, N("z.w"), records[1]),
                new DenialEvidence(DenialClause.WildcardMatch, N("*.w"), records[2]),
            ],
            result.Evidence.AsEnumerable());
    }
}

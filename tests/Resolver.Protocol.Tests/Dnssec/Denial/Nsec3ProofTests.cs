// Nsec3ProofTests: the NSEC3 pitfalls of PITFALLS.md "Denial of existence" and RFC 5155 §8, one
// named test each, over the RFC 5155 Appendix A chain: upper-case owner labels, records to ignore
// (hash algorithm, flags, owner shape), the iteration limits, the hash budget and cache, opt-out
// (NXDOMAIN, DS NODATA, empty non-terminals of unsigned delegations), closest-encloser proofs
// needing both the match and the cover, and parent-side or DNAME records as enclosers.
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;
using static Resolver.Protocol.Tests.Dnssec.Denial.DenialVectors;

namespace Resolver.Protocol.Tests.Dnssec.Denial;

public sealed class Nsec3ProofTests
{
    [Fact]
    public void UpperCaseOwnerLabels_MatchCaseInsensitively()
    {
        // hickory-dns #2714: an upper-case base32hex owner must still match, or Insecure turns Bogus.
        List<ResourceRecord> upper = UpperCaseOwners(WithoutOptOut(Rfc5155Nsec3));

        Assert.Equal(DenialProofKind.NoData, Nsec3Proofs.ProveNoData(N("ns1"), RrType.MX, Example, upper).Kind);
        Assert.Equal(DenialProofKind.NxDomain, Nsec3Proofs.ProveNxDomain(N("a.c.x.w"), Example, upper).Kind);
        Assert.Equal(DenialStatus.Insecure, Nsec3Proofs.ProveInsecureDelegation(N("c"), Example, UpperCaseOwners(Nsec3("35mt", "0p9m"))).Status);
        Assert.Equal(0, Nsec3Proofs.ProveNoData(N("ns1"), RrType.MX, Example, upper).IgnoredRecords);
    }

    [Fact]
    public void UnknownHashAlgorithm_RecordIsIgnored()
    {
        var records = Nsec3("2t7b").Select(r => WithData(r, d => new Nsec3Data(2, d.Flags, d.Iterations, d.Salt, d.NextHashedOwnerName, d.TypeBitmap))).ToList();
        DenialResult result = Nsec3Proofs.ProveNoData(N("ns1"), RrType.MX, Example, records);

        Assert.Equal(DenialStatus.Bogus, result.Status);
        Assert.Equal(DenialFailure.MissingProof, result.Failure);
        Assert.Equal(1, result.IgnoredRecords);
        Assert.Equal(0, result.HashComputations);
    }

    [Fact]
    public void UnknownFlags_RecordIsIgnored()
    {
        // RFC 5155 §8.2: flags other than 0 and 1 make the record unusable.
        var records = Nsec3("2t7b").Select(r => WithData(r, d => new Nsec3Data(d.HashAlgorithm, 0x02, d.Iterations, d.Salt, d.NextHashedOwnerName, d.TypeBitmap))).ToList();
        DenialResult result = Nsec3Proofs.ProveNoData(N("ns1"), RrType.MX, Example, records);

        Assert.Equal(DenialFailure.MissingProof, result.Failure);
        Assert.Equal(1, result.IgnoredRecords);
    }

    [Theory]
    [InlineData("2t7b4g4vsa5smi47k61mv5bv1a22bojr.sub.example.")] // two labels under the zone
    [InlineData("2t7b4g4vsa5smi47k61mv5bv1a22bojr.example.com.")] // another zone
    [InlineData("2t7b4g4vsa5smi47k61mv5bv1a22boj.example.")]      // 31 characters
    [InlineData("2t7b4g4vsa5smi47k61mv5bv1a22bojz.example.")]      // 'z' is not base32hex
    [InlineData("2t7b4g4vsa5smi47k61mv5bv1a22bo-r.example.")]      // '-' is not base32hex
    public void OwnerNotOneHashLabelUnderTheZone_RecordIsIgnored(string owner)
    {
        var records = Nsec3("2t7b").Select(r => r with { Name = DnsName.Parse(owner) }).ToList();
        DenialResult result = Nsec3Proofs.ProveNoData(N("ns1"), RrType.MX, Example, records);

        Assert.Equal(DenialFailure.MissingProof, result.Failure);
        Assert.Equal(1, result.IgnoredRecords);
    }

    [Fact]
    public void IterationsAboveTheInsecureLimit_AreInsecure_WithoutHashing()
    {
        // RFC 9276 §3.2. The example zone uses 12 iterations.
        var options = new Nsec3ProofOptions { InsecureIterationLimit = 11 };
        DenialResult result = Nsec3Proofs.ProveNoData(N("ns1"), RrType.MX, Example, Nsec3("2t7b"), options);

        Assert.Equal(DenialStatus.Insecure, result.Status);
        Assert.Equal(DenialProofKind.None, result.Kind);
        Assert.Equal(DenialFailure.IterationsAboveInsecureLimit, result.Failure);
        Assert.Equal(0, result.HashComputations);

        // At the limit the proof runs.
        Assert.True(Nsec3Proofs.ProveNoData(N("ns1"), RrType.MX, Example, Nsec3("2t7b"), options with { InsecureIterationLimit = 12 }).IsSecure);
    }

    [Fact]
    public void IterationsAboveTheBogusLimit_AreBogus()
    {
        var options = new Nsec3ProofOptions { InsecureIterationLimit = 5, BogusIterationLimit = 11 };
        DenialResult result = Nsec3Proofs.ProveNxDomain(N("a.c.x.w"), Example, Nsec3("0p9m", "b4um", "35mt"), options);

        Assert.Equal(DenialStatus.Bogus, result.Status);
        Assert.Equal(DenialFailure.IterationsAboveBogusLimit, result.Failure);
        Assert.Equal(0, result.HashComputations);
    }

    [Fact]
    public void NeverBogus_MakesEveryCountAboveTheInsecureLimitInsecure_WithoutHashing()
    {
        // Unbound, Knot Resolver, BIND and PowerDNS downgrade any count above their limit to Insecure
        // (RFC 9276 §3.2); NeverBogus is that policy. Deckard val_iter_high uses 65,535 iterations.
        var options = new Nsec3ProofOptions { BogusIterationLimit = Nsec3ProofOptions.NeverBogus };
        DenialResult result = Nsec3Proofs.ProveNoData(N("ns1"), RrType.MX, Example, WithIterations(Nsec3("2t7b"), ushort.MaxValue), options);

        Assert.Equal(DenialStatus.Insecure, result.Status);
        Assert.Equal(DenialFailure.IterationsAboveInsecureLimit, result.Failure);
        Assert.Equal(0, result.HashComputations);
    }

    [Fact]
    public void DefaultIterationLimits_Are100And500()
    {
        Assert.Equal(100, Nsec3ProofOptions.Default.InsecureIterationLimit);
        Assert.Equal(500, Nsec3ProofOptions.Default.BogusIterationLimit);
        Assert.Equal(DenialStatus.Insecure, Nsec3Proofs.ProveNoData(N("ns1"), RrType.MX, Example, WithIterations(Nsec3("2t7b"), 101)).Status);
        Assert.Equal(DenialStatus.Bogus, Nsec3Proofs.ProveNoData(N("ns1"), RrType.MX, Example, WithIterations(Nsec3("2t7b"), 501)).Status);
        Assert.Equal(DenialStatus.Bogus, Nsec3Proofs.ProveNoData(N("ns1"), RrType.MX, Example, WithIterations(Nsec3("2t7b"), ushort.MaxValue)).Status);
    }

    [Fact]
    public void Options_RejectValuesOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Nsec3ProofOptions { InsecureIterationLimit = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Nsec3ProofOptions { BogusIterationLimit = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Nsec3ProofOptions { BogusIterationLimit = ushort.MaxValue + 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Nsec3ProofOptions { MaxHashComputations = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Nsec3ProofOptions { MaxHashComputations = 1025 });
    }

    [Fact]
    public void MixedParameterSets_AreNotPiecedTogether()
    {
        // RFC 5155 §8.2-8.3: hashes compare only within one parameter set. B.1's encloser match
        // (x.w, b4um) and next closer cover (c.x.w, 0p9m) beside a wildcard cover made with
        // another salt: each record is right for its own parameters, but no one chain proves the
        // NXDOMAIN.
        List<ResourceRecord> sameChain = WithoutOptOut(Nsec3("b4um", "0p9m"));
        byte[] salt = [1, 2];
        // A one-record chain (next = owner) covers every hash but its own, *.x.w's included.
        byte[] onlyHash = Protocol.Dnssec.Nsec3Hash.Compute(N("zzz"), salt, 0);
        var otherSalt = new ResourceRecord(Protocol.Dnssec.Nsec3Hash.ComputeOwnerName(N("zzz"), Example, salt, 0), 300,
            new Nsec3Data(1, 0, 0, salt, onlyHash, TypeBitmap.FromTypes([RrType.A, RrType.RRSIG])));
        Assert.True(Nsec3Proofs.ProveNxDomain(N("a.c.x.w"), Example, [.. sameChain, .. WithoutOptOut(Nsec3("35mt"))]).IsSecure);

        DenialResult mixed = Nsec3Proofs.ProveNxDomain(N("a.c.x.w"), Example, [.. sameChain, otherSalt]);

        Assert.Equal(DenialStatus.Bogus, mixed.Status);
        Assert.Equal(DenialClause.WildcardCover, mixed.MissingClause);;
    }

    [Fact]
    public void HashBudget_CapsTheComputationsOfOneProof()
    {
        // CVE-2023-50868: B.1 needs four hashes (a.c.x.w, c.x.w, x.w, *.x.w).
        List<ResourceRecord> records = WithoutOptOut(Nsec3("0p9m", "b4um", "35mt"));
        DenialResult capped = Nsec3Proofs.ProveNxDomain(N("a.c.x.w"), Example, records, new Nsec3ProofOptions { MaxHashComputations = 3 });

        Assert.Equal(DenialStatus.Bogus, capped.Status);
        Assert.Equal(DenialFailure.HashBudgetExhausted, capped.Failure);
        Assert.Equal(3, capped.HashComputations);

        Assert.True(Nsec3Proofs.ProveNxDomain(N("a.c.x.w"), Example, records, new Nsec3ProofOptions { MaxHashComputations = 4 }).IsSecure);
    }

    [Fact]
    public void HashBudget_StopsALongAttackerChosenName()
    {
        // Every label of the name costs a hash on the way up to the encloser.
        string longName = string.Join('.', Enumerable.Repeat("a", 100)) + ".x.w";
        DenialResult result = Nsec3Proofs.ProveNxDomain(N(longName), Example, WithoutOptOut(Rfc5155Nsec3));

        Assert.Equal(DenialFailure.HashBudgetExhausted, result.Failure);
        Assert.Equal(Nsec3ProofOptions.DefaultMaxHashComputations, result.HashComputations);
    }

    [Fact]
    public void Hashes_AreCachedWithinOneProof()
    {
        // NODATA for z.w.example: z.w is looked up as the query name and again on the walk up to
        // the encloser; with w and *.w that is three distinct names, three hashes.
        DenialResult result = Nsec3Proofs.ProveNoData(N("z.w"), RrType.AAAA, Example, WithoutOptOut(Rfc5155Nsec3));

        Assert.True(result.IsSecure, result.ToString());
        Assert.Equal(DenialProofKind.WildcardNoData, result.Kind);
        Assert.Equal(3, result.HashComputations);
    }

    [Fact]
    public void TwoParameterSets_AreEachHashedWithTheirOwnParameters()
    {
        // During an NSEC3 parameter change a response may carry records of both chains.
        byte[] salt = [1, 2, 3];
        DnsName ns1 = N("ns1");
        DnsName owner = Protocol.Dnssec.Nsec3Hash.ComputeOwnerName(ns1, Example, salt, 0);
        byte[] next = Protocol.Dnssec.Nsec3Hash.Compute(N("zzz"), salt, 0);
        var other = new ResourceRecord(owner, 300, new Nsec3Data(1, 0, 0, salt, next, TypeBitmap.FromTypes([RrType.A, RrType.RRSIG])));

        DenialResult result = Nsec3Proofs.ProveNoData(ns1, RrType.MX, Example, [.. Nsec3("q04j"), other]);

        Assert.True(result.IsSecure, result.ToString());
        Assert.Equal(other, result.Evidence[0].Record);
        // One proof per parameter set: ns1 and the apex with q04j's parameters (no proof), then
        // ns1 with the other's (a match).
        Assert.Equal(3, result.HashComputations);
    }

    [Fact]
    public void ClosestEncloserProof_NeedsTheEnclosersMatch()
    {
        // Without x.w.example's record nothing matches until the apex, and w.example, the next
        // closer name below the apex, is not covered by 0p9m or 35mt.
        DenialResult withoutEncloser = Nsec3Proofs.ProveNxDomain(N("a.c.x.w"), Example, WithoutOptOut(Nsec3("0p9m", "35mt")));
        Assert.Equal(DenialStatus.Bogus, withoutEncloser.Status);
        Assert.Equal(DenialClause.NextCloserCover, withoutEncloser.MissingClause);
        Assert.Equal(Example, withoutEncloser.ClosestEncloser);
        Assert.Equal(N("w"), withoutEncloser.NextCloser);

        // Without any match, not even the apex's, there is no encloser at all.
        DenialResult none = Nsec3Proofs.ProveNxDomain(N("a.c.x.w"), Example, WithoutOptOut(Nsec3("35mt", "q04j")));
        Assert.Equal(DenialFailure.MissingProof, none.Failure);
        Assert.Equal(DenialClause.ClosestEncloserMatch, none.MissingClause);
    }

    [Fact]
    public void ClosestEncloserProof_NeedsTheNextCloserCover()
    {
        DenialResult result = Nsec3Proofs.ProveNxDomain(N("a.c.x.w"), Example, WithoutOptOut(Nsec3("b4um", "35mt")));

        Assert.Equal(DenialFailure.MissingProof, result.Failure);
        Assert.Equal(DenialClause.NextCloserCover, result.MissingClause);
        Assert.Equal(N("x.w"), result.ClosestEncloser);
        Assert.Equal(N("c.x.w"), result.NextCloser);
    }

    [Fact]
    public void NxDomain_NeedsTheWildcardCover()
    {
        DenialResult result = Nsec3Proofs.ProveNxDomain(N("a.c.x.w"), Example, WithoutOptOut(Nsec3("0p9m", "b4um")));

        Assert.Equal(DenialFailure.MissingProof, result.Failure);
        Assert.Equal(DenialClause.WildcardCover, result.MissingClause);
    }

    [Fact]
    public void NxDomain_WhereTheWildcardExists_IsBogus()
    {
        DenialResult result = Nsec3Proofs.ProveNxDomain(N("a.z.w"), Example, WithoutOptOut(Nsec3("k8ud", "q04j", "r53b")));

        Assert.Equal(DenialFailure.WildcardExists, result.Failure);
        Assert.Equal(Nsec3("r53b")[0].Name, result.Conflict!.Name);
    }

    [Fact]
    public void NxDomain_ForAnExistingName_IsBogus()
    {
        DenialResult result = Nsec3Proofs.ProveNxDomain(N("ns1"), Example, Rfc5155Nsec3);

        Assert.Equal(DenialFailure.NameExists, result.Failure);
        Assert.Equal(Nsec3("2t7b")[0], result.Conflict);
        // Nor for an empty non-terminal, which has its own NSEC3.
        Assert.Equal(DenialFailure.NameExists, Nsec3Proofs.ProveNxDomain(N("y.w"), Example, Rfc5155Nsec3).Failure);
    }

    [Fact]
    public void OptOut_NxDomainIsNeverSecure()
    {
        // RFC 5155 §9.2: in an opt-out span an unsigned delegation could exist without an NSEC3.
        DenialResult result = Nsec3Proofs.ProveNxDomain(N("zz.c"), Example, Rfc5155Nsec3);

        Assert.Equal(DenialStatus.Insecure, result.Status);
        Assert.Equal(DenialProofKind.OptOutInsecure, result.Kind);
        Assert.Equal(DenialFailure.OptOut, result.Failure);
    }

    [Fact]
    public void OptOut_NxDomainWithoutTheWildcardCover_IsBogus()
    {
        // RFC 5155 §8.4, §9.2: opt-out weakens only the next-closer clause. B.1's NXDOMAIN for
        // a.c.x.w.example without 35mt (the cover of *.x.w.example) proves nothing about the
        // wildcard, so the name could have been synthesized from it: Bogus, not Insecure (lab
        // nx1.nowild.deny; Unbound, Knot Resolver and BIND agree).
        DenialResult result = Nsec3Proofs.ProveNxDomain(N("a.c.x.w"), Example, Nsec3("0p9m", "b4um"));

        Assert.Equal(DenialStatus.Bogus, result.Status);
        Assert.Equal(DenialFailure.MissingProof, result.Failure);
        Assert.Equal(DenialClause.WildcardCover, result.MissingClause);
        Assert.Equal(N("x.w"), result.ClosestEncloser);

        // With the cover the same opt-out proof is Insecure.
        Assert.Equal(DenialProofKind.OptOutInsecure, Nsec3Proofs.ProveNxDomain(N("a.c.x.w"), Example, Nsec3("0p9m", "b4um", "35mt")).Kind);
    }

    [Fact]
    public void OptOut_DsNxDomainWithoutTheWildcardCover_IsBogus()
    {
        // B.3's DS NODATA proof for c.example (apex match 0p9m, opt-out cover 35mt of c.example)
        // with its RCODE rewritten to NXDOMAIN: no record covers *.example, so the NXDOMAIN is
        // unproven — the forged RCODE must not come out as a clean Insecure NXDOMAIN.
        DenialResult result = Nsec3Proofs.ProveNxDomain(N("c"), Example, Nsec3("0p9m", "35mt"));

        Assert.Equal(DenialStatus.Bogus, result.Status);
        Assert.Equal(DenialClause.WildcardCover, result.MissingClause);
    }

    [Fact]
    public void OptOut_EmptyNonTerminalOfAnUnsignedDelegation_IsInsecure()
    {
        // RFC 5155 erratum 3441: an empty non-terminal that only unsigned delegations create has no
        // NSEC3 under opt-out; NODATA there is shown with the closest provable encloser and an
        // opt-out cover. Here e.example would be above an unsigned delegation x.e.example.
        DenialResult result = Nsec3Proofs.ProveNoData(N("e"), RrType.A, Example, Rfc5155Nsec3);

        Assert.Equal(DenialStatus.Insecure, result.Status);
        Assert.Equal(DenialProofKind.OptOutInsecure, result.Kind);
        Assert.Equal(Example, result.ClosestEncloser);
    }

    [Fact]
    public void WithoutOptOut_NoDataWithoutAMatch_IsBogus()
    {
        DenialResult result = Nsec3Proofs.ProveNoData(N("e"), RrType.A, Example, WithoutOptOut(Rfc5155Nsec3));

        Assert.Equal(DenialStatus.Bogus, result.Status);
        Assert.Equal(DenialClause.QNameMatch, result.MissingClause);
    }

    [Fact]
    public void SignedDelegation_IsNeverInsecure()
    {
        // a.example has an NSEC3 listing NS and DS: neither a referral proof nor DS NODATA.
        Assert.Equal(DenialFailure.TypeExists, Nsec3Proofs.ProveInsecureDelegation(N("a"), Example, Rfc5155Nsec3).Failure);
        Assert.Equal(DenialFailure.TypeExists, Nsec3Proofs.ProveNoData(N("a"), RrType.DS, Example, Rfc5155Nsec3).Failure);
    }

    [Fact]
    public void InsecureDelegation_WithAMatchingNsec3_IsSecure()
    {
        // Without opt-out an unsigned delegation has its own NSEC3: NS, no DS, no SOA.
        var records = Nsec3("35mt").Select(r => WithData(r, d => new Nsec3Data(1, 0, d.Iterations, d.Salt, d.NextHashedOwnerName, TypeBitmap.FromTypes([RrType.NS])))).ToList();

        DenialResult referral = Nsec3Proofs.ProveInsecureDelegation(N("a"), Example, records);
        Assert.Equal(DenialStatus.Secure, referral.Status);
        Assert.Equal(DenialProofKind.InsecureDelegation, referral.Kind);

        DenialResult ds = Nsec3Proofs.ProveNoData(N("a"), RrType.DS, Example, records);
        Assert.Equal(DenialProofKind.InsecureDelegation, ds.Kind);

        // The parent's record says nothing about the child's other types.
        Assert.Equal(DenialFailure.DelegationRecord, Nsec3Proofs.ProveNoData(N("a"), RrType.A, Example, records).Failure);
    }

    [Fact]
    public void InsecureDelegation_NeedsTheNsBit()
    {
        Assert.Equal(DenialFailure.NotADelegation, Nsec3Proofs.ProveInsecureDelegation(N("ns1"), Example, Rfc5155Nsec3).Failure);
    }

    [Fact]
    public void DsNoData_FromTheChildApexNsec3_IsBogus()
    {
        Assert.Equal(DenialFailure.ChildApexRecord, Nsec3Proofs.ProveNoData(Example, RrType.DS, Example, Rfc5155Nsec3).Failure);
    }

    [Fact]
    public void ParentSideNsec3_IsNoClosestEncloser()
    {
        // RFC 6840 §4.1, RFC 5155 §8.3: a.example (NS, DS, no SOA) cannot deny names under the cut.
        DenialResult result = Nsec3Proofs.ProveNxDomain(N("mc.a"), Example, WithoutOptOut(Rfc5155Nsec3));

        Assert.Equal(DenialStatus.Bogus, result.Status);
        Assert.Equal(DenialFailure.DelegationRecord, result.Failure);
        Assert.Equal(DenialClause.ClosestEncloserMatch, result.MissingClause);
        Assert.Equal(N("a"), result.ClosestEncloser);
    }

    [Fact]
    public void DnameNsec3_IsNoClosestEncloser()
    {
        // Turn x.w.example's record into a DNAME owner: B.1's proof must then fail.
        List<ResourceRecord> records = WithoutOptOut(Nsec3("0p9m", "b4um", "35mt"));
        records[1] = WithData(records[1], d => new Nsec3Data(1, 0, d.Iterations, d.Salt, d.NextHashedOwnerName, TypeBitmap.FromTypes([RrType.DNAME, RrType.RRSIG])));

        DenialResult result = Nsec3Proofs.ProveNxDomain(N("a.c.x.w"), Example, records);

        Assert.Equal(DenialFailure.DelegationRecord, result.Failure);
    }

    [Fact]
    public void NoData_WithTheCnameBitSet_IsBogus()
    {
        var records = Nsec3("2t7b").Select(r => WithData(r, d => new Nsec3Data(1, 1, d.Iterations, d.Salt, d.NextHashedOwnerName, TypeBitmap.FromTypes([RrType.CNAME, RrType.RRSIG])))).ToList();

        Assert.Equal(DenialFailure.CnameExists, Nsec3Proofs.ProveNoData(N("ns1"), RrType.MX, Example, records).Failure);
    }

    [Fact]
    public void WildcardAnswer_WhenTheNextCloserNameExists_IsBogus()
    {
        // a.x.w.example claimed from *.w.example, but x.w.example has an NSEC3.
        DenialResult result = Nsec3Proofs.ProveWildcardAnswer(N("a.x.w"), 2, Example, Rfc5155Nsec3);

        Assert.Equal(DenialFailure.NameExists, result.Failure);
        Assert.Equal(Nsec3("b4um")[0], result.Conflict);
    }

    [Fact]
    public void WildcardAnswer_WithImpossibleLabels_IsRejected()
    {
        Assert.Equal(DenialFailure.InvalidWildcardLabels, Nsec3Proofs.ProveWildcardAnswer(N("a.z.w"), 4, Example, Rfc5155Nsec3).Failure);
        Assert.Equal(DenialFailure.InvalidWildcardLabels, Nsec3Proofs.ProveWildcardAnswer(N("a.z.w"), 0, Example, Rfc5155Nsec3).Failure);
    }

    [Fact]
    public void SingleRecordChain_CoversEveryOtherHash()
    {
        // A zone with only its apex: the one NSEC3 points at itself.
        DnsName apexOwner = Protocol.Dnssec.Nsec3Hash.ComputeOwnerName(Example, Example, [], 0);
        byte[] apexHash = Protocol.Dnssec.Nsec3Hash.Compute(Example, [], 0);
        var only = new ResourceRecord(apexOwner, 300, new Nsec3Data(1, 0, 0, [], apexHash, TypeBitmap.FromTypes([RrType.SOA, RrType.NS, RrType.RRSIG])));

        DenialResult result = Nsec3Proofs.ProveNxDomain(N("www"), Example, [only]);

        Assert.True(result.IsSecure, result.ToString());
        Assert.Equal(Example, result.ClosestEncloser);
    }

    [Fact]
    public void RootZone_OwnersAreOneLabelUnderTheRoot()
    {
        DnsName root = DnsName.Root;
        DnsName owner = Protocol.Dnssec.Nsec3Hash.ComputeOwnerName(root, root, [], 0);
        byte[] hash = Protocol.Dnssec.Nsec3Hash.Compute(root, [], 0);
        var only = new ResourceRecord(owner, 300, new Nsec3Data(1, 0, 0, [], hash, TypeBitmap.FromTypes([RrType.SOA, RrType.NS, RrType.RRSIG, RrType.DNSKEY])));

        Assert.True(Nsec3Proofs.ProveNxDomain(DnsName.Parse("invalid."), root, [only]).IsSecure);
        Assert.True(Nsec3Proofs.ProveNoData(root, RrType.DS, root, [only]).IsSecure);
    }

    [Fact]
    public void NameOutsideTheZone_IsRejected()
    {
        Assert.Equal(DenialFailure.NameNotInZone, Nsec3Proofs.ProveNxDomain(DnsName.Parse("a.example.com."), Example, Rfc5155Nsec3).Failure);
    }

    private static List<ResourceRecord> WithIterations(IEnumerable<ResourceRecord> records, ushort iterations) =>
        [.. records.Select(r => WithData(r, d => new Nsec3Data(d.HashAlgorithm, d.Flags, iterations, d.Salt, d.NextHashedOwnerName, d.TypeBitmap)))];
}

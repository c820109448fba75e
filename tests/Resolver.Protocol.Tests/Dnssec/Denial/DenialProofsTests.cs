// DenialProofsTests: the single entry point — it picks the NSEC or NSEC3 proof from the records
// present, passes the response kind, type, RRSIG labels and options through, prefers the stronger
// result when both kinds are present, and is Bogus with a missing clause when there are none. Also
// the opt-out regression the properties found, on a zone built with the test signer.
using System.Net;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using static Resolver.Protocol.Tests.Dnssec.Denial.DenialVectors;

namespace Resolver.Protocol.Tests.Dnssec.Denial;

public sealed class DenialProofsTests
{
    [Fact]
    public void Nsec_EveryResponseKind()
    {
        IReadOnlyList<ResourceRecord> all = Rfc4035Nsec;
        Assert.Equal(DenialProofKind.NxDomain, DenialProofs.Prove(DenialResponseKind.NxDomain, N("ml"), RrType.A, Example, all).Kind);
        Assert.Equal(DenialProofKind.NoData, DenialProofs.Prove(DenialResponseKind.NoData, N("ns1"), RrType.MX, Example, all).Kind);
        Assert.Equal(DenialProofKind.Wildcard, DenialProofs.Prove(DenialResponseKind.WildcardAnswer, N("a.z.w"), RrType.MX, Example, all, rrsigLabels: 2).Kind);
        Assert.Equal(DenialProofKind.InsecureDelegation, DenialProofs.Prove(DenialResponseKind.Referral, N("b"), RrType.DS, Example, all).Kind);
    }

    [Fact]
    public void Nsec3_EveryResponseKind_WithOptions()
    {
        List<ResourceRecord> all = WithoutOptOut(Rfc5155Nsec3);
        Assert.Equal(DenialProofKind.NxDomain, DenialProofs.Prove(DenialResponseKind.NxDomain, N("a.c.x.w"), RrType.A, Example, all).Kind);
        Assert.Equal(DenialProofKind.WildcardNoData, DenialProofs.Prove(DenialResponseKind.NoData, N("a.z.w"), RrType.AAAA, Example, all).Kind);
        Assert.Equal(DenialProofKind.Wildcard, DenialProofs.Prove(DenialResponseKind.WildcardAnswer, N("a.z.w"), RrType.MX, Example, all, rrsigLabels: 2).Kind);
        Assert.Equal(DenialProofKind.OptOutInsecure, DenialProofs.Prove(DenialResponseKind.Referral, N("c"), RrType.DS, Example, Nsec3("35mt", "0p9m")).Kind);

        var strict = new Nsec3ProofOptions { InsecureIterationLimit = 0 };
        Assert.Equal(DenialFailure.IterationsAboveInsecureLimit, DenialProofs.Prove(DenialResponseKind.NxDomain, N("a.c.x.w"), RrType.A, Example, all, options: strict).Failure);
    }

    [Fact]
    public void NoDenialRecords_IsBogusWithAMissingClause()
    {
        var other = new List<ResourceRecord> { new(N("ml"), 300, new AData(IPAddress.Parse("192.0.2.1"))) };
        DenialResult result = DenialProofs.Prove(DenialResponseKind.NxDomain, N("ml"), RrType.A, Example, other);

        Assert.Equal(DenialStatus.Bogus, result.Status);
        Assert.Equal(DenialFailure.MissingProof, result.Failure);
        Assert.Equal(DenialClause.QNameCover, result.MissingClause);
    }

    [Fact]
    public void BothKinds_TheStrongerResultWins()
    {
        // A useless NSEC next to a good NSEC3 set: the NSEC3 proof decides.
        List<ResourceRecord> mixed = [.. Nsec("@"), .. WithoutOptOut(Nsec3("0p9m", "b4um", "35mt"))];
        DenialResult result = DenialProofs.Prove(DenialResponseKind.NxDomain, N("a.c.x.w"), RrType.A, Example, mixed);

        Assert.True(result.IsSecure);
        Assert.Equal(3, result.Evidence.Length);

        // A good NSEC proof is used as is.
        List<ResourceRecord> nsecFirst = [.. Nsec("b", "@"), .. Nsec3("2t7b")];
        Assert.Equal(0, DenialProofs.Prove(DenialResponseKind.NxDomain, N("ml"), RrType.A, Example, nsecFirst).HashComputations);
    }

    [Fact]
    public void UnknownResponseKind_IsAnArgumentError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            DenialProofs.Prove((DenialResponseKind)42, N("ml"), RrType.A, Example, Rfc4035Nsec));
    }

    [Fact]
    public void OptOut_NxDomainBelowAnEmptyNonTerminalOfUnsignedDelegations_IsInsecure_EvenWithAWildcardAtTheProvableEncloser()
    {
        // Found by DenialProperties: example. has *.example TXT and an unsigned delegation
        // d.b.example under opt-out, so b.example is an empty non-terminal without an NSEC3. For
        // 0.b.example (really NXDOMAIN: *.b.example does not exist) the provable encloser is the
        // apex, whose wildcard exists; that must not make the answer Bogus.
        DnsName apex = Example;
        List<ResourceRecord> unsigned =
        [
            new(apex, 3600, new SoaData(N("ns1"), N("hostmaster"), 1, 7200, 3600, 1_209_600, 300)),
            new(apex, 3600, new NsData(N("ns1"))),
            new(N("ns1"), 3600, new AData(IPAddress.Parse("192.0.2.53"))),
            new(N("*"), 300, new TxtData(["wild"u8.ToArray()])),
            new(N("d.b"), 3600, new NsData(N("ns.d.b"))),
            new(N("ns.d.b"), 3600, new AData(IPAddress.Parse("198.51.100.1"))),
        ];
        SignedZone zone = ZoneSigner.Sign(unsigned, ZoneSigningOptions.For(apex, splitKeys: false) with
        {
            Denial = Resolver.Testing.Signing.DenialKind.Nsec3,
            Nsec3OptOut = true,
        });
        var nsec3s = zone.Records.Where(r => r.Type == RrType.NSEC3).ToList();

        DenialResult nx = DenialProofs.Prove(DenialResponseKind.NxDomain, N("0.b"), RrType.A, apex, nsec3s);
        Assert.Equal(DenialStatus.Insecure, nx.Status);
        Assert.Equal(DenialProofKind.OptOutInsecure, nx.Kind);
        Assert.Equal(apex, nx.ClosestEncloser);

        // NODATA for TXT at b.example itself, the empty non-terminal: *.example has TXT, still Insecure.
        DenialResult nodata = DenialProofs.Prove(DenialResponseKind.NoData, N("b"), RrType.TXT, apex, nsec3s);
        Assert.Equal(DenialStatus.Insecure, nodata.Status);

        // Without opt-out b.example has its own NSEC3 and both answers are Secure.
        SignedZone plain = zone.Resign(o => o with { Nsec3OptOut = false });
        var plainNsec3s = plain.Records.Where(r => r.Type == RrType.NSEC3).ToList();
        Assert.Equal(DenialProofKind.NxDomain, DenialProofs.Prove(DenialResponseKind.NxDomain, N("0.b"), RrType.A, apex, plainNsec3s).Kind);
        Assert.Equal(DenialProofKind.EmptyNonTerminal, DenialProofs.Prove(DenialResponseKind.NoData, N("b"), RrType.TXT, apex, plainNsec3s).Kind);
    }
}

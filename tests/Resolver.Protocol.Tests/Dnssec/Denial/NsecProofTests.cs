// NsecProofTests: the NSEC pitfalls of PITFALLS.md "Denial of existence" and RFC 6840 §4, one named
// test each, over the RFC 4035 Appendix A chain plus small hand-made chains: empty non-terminals,
// wildcard NODATA needing both records, parent-side and DNAME records not denying names below
// them, CNAME and type bits, the child apex's NSEC for DS, the wrap-around at the end of the chain,
// names in any case, and records outside the zone.
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Text;
using static Resolver.Protocol.Tests.Dnssec.Denial.DenialVectors;

namespace Resolver.Protocol.Tests.Dnssec.Denial;

public sealed class NsecProofTests
{
    [Fact]
    public void EmptyNonTerminal_TheNsecBeforeTheNameHasANextNameBelowIt()
    {
        // w.example has no records of its own; ns2.example's NSEC points at *.w.example, below it.
        List<ResourceRecord> records = Nsec("ns2");
        DenialResult result = NsecProofs.ProveNoData(N("w"), RrType.A, Example, records);

        Assert.Equal(DenialStatus.Secure, result.Status);
        Assert.Equal(DenialProofKind.EmptyNonTerminal, result.Kind);
        Assert.Equal([new DenialEvidence(DenialClause.EmptyNonTerminal, N("w"), records[0])], result.Evidence.AsEnumerable());

        // y.w.example likewise, from x.w.example's NSEC (next x.y.w.example).
        Assert.Equal(DenialProofKind.EmptyNonTerminal, NsecProofs.ProveNoData(N("y.w"), RrType.TXT, Example, Rfc4035Nsec).Kind);
    }

    [Fact]
    public void EmptyNonTerminal_IsNeverNxDomain()
    {
        // ns2.example < w.example < *.w.example: in canonical order the NSEC "covers" w.example,
        // but its next name is below it, so w.example exists.
        DenialResult result = NsecProofs.ProveNxDomain(N("w"), Example, Rfc4035Nsec);

        Assert.Equal(DenialStatus.Bogus, result.Status);
        Assert.Equal(DenialFailure.NameExists, result.Failure);
        Assert.Equal(Nsec("ns2")[0], result.Conflict);
    }

    [Fact]
    public void NxDomain_NeedsTheWildcardCovered()
    {
        DenialResult result = NsecProofs.ProveNxDomain(N("ml"), Example, Nsec("b"));

        Assert.Equal(DenialStatus.Bogus, result.Status);
        Assert.Equal(DenialFailure.MissingProof, result.Failure);
        Assert.Equal(DenialClause.WildcardCover, result.MissingClause);
        Assert.Equal(Example, result.ClosestEncloser);
    }

    [Fact]
    public void NxDomain_NeedsTheNameCovered()
    {
        DenialResult result = NsecProofs.ProveNxDomain(N("ml"), Example, Nsec("@"));

        Assert.Equal(DenialFailure.MissingProof, result.Failure);
        Assert.Equal(DenialClause.QNameCover, result.MissingClause);
    }

    [Fact]
    public void NxDomain_WhereAWildcardExists_IsBogus()
    {
        // a.z.w.example would be synthesized from *.w.example: it cannot be NXDOMAIN.
        DenialResult result = NsecProofs.ProveNxDomain(N("a.z.w"), Example, Nsec("x.y.w", "*.w"));

        Assert.Equal(DenialFailure.WildcardExists, result.Failure);
        Assert.Equal(DenialClause.WildcardCover, result.MissingClause);
        Assert.Equal(Nsec("*.w")[0], result.Conflict);
    }

    [Fact]
    public void NxDomain_ForAnExistingName_IsBogus()
    {
        DenialResult result = NsecProofs.ProveNxDomain(N("ns1"), Example, Rfc4035Nsec);

        Assert.Equal(DenialFailure.NameExists, result.Failure);
        Assert.Equal(Nsec("ns1")[0], result.Conflict);
    }

    [Fact]
    public void WildcardNoData_NeedsTheCoverOfTheName()
    {
        // hickory-dns #3143: the wildcard's NSEC alone says nothing about the query name.
        DenialResult result = NsecProofs.ProveNoData(N("a.z.w"), RrType.AAAA, Example, Nsec("*.w"));

        Assert.Equal(DenialStatus.Bogus, result.Status);
        Assert.Equal(DenialFailure.MissingProof, result.Failure);
        Assert.Equal(DenialClause.QNameMatch, result.MissingClause);
    }

    [Fact]
    public void WildcardNoData_NeedsTheWildcardsNsec()
    {
        DenialResult result = NsecProofs.ProveNoData(N("a.z.w"), RrType.AAAA, Example, Nsec("x.y.w"));

        Assert.Equal(DenialFailure.MissingProof, result.Failure);
        Assert.Equal(DenialClause.WildcardMatch, result.MissingClause);
        Assert.Equal(N("w"), result.ClosestEncloser);
    }

    [Fact]
    public void WildcardNoData_ForATypeTheWildcardHas_IsBogus()
    {
        DenialResult result = NsecProofs.ProveNoData(N("a.z.w"), RrType.MX, Example, Nsec("x.y.w", "*.w"));

        Assert.Equal(DenialFailure.TypeExists, result.Failure);
        Assert.Equal(DenialClause.WildcardMatch, result.MissingClause);
    }

    [Fact]
    public void NoData_ForATypeThatExists_IsBogus()
    {
        DenialResult result = NsecProofs.ProveNoData(N("ai"), RrType.AAAA, Example, Nsec("ai"));

        Assert.Equal(DenialStatus.Bogus, result.Status);
        Assert.Equal(DenialFailure.TypeExists, result.Failure);
        Assert.Equal(Nsec("ai")[0], result.Conflict);
    }

    [Fact]
    public void NoData_WithTheCnameBitSet_IsBogus()
    {
        // RFC 6840 §4.3: the name has a CNAME, so every type is answered with the alias.
        var records = Parse("alias NSEC b.example. CNAME RRSIG NSEC");
        DenialResult result = NsecProofs.ProveNoData(N("alias"), RrType.A, Example, records);

        Assert.Equal(DenialFailure.CnameExists, result.Failure);
        Assert.Equal(DenialClause.QNameMatch, result.MissingClause);
    }

    [Fact]
    public void ParentSideNsec_DoesNotDenyNamesBelowTheDelegation()
    {
        // RFC 6840 §4.1: b.example's NSEC (NS, no SOA) sorts before everything under b.example, but
        // those names are the child's; the parent cannot deny them.
        DenialResult unsigned = NsecProofs.ProveNxDomain(N("mc.b"), Example, Rfc4035Nsec);
        Assert.Equal(DenialStatus.Bogus, unsigned.Status);
        Assert.Equal(DenialClause.QNameCover, unsigned.MissingClause);

        DenialResult signed = NsecProofs.ProveNxDomain(N("mc.a"), Example, Rfc4035Nsec);
        Assert.Equal(DenialStatus.Bogus, signed.Status);

        Assert.Equal(DenialStatus.Bogus, NsecProofs.ProveNoData(N("mc.b"), RrType.A, Example, Rfc4035Nsec).Status);
    }

    [Fact]
    public void ParentSideNsec_ProvesNoDataOnlyForDs()
    {
        // Types other than DS at a delegation point belong to the child: a referral, not NODATA.
        DenialResult result = NsecProofs.ProveNoData(N("b"), RrType.A, Example, Nsec("b"));

        Assert.Equal(DenialFailure.DelegationRecord, result.Failure);
        Assert.Equal(DenialProofKind.InsecureDelegation, NsecProofs.ProveNoData(N("b"), RrType.DS, Example, Nsec("b")).Kind);
    }

    [Fact]
    public void DnameNsec_DoesNotDenyNamesBelowIt()
    {
        var records = Parse(
            """
            @    NSEC d.example. NS SOA RRSIG NSEC DNSKEY
            d    NSEC e.example. DNAME RRSIG NSEC
            """);

        DenialResult below = NsecProofs.ProveNxDomain(N("x.d"), Example, records);
        Assert.Equal(DenialStatus.Bogus, below.Status);
        Assert.Equal(DenialClause.QNameCover, below.MissingClause);

        // A name after d.example that is not below it is still covered (d < dd < e).
        Assert.True(NsecProofs.ProveNxDomain(N("dd"), Example, records).IsSecure);
    }

    [Fact]
    public void DsNoData_FromTheChildApexNsec_IsBogus()
    {
        // RFC 4035 §5.2: the apex NSEC (SOA set) is the child's; DS is proven absent only by the parent.
        DenialResult result = NsecProofs.ProveNoData(Example, RrType.DS, Example, Nsec("@"));

        Assert.Equal(DenialFailure.ChildApexRecord, result.Failure);
    }

    [Fact]
    public void DsNoData_AtTheRoot_UsesTheRootsOwnNsec()
    {
        var records = ZoneFileReader.Parse(". 86400 NSEC aaa. NS SOA RRSIG NSEC DNSKEY");
        DenialResult result = NsecProofs.ProveNoData(DnsName.Root, RrType.DS, DnsName.Root, records);

        Assert.True(result.IsSecure);
        Assert.Equal(DenialProofKind.NoData, result.Kind);
    }

    [Fact]
    public void InsecureDelegation_NeedsTheNsBit()
    {
        DenialResult result = NsecProofs.ProveInsecureDelegation(N("ai"), Example, Nsec("ai"));

        Assert.Equal(DenialFailure.NotADelegation, result.Failure);
    }

    [Fact]
    public void InsecureDelegation_WithTheSoaBit_IsTheChildsRecord()
    {
        var records = Parse("c NSEC d.example. NS SOA RRSIG NSEC DNSKEY");
        DenialResult result = NsecProofs.ProveInsecureDelegation(N("c"), Example, records);

        Assert.Equal(DenialFailure.ChildApexRecord, result.Failure);
    }

    [Fact]
    public void InsecureDelegation_WithoutTheDelegationsNsec_IsBogus()
    {
        // The covering NSEC proves there is no delegation at all, not an insecure one.
        DenialResult result = NsecProofs.ProveInsecureDelegation(N("ba"), Example, Rfc4035Nsec);

        Assert.Equal(DenialFailure.MissingProof, result.Failure);
        Assert.Equal(DenialClause.QNameMatch, result.MissingClause);
    }

    [Fact]
    public void InsecureDelegation_AtTheZoneApex_IsRejected()
    {
        Assert.Equal(DenialFailure.NameNotInZone, NsecProofs.ProveInsecureDelegation(Example, Example, Rfc4035Nsec).Failure);
    }

    [Fact]
    public void WildcardAnswer_WhenTheNextCloserNameExists_IsBogus()
    {
        // An answer for a.x.w.example claimed from *.w.example: but x.w.example exists.
        DenialResult result = NsecProofs.ProveWildcardAnswer(N("a.x.w"), 2, Example, Rfc4035Nsec);

        Assert.Equal(DenialFailure.NameExists, result.Failure);
        Assert.Equal(DenialClause.NextCloserCover, result.MissingClause);
        Assert.Equal(Nsec("x.w")[0], result.Conflict);
    }

    [Fact]
    public void WildcardAnswer_WhenTheNextCloserNameIsAnEmptyNonTerminal_IsBogus()
    {
        // a.y.w.example from *.w.example: y.w.example is an empty non-terminal, so it exists.
        DenialResult result = NsecProofs.ProveWildcardAnswer(N("a.y.w"), 2, Example, Rfc4035Nsec);

        Assert.Equal(DenialFailure.NameExists, result.Failure);
        Assert.Equal(Nsec("x.w")[0], result.Conflict);
    }

    [Theory]
    [InlineData("a.z.w", 4)] // as many labels as the owner: no expansion happened
    [InlineData("a.z.w", 5)] // more labels than the owner: invalid RRSIG
    [InlineData("a.z.w", 0)] // fewer labels than the zone: the wildcard would be outside it
    [InlineData("*.w", 2)]   // the wildcard owner itself: '*' is not counted
    public void WildcardAnswer_WithImpossibleLabels_IsRejected(string qname, int labels)
    {
        DenialResult result = NsecProofs.ProveWildcardAnswer(N(qname), labels, Example, Rfc4035Nsec);

        Assert.Equal(DenialStatus.Bogus, result.Status);
        Assert.Equal(DenialFailure.InvalidWildcardLabels, result.Failure);
    }

    [Fact]
    public void LastNsec_WrapsToTheApex()
    {
        // zz.example sorts after xx.example, the last owner, whose next name is the apex.
        DenialResult result = NsecProofs.ProveNxDomain(N("zz"), Example, Nsec("xx", "@"));
        Assert.True(result.IsSecure, result.ToString());

        // So does everything below xx.example, whose closest encloser is xx.example.
        DenialResult below = NsecProofs.ProveNxDomain(N("a.xx"), Example, Nsec("xx"));
        Assert.True(below.IsSecure, below.ToString());
        Assert.Equal(N("xx"), below.ClosestEncloser);
        Assert.Equal(N("*.xx"), below.Evidence[1].Name);
    }

    [Fact]
    public void ZoneWithOnlyAnApex_DeniesEveryOtherName()
    {
        var records = Parse("@ NSEC example. NS SOA RRSIG NSEC DNSKEY");

        Assert.True(NsecProofs.ProveNxDomain(N("a.b.c"), Example, records).IsSecure);
        Assert.Equal(DenialFailure.NameExists, NsecProofs.ProveNxDomain(Example, Example, records).Failure);
    }

    [Fact]
    public void NamesInAnyCase_CompareCaseInsensitively()
    {
        var upper = Rfc4035Nsec.Select(r => r with { Name = DnsName.Parse(r.Name.ToString().ToUpperInvariant()) }).ToList();

        Assert.True(NsecProofs.ProveNxDomain(DnsName.Parse("ML.Example."), Example, upper).IsSecure);
        Assert.True(NsecProofs.ProveNoData(DnsName.Parse("NS1.EXAMPLE."), RrType.MX, DnsName.Parse("EXAMPLE."), Rfc4035Nsec).IsSecure);
    }

    [Fact]
    public void NameOutsideTheZone_IsRejected()
    {
        DenialResult result = NsecProofs.ProveNxDomain(DnsName.Parse("ml.example.com."), Example, Rfc4035Nsec);

        Assert.Equal(DenialFailure.NameNotInZone, result.Failure);
    }

    [Fact]
    public void RecordsOutsideTheZone_AreIgnoredAndCounted()
    {
        var foreign = ZoneFileReader.Parse("a.example.com. 300 NSEC zz.example.com. A RRSIG NSEC");
        DenialResult result = NsecProofs.ProveNxDomain(N("ml"), Example, [.. Nsec("b", "@"), .. foreign]);

        Assert.True(result.IsSecure);
        Assert.Equal(1, result.IgnoredRecords);
    }

    [Fact]
    public void RecordsOfOtherTypes_AreSkipped()
    {
        var other = ZoneFileReader.Parse("ml.example. 300 A 192.0.2.1");
        DenialResult result = NsecProofs.ProveNxDomain(N("ml"), Example, [.. Nsec("b", "@"), .. other]);

        Assert.True(result.IsSecure);
        Assert.Equal(0, result.IgnoredRecords);
    }

    [Fact]
    public void ToString_NamesTheKindAndTheEvidence()
    {
        string text = NsecProofs.ProveNxDomain(N("ml"), Example, Nsec("b", "@")).ToString();

        Assert.Contains("Secure NxDomain", text, StringComparison.Ordinal);
        Assert.Contains("QNameCover ml.example. by b.example.", text, StringComparison.Ordinal);
        Assert.Contains("MissingProof: WildcardCover", NsecProofs.ProveNxDomain(N("ml"), Example, Nsec("b")).ToString(), StringComparison.Ordinal);
    }

    private static IReadOnlyList<ResourceRecord> Parse(string lines) =>
        ZoneFileReader.Parse("$ORIGIN example.\n$TTL 3600\n" + lines);
}

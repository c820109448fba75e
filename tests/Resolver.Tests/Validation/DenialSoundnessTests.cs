// DenialSoundnessTests: the response code comes from the proof, never from the header alone
// (issue 12 items 1 and 2). Genuine signed denial records of a parent zone — NSEC, NSEC3 and NSEC3
// opt-out — under a forged RCODE: an NXDOMAIN whose own records show that the queried name exists
// (an NSEC owned by it, an NSEC3 matching its hash) is Bogus, never an Insecure "unsigned cut"
// (RFC 4035 §5.4, RFC 5155 §8.4); an opt-out NXDOMAIN without the wildcard cover is Bogus
// (RFC 5155 §8.4, §9.2). The genuine answers stay Secure or Insecure.
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using Resolver.Validation;

namespace Resolver.Tests.Validation;

public sealed class DenialSoundnessTests
{
    private static readonly DateTimeOffset Now = ZoneSigningOptions.ValidAt;

    private static readonly Lazy<ZoneHierarchy> s_hierarchy = new(() =>
    {
        DnsName n3 = DnsName.Parse("n3.example.");
        DnsName oo = DnsName.Parse("oo.example.");
        const string Text = "www A 192.0.2.1\nunsig NS ns.elsewhere.\n";
        // Names h0…h11, each with an unsigned delegation below it: each is a closest encloser with a
        // wildcard of its own, and for some of them the wildcard's cover is a record that proves
        // no other clause (for the apex here the apex's own NSEC3 covers *.oo.example.).
        string optOutText = Text + string.Concat(Enumerable.Range(0, 12).Select(i => $"h{i} A 192.0.2.{i + 2}\nunsig.h{i} NS ns.elsewhere.\n"));
        return new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("example.", text: Text)
            .AddZone("n3.example.", ZoneSigningOptions.For(n3) with { Denial = DenialKind.Nsec3 }, text: Text)
            .AddZone("oo.example.", ZoneSigningOptions.For(oo) with { Denial = DenialKind.Nsec3, Nsec3OptOut = true }, text: optOutText)
            .Build();
    });

    [Theory]
    [InlineData("example.")]    // NSEC owned by the cut: NS, RRSIG, NSEC — no DS
    [InlineData("n3.example.")] // NSEC3 whose owner is the cut's hash: NS — no DS
    public async Task DsNxDomain_ForgedOverTheParentsRecordAtTheCut_IsBogus_Rfc4035Section5_4(string parent)
    {
        // The parent's genuine "NOERROR, no DS" for an unsigned delegation, RCODE rewritten to
        // NXDOMAIN. The record at the cut shows the name exists; it must not be read as proof that
        // the cut is unsigned (the queried name is never the cut for a DS question).
        SignedZone zone = s_hierarchy.Value[parent];
        DnsName cut = DnsName.Parse("unsig." + parent);

        ValidationOutcome genuine = await Validate(Negative(zone, cut, RrType.DS, IterationStatus.NoData, AllDenial(zone)));
        Assert.Equal(SecurityStatus.Secure, genuine.Status);

        ValidationOutcome forged = await Validate(Negative(zone, cut, RrType.DS, IterationStatus.NxDomain, AllDenial(zone)));
        Assert.Equal(SecurityStatus.Bogus, forged.Status);
        Assert.Equal(ValidationFailureKind.InvalidDenialProof, forged.Failure!.Kind);
    }

    [Theory]
    [InlineData("example.")]
    [InlineData("n3.example.")]
    public async Task NxDomain_ForTheCutItself_OverTheParentsRecordAtTheCut_IsBogus_Rfc5155Section8_4(string parent)
    {
        // Any type: an NXDOMAIN for a name whose own record is in the response is contradicted by it.
        SignedZone zone = s_hierarchy.Value[parent];
        DnsName cut = DnsName.Parse("unsig." + parent);

        ValidationOutcome forged = await Validate(Negative(zone, cut, RrType.A, IterationStatus.NxDomain, AllDenial(zone)));

        Assert.Equal(SecurityStatus.Bogus, forged.Status);
    }

    [Theory]
    [InlineData("example.")]
    [InlineData("n3.example.")]
    public async Task NxDomain_BelowAnUnsignedCut_StaysInsecure_Rfc4035Section5_2(string parent)
    {
        // The cut strictly above the name still serves: an unsigned child may say NXDOMAIN.
        SignedZone zone = s_hierarchy.Value[parent];
        DnsName below = DnsName.Parse("www.unsig." + parent);

        ValidationOutcome outcome = await Validate(Negative(zone, below, RrType.A, IterationStatus.NxDomain, AllDenial(zone)));

        Assert.Equal(SecurityStatus.Insecure, outcome.Status);
        Assert.Equal(ValidationFailureKind.UnsignedDelegation, outcome.Failure!.Kind);
    }

    [Fact]
    public async Task DsNxDomain_InAnOptOutSpan_WithoutTheWildcardCover_IsBogus_Rfc5155Section9_2()
    {
        // The parent's genuine DS NODATA for an unsigned delegation in an opt-out span (apex match +
        // opt-out cover of the delegation, RFC 5155 §8.6), RCODE rewritten to NXDOMAIN: nothing
        // covers the wildcard at the closest encloser, so the NXDOMAIN is unproven — not a clean
        // Insecure NXDOMAIN.
        SignedZone zone = s_hierarchy.Value["oo.example."];
        (DnsName cut, DenialResult nx) = PickWithOwnWildcardCover(zone, "unsig");
        DenialResult dsNoData = DenialProofs.Prove(DenialResponseKind.NoData, cut, RrType.DS, zone.Origin, Nsec3s(zone));
        Assert.Equal(DenialProofKind.OptOutInsecure, dsNoData.Kind);
        DnsName wildcardCover = nx.Evidence.Single(e => e.Clause == DenialClause.WildcardCover).Record.Name;
        Assert.DoesNotContain(dsNoData.Evidence, e => e.Record.Name == wildcardCover);
        List<ResourceRecord> minimal = WithSignatures(zone, dsNoData.Evidence.Select(e => e.Record.Name));

        ValidationOutcome genuine = await Validate(Negative(zone, cut, RrType.DS, IterationStatus.NoData, minimal));
        Assert.Equal(SecurityStatus.Insecure, genuine.Status);

        ValidationOutcome forged = await Validate(Negative(zone, cut, RrType.DS, IterationStatus.NxDomain, minimal));
        Assert.Equal(SecurityStatus.Bogus, forged.Status);
        Assert.Equal(ValidationFailureKind.InvalidDenialProof, forged.Failure!.Kind);
    }

    [Fact]
    public async Task NxDomain_InAnOptOutZone_WithoutTheWildcardCover_IsBogus_Rfc5155Section8_4()
    {
        // A genuine opt-out NXDOMAIN with the wildcard cover left out (lab nx1.nowild.deny).
        SignedZone zone = s_hierarchy.Value["oo.example."];
        (DnsName name, DenialResult proof) = PickWithOwnWildcardCover(zone, "nx");
        DenialEvidence[] others = [.. proof.Evidence.Where(e => e.Clause != DenialClause.WildcardCover)];

        ValidationOutcome complete = await Validate(Negative(zone, name, RrType.A, IterationStatus.NxDomain,
            WithSignatures(zone, proof.Evidence.Select(e => e.Record.Name))));
        Assert.Equal(SecurityStatus.Insecure, complete.Status);
        Assert.Equal(ValidationFailureKind.OptOutSpan, complete.Failure!.Kind);

        ValidationOutcome withoutCover = await Validate(Negative(zone, name, RrType.A, IterationStatus.NxDomain,
            WithSignatures(zone, others.Select(e => e.Record.Name))));
        Assert.Equal(SecurityStatus.Bogus, withoutCover.Status);
    }

    // The first name label.h0, label.h1, … in the opt-out zone whose NXDOMAIN proof (from all of the
    // zone's NSEC3 records) covers the wildcard with a record that proves no other clause, so that
    // record can be left out; with its opt-out NXDOMAIN proof.
    private static (DnsName Name, DenialResult Proof) PickWithOwnWildcardCover(SignedZone zone, string label)
    {
        for (int i = 0; i < 12; i++)
        {
            DnsName name = DnsName.Parse($"{label}.h{i}.{zone.Origin}");
            DenialResult nx = DenialProofs.Prove(DenialResponseKind.NxDomain, name, RrType.A, zone.Origin, Nsec3s(zone));
            if (nx.Evidence.SingleOrDefault(e => e.Clause == DenialClause.WildcardCover) is { Record: { } cover } &&
                !nx.Evidence.Any(e => e.Clause != DenialClause.WildcardCover && e.Record.Name == cover.Name) &&
                nx.Evidence.Any(e => e.Clause == DenialClause.NextCloserCover && ((Nsec3Data)e.Record.Data).IsOptOut))
            {
                return (name, nx);
            }
        }

        throw new InvalidOperationException("no name in the zone has a wildcard cover of its own");
    }

    private static List<ResourceRecord> Nsec3s(SignedZone zone) => [.. zone.Records.Where(r => r.Type == RrType.NSEC3)];

    [Theory]
    [InlineData("example.")]
    [InlineData("n3.example.")]
    public async Task ChainWalk_DsNxDomainForgedOverTheRecordAtTheCut_IsBogus_NeverAnUnsignedCut(string parent)
    {
        // The same forgery met by the chain walk (a DS asked to find the key entry of a name below
        // the cut): the walker's NXDOMAIN proof already fails on the record owned by the name, and
        // nothing may turn that failure into "proven unsigned" (RFC 4035 §5.2: only the parent's
        // DS NODATA proves it). Guard for the audit of every Bogus-to-Insecure mapping.
        ZoneHierarchy hierarchy = s_hierarchy.Value;
        DnsName cut = DnsName.Parse("unsig." + parent);
        var iterator = new RcodeRewritingIterator(new ZoneOracleIterator(hierarchy), new DnsQuestion(cut, RrType.DS));
        ChainWalker walker = TestWalkers.Create(hierarchy, iterator);

        KeyEntry entry = await walker.GetKeyEntryAsync(cut, walker.Begin(Now, new WorkBudget(200, 1000)), CancellationToken.None);

        Assert.Equal(KeyEntryState.Bogus, entry.State);
        Assert.Equal(ValidationFailureKind.InvalidDenialProof, entry.Failure!.Kind);
    }

    // Answers like the oracle, except that the NODATA for one question comes back as NXDOMAIN.
    private sealed class RcodeRewritingIterator(ZoneOracleIterator inner, DnsQuestion forged) : IDnsIterator
    {
        public async Task<IterationResult> ResolveAsync(DnsQuestion question, CancellationToken cancellationToken)
        {
            IterationResult result = await inner.ResolveAsync(question, cancellationToken);
            return question == forged && result.Status == IterationStatus.NoData
                ? new IterationResult
                {
                    Question = result.Question,
                    Status = IterationStatus.NxDomain,
                    Answers = result.Answers,
                    Aliases = result.Aliases,
                    Authority = result.Authority,
                    Zone = result.Zone,
                    UpstreamQueries = result.UpstreamQueries,
                }
                : result;
        }
    }

    private static Task<ValidationOutcome> Validate(IterationResult result)
    {
        var validator = new ResponseValidator(TestWalkers.Create(s_hierarchy.Value, new ZoneOracleIterator(s_hierarchy.Value)));
        return validator.ValidateAsync(result, validator.Begin(Now, new WorkBudget(200, 1000)), CancellationToken.None);
    }

    private static IterationResult Negative(SignedZone zone, DnsName name, RrType type, IterationStatus status, List<ResourceRecord> denial) => new()
    {
        Question = new DnsQuestion(name, type),
        Status = status,
        Authority = [.. WithSignatures(zone, [zone.Origin], RrType.SOA), .. denial],
        Zone = zone.Origin,
    };

    private static List<ResourceRecord> AllDenial(SignedZone zone) =>
        [.. zone.Records.Where(r => r.Type is RrType.NSEC or RrType.NSEC3 || r.Data is RrsigData { TypeCovered: RrType.NSEC or RrType.NSEC3 })];

    // The records of the given owners of one type (NSEC or NSEC3 when not given), with their RRSIGs.
    private static List<ResourceRecord> WithSignatures(SignedZone zone, IEnumerable<DnsName> owners, RrType? type = null)
    {
        HashSet<DnsName> set = [.. owners];
        return
        [
            .. zone.Records.Where(r => set.Contains(r.Name) && (type is { } t
                ? r.Type == t || r.Data is RrsigData sig && sig.TypeCovered == t
                : r.Type is RrType.NSEC or RrType.NSEC3 || r.Data is RrsigData { TypeCovered: RrType.NSEC or RrType.NSEC3 })),
        ];
    }
}

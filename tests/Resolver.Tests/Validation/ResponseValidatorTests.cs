// ResponseValidatorTests: whole-answer verdicts over a signed hierarchy (root → example. with NSEC →
// children signed with NSEC3, NSEC3 opt-out, and unsigned), through an oracle iterator. Each test is
// named after the clause or pitfall it checks.
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using Resolver.Validation;

namespace Resolver.Tests.Validation;

public sealed class ResponseValidatorTests
{
    private static readonly DateTimeOffset Now = ZoneSigningOptions.ValidAt;

    private static readonly Lazy<ZoneHierarchy> s_hierarchy = new(BuildHierarchy);

    private static ZoneHierarchy BuildHierarchy()
    {
        DnsName n3 = DnsName.Parse("n3.example.");
        DnsName optout = DnsName.Parse("optout.example.");
        return new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("example.", text: """
                www      A     192.0.2.10
                www      AAAA  2001:db8::10
                alias    CNAME www
                toinsec  CNAME www.insecure.example.
                *.wild   A     192.0.2.20
                host.ent A     192.0.2.30
                """)
            .AddZone("n3.example.", ZoneSigningOptions.For(n3) with { Denial = DenialKind.Nsec3, Nsec3Salt = new byte[] { 0xAB, 0xCD }, Nsec3Iterations = 5 },
                text: "www A 192.0.2.40\n*.wild A 192.0.2.41")
            .AddZone("optout.example.", ZoneSigningOptions.For(optout) with { Denial = DenialKind.Nsec3, Nsec3OptOut = true },
                text: "www A 192.0.2.50\nunsigned NS ns.elsewhere.\n")
            .AddUnsignedZone("insecure.example.", text: "www A 192.0.2.60")
            .Build();
    }

    private static (ResponseValidator Validator, ZoneOracleIterator Iterator) Create(
        ZoneHierarchy? hierarchy = null, TrustAnchorStore? anchors = null, Action<ValidatorOptions>? configure = null)
    {
        hierarchy ??= s_hierarchy.Value;
        var iterator = new ZoneOracleIterator(hierarchy);
        var options = new ValidatorOptions
        {
            TrustAnchors = anchors ?? TrustAnchorStore.Create(hierarchy.TrustAnchorDs.Select(r => new TrustAnchor(r.Name, r.Data))),
        };
        configure?.Invoke(options);
        var cache = new KeyEntryCache(TimeProvider.System, options.KeyCacheCapacity, options.BogusTtl, TimeSpan.FromDays(1));
        var walker = new ChainWalker(iterator, options, cache, new PublicKeyCache());
        return (new ResponseValidator(walker), iterator);
    }

    private static async Task<ValidationOutcome> Validate(string name, RrType type, ZoneHierarchy? hierarchy = null,
        TrustAnchorStore? anchors = null, Action<ValidatorOptions>? configure = null)
    {
        var (validator, iterator) = Create(hierarchy, anchors, configure);
        IterationResult result = await iterator.ResolveAsync(new DnsQuestion(DnsName.Parse(name), type), CancellationToken.None);
        return await validator.ValidateAsync(result, validator.Begin(Now, new WorkBudget(200, 1000)), CancellationToken.None);
    }

    [Fact]
    public async Task PositiveAnswer_ChainFromAnchor_IsSecure_Rfc4035Section5()
    {
        ValidationOutcome outcome = await Validate("www.example.", RrType.A);
        Assert.Equal(SecurityStatus.Secure, outcome.Status);
        Assert.Null(outcome.Failure);
        Assert.Equal(DnsName.Root, outcome.Chain.Anchor);
        Assert.Equal([".", "example."], outcome.Chain.ZoneCuts.Select(c => c.Zone.ToString()));
        Assert.True(outcome.Chain.ZoneCuts[0].FromTrustAnchor);
        Assert.NotNull(outcome.Chain.ZoneCuts[1].DsSignature);
        Assert.NotNull(outcome.Chain.ZoneCuts[1].KeySetSignature);
        Assert.Contains(outcome.Chain.Signatures, s => s.Owner == DnsName.Parse("www.example.") && s.TypeCovered == RrType.A);
    }

    [Fact]
    public async Task NxDomain_WithNsec_IsSecure_Rfc4035Section5_4()
    {
        ValidationOutcome outcome = await Validate("nope.example.", RrType.A);
        Assert.Equal(SecurityStatus.Secure, outcome.Status);
        Assert.Contains(outcome.Chain.Denials, d => d.Kind == "NxDomain" && d.Mechanism == "NSEC");
    }

    [Fact]
    public async Task NoData_WithNsec_IsSecure()
    {
        ValidationOutcome outcome = await Validate("www.example.", RrType.TXT);
        Assert.Equal(SecurityStatus.Secure, outcome.Status);
        Assert.Contains(outcome.Chain.Denials, d => d.Kind == "NoData");
    }

    [Fact]
    public async Task EmptyNonTerminal_NoData_IsSecure()
    {
        Assert.Equal(SecurityStatus.Secure, (await Validate("ent.example.", RrType.A)).Status);
    }

    [Theory]
    [InlineData("ent.example.", RrType.A, SecurityStatus.Secure)]   // an empty non-terminal: proven NOERROR
    [InlineData("www.example.", RrType.TXT, SecurityStatus.Bogus)]  // a name with data: the NXDOMAIN is a lie
    public async Task NxDomain_ForAProvenEmptyNonTerminal_IsNoData_Rfc8020Section2(string name, RrType type, SecurityStatus expected)
    {
        // A server answering NXDOMAIN where the zone has an empty non-terminal: the signed records
        // prove the name exists without data, so the answer is NOERROR/NODATA, Secure.
        var (validator, iterator) = Create();
        IterationResult nodata = await iterator.ResolveAsync(new DnsQuestion(DnsName.Parse(name), type), CancellationToken.None);
        Assert.Equal(IterationStatus.NoData, nodata.Status);
        var nxdomain = new IterationResult
        {
            Question = nodata.Question,
            Status = IterationStatus.NxDomain,
            Authority = nodata.Authority,
            Zone = nodata.Zone,
        };

        ValidationOutcome outcome = await validator.ValidateAsync(nxdomain, validator.Begin(Now, new WorkBudget(200, 1000)), CancellationToken.None);

        Assert.Equal(expected, outcome.Status);
        Assert.Equal(expected == SecurityStatus.Secure ? ResponseCode.NoError : null, outcome.ProvenResponseCode);
    }

    [Fact]
    public async Task WildcardAnswer_WithNextCloserProof_IsSecure_Rfc4035Section5_3_4()
    {
        ValidationOutcome outcome = await Validate("x.wild.example.", RrType.A);
        Assert.Equal(SecurityStatus.Secure, outcome.Status);
        Assert.Contains(outcome.Chain.Denials, d => d.Kind == "Wildcard");
    }

    [Fact]
    public async Task WildcardAnswer_WithoutProof_IsBogus_DnssecBogusNotNsecMissing()
    {
        // RFC 4035 §5.3.4: the expansion needs the proof that no closer match exists. Without any
        // NSEC it is a positive answer that does not validate: EDE 6 (RFC 8914 §4.7), as Unbound
        // reports it; EDE 12 (§4.13) is for negative answers.
        var (validator, iterator) = Create();
        IterationResult answer = await iterator.ResolveAsync(new DnsQuestion(DnsName.Parse("x.wild.example."), RrType.A), CancellationToken.None);
        var stripped = new IterationResult
        {
            Question = answer.Question,
            Status = answer.Status,
            Answers = [.. answer.Answers.Select(a => a with { Proof = [] })],
            Zone = answer.Zone,
        };

        ValidationOutcome outcome = await validator.ValidateAsync(stripped, validator.Begin(Now, new WorkBudget(200, 1000)), CancellationToken.None);

        Assert.Equal(SecurityStatus.Bogus, outcome.Status);
        Assert.Equal(ValidationFailureKind.MissingWildcardProof, outcome.Failure!.Kind);
        Assert.Equal(ExtendedErrorCode.DnssecBogus, outcome.Failure.ExtendedErrorCode);
    }

    [Fact]
    public async Task Nsec3Zone_NxDomainNoDataAndWildcard_AreSecure_Rfc5155Section8()
    {
        Assert.Equal(SecurityStatus.Secure, (await Validate("www.n3.example.", RrType.A)).Status);
        Assert.Equal(SecurityStatus.Secure, (await Validate("nope.n3.example.", RrType.A)).Status);
        Assert.Equal(SecurityStatus.Secure, (await Validate("www.n3.example.", RrType.MX)).Status);
        Assert.Equal(SecurityStatus.Secure, (await Validate("a.wild.n3.example.", RrType.A)).Status);
    }

    [Theory]
    [InlineData("insecure.example.", SecurityStatus.Insecure)] // the parent's NSEC: NS, no DS
    [InlineData("n3.example.", SecurityStatus.Bogus)]          // NS and DS: a signed child must prove it itself
    public async Task NoData_BelowACutTheParentShowsUnsigned_IsInsecure_Rfc4035Section5_2(string cut, SecurityStatus expected)
    {
        // A server serving parent and child answers NODATA for a name in the child with the
        // parent's SOA (as in a forwarder's alias chain); the parent's signed NSEC at the cut is
        // all the proof there is, and it shows an unsigned delegation.
        SignedZone parent = s_hierarchy.Value["example."];
        DnsName cutName = DnsName.Parse(cut);
        SignedRrSet nsec = parent.Find(cutName, RrType.NSEC)!;
        SignedRrSet soa = parent.Find(parent.Origin, RrType.SOA)!;
        var negative = new IterationResult
        {
            Question = new DnsQuestion(DnsName.Parse("www." + cut), RrType.TXT),
            Status = IterationStatus.NoData,
            Authority = [.. WithSignatures(soa), .. WithSignatures(nsec)],
            Zone = parent.Origin,
        };

        var (validator, _) = Create();
        ValidationOutcome outcome = await validator.ValidateAsync(negative, validator.Begin(Now, new WorkBudget(200, 1000)), CancellationToken.None);

        Assert.Equal(expected, outcome.Status);
        if (expected == SecurityStatus.Insecure)
        {
            Assert.Equal(ValidationFailureKind.UnsignedDelegation, outcome.Failure!.Kind);
        }
    }

    private static IEnumerable<ResourceRecord> WithSignatures(SignedRrSet set) =>
        set.RrSet.ToRecords().Concat(set.Signatures.Select(sig => new ResourceRecord(set.RrSet.Name, set.RrSet.Class, set.RrSet.Ttl, sig)));

    [Fact]
    public async Task UnsignedDelegation_ProvenByNsec_IsInsecure_Rfc4035Section5_2()
    {
        ValidationOutcome outcome = await Validate("www.insecure.example.", RrType.A);
        Assert.Equal(SecurityStatus.Insecure, outcome.Status);
        Assert.Equal(ValidationFailureKind.UnsignedDelegation, outcome.Failure!.Kind);
        Assert.Equal(DnsName.Parse("insecure.example."), outcome.Failure.Zone);
        ZoneCutLink cut = outcome.Chain.ZoneCuts[^1];
        Assert.Equal(SecurityStatus.Insecure, cut.Status);
        Assert.Equal("NSEC", cut.Denial!.Mechanism);
    }

    [Fact]
    public async Task InsecureZone_NoDataWithoutProof_IsInsecure_PitfallNoSoaInInsecureNodata()
    {
        Assert.Equal(SecurityStatus.Insecure, (await Validate("www.insecure.example.", RrType.TXT)).Status);
        Assert.Equal(SecurityStatus.Insecure, (await Validate("nope.insecure.example.", RrType.A)).Status);
    }

    [Fact]
    public async Task OptOutSpan_UnsignedDelegation_IsInsecure_NotBogus_Rfc5155Section8_6()
    {
        // The registry case: an unsigned delegation in an opt-out zone has no NSEC3 of its own; the
        // DS NODATA proof ends in an opt-out cover, so the child is Insecure (never Bogus).
        var iterator = new ZoneOracleIterator(s_hierarchy.Value);
        var options = new ValidatorOptions { TrustAnchors = TrustAnchorStore.Create(s_hierarchy.Value.TrustAnchorDs.Select(r => new TrustAnchor(r.Name, r.Data))) };
        var walker = new ChainWalker(iterator, options, new KeyEntryCache(TimeProvider.System, 100, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1)), new PublicKeyCache());
        KeyEntry entry = await walker.GetKeyEntryAsync(DnsName.Parse("unsigned.optout.example."), walker.Begin(Now, new WorkBudget(200, 1000)), CancellationToken.None);
        Assert.Equal(KeyEntryState.Insecure, entry.State);
        Assert.Equal(ValidationFailureKind.OptOutSpan, entry.Failure!.Kind);
        Assert.Equal(SecurityStatus.Insecure, entry.Chain[^1].Status);
        Assert.Equal("NSEC3", entry.Chain[^1].Denial!.Mechanism);
    }

    [Fact]
    public async Task NxDomainInOptOutSpan_IsInsecure_NeverSecure_Rfc5155Section9_2()
    {
        ValidationOutcome outcome = await Validate("nope.optout.example.", RrType.A);
        Assert.Equal(SecurityStatus.Insecure, outcome.Status);
        Assert.Equal(ValidationFailureKind.OptOutSpan, outcome.Failure!.Kind);
    }

    [Fact]
    public async Task CnameSecureToInsecure_IsInsecure_WeakestLinkWins()
    {
        ValidationOutcome outcome = await Validate("toinsec.example.", RrType.A);
        Assert.Equal(SecurityStatus.Insecure, outcome.Status);
        Assert.Contains(outcome.Chain.Signatures, s => s.TypeCovered == RrType.CNAME);
    }

    [Fact]
    public async Task CnameWithinZone_IsSecure()
    {
        ValidationOutcome outcome = await Validate("alias.example.", RrType.A);
        Assert.Equal(SecurityStatus.Secure, outcome.Status);
        Assert.Equal(2, outcome.Chain.Signatures.Count(s => s.Owner.IsSubdomainOf(DnsName.Parse("example."))));
    }

    [Fact]
    public async Task CorruptSignature_IsBogus_WithBogusEde()
    {
        ZoneHierarchy broken = s_hierarchy.Value.With(s_hierarchy.Value["example."].CorruptSignature(DnsName.Parse("www.example."), RrType.A));
        ValidationOutcome outcome = await Validate("www.example.", RrType.A, broken);
        Assert.Equal(SecurityStatus.Bogus, outcome.Status);
        Assert.Equal(ValidationFailureKind.BadSignature, outcome.Failure!.Kind);
        Assert.Equal(ExtendedErrorCode.DnssecBogus, outcome.Failure.ExtendedErrorCode);
        Assert.NotNull(outcome.Failure.KeyTag);
        // Other names of the zone are unaffected.
        Assert.Equal(SecurityStatus.Secure, (await Validate("www.example.", RrType.AAAA, broken)).Status);
    }

    [Fact]
    public async Task ExpiredSignature_IsBogus_SignatureExpiredEde7()
    {
        ZoneHierarchy broken = s_hierarchy.Value.With(s_hierarchy.Value["example."]
            .ResignRrSet(DnsName.Parse("www.example."), RrType.A, inception: 1_000_000_000, expiration: 1_100_000_000));
        ValidationOutcome outcome = await Validate("www.example.", RrType.A, broken);
        Assert.Equal(ValidationFailureKind.SignatureExpired, outcome.Failure!.Kind);
        Assert.Equal(ExtendedErrorCode.SignatureExpired, outcome.Failure.ExtendedErrorCode);
    }

    [Fact]
    public async Task StrippedSignatures_InSignedZone_AreBogus_RrsigsMissingEde10()
    {
        ZoneHierarchy broken = s_hierarchy.Value.With(s_hierarchy.Value["example."].StripSignatures(DnsName.Parse("www.example."), RrType.A));
        ValidationOutcome outcome = await Validate("www.example.", RrType.A, broken);
        Assert.Equal(SecurityStatus.Bogus, outcome.Status);
        Assert.Equal(ValidationFailureKind.MissingSignatures, outcome.Failure!.Kind);
        Assert.Equal(ExtendedErrorCode.RrsigsMissing, outcome.Failure.ExtendedErrorCode);
    }

    [Fact]
    public async Task WrongDsAtParent_MakesChildBogus()
    {
        ZoneHierarchy broken = s_hierarchy.Value.With(s_hierarchy.Value["."].AlterDsDigest(DnsName.Parse("example.")));
        ValidationOutcome outcome = await Validate("www.example.", RrType.A, broken);
        Assert.Equal(SecurityStatus.Bogus, outcome.Status);
        Assert.Equal(ValidationFailureKind.NoKeyMatchesDs, outcome.Failure!.Kind);
        Assert.Equal(DnsName.Parse("example."), outcome.Failure.Zone);
    }

    [Fact]
    public async Task MissingDenialRecord_NxDomain_IsBogus()
    {
        SignedZone zone = s_hierarchy.Value["example."];
        // Remove every NSEC: the NXDOMAIN then has no proof at all.
        foreach (DnsName owner in zone.Records.Where(r => r.Type == RrType.NSEC).Select(r => r.Name).Distinct().ToList())
        {
            zone = zone.RemoveDenialRecord(owner);
        }

        ValidationOutcome outcome = await Validate("nope.example.", RrType.A, s_hierarchy.Value.With(zone));
        Assert.Equal(SecurityStatus.Bogus, outcome.Status);
        Assert.Equal(ValidationFailureKind.MissingDenialProof, outcome.Failure!.Kind);
        Assert.Equal(ExtendedErrorCode.NsecMissing, outcome.Failure.ExtendedErrorCode);
    }

    [Fact]
    public async Task NoTrustAnchor_IsIndeterminate_NotBogus()
    {
        ValidationOutcome outcome = await Validate("www.example.", RrType.A, anchors: TrustAnchorStore.Empty);
        Assert.Equal(SecurityStatus.Indeterminate, outcome.Status);
        Assert.Equal(ExtendedErrorCode.DnssecIndeterminate, outcome.Failure!.ExtendedErrorCode);
    }

    [Fact]
    public async Task NegativeTrustAnchor_IsInsecure_Rfc7646()
    {
        ZoneHierarchy broken = s_hierarchy.Value.With(s_hierarchy.Value["example."].CorruptSignature(DnsName.Parse("www.example."), RrType.A));
        TrustAnchorStore anchors = TrustAnchorStore.Create(broken.TrustAnchorDs.Select(r => new TrustAnchor(r.Name, r.Data)))
            .WithNegativeTrustAnchors([DnsName.Parse("example.")]);
        ValidationOutcome outcome = await Validate("www.example.", RrType.A, broken, anchors);
        Assert.Equal(SecurityStatus.Insecure, outcome.Status);
        Assert.Equal(ValidationFailureKind.NegativeTrustAnchor, outcome.Failure!.Kind);
    }

    [Fact]
    public async Task UnreachableKeyServers_AreAResolutionFailure_NeverBogus_Rfc4035Section4_3()
    {
        var (validator, iterator) = Create();
        IterationResult answer = await iterator.ResolveAsync(new DnsQuestion(DnsName.Parse("www.example."), RrType.A), CancellationToken.None);
        iterator.DeadZones.Add(DnsName.Parse("example."));
        ValidationOutcome outcome = await validator.ValidateAsync(answer, validator.Begin(Now, new WorkBudget(200, 1000)), CancellationToken.None);
        Assert.Equal(SecurityStatus.Unchecked, outcome.Status);
        Assert.NotNull(outcome.Unresolved);
    }

    [Fact]
    public async Task KeyEntries_AreCached_AcrossAnswers()
    {
        var (validator, iterator) = Create();
        var scope = validator.Begin(Now, new WorkBudget(200, 1000));
        foreach (string name in new[] { "www.example.", "alias.example.", "x.wild.example." })
        {
            IterationResult r = await iterator.ResolveAsync(new DnsQuestion(DnsName.Parse(name), RrType.A), CancellationToken.None);
            Assert.Equal(SecurityStatus.Secure, (await validator.ValidateAsync(r, scope, CancellationToken.None)).Status);
        }

        Assert.Single(iterator.Asked, q => q.Type == RrType.DNSKEY && q.Name == DnsName.Parse("example."));
        Assert.Single(iterator.Asked, q => q.Type == RrType.DS && q.Name == DnsName.Parse("example."));
    }

    [Fact]
    public async Task SignatureBudget_IsEnforced_KeyTrap()
    {
        var (validator, iterator) = Create();
        IterationResult r = await iterator.ResolveAsync(new DnsQuestion(DnsName.Parse("www.example."), RrType.A), CancellationToken.None);
        ValidationOutcome outcome = await validator.ValidateAsync(r, validator.Begin(Now, new WorkBudget(1, 1000)), CancellationToken.None);
        Assert.Equal(SecurityStatus.Bogus, outcome.Status);
        Assert.Equal(ValidationFailureKind.WorkLimitExceeded, outcome.Failure!.Kind);
    }

    [Fact]
    public async Task Nsec3IterationsAboveInsecureLimit_IsInsecure_Rfc9276()
    {
        ValidationOutcome outcome = await Validate("nope.n3.example.", RrType.A, configure: o => o.Nsec3InsecureIterations = 2);
        Assert.Equal(SecurityStatus.Insecure, outcome.Status);
        Assert.Equal(ValidationFailureKind.Nsec3IterationsTooHigh, outcome.Failure!.Kind);
        Assert.Equal(ExtendedErrorCode.UnsupportedNsec3IterationsValue, outcome.Failure.ExtendedErrorCode);
    }

    [Fact]
    public async Task Nsec3IterationsAboveHardLimit_IsBogus_Rfc9276()
    {
        ValidationOutcome outcome = await Validate("nope.n3.example.", RrType.A, configure: o =>
        {
            o.Nsec3InsecureIterations = 1;
            o.Nsec3BogusIterations = 2;
        });
        Assert.Equal(SecurityStatus.Bogus, outcome.Status);
        Assert.Equal(ValidationFailureKind.Nsec3IterationsAboveHardLimit, outcome.Failure!.Kind);
    }

    // A wildcard's NSEC, replayed under a name that exists (x.wild.example. here, which the zone
    // holds with a TXT record), must not prove NODATA there: its signature's labels show it speaks
    // for *.wild.example., so the proof also needs the name's non-existence, which cannot be shown.
    [Fact]
    public async Task WildcardExpandedNsec_ReplayedUnderAnExistingName_DoesNotProveNoData_Regression()
    {
        ZoneHierarchy hierarchy = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("example.", text: "*.wild A 192.0.2.20\nx.wild TXT \"real\"")
            .Build();
        SignedZone zone = hierarchy["example."];
        DnsName wildcard = DnsName.Parse("*.wild.example.");
        DnsName target = DnsName.Parse("x.wild.example.");
        SignedRrSet nsec = zone.Find(wildcard, RrType.NSEC)!;
        Assert.True(nsec.Signatures[0].Labels < target.SignatureLabelCount);
        var replayed = new List<ResourceRecord>(new RrSet(target, RrClass.IN, RrType.NSEC, nsec.RrSet.Ttl, nsec.RrSet.Data).ToRecords());
        replayed.AddRange(nsec.Signatures.Select(sig => new ResourceRecord(target, RrClass.IN, nsec.RrSet.Ttl, sig)));
        replayed.AddRange(zone.Records.Where(r => r.Name == zone.Origin && (r.Type == RrType.SOA || r.Data is RrsigData { TypeCovered: RrType.SOA })));
        var forged = new IterationResult
        {
            Question = new DnsQuestion(target, RrType.TXT),
            Status = IterationStatus.NoData,
            Authority = [.. replayed],
            Zone = zone.Origin,
        };

        var (validator, _) = Create(hierarchy);
        ValidationOutcome outcome = await validator.ValidateAsync(forged, validator.Begin(Now, new WorkBudget(200, 1000)), CancellationToken.None);
        Assert.Equal(SecurityStatus.Bogus, outcome.Status);
    }
}

// OfflineValidatorTests: validating a response held in hand, with the DNSKEY/DS/denial records it
// needs supplied, at a chosen instant and against given anchors, with no network (cf. getdns
// validate_dnssec2). Responses are what the scenario zones' servers answer (built in process, sent
// through the wire format); each test is named after the clause it checks.
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using Resolver.Testing.Signing;
using static Resolver.Tests.Scenarios.ScenarioZones;

namespace Resolver.Tests.Scenarios;

public sealed class OfflineValidatorTests
{
    private static readonly DateTimeOffset Now = ZoneSigningOptions.ValidAt;

    /// <summary>What a recursive server would return for <paramref name="name"/>: the whole alias chain, then the final answer or denial.</summary>
    internal static DnsMessage ResponseFor(ZoneHierarchy hierarchy, string name, RrType type) =>
        RecursiveResponse.For(hierarchy, N(name), type);

    private static TrustAnchorStore Anchors(ZoneHierarchy h) => TrustAnchorStore.Create(h.TrustAnchorDs.Select(r => new TrustAnchor(r.Name, r.Data)));

    private static Task<ResolveResult> Validate(string name, RrType type, ZoneHierarchy? hierarchy = null,
        Func<ResourceRecord, bool>? exclude = null, DateTimeOffset? at = null, TrustAnchorStore? anchors = null)
    {
        hierarchy ??= Standard;
        return OfflineValidator.ValidateAsync(ResponseFor(hierarchy, name, type), SupportingRecords(hierarchy, exclude),
            anchors ?? Anchors(hierarchy), at ?? Now, null, CancellationToken.None);
    }

    [Theory]
    [InlineData("www.example.test.", RrType.A)]          // NSEC zone below an NSEC3 TLD below an NSEC root
    [InlineData("www.n3.test.", RrType.A)]                // P-384, combined key
    [InlineData("alias.example.test.", RrType.A)]         // CNAME within a zone
    [InlineData("ton3.example.test.", RrType.A)]          // CNAME across zones
    [InlineData("www.old.example.test.", RrType.A)]       // DNAME (RFC 6672)
    [InlineData("www.example.test.", RrType.ANY)]         // every RRset at the name
    public async Task PositiveAnswers_WithTheirChain_AreSecure_Rfc4035Section5(string name, RrType type)
    {
        ResolveResult result = await Validate(name, type);
        Assert.False(result.IsResolutionFailure, result.ToString());
        Assert.Equal(SecurityStatus.Secure, result.Status);
        Assert.Equal(ResponseCode.NoError, result.ResponseCode);
        Assert.NotEmpty(result.Records);
        Assert.Equal(DnsName.Root, result.Chain.Anchor);
        Assert.True(result.Work.SignatureValidations > 0);
    }

    [Theory]
    [InlineData("nope.example.test.", RrType.A, ResponseCode.NXDomain)]
    [InlineData("www.example.test.", RrType.MX, ResponseCode.NoError)]
    [InlineData("ent.example.test.", RrType.A, ResponseCode.NoError)]
    [InlineData("nope.n3.test.", RrType.A, ResponseCode.NXDomain)]
    [InlineData("www.n3.test.", RrType.MX, ResponseCode.NoError)]
    [InlineData("x.wild.example.test.", RrType.A, ResponseCode.NoError)]     // wildcard with its NSEC proof
    [InlineData("x.wild.n3.test.", RrType.TXT, ResponseCode.NoError)]        // wildcard with its NSEC3 proof
    public async Task Denials_AndWildcards_AreSecure_Rfc4035Section5_4_Rfc5155Section8(string name, RrType type, ResponseCode rcode)
    {
        ResolveResult result = await Validate(name, type);
        Assert.Equal(SecurityStatus.Secure, result.Status);
        Assert.Equal(rcode, result.ResponseCode);
        Assert.NotEmpty(result.Chain.Denials);
    }

    [Fact]
    public async Task BelowUnsignedDelegation_ProvenByParentNsec3_IsInsecure_Rfc4035Section5_2()
    {
        ResolveResult result = await Validate("www.unsigned.test.", RrType.A);
        Assert.Equal(SecurityStatus.Insecure, result.Status);
        Assert.Equal(ValidationFailureKind.UnsignedDelegation, result.Reason!.Kind);
        Assert.Equal(N("unsigned.test."), result.Reason.Zone);
        Assert.Equal("NSEC3", result.Chain.ZoneCuts[^1].Denial!.Mechanism);
        Assert.Equal([IPv4("192.0.2.60")], result.Records.Select(r => ((AData)r.Data).Address));
    }

    [Fact]
    public async Task InOptOutSpan_IsInsecure_NeverSecure_Rfc5155Section8_6()
    {
        ResolveResult result = await Validate("www.child.optout.test.", RrType.A);
        Assert.Equal(SecurityStatus.Insecure, result.Status);
        Assert.Equal(ValidationFailureKind.OptOutSpan, result.Reason!.Kind);
    }

    [Fact]
    public async Task CnameSecureToInsecure_IsInsecure()
    {
        ResolveResult result = await Validate("toinsec.example.test.", RrType.A);
        Assert.Equal(SecurityStatus.Insecure, result.Status);
        Assert.Equal(N("www.unsigned.test."), result.CanonicalName);
    }

    [Fact]
    public async Task CorruptSignature_IsBogus_DataWithheld()
    {
        ZoneHierarchy broken = Standard.With(Standard["example.test."].CorruptSignature(N("www.example.test."), RrType.A));
        ResolveResult result = await Validate("www.example.test.", RrType.A, broken);
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(ValidationFailureKind.BadSignature, result.Reason!.Kind);
        Assert.True(result.DataWithheld);
        Assert.Empty(result.Answers);
    }

    [Fact]
    public async Task StrippedSignatures_WithTheProofThereIsNoCut_AreBogus()
    {
        ZoneHierarchy broken = Standard.With(Standard["example.test."].StripSignatures(N("www.example.test."), RrType.A));
        ResolveResult result = await Validate("www.example.test.", RrType.A, broken);
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(ValidationFailureKind.MissingSignatures, result.Reason!.Kind);
    }

    [Fact]
    public async Task TheInstantIsTheCallers_ExpiredAfterTheWindow_Rfc4035Section5_3_1()
    {
        DateTimeOffset after = DateTimeOffset.FromUnixTimeSeconds(ZoneSigningOptions.DefaultExpiration).AddDays(1);
        ResolveResult result = await Validate("www.example.test.", RrType.A, at: after);
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(ValidationFailureKind.SignatureExpired, result.Reason!.Kind);
        DateTimeOffset before = DateTimeOffset.FromUnixTimeSeconds(ZoneSigningOptions.DefaultInception).AddDays(-1);
        Assert.Equal(ValidationFailureKind.SignatureNotYetValid, (await Validate("www.example.test.", RrType.A, at: before)).Reason!.Kind);
    }

    [Fact]
    public async Task TtlsAreClampedToTheSignatureExpiry_Rfc4035Section5_3_3()
    {
        DateTimeOffset tenMinutesLeft = DateTimeOffset.FromUnixTimeSeconds(ZoneSigningOptions.DefaultExpiration).AddMinutes(-10);
        ResolveResult result = await Validate("www.example.test.", RrType.A, at: tenMinutesLeft);
        Assert.Equal(SecurityStatus.Secure, result.Status);
        Assert.All(result.Answers, r => Assert.True(r.Ttl <= 600, r.ToString()));
    }

    [Fact]
    public async Task OtherAnchors_MakeTheChainBogus_AndNoAnchorIsIndeterminate()
    {
        ZoneHierarchy other = new ZoneHierarchyBuilder().AddZone(".", ZoneSigningOptions.For(DnsName.Root, true, DnssecAlgorithm.Ed448)).Build();
        ResolveResult wrong = await Validate("www.example.test.", RrType.A, anchors: Anchors(other));
        Assert.Equal(SecurityStatus.Bogus, wrong.Status);
        Assert.Equal(N("."), wrong.Reason!.Zone);
        ResolveResult none = await Validate("www.example.test.", RrType.A, anchors: TrustAnchorStore.Empty);
        Assert.Equal(SecurityStatus.Indeterminate, none.Status);
    }

    [Fact]
    public async Task MissingDnskey_IsAResolutionFailure_NotBogus()
    {
        ResolveResult result = await Validate("www.example.test.", RrType.A,
            exclude: r => r.Name == N("example.test.") && Covers(r) == RrType.DNSKEY);
        Assert.True(result.IsResolutionFailure);
        Assert.Equal(SecurityStatus.Unchecked, result.Status);
        Assert.Contains("DNSKEY example.test.", result.ResolutionError);
        Assert.Contains("not supplied", result.ResolutionError);
    }

    [Fact]
    public async Task MissingDs_AndMissingDenialOfDs_IsAResolutionFailure_NotBogus()
    {
        // Neither the DS of example.test. nor any NSEC3 of test. that could deny it.
        ResolveResult result = await Validate("www.example.test.", RrType.A,
            exclude: r => (r.Name == N("example.test.") && Covers(r) == RrType.DS) || Covers(r) == RrType.NSEC3);
        Assert.True(result.IsResolutionFailure, result.ToString());
        Assert.Contains("not supplied", result.ResolutionError);
    }

    [Fact]
    public async Task MissingProofOfUnsignedDelegation_IsAResolutionFailure_NotInsecure()
    {
        ResolveResult result = await Validate("www.unsigned.test.", RrType.A, exclude: r => Covers(r) == RrType.NSEC3);
        Assert.True(result.IsResolutionFailure, result.ToString());
    }

    [Fact]
    public async Task FailedResponse_IsAResolutionFailure()
    {
        var response = new DnsMessage { IsResponse = true, ResponseCode = ResponseCode.ServFail };
        response.Questions.Add(new DnsQuestion(N("www.example.test."), RrType.A));
        ResolveResult result = await OfflineValidator.ValidateAsync(response, [], Anchors(Standard), Now, null, CancellationToken.None);
        Assert.True(result.IsResolutionFailure);
        await Assert.ThrowsAsync<ArgumentException>(() => OfflineValidator.ValidateAsync(new DnsMessage(), [], Anchors(Standard), Now, null, CancellationToken.None));
    }

    [Fact]
    public async Task Limits_FromOptions_Apply()
    {
        ResolveResult result = await OfflineValidator.ValidateAsync(ResponseFor(Standard, "www.example.test.", RrType.A), SupportingRecords(Standard),
            Anchors(Standard), Now, new ValidatorOptions { MaxSignatureValidations = 1 }, CancellationToken.None);
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(ValidationFailureKind.WorkLimitExceeded, result.Reason!.Kind);
    }

    private static System.Net.IPAddress IPv4(string s) => System.Net.IPAddress.Parse(s);
}

// RootKeySentinelTests: RFC 8509 — the sentinel labels are recognised exactly (§2), a Secure answer
// turns Bogus (SERVFAIL) only when the label's claim about the root key is false (§3.2), anything not
// Secure is left alone; and end to end through DnsResolver on a signed hierarchy.
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using Resolver.Tests.Scenarios;
using Resolver.Validation;

namespace Resolver.Tests.Validation;

public sealed class RootKeySentinelTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    private static TrustAnchorStore RootAnchorWithTag(ushort keyTag) => TrustAnchorStore.Create(
        [new TrustAnchor(DnsName.Root, new DsData(keyTag, DnssecAlgorithm.RsaSha256, DigestType.Sha256, new byte[32]))]);

    private static ValidationOutcome Outcome(SecurityStatus status) => new(status, null, ChainOfTrust.None, null, null);

    [Theory]
    [InlineData("root-key-sentinel-is-ta-20326", true, (ushort)20326)]
    [InlineData("ROOT-KEY-SENTINEL-IS-TA-20326", true, (ushort)20326)]
    [InlineData("root-key-sentinel-not-ta-00001", false, (ushort)1)]
    public void Labels_Rfc8509Section2_AreRecognised(string label, bool claimsTrusted, ushort keyTag)
    {
        Assert.True(RootKeySentinel.TryParse(label, out bool claims, out ushort tag));
        Assert.Equal(claimsTrusted, claims);
        Assert.Equal(keyTag, tag);
    }

    [Theory]
    [InlineData("root-key-sentinel-is-ta-2032")]   // four digits
    [InlineData("root-key-sentinel-is-ta-203260")] // six digits
    [InlineData("root-key-sentinel-is-ta-+2032")]  // a sign
    [InlineData("root-key-sentinel-is-ta-99999")]  // not a 16-bit key tag
    [InlineData("root-key-sentinel-maybe-20326")]
    [InlineData("www")]
    public void OtherLabels_AreNotSentinels(string label) =>
        Assert.False(RootKeySentinel.TryParse(label, out _, out _));

    [Theory]
    [InlineData("root-key-sentinel-is-ta-20326.", SecurityStatus.Secure)]   // true claim
    [InlineData("root-key-sentinel-not-ta-19036.", SecurityStatus.Secure)]  // true claim
    [InlineData("root-key-sentinel-is-ta-19036.", SecurityStatus.Bogus)]    // 19036 is not an anchor here
    [InlineData("root-key-sentinel-not-ta-20326.", SecurityStatus.Bogus)]   // 20326 is one
    [InlineData("www.example.", SecurityStatus.Secure)]
    public void SecureAnswers_TurnBogus_OnlyWhenTheClaimIsFalse_Rfc8509Section3_2(string qname, SecurityStatus expected)
    {
        ValidationOutcome result = RootKeySentinel.Apply(DnsName.Parse(qname), RrType.A, Outcome(SecurityStatus.Secure), RootAnchorWithTag(20326), s_now);
        Assert.Equal(expected, result.Status);
        if (expected == SecurityStatus.Bogus)
        {
            Assert.Equal(ValidationFailureKind.RootKeySentinel, result.Failure!.Kind);
            Assert.Equal(ExtendedErrorCode.DnssecBogus, result.Failure.ExtendedErrorCode);
        }
    }

    [Theory]
    [InlineData(SecurityStatus.Insecure)]
    [InlineData(SecurityStatus.Indeterminate)]
    [InlineData(SecurityStatus.Bogus)]
    public void AnswersThatAreNotSecure_AreLeftAlone(SecurityStatus status)
    {
        ValidationOutcome outcome = Outcome(status);
        Assert.Same(outcome, RootKeySentinel.Apply(DnsName.Parse("root-key-sentinel-is-ta-19036."), RrType.A, outcome, RootAnchorWithTag(20326), s_now));
    }

    [Theory]
    [InlineData(RrType.TXT)]
    [InlineData(RrType.MX)]
    [InlineData(RrType.DNSKEY)]
    public void OtherQuestionTypes_AreOrdinaryQuestions_Rfc8509Section3_2(RrType type)
    {
        // A false claim (19036 is not an anchor here) that would turn an A answer Bogus.
        ValidationOutcome outcome = Outcome(SecurityStatus.Secure);
        Assert.Same(outcome, RootKeySentinel.Apply(DnsName.Parse("root-key-sentinel-is-ta-19036."), type, outcome, RootAnchorWithTag(20326), s_now));
        Assert.Equal(SecurityStatus.Bogus, RootKeySentinel.Apply(DnsName.Parse("root-key-sentinel-is-ta-19036."), RrType.AAAA, outcome, RootAnchorWithTag(20326), s_now).Status);
    }

    [Fact]
    public async Task EndToEnd_TxtQuestion_IsValidatedAsAnOrdinaryName_Rfc8509Section3_2()
    {
        ZoneHierarchy hierarchy = ScenarioZones.Standard;
        ushort rootKsk = KeyTags.Compute(hierarchy["."].Ksks[0].Dnskey);
        await using SignedNetwork net = SignedNetwork.Start(hierarchy);

        using DnsResolver resolver = net.Resolver();
        ResolveResult notTaTxt = await resolver.ResolveAsync(DnsName.Parse($"root-key-sentinel-not-ta-{rootKsk:D5}."), RrType.TXT, CancellationToken.None);
        Assert.Equal((SecurityStatus.Secure, ResponseCode.NXDomain), (notTaTxt.Status, notTaTxt.ResponseCode));
        Assert.Null(notTaTxt.Reason);
    }

    [Fact]
    public async Task EndToEnd_TheRootKskTagDecidesTheAnswer_AndTheOptionTurnsItOff()
    {
        ZoneHierarchy hierarchy = ScenarioZones.Standard;
        ushort rootKsk = KeyTags.Compute(hierarchy["."].Ksks[0].Dnskey);
        ushort other = (ushort)(rootKsk == 1 ? 2 : 1);
        await using SignedNetwork net = SignedNetwork.Start(hierarchy);

        using DnsResolver resolver = net.Resolver();
        ResolveResult isTa = await resolver.ResolveAsync(DnsName.Parse($"root-key-sentinel-is-ta-{rootKsk:D5}."), RrType.A, CancellationToken.None);
        ResolveResult notTa = await resolver.ResolveAsync(DnsName.Parse($"root-key-sentinel-not-ta-{rootKsk:D5}."), RrType.A, CancellationToken.None);
        ResolveResult otherIsTa = await resolver.ResolveAsync(DnsName.Parse($"root-key-sentinel-is-ta-{other:D5}."), RrType.A, CancellationToken.None);

        Assert.Equal((SecurityStatus.Secure, ResponseCode.NXDomain), (isTa.Status, isTa.ResponseCode));
        Assert.Equal(SecurityStatus.Bogus, notTa.Status);
        Assert.Equal(ValidationFailureKind.RootKeySentinel, notTa.Reason!.Kind);
        Assert.Equal(SecurityStatus.Bogus, otherIsTa.Status);

        using DnsResolver off = net.Resolver(configure: o => o.Validation.RootKeySentinel = false);
        ResolveResult plain = await off.ResolveAsync(DnsName.Parse($"root-key-sentinel-not-ta-{rootKsk:D5}."), RrType.A, CancellationToken.None);
        Assert.Equal((SecurityStatus.Secure, ResponseCode.NXDomain), (plain.Status, plain.ResponseCode));
    }
}

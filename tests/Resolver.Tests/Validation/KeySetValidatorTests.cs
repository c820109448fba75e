// KeySetValidatorTests: a zone's DNSKEY RRset against the parent's DS set or a trust anchor
// (RFC 4035 §5.2), including the rules PITFALLS.md lists under "Verdicts" and "Chain of authentication".
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using Resolver.Validation;

namespace Resolver.Tests.Validation;

public sealed class KeySetValidatorTests
{
    private static readonly DnsName Zone = DnsName.Parse("example.");
    private static readonly DateTimeOffset Now = ZoneSigningOptions.ValidAt;

    private static SignedZone SignedZone(params DnssecAlgorithm[] algorithms) =>
        ZoneSigner.Sign(
            Resolver.Protocol.Text.ZoneFileReader.Parse("@ 3600 IN SOA ns1 h 1 2 3 4 300\n@ 3600 IN NS ns1\nns1 3600 IN A 192.0.2.1", Zone),
            ZoneSigningOptions.For(Zone, splitKeys: true, algorithms.Length == 0 ? [DnssecAlgorithm.EcdsaP256Sha256] : algorithms));

    private static KeySetResult Validate(SignedZone zone, IReadOnlyList<DsData> ds, IReadOnlyList<DnskeyData>? anchors = null, WorkBudget? budget = null) =>
        KeySetValidator.Validate(new(Zone, zone.Find(Zone, RrType.DNSKEY), ds, anchors ?? []), Context(SignatureCheckOptions.Default, budget ?? new WorkBudget(100, 100)));

    private static CheckContext Context(SignatureCheckOptions options, WorkBudget budget) => new(Now, options, budget, new ValidatorOptions());

    private static List<DsData> Ds(SignedZone zone, params DigestType[] digests) =>
        [.. zone.CreateDsRecords(3600, digests.Length == 0 ? [DigestType.Sha256] : digests).Select(r => (DsData)r.Data)];

    [Fact]
    public void DsMatchingKskThatSignedDnskeyRrset_IsSecure()
    {
        SignedZone zone = SignedZone();
        KeySetResult result = Validate(zone, Ds(zone));
        Assert.Equal(SecurityStatus.Secure, result.Status);
        Assert.NotNull(result.Keys);
        Assert.Single(result.MatchedDs);
        Assert.Equal(zone.Ksks[0].KeyTag, result.Signature!.KeyTag);
        Assert.True(result.Ttl is > 0 and <= 3600);
    }

    [Fact]
    public void DnskeyTrustAnchor_IsSecure()
    {
        SignedZone zone = SignedZone();
        Assert.Equal(SecurityStatus.Secure, Validate(zone, [], [zone.Ksks[0].Dnskey]).Status);
    }

    [Fact]
    public void DsToPublishedKeyThatDidNotSign_IsBogus_PitfallKskUnsigned()
    {
        SignedZone zone = SignedZone().SignDnskeyWithZsksOnly();
        KeySetResult result = Validate(zone, Ds(zone));
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(ValidationFailureKind.DsKeyDidNotSign, result.Failure!.Kind);
        Assert.Equal(ExtendedErrorCode.DnssecBogus, result.Failure.ExtendedErrorCode);
    }

    [Fact]
    public void DsMatchingNoKey_IsBogus_DnskeyMissingEde()
    {
        SignedZone zone = SignedZone();
        List<DsData> wrong = [.. Ds(zone).Select(ZoneBreaker.AlterDigest)];
        KeySetResult result = Validate(zone, wrong);
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(ValidationFailureKind.NoKeyMatchesDs, result.Failure!.Kind);
        Assert.Equal(ExtendedErrorCode.DnskeyMissing, result.Failure.ExtendedErrorCode);
    }

    [Fact]
    public void DsButNoDnskeyRrset_IsBogus_PitfallDsPlusUnsignedChild()
    {
        SignedZone zone = SignedZone();
        KeySetResult result = KeySetValidator.Validate(new(Zone, null, Ds(zone), []), Context(SignatureCheckOptions.Default, new WorkBudget(100, 100)));
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(ValidationFailureKind.DnskeyMissing, result.Failure!.Kind);
    }

    [Fact]
    public void OnlyUnknownDigest_IsInsecure_NotBogus_Rfc4035Section5_2()
    {
        SignedZone zone = SignedZone();
        DsData good = Ds(zone)[0];
        var unknown = new DsData(good.KeyTag, good.Algorithm, (DigestType)99, good.Digest);
        KeySetResult result = Validate(zone, [unknown]);
        Assert.Equal(SecurityStatus.Insecure, result.Status);
        Assert.Equal(ValidationFailureKind.UnsupportedDigest, result.Failure!.Kind);
        Assert.Equal(ExtendedErrorCode.UnsupportedDsDigestType, result.Failure.ExtendedErrorCode);
    }

    [Fact]
    public void OnlyUnsupportedAlgorithm_IsInsecure_Rfc6840Section5_2()
    {
        SignedZone zone = SignedZone();
        DsData good = Ds(zone)[0];
        var policy = DnssecAlgorithmPolicy.Default.Without(DnssecAlgorithm.EcdsaP256Sha256);
        KeySetResult result = KeySetValidator.Validate(new(Zone, zone.Find(Zone, RrType.DNSKEY), [good], []),
            Context(SignatureCheckOptions.Default with { Policy = policy }, new WorkBudget(100, 100)));
        Assert.Equal(SecurityStatus.Insecure, result.Status);
        Assert.Equal(ValidationFailureKind.UnsupportedAlgorithm, result.Failure!.Kind);
    }

    [Fact]
    public void UnknownDigestNextToGoodDs_IsIgnored()
    {
        SignedZone zone = SignedZone();
        DsData good = Ds(zone)[0];
        var unknown = new DsData(good.KeyTag, good.Algorithm, (DigestType)99, [1, 2, 3]);
        Assert.Equal(SecurityStatus.Secure, Validate(zone, [unknown, good]).Status);
    }

    [Fact]
    public void GoodSha1WithWrongSha256_IsBogus_Rfc4509Section3()
    {
        SignedZone zone = SignedZone();
        DsData sha1 = Ds(zone, DigestType.Sha1)[0];
        DsData wrongSha256 = ZoneBreaker.AlterDigest(Ds(zone, DigestType.Sha256)[0]);
        KeySetResult result = Validate(zone, [sha1, wrongSha256]);
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Contains("RFC 4509", result.Failure!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongSha1WithGoodSha256_IsSecure_Rfc4509Section3()
    {
        SignedZone zone = SignedZone();
        DsData wrongSha1 = ZoneBreaker.AlterDigest(Ds(zone, DigestType.Sha1)[0]);
        DsData sha256 = Ds(zone, DigestType.Sha256)[0];
        Assert.Equal(SecurityStatus.Secure, Validate(zone, [wrongSha1, sha256]).Status);
    }

    [Fact]
    public void AnyOneAlgorithmSuffices_Rfc6840Section5_11()
    {
        SignedZone zone = SignedZone(DnssecAlgorithm.RsaSha256, DnssecAlgorithm.EcdsaP256Sha256);
        List<DsData> ds = Ds(zone);
        Assert.Equal(2, ds.Count);
        // A DS set whose RSA DS is wrong still validates through the ECDSA one.
        List<DsData> mixed = [.. ds.Select(d => d.Algorithm == DnssecAlgorithm.RsaSha256 ? ZoneBreaker.AlterDigest(d) : d)];
        Assert.Equal(SecurityStatus.Secure, Validate(zone, mixed).Status);
    }

    [Fact]
    public void ExpiredDnskeySignature_IsBogus_WithSignatureExpiredEde()
    {
        SignedZone zone = SignedZone().ResignRrSet(Zone, RrType.DNSKEY, inception: 1_000_000_000, expiration: 1_100_000_000);
        KeySetResult result = Validate(zone, Ds(zone));
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(ValidationFailureKind.SignatureExpired, result.Failure!.Kind);
        Assert.Equal(ExtendedErrorCode.SignatureExpired, result.Failure.ExtendedErrorCode);
        Assert.Contains("key tag", result.Failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ExhaustedBudget_IsBogus_WorkLimitExceeded_NotAHang()
    {
        SignedZone zone = SignedZone();
        var budget = new WorkBudget(maxSignatureValidations: 0, maxNsec3Hashes: 0);
        KeySetResult result = Validate(zone, Ds(zone), budget: budget);
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(ValidationFailureKind.WorkLimitExceeded, result.Failure!.Kind);
    }

    [Fact]
    public void UnsignedDnskeyRrset_IsBogus_RrsigsMissingEde10()
    {
        SignedZone zone = SignedZone().StripSignatures(Zone, RrType.DNSKEY);
        KeySetResult result = Validate(zone, Ds(zone));
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(ValidationFailureKind.MissingSignatures, result.Failure!.Kind);
        Assert.Equal(ExtendedErrorCode.RrsigsMissing, result.Failure.ExtendedErrorCode);
    }
}

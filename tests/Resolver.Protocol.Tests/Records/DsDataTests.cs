// DsDataTests: DS record data (RFC 4034 §5), with the RFC 4034 §5.4 example and the RFC 4509 §2.3
// SHA-256 digest of the same key, recomputed from this library's wire forms.
using System.Security.Cryptography;
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class DsDataTests
{
    [Fact]
    public void Rfc4034_Section5_4_Example()
    {
        var data = RdataText.AssertParsesTo<DsData>(
            RrType.DS, "60485 5 1 2BB183AF5F22588179A53B0A 98631FAD1A292118", "EC4505012BB183AF5F22588179A53B0A98631FAD1A292118");
        Assert.Equal(60485, data.KeyTag);
        Assert.Equal(DnssecAlgorithm.RsaSha1, data.Algorithm);
        Assert.Equal(DigestType.Sha1, data.DigestType);
        Assert.Equal(Convert.FromHexString("2BB183AF5F22588179A53B0A98631FAD1A292118"), data.Digest.ToArray());
        Assert.Equal("60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118", data.ToString());
    }

    [Fact]
    public void Rfc4509_Section2_3_DigestIsSha256OfOwnerAndDnskey()
    {
        var ds = RdataText.Parse<DsData>(RrType.DS, "60485 5 2 d4b7d520e7bb5f0f67674a0cceb1e3e0614b93c4f9e99b8383f6a1e4469da50a");
        var key = RdataText.Parse<DnskeyData>(RrType.DNSKEY, DnskeyDataTests.Rfc4034Section54Text);
        byte[] signed = [.. DnsName.Parse("dskey.example.com.").WireForm, .. key.ToWire(canonical: true)];
        Assert.Equal(SHA256.HashData(signed), ds.Digest.ToArray());
        Assert.Equal(ds.KeyTag, DnskeyDataTests.KeyTag(key.ToWire()));
        Assert.Equal("60485 5 2 D4B7D520E7BB5F0F67674A0CCEB1E3E0614B93C4F9E99B8383F6A1E4469DA50A", ds.ToString());
        RdataText.AssertRoundTrips(ds);
    }

    [Fact]
    public void Equality_ComparesDigestBytes()
    {
        var a = new DsData(1, DnssecAlgorithm.EcdsaP256Sha256, DigestType.Sha256, [1, 2, 3]);
        Assert.Equal(a, new DsData(1, DnssecAlgorithm.EcdsaP256Sha256, DigestType.Sha256, [1, 2, 3]));
        Assert.NotEqual(a, new DsData(1, DnssecAlgorithm.EcdsaP256Sha256, DigestType.Sha256, [1, 2, 4]));
        Assert.NotEqual(a, new DsData(2, DnssecAlgorithm.EcdsaP256Sha256, DigestType.Sha256, [1, 2, 3]));
    }

    [Theory]
    [InlineData("EC4505")]
    [InlineData("")]
    public void FromWire_ShorterThanFourBytes_Throws(string hex) => RdataText.AssertMalformedWire(RrType.DS, hex);

    [Theory]
    [InlineData("60485 5 1")]
    [InlineData("60485 5 1 2BB1Z3")]
    [InlineData("60485 5 1 2BB")]
    [InlineData("70000 5 1 2BB183")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.DS, text);
}

// DsDigestTests: DS digest types, unsupported digests and algorithms as results (never errors),
// policy narrowing, and the RFC 4034 Appendix B.1 key tag of algorithm 1.
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Dnssec;

public sealed class DsDigestTests
{
    private static (DnsName Owner, DnskeyData Key) Rfc6605Key()
    {
        var v = RfcVectors.Load(RfcVectors.Rfc6605Section61);
        return (v.Keys.Name, (DnskeyData)v.Keys.Data.Single());
    }

    [Theory]
    [InlineData(DigestType.Sha1, 20)]
    [InlineData(DigestType.Sha256, 32)]
    [InlineData(DigestType.Sha384, 48)]
    public void CreatedDs_MatchesItsKey(DigestType type, int length)
    {
        var (owner, key) = Rfc6605Key();
        DsData ds = DsDigest.CreateDs(owner, key, type)!;
        Assert.Equal(length, ds.Digest.Length);
        Assert.Equal(key.KeyTag, ds.KeyTag);
        Assert.Equal(DsMatchStatus.Match, DsDigest.Match(owner, ds, key));
    }

    [Theory]
    [InlineData((byte)3)]
    [InlineData((byte)0)]
    [InlineData((byte)99)]
    public void GostAndUnknownDigests_AreUnsupportedNotErrors(byte type)
    {
        var (owner, key) = Rfc6605Key();
        var ds = new DsData(key.KeyTag, key.Algorithm, (DigestType)type, new byte[32]);
        Assert.Equal(DsMatchStatus.UnsupportedDigest, DsDigest.Match(owner, ds, key));
        Assert.Null(DsDigest.CreateDs(owner, key, (DigestType)type));
        Assert.False(DsDigest.TryCompute(owner, key, (DigestType)type, new byte[64], out _));
    }

    [Fact]
    public void PolicyWithoutSha1_MakesSha1DsUnsupported()
    {
        var (owner, key) = Rfc6605Key();
        DsData sha1 = DsDigest.CreateDs(owner, key, DigestType.Sha1)!;
        DnssecAlgorithmPolicy noSha1 = DnssecAlgorithmPolicy.Default.WithoutSha1();
        Assert.Equal(DsMatchStatus.UnsupportedDigest, DsDigest.Match(owner, sha1, key, noSha1));
        Assert.Equal(DsMatchStatus.Match, DsDigest.Match(owner, DsDigest.CreateDs(owner, key, DigestType.Sha256)!, key, noSha1));
    }

    [Fact]
    public void DsForUnsupportedAlgorithm_IsReported()
    {
        var (owner, key) = Rfc6605Key();
        DsData ds = DsDigest.CreateDs(owner, key, DigestType.Sha256)!;
        var policy = DnssecAlgorithmPolicy.Default.Without(DnssecAlgorithm.EcdsaP256Sha256);
        Assert.Equal(DsMatchStatus.UnsupportedAlgorithm, DsDigest.Match(owner, ds, key, policy));
        var dsa = new DsData(ds.KeyTag, DnssecAlgorithm.DsaSha1, DigestType.Sha256, ds.Digest);
        Assert.Equal(DsMatchStatus.UnsupportedAlgorithm, DsDigest.Match(owner, dsa, key));
    }

    [Fact]
    public void Mismatches_SayWhich()
    {
        var (owner, key) = Rfc6605Key();
        DsData ds = DsDigest.CreateDs(owner, key, DigestType.Sha256)!;
        Assert.Equal(DsMatchStatus.KeyTagMismatch, DsDigest.Match(owner, new DsData((ushort)(ds.KeyTag + 1), ds.Algorithm, ds.DigestType, ds.Digest), key));
        Assert.Equal(DsMatchStatus.AlgorithmMismatch, DsDigest.Match(owner, new DsData(ds.KeyTag, DnssecAlgorithm.Ed25519, ds.DigestType, ds.Digest), key));
        byte[] flipped = ds.Digest.ToArray();
        flipped[^1] ^= 1;
        Assert.Equal(DsMatchStatus.DigestMismatch, DsDigest.Match(owner, new DsData(ds.KeyTag, ds.Algorithm, ds.DigestType, flipped), key));
        Assert.Equal(DsMatchStatus.DigestMismatch, DsDigest.Match(owner, new DsData(ds.KeyTag, ds.Algorithm, ds.DigestType, ds.Digest[..20]), key));
    }

    [Fact]
    public void OwnerCase_DoesNotChangeTheDigest()
    {
        var (owner, key) = Rfc6605Key();
        Assert.Equal(DsDigest.CreateDs(owner, key, DigestType.Sha256), DsDigest.CreateDs(DnsName.Parse("EXAMPLE.Net."), key, DigestType.Sha256));
    }

    [Fact]
    public void Rfc4034_AppendixB1_Algorithm1KeyTag_IsFromTheModulusEnd()
    {
        // Algorithm 1: the tag is the 16 bits before the last octet of the public key (the modulus end).
        var key = new DnskeyData(256, 3, DnssecAlgorithm.RsaMd5, [1, 3, 0xAA, 0xBB, 0x12, 0x34, 0x56]);
        Assert.Equal(0x1234, key.KeyTag);
        Assert.Equal(0, new DnskeyData(256, 3, DnssecAlgorithm.RsaMd5, [1, 3]).KeyTag);
    }

    [Fact]
    public void Rfc4034_AppendixB_OddLengthKey_PadsTheLastOctet()
    {
        // RDATA 01 00 03 0F | 12 34 56: words 0x0100 + 0x030F + 0x1234 + 0x5600 = 0x6C43.
        var key = new DnskeyData(0x0100, 3, (DnssecAlgorithm)15, [0x12, 0x34, 0x56]);
        Assert.Equal(0x6C43, key.KeyTag);
        // With a carry: 0xFFFF + 0x0300 + 0x0001 = 0x10300 -> 0x0300 + 0x1 = 0x0301.
        var carry = new DnskeyData(0xFFFF, 3, 0, [0x00, 0x01]);
        Assert.Equal(0x0301, carry.KeyTag);
    }

    [Fact]
    public void DefaultPolicy_ListsExactlyTheImplementedAlgorithms()
    {
        Assert.Equal(
            [DnssecAlgorithm.RsaSha1, DnssecAlgorithm.RsaSha1Nsec3Sha1, DnssecAlgorithm.RsaSha256, DnssecAlgorithm.RsaSha512,
             DnssecAlgorithm.EcdsaP256Sha256, DnssecAlgorithm.EcdsaP384Sha384, DnssecAlgorithm.Ed25519, DnssecAlgorithm.Ed448],
            DnssecAlgorithmPolicy.Default.Algorithms.ToArray());
        Assert.Equal([DigestType.Sha1, DigestType.Sha256, DigestType.Sha384], DnssecAlgorithmPolicy.Default.DigestTypes.ToArray());
        foreach (byte a in new byte[] { 1, 2, 3, 6, 12, 252, 253, 254, 255 })
        {
            Assert.False(DnssecAlgorithmPolicy.Default.Supports((DnssecAlgorithm)a));
        }

        Assert.False(DnssecAlgorithmPolicy.Default.Supports(DigestType.Gost));
        var narrowed = DnssecAlgorithmPolicy.Default.Intersect([DnssecAlgorithm.Ed25519, DnssecAlgorithm.RsaMd5], [DigestType.Sha256]);
        Assert.Equal([DnssecAlgorithm.Ed25519], narrowed.Algorithms.ToArray());
        Assert.Equal([DigestType.Sha256], narrowed.DigestTypes.ToArray());
    }
}

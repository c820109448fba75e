// RfcVectorTests: key tags, DS digests and signatures from the RFC examples (RFC 4034, 5702, 6605,
// 8080) verified end to end through zone text, RrSet grouping, signed data and the verifiers.
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Dnssec;

public sealed class RfcVectorTests
{
    [Fact]
    public void Rfc4034_Section23_KeyTagIs2642()
    {
        var v = RfcVectors.Load(RfcVectors.Rfc4034Section23);
        var key = (DnskeyData)v.Keys.Data.Single();
        Assert.Equal(2642, KeyTags.Compute(key));
        Assert.Equal(2642, key.KeyTag);
    }

    [Fact]
    public void Rfc4034_Section54_DsDigestAndKeyTag()
    {
        var v = RfcVectors.Load(RfcVectors.Rfc4034Section54);
        var key = (DnskeyData)v.Keys.Data.Single();
        DsData ds = v.DsRecords.Single();
        Assert.Equal(60485, key.KeyTag);
        Assert.Equal(DsMatchStatus.Match, DsDigest.Match(v.Keys.Name, ds, key));
        Assert.Equal(ds, DsDigest.CreateDs(DnsName.Parse("DSKEY.Example.COM."), key, DigestType.Sha1));
    }

    [Theory]
    [InlineData(nameof(RfcVectors.Rfc5702Section61), 9033)]
    [InlineData(nameof(RfcVectors.Rfc5702Section62), 3740)]
    [InlineData(nameof(RfcVectors.Rfc6605Section61), 55648)]
    [InlineData(nameof(RfcVectors.Rfc6605Section62), 10771)]
    [InlineData(nameof(RfcVectors.Rfc8080Ed25519Example1), 3613)]
    [InlineData(nameof(RfcVectors.Rfc8080Ed25519Example2), 35217)]
    [InlineData(nameof(RfcVectors.Rfc8080Ed448Example1), 9713)]
    [InlineData(nameof(RfcVectors.Rfc8080Ed448Example2), 38353)]
    public void RfcExample_SignatureVerifies(string vector, int keyTag)
    {
        var v = RfcVectors.Load(Text(vector));
        var key = (DnskeyData)v.Keys.Data.Single();
        Assert.Equal(keyTag, key.KeyTag);
        SignatureCheckResult result = SignatureVerifier.Check(v.Data, v.Signature, v.Keys, v.Keys.Name, RfcVectors.InsideWindow(v.Signature));
        Assert.Equal(SignatureStatus.Valid, result.Status);
        Assert.Equal(1, result.VerificationsPerformed);
        Assert.Same(key, result.Key);
        Assert.Equal((ushort)keyTag, result.KeyTag);
    }

    [Theory]
    [InlineData(nameof(RfcVectors.Rfc5702Section61))]
    [InlineData(nameof(RfcVectors.Rfc5702Section62))]
    [InlineData(nameof(RfcVectors.Rfc6605Section61))]
    [InlineData(nameof(RfcVectors.Rfc6605Section62))]
    [InlineData(nameof(RfcVectors.Rfc8080Ed25519Example1))]
    [InlineData(nameof(RfcVectors.Rfc8080Ed448Example1))]
    public void RfcExample_AnyFlippedSignatureBit_IsBadSignature(string vector)
    {
        var v = RfcVectors.Load(Text(vector));
        DateTimeOffset now = RfcVectors.InsideWindow(v.Signature);
        byte[] sig = v.Signature.Signature.ToArray();
        foreach (int index in new[] { 0, sig.Length / 2, sig.Length - 1 })
        {
            byte[] broken = (byte[])sig.Clone();
            broken[index] ^= 0x01;
            RrsigData bad = WithSignature(v.Signature, broken);
            SignatureCheckResult result = SignatureVerifier.Check(v.Data, bad, v.Keys, v.Keys.Name, now);
            Assert.Equal(SignatureStatus.BadSignature, result.Status);
            Assert.Equal(1, result.VerificationsPerformed);
        }
    }

    [Theory]
    [InlineData(nameof(RfcVectors.Rfc5702Section61))]
    [InlineData(nameof(RfcVectors.Rfc6605Section61))]
    [InlineData(nameof(RfcVectors.Rfc8080Ed25519Example2))]
    public void RfcExample_ChangedData_IsBadSignature(string vector)
    {
        var v = RfcVectors.Load(Text(vector));
        RecordData other = v.Data.Type == RrType.A
            ? new AData(System.Net.IPAddress.Parse("192.0.2.254"))
            : new MxData(10, DnsName.Parse("mail2.example.com."));
        var changed = new RrSet(v.Data.Name, v.Data.Class, v.Data.Type, v.Data.Ttl, [other]);
        Assert.Equal(SignatureStatus.BadSignature,
            SignatureVerifier.Check(changed, v.Signature, v.Keys, v.Keys.Name, RfcVectors.InsideWindow(v.Signature)).Status);
    }

    [Fact]
    public void RfcExample_OwnerAndRdataCase_DoNotMatter()
    {
        var v = RfcVectors.Load(RfcVectors.Rfc8080Ed25519Example1);
        var upper = new RrSet(DnsName.Parse("EXAMPLE.com."), RrClass.IN, RrType.MX, 3600, [new MxData(10, DnsName.Parse("MAIL.Example.COM."))]);
        Assert.Equal(SignatureStatus.Valid,
            SignatureVerifier.Check(upper, v.Signature, v.Keys, DnsName.Parse("Example.Com."), RfcVectors.InsideWindow(v.Signature)).Status);
    }

    [Theory]
    [InlineData(nameof(RfcVectors.Rfc6605Section61))]
    [InlineData(nameof(RfcVectors.Rfc6605Section62))]
    [InlineData(nameof(RfcVectors.Rfc8080Ed25519Example1))]
    [InlineData(nameof(RfcVectors.Rfc8080Ed25519Example2))]
    [InlineData(nameof(RfcVectors.Rfc8080Ed448Example1))]
    [InlineData(nameof(RfcVectors.Rfc8080Ed448Example2))]
    public void RfcExample_DsMatchesKey(string vector)
    {
        var v = RfcVectors.Load(Text(vector));
        var key = (DnskeyData)v.Keys.Data.Single();
        DsData ds = v.DsRecords.Single();
        Assert.Equal(DsMatchStatus.Match, DsDigest.Match(v.Keys.Name, ds, key));
        Assert.Equal(ds, DsDigest.CreateDs(v.Keys.Name, key, ds.DigestType));
        // The digest covers the owner: the same key under another name does not match.
        Assert.Equal(DsMatchStatus.DigestMismatch, DsDigest.Match(DnsName.Parse("example.org."), ds, key));
    }

    internal static RrsigData WithSignature(RrsigData s, byte[] signature) =>
        new(s.TypeCovered, s.Algorithm, s.Labels, s.OriginalTtl, s.SignatureExpiration, s.SignatureInception, s.KeyTag, s.SignerName, signature);

    private static string Text(string name) =>
        (string)typeof(RfcVectors).GetField(name)!.GetValue(null)!;
}

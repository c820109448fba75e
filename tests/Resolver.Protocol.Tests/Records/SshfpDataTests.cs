// SshfpDataTests: SSHFP record data (RFC 4255), with the RFC 4255 §3.3 example and the SHA-256
// and Ed25519 numbers of RFC 6594 and RFC 7479.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class SshfpDataTests
{
    [Fact]
    public void Rfc4255_Section3_3_Example()
    {
        var data = RdataText.AssertParsesTo<SshfpData>(
            RrType.SSHFP, "2 1 123456789abcdef67890123456789abcdef67890", "0201123456789ABCDEF67890123456789ABCDEF67890");
        Assert.Equal(2, data.Algorithm); // DSA
        Assert.Equal(1, data.FingerprintType); // SHA-1
        Assert.Equal("2 1 123456789ABCDEF67890123456789ABCDEF67890", data.ToString());
    }

    [Fact]
    public void Rfc7479_Ed25519WithSha256_RoundTrips() =>
        RdataText.AssertRoundTrips(RdataText.Parse(RrType.SSHFP, "4 2 a87f1b687ac0e57d2a081a2f282672334d90ed316d2b818ca9580ea384d92401"));

    [Fact]
    public void EmptyFingerprint_UsesTheGenericForm() => RdataText.AssertRoundTrips(new SshfpData(1, 1, []));

    [Theory]
    [InlineData("")]
    [InlineData("01")]
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.SSHFP, hex);

    [Theory]
    [InlineData("2 1")]
    [InlineData("2 256 AB")]
    [InlineData("2 1 GG")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.SSHFP, text);
}

// Nsec3ParamDataTests: NSEC3PARAM record data (RFC 5155 §4), with the RFC 5155 Appendix A record.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class Nsec3ParamDataTests
{
    [Fact]
    public void Rfc5155_AppendixA_Nsec3Param()
    {
        var data = RdataText.AssertParsesTo<Nsec3ParamData>(RrType.NSEC3PARAM, "1 0 12 aabbccdd", "0100000C04AABBCCDD");
        Assert.Equal(1, data.HashAlgorithm);
        Assert.Equal(0, data.Flags);
        Assert.Equal(12, data.Iterations);
        Assert.Equal(Convert.FromHexString("AABBCCDD"), data.Salt.ToArray());
        Assert.Equal(data.Salt.ToArray(), data.SaltArray);
        Assert.Equal("1 0 12 AABBCCDD", data.ToString());
    }

    [Fact]
    public void EmptySalt_IsDash()
    {
        var data = RdataText.AssertParsesTo<Nsec3ParamData>(RrType.NSEC3PARAM, "1 0 0 -", "0100000000");
        Assert.Equal("1 0 0 -", data.ToString());
    }

    [Fact]
    public void LongestSalt_RoundTrips() =>
        RdataText.AssertRoundTrips(new Nsec3ParamData(1, 0, 100, Enumerable.Range(0, 255).Select(i => (byte)i).ToArray()));

    [Fact]
    public void Constructor_RejectsLongSalt() =>
        Assert.Throws<ArgumentException>(() => new Nsec3ParamData(1, 0, 0, new byte[256]));

    [Theory]
    [InlineData("01000000")] // shorter than 5 bytes
    [InlineData("")]
    [InlineData("0100000C05AABBCCDD")] // salt length past the end
    [InlineData("0100000C03AABBCCDD")] // a byte left after the salt
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.NSEC3PARAM, hex);

    [Theory]
    [InlineData("1 0 12")]
    [InlineData("1 0 12 aabbccdd extra")]
    [InlineData("1 0 12 zz")]
    [InlineData("1 0 12 aa bb")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.NSEC3PARAM, text);
}

// UriDataTests: URI record data (RFC 7553 §4), with the RFC 7553 example.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class UriDataTests
{
    [Fact]
    public void Rfc7553_Section4_5_FtpExample()
    {
        var data = RdataText.AssertParsesTo<UriData>(
            RrType.URI, "10 1 \"ftp://ftp1.example.com/public\"", "000A0001" + Convert.ToHexString("ftp://ftp1.example.com/public"u8));
        Assert.Equal(10, data.Priority);
        Assert.Equal(1, data.Weight);
        Assert.Equal("ftp://ftp1.example.com/public", data.TargetText);
        Assert.Equal("10 1 \"ftp://ftp1.example.com/public\"", data.ToString());
    }

    [Fact]
    public void TargetLongerThan255Bytes_RoundTrips() =>
        RdataText.AssertRoundTrips(new UriData(1, 2, System.Text.Encoding.ASCII.GetBytes("https://example.com/" + new string('p', 400))));

    [Theory]
    [InlineData("")]
    [InlineData("000A0001")] // empty target: RFC 7553 §4.4
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.URI, hex);

    [Theory]
    [InlineData("10 1")]
    [InlineData("10 1 \"\"")]
    [InlineData("10 70000 \"http://x/\"")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.URI, text);
}

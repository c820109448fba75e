// CaaDataTests: CAA record data (RFC 8659 §4), with the RFC 8659 examples: issue, issue with
// parameters, iodef, and a critical unknown tag; values longer than 255 bytes; bad tags refused.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class CaaDataTests
{
    [Fact]
    public void Rfc8659_Section4_IssueExample()
    {
        var data = RdataText.AssertParsesTo<CaaData>(
            RrType.CAA, "0 issue \"ca.example.net\"", "00056973737565" + Convert.ToHexString("ca.example.net"u8));
        Assert.Equal("issue", data.Tag);
        Assert.Equal("ca.example.net", data.ValueText);
        Assert.False(data.IsCritical);
        Assert.Equal("0 issue \"ca.example.net\"", data.ToString());
    }

    [Theory]
    [InlineData("0 issue \"ca.example.net; account=230123\"")] // RFC 8659 §4.2
    [InlineData("0 issue \";\"")]                              // RFC 8659 §4.2: no CA may issue
    [InlineData("0 iodef \"mailto:security@example.com\"")]   // RFC 8659 §4.4
    [InlineData("0 iodef \"https://iodef.example.com/\"")]
    [InlineData("0 issuewild \"\"")]
    public void Rfc8659_Examples_RoundTrip(string text) => RdataText.AssertRoundTrips(RdataText.Parse(RrType.CAA, text));

    [Fact]
    public void Rfc8659_Section4_1_CriticalUnknownTag()
    {
        var data = RdataText.Parse<CaaData>(RrType.CAA, "128 tbs \"Unknown\"");
        Assert.True(data.IsCritical);
        Assert.Equal("tbs", data.Tag);
    }

    [Fact]
    public void ValueLongerThan255Bytes_RoundTrips() =>
        RdataText.AssertRoundTrips(new CaaData(0, "issue", System.Text.Encoding.ASCII.GetBytes(new string('a', 600))));

    [Fact]
    public void UnquotedValue_IsRead() =>
        Assert.Equal("ca.example.net", RdataText.Parse<CaaData>(RrType.CAA, "0 issue ca.example.net").ValueText);

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("0000")] // empty tag: RFC 8659 §4.1
    [InlineData("000669737375")] // tag runs past the data
    [InlineData("0002692D")] // "i-": not letters and digits
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.CAA, hex);

    [Theory]
    [InlineData("0 issue")]
    [InlineData("0 is-sue \"x\"")]
    [InlineData("256 issue \"x\"")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.CAA, text);

    [Fact]
    public void Constructor_RejectsBadTags()
    {
        Assert.Throws<ArgumentException>(() => new CaaData(0, "", []));
        Assert.Throws<ArgumentException>(() => new CaaData(0, "is sue", []));
    }
}

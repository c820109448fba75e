// MxDataTests: MX record data (RFC 1035 §3.3.9) in text and wire form.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class MxDataTests
{
    [Fact]
    public void Parse_PreferenceAndExchange()
    {
        var data = RdataText.AssertParsesTo<MxData>(RrType.MX, "10 mail", "000A" + RdataText.NameHex("mail.example."));
        Assert.Equal(10, data.Preference);
        Assert.Equal(DnsName.Parse("mail.example."), data.Exchange);
        Assert.Equal("10 mail.example.", data.ToString());
    }

    [Theory]
    [InlineData("0 .")] // RFC 7505 null MX
    [InlineData("65535 MX1.Example.COM.")]
    public void RoundTrips(string text) => RdataText.AssertRoundTrips(RdataText.Parse(RrType.MX, text));

    [Theory]
    [InlineData("000A")] // no exchange
    [InlineData("00")]
    [InlineData("000A046D61696C")] // exchange not terminated
    [InlineData("000A0000")] // a byte left over
    [InlineData("")]
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.MX, hex);

    [Theory]
    [InlineData("10")]
    [InlineData("65536 mail.")]
    [InlineData("-1 mail.")]
    [InlineData("mail. 10")]
    [InlineData("10 mail. extra")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.MX, text);
}

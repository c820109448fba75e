// AaaaDataTests: AAAA record data (RFC 3596 §2.2) in text and wire form.
using System.Net;
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class AaaaDataTests
{
    [Fact]
    public void Parse_Address_WritesSixteenBytes()
    {
        var data = RdataText.AssertParsesTo<AaaaData>(RrType.AAAA, "2001:DB8::1", "20010DB8000000000000000000000001");
        Assert.Equal(IPAddress.Parse("2001:db8::1"), data.Address);
        Assert.Equal("2001:db8::1", data.ToString());
    }

    [Theory]
    [InlineData("::")]
    [InlineData("::ffff:192.0.2.1")]
    [InlineData("fe80::1:2:3:4")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void RoundTrips(string text) => RdataText.AssertRoundTrips(RdataText.Parse(RrType.AAAA, text));

    [Theory]
    [InlineData("20010DB80000000000000000000000")] // 15 bytes
    [InlineData("20010DB800000000000000000000000100")] // 17 bytes
    [InlineData("C0000201")]
    [InlineData("")]
    public void FromWire_NotSixteenBytes_Throws(string hex) => RdataText.AssertMalformedWire(RrType.AAAA, hex);

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("fe80::1%2")]
    [InlineData("2001:db8::g")]
    [InlineData("2001:db8:::1")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.AAAA, text);

    [Fact]
    public void Constructor_RejectsIPv4AndScopedAddresses()
    {
        Assert.Throws<ArgumentException>(() => new AaaaData(IPAddress.Loopback));
        Assert.Throws<ArgumentException>(() => new AaaaData(IPAddress.Parse("fe80::1%3")));
    }
}

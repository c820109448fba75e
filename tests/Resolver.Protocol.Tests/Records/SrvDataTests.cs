// SrvDataTests: SRV record data (RFC 2782) in text and wire form.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class SrvDataTests
{
    [Fact]
    public void Parse_AllFields()
    {
        var data = RdataText.AssertParsesTo<SrvData>(
            RrType.SRV, "1 2 5060 sipserver.example.com.", "0001000213C4" + RdataText.NameHex("sipserver.example.com."));
        Assert.Equal(1, data.Priority);
        Assert.Equal(2, data.Weight);
        Assert.Equal(5060, data.Port);
        Assert.Equal(DnsName.Parse("sipserver.example.com."), data.Target);
        Assert.Equal("1 2 5060 sipserver.example.com.", data.ToString());
    }

    [Theory]
    [InlineData("0 0 0 .")] // RFC 2782: "." means the service is not available
    [InlineData("65535 65535 65535 Target.Example.")]
    public void RoundTrips(string text) => RdataText.AssertRoundTrips(RdataText.Parse(RrType.SRV, text));

    [Theory]
    [InlineData("0001000213C4")] // no target
    [InlineData("0001000213")]
    [InlineData("0001000213C40474")] // target truncated
    [InlineData("0001000213C40000")] // a byte left over
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.SRV, hex);

    [Theory]
    [InlineData("1 2 5060")]
    [InlineData("1 2 70000 host.")]
    [InlineData("a 2 5060 host.")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.SRV, text);
}

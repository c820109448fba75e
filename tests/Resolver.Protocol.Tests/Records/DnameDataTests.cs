// DnameDataTests: DNAME record data (RFC 6672) in text and wire form.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class DnameDataTests
{
    [Fact]
    public void Parse_Target_WritesIt()
    {
        var data = RdataText.AssertParsesTo<DnameData>(RrType.DNAME, "example.net.", RdataText.NameHex("example.net."));
        Assert.Equal(DnsName.Parse("example.net."), data.Target);
        Assert.Equal("example.net.", data.ToString());
    }

    [Theory]
    [InlineData(".")]
    [InlineData("Sub.Example.ORG.")]
    public void RoundTrips(string text) => RdataText.AssertRoundTrips(RdataText.Parse(RrType.DNAME, text));

    [Theory]
    [InlineData("076578616D706C65")]
    [InlineData("0000")]
    [InlineData("")]
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.DNAME, hex);

    [Fact]
    public void Parse_TwoNames_Throws() => RdataText.AssertBadText(RrType.DNAME, "a. b.");
}

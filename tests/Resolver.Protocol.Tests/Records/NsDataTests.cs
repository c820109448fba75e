// NsDataTests: NS record data (RFC 1035 §3.3.11) in text and wire form.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class NsDataTests
{
    [Fact]
    public void Parse_RelativeName_CompletesWithOrigin()
    {
        var data = RdataText.AssertParsesTo<NsData>(RrType.NS, "ns1", RdataText.NameHex("ns1.example."));
        Assert.Equal(DnsName.Parse("ns1.example."), data.NameServer);
        Assert.Equal("ns1.example.", data.ToString());
    }

    [Theory]
    [InlineData("a.root-servers.net.")]
    [InlineData(".")]
    [InlineData("NS.Example.COM.")]
    [InlineData("we\\.ird\\032name.example.")]
    public void RoundTrips(string text) => RdataText.AssertRoundTrips(RdataText.Parse(RrType.NS, text));

    [Theory]
    [InlineData("036E7331")] // no terminating root label
    [InlineData("036E733100FF")] // a byte left over after the name
    [InlineData("056E7331")] // label runs past the data
    [InlineData("")]
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.NS, hex);

    [Theory]
    [InlineData("")]
    [InlineData("a..b.")]
    [InlineData("ns1. ns2.")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.NS, text);
}

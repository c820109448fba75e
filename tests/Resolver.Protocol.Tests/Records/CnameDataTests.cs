// CnameDataTests: CNAME record data (RFC 1035 §3.3.1) in text and wire form.
using Resolver.Protocol.Records;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Tests.Records;

public sealed class CnameDataTests
{
    [Fact]
    public void Parse_Name_WritesItUncompressed()
    {
        var data = RdataText.AssertParsesTo<CnameData>(RrType.CNAME, "www.example.net.", RdataText.NameHex("www.example.net."));
        Assert.Equal(DnsName.Parse("www.example.net."), data.Target);
        Assert.Equal("www.example.net.", data.ToString());
    }

    [Theory]
    [InlineData("@")]
    [InlineData("Host.Sub")]
    [InlineData("*.example.org.")]
    public void RoundTrips(string text) => RdataText.AssertRoundTrips(RdataText.Parse(RrType.CNAME, text));

    [Fact]
    public void FromWire_FollowsCompressionPointerBackwards()
    {
        // Record data after a name at offset 0: "www" then a pointer to offset 0 (example.).
        byte[] message = [.. DnsName.Parse("example.").WireForm, 3, (byte)'w', (byte)'w', (byte)'w', 0xC0, 0x00];
        var reader = new DnsReader(message, 9);
        var data = Assert.IsType<CnameData>(RecordDataRegistry.Read(RrType.CNAME, ref reader, 6));
        Assert.Equal(DnsName.Parse("www.example."), data.Target);
        Assert.Equal(message.Length, reader.Position);
    }

    [Theory]
    [InlineData("03777777")]
    [InlineData("0377777700FF")]
    [InlineData("C000")] // pointer to itself
    [InlineData("")]
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.CNAME, hex);

    [Theory]
    [InlineData("")]
    [InlineData("a.example. b.example.")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.CNAME, text);
}

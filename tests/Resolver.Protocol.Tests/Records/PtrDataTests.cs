// PtrDataTests: PTR record data (RFC 1035 §3.3.12) in text and wire form.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class PtrDataTests
{
    [Fact]
    public void Parse_Name_WritesIt()
    {
        var data = RdataText.AssertParsesTo<PtrData>(RrType.PTR, "host.example.com.", RdataText.NameHex("host.example.com."));
        Assert.Equal(DnsName.Parse("host.example.com."), data.DomainName);
    }

    [Theory]
    [InlineData("1.2.0.192.in-addr.arpa.")]
    [InlineData("Mixed.Case.Example.")]
    public void RoundTrips(string text) => RdataText.AssertRoundTrips(RdataText.Parse(RrType.PTR, text));

    [Theory]
    [InlineData("04686F7374")]
    [InlineData("0000")]
    [InlineData("")]
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.PTR, hex);

    [Fact]
    public void Parse_MissingName_Throws() => RdataText.AssertBadText(RrType.PTR, "");
}

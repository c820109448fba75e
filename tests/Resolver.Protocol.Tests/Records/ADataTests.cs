// ADataTests: A record data (RFC 1035 §3.4.1) in text and wire form.
using System.Net;
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class ADataTests
{
    [Fact]
    public void Parse_Address_WritesFourBytes()
    {
        var data = RdataText.AssertParsesTo<AData>(RrType.A, "192.0.2.1", "C0000201");
        Assert.Equal(IPAddress.Parse("192.0.2.1"), data.Address);
        Assert.Equal("192.0.2.1", data.ToString());
    }

    [Theory]
    [InlineData("C00002")]
    [InlineData("C000020101")]
    [InlineData("")]
    public void FromWire_NotFourBytes_Throws(string hex) => RdataText.AssertMalformedWire(RrType.A, hex);

    [Theory]
    [InlineData("192.0.2")]
    [InlineData("2001:db8::1")]
    [InlineData("256.0.0.1")]
    [InlineData("192.0.2.1 192.0.2.2")]
    [InlineData("")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.A, text);

    [Fact]
    public void Constructor_RejectsIPv6() =>
        Assert.Throws<ArgumentException>(() => new AData(IPAddress.IPv6Loopback));
}

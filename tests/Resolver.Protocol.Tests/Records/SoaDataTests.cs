// SoaDataTests: SOA record data (RFC 1035 §3.3.13) in text and wire form.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class SoaDataTests
{
    [Fact]
    public void Parse_AllFields()
    {
        var data = RdataText.AssertParsesTo<SoaData>(
            RrType.SOA,
            "ns1 hostmaster 2024010101 7200 3600 1209600 300",
            RdataText.NameHex("ns1.example.") + RdataText.NameHex("hostmaster.example.") +
            "78A3F175" + "00001C20" + "00000E10" + "00127500" + "0000012C");
        Assert.Equal(DnsName.Parse("ns1.example."), data.PrimaryServer);
        Assert.Equal(DnsName.Parse("hostmaster.example."), data.ResponsibleMailbox);
        Assert.Equal(2024010101u, data.Serial);
        Assert.Equal(7200u, data.Refresh);
        Assert.Equal(3600u, data.Retry);
        Assert.Equal(1209600u, data.Expire);
        Assert.Equal(300u, data.Minimum);
        Assert.Equal("ns1.example. hostmaster.example. 2024010101 7200 3600 1209600 300", data.ToString());
    }

    [Fact]
    public void Parse_TtlUnits_AreSeconds()
    {
        var data = RdataText.Parse<SoaData>(RrType.SOA, "a. b. 1 2h 30m 2w 1d");
        Assert.Equal(new SoaData(DnsName.Parse("a."), DnsName.Parse("b."), 1, 7200, 1800, 1209600, 86400), data);
        RdataText.AssertRoundTrips(data);
    }

    [Fact]
    public void RoundTrips_MaxValues() =>
        RdataText.AssertRoundTrips(RdataText.Parse(RrType.SOA, ". . 4294967295 4294967295 4294967295 4294967295 4294967295"));

    [Theory]
    [InlineData("0000")] // two root names, no numbers
    [InlineData("0000000000010000000200000003000000040000")] // Minimum cut short
    [InlineData("000000000001000000020000000300000004000000050000")] // bytes left over
    [InlineData("")]
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.SOA, hex);

    [Theory]
    [InlineData("a. b. 1 2 3 4")]
    [InlineData("a. b. 4294967296 2 3 4 5")]
    [InlineData("a. b. 1 2 3 4 5 6")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.SOA, text);
}

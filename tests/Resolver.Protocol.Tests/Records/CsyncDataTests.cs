// CsyncDataTests: CSYNC record data (RFC 7477 §2), with the RFC 7477 §2.2 example; the type
// bitmap is NSEC's (TypeBitmap).
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class CsyncDataTests
{
    [Fact]
    public void Rfc7477_Section2_2_Example()
    {
        var data = RdataText.AssertParsesTo<CsyncData>(RrType.CSYNC, "66 3 A NS AAAA", "00000042000300046000000" + "8");
        Assert.Equal(66u, data.SoaSerial);
        Assert.Equal(CsyncData.ImmediateFlag | CsyncData.SoaMinimumFlag, data.Flags);
        Assert.Equal([RrType.A, RrType.NS, RrType.AAAA], data.TypeBitmap.Types);
        Assert.Equal("66 3 A NS AAAA", data.ToString());
    }

    [Fact]
    public void EmptyBitmap_RoundTrips() => RdataText.AssertRoundTrips(new CsyncData(1, 0, TypeBitmap.Empty));

    [Theory]
    [InlineData("")]
    [InlineData("0000004200")]
    [InlineData("000000420003000560000008")] // window length runs past the data
    [InlineData("0000004200030000")] // window of length 0
    [InlineData("000000420002000400080000")] // trailing zero octets: RFC 4034 §4.1.2
    [InlineData("AE3439990002" + "00040008E400")] // found by MutatedApplicationRdata: text wrote the minimal bitmap
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.CSYNC, hex);

    [Theory]
    [InlineData("66")]
    [InlineData("66 3 NOTATYPE")]
    [InlineData("66 70000 A")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.CSYNC, text);
}

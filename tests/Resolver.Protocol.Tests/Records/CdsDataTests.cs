// CdsDataTests: CDS and CDNSKEY record data (RFC 7344 §3), the DS and DNSKEY shapes under their
// own types, including the RFC 8078 §4 delete requests.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class CdsDataTests
{
    [Fact]
    public void Rfc7344_Cds_HasTheDsShape()
    {
        var data = RdataText.AssertParsesTo<CdsData>(
            RrType.CDS, "60485 5 1 2BB183AF5F22588179A53B0A 98631FAD1A292118", "EC4505012BB183AF5F22588179A53B0A98631FAD1A292118");
        Assert.Equal(60485, data.Ds.KeyTag);
        Assert.Equal(data.Ds.ToWire(), data.ToWire());
        Assert.False(data.IsDeleteRequest);
        Assert.NotEqual<RecordData>(data.Ds, data);
    }

    [Fact]
    public void Rfc8078_Section4_CdsDelete()
    {
        var data = RdataText.AssertParsesTo<CdsData>(RrType.CDS, "0 0 0 00", "0000000000");
        Assert.True(data.IsDeleteRequest);
        Assert.Equal("0 0 0 00", data.ToString());
    }

    [Fact]
    public void Rfc7344_Cdnskey_HasTheDnskeyShape()
    {
        var data = RdataText.AssertParsesTo<CdnskeyData>(RrType.CDNSKEY, "257 3 13 AQID", "0101030D010203");
        Assert.Equal(257, data.Dnskey.Flags);
        Assert.Equal(data.Dnskey.KeyTag, new DnskeyData(257, 3, (DnssecAlgorithm)13, [1, 2, 3]).KeyTag);
        Assert.False(data.IsDeleteRequest);
    }

    [Fact]
    public void Rfc8078_Section4_CdnskeyDelete()
    {
        var data = RdataText.AssertParsesTo<CdnskeyData>(RrType.CDNSKEY, "0 3 0 AA==", "0000030000");
        Assert.True(data.IsDeleteRequest);
    }

    [Theory]
    [InlineData("")]
    [InlineData("EC4505")]
    public void FromWire_Malformed_Throws(string hex)
    {
        RdataText.AssertMalformedWire(RrType.CDS, hex);
        RdataText.AssertMalformedWire(RrType.CDNSKEY, hex);
    }

    [Theory]
    [InlineData("60485 5 1")]
    [InlineData("60485 5 1 XYZ")]
    public void Parse_BadText_Throws(string text)
    {
        RdataText.AssertBadText(RrType.CDS, text);
        RdataText.AssertBadText(RrType.CDNSKEY, text);
    }
}

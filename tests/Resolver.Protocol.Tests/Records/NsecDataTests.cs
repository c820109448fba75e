// NsecDataTests: NSEC record data (RFC 4034 §4), with the RFC 4034 §4.3 example, the next name
// kept verbatim (RFC 6840 §5.1), and malformed type bitmaps.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class NsecDataTests
{
    // RFC 4034 §4.3: window 0 (A, MX, RRSIG, NSEC) and window 4 (TYPE1234).
    internal const string Rfc4034Section43Bitmap =
        "0006400100000003" + "041B" + "0000000000000000000000000000000000000000000000000000" + "20";

    [Fact]
    public void Rfc4034_Section4_3_Example()
    {
        var data = RdataText.AssertParsesTo<NsecData>(
            RrType.NSEC, "host.example.com. A MX RRSIG NSEC TYPE1234", RdataText.NameHex("host.example.com.") + Rfc4034Section43Bitmap);
        Assert.Equal(DnsName.Parse("host.example.com."), data.NextDomainName);
        Assert.Equal([RrType.A, RrType.MX, RrType.RRSIG, RrType.NSEC, (RrType)1234], data.TypeBitmap.Types);
        Assert.True(data.TypeBitmap.Contains(RrType.MX));
        Assert.False(data.TypeBitmap.Contains(RrType.AAAA));
        Assert.Equal("host.example.com. A MX RRSIG NSEC TYPE1234", data.ToString());
    }

    [Fact]
    public void Parse_TypesInAnyOrder_GiveTheSameBitmap()
    {
        var data = RdataText.Parse<NsecData>(RrType.NSEC, "host.example.com. TYPE1234 nsec rrsig A MX A");
        Assert.Equal(Convert.FromHexString(Rfc4034Section43Bitmap), data.TypeBitmap.WireForm.ToArray());
    }

    [Fact]
    public void EmptyBitmap_RoundTrips()
    {
        var data = RdataText.AssertParsesTo<NsecData>(RrType.NSEC, "b.example.", RdataText.NameHex("b.example."));
        Assert.Empty(data.TypeBitmap.Types);
        Assert.Equal("b.example.", data.ToString());
    }

    [Fact]
    public void NextName_KeepsItsCase_AndEqualityRespectsIt()
    {
        var upper = RdataText.Parse<NsecData>(RrType.NSEC, "Host.EXAMPLE. A");
        var lower = RdataText.Parse<NsecData>(RrType.NSEC, "host.example. A");
        Assert.Equal("Host.EXAMPLE. A", upper.ToString());
        // RFC 6840 §5.1: the canonical form does not lowercase the next name, so these differ.
        Assert.NotEqual(upper.ToWire(canonical: true), lower.ToWire(canonical: true));
        Assert.NotEqual(upper, lower);
        Assert.Equal(upper, RdataText.Parse<NsecData>(RrType.NSEC, "Host.EXAMPLE. A"));
        RdataText.AssertRoundTrips(upper);
    }

    [Fact]
    public void FromWire_NonCanonicalBitmap_IsKeptAsReceived()
    {
        // A trailing zero octet (RFC 4034 §4.1.2 says to omit it): kept so a signature still matches.
        string hex = RdataText.NameHex("a.") + "00024000";
        var data = RdataText.FromWireHex<NsecData>(RrType.NSEC, hex);
        Assert.Equal([RrType.A], data.TypeBitmap.Types);
        Assert.Equal(hex, Convert.ToHexString(data.ToWire()));
        Assert.NotEqual(data, RdataText.Parse(RrType.NSEC, "a. A"));
    }

    [Theory]
    [InlineData("0161")] // next name not terminated
    [InlineData("")]
    [InlineData("0000")] // bitmap: truncated window header
    [InlineData("000001")] // bitmap: window length 0
    [InlineData("00000140000140")] // bitmap: window 0 twice
    [InlineData("00010140000140")] // bitmap: windows out of order
    [InlineData("00000540")] // bitmap: window length past the end
    [InlineData("000021" + "0000000000000000000000000000000000000000000000000000000000000000" + "01")] // 33 octets
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.NSEC, hex);

    [Theory]
    [InlineData("")]
    [InlineData("host.example. A BOGUS")]
    [InlineData("host.example. 1")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.NSEC, text);

    [Fact]
    public void Constructor_RejectsNulls()
    {
        Assert.Throws<ArgumentNullException>(() => new NsecData(null!, TypeBitmap.Empty));
        Assert.Throws<ArgumentNullException>(() => new NsecData(DnsName.Root, null!));
    }
}

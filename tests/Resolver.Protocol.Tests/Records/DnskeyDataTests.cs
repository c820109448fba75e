// DnskeyDataTests: DNSKEY record data (RFC 4034 §2), with the RFC 4034 §2.3 and §5.4 example keys
// checked byte for byte and by key tag (RFC 4034 Appendix B).
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class DnskeyDataTests
{
    // RFC 4034 §2.3, split over fields as the RFC prints it.
    internal const string Rfc4034Section23Text =
        "256 3 5 AQPSKmynfzW4kyBv015MUG2DeIQ3 Cbl+BBZH4b/0PY1kxkmvHjcZc8no kfzj31GajIQKY+5CptLr3buXA10h " +
        "WqTkF7H6RfoRqXQeogmMHfpftf6z Mv1LyBUgia7za6ZEzOJBOztyvhjL 742iU/TpPSEDhm2SNKLijfUppn1U aNvv4w==";

    // RFC 4034 §5.4: the DNSKEY of dskey.example.com., "key id = 60485".
    internal const string Rfc4034Section54Text =
        "256 3 5 AQOeiiR0GOMYkDshWoSKz9Xz fwJr1AYtsmx3TGkJaNXVbfi/ 2pHm822aJ5iI9BMzNXxeYCmZ DRD99WYwYqUSdjMmmAphXdvx " +
        "egXd/M5+X7OrzKBaMbCVdFLU Uh6DhweJBjEVv5f2wwjM9Xzc nOf+EPbtG9DMBmADjFDc2w/r ljwvFw==";

    private const string Rfc4034Section23Wire =
        "010003050103D22A6CA77F35B893206FD35E4C506D8378843709B97E041647E1" +
        "BFF43D8D64C649AF1E371973C9E891FCE3DF519A8C840A63EE42A6D2EBDDBB97" +
        "035D215AA4E417B1FA45FA11A9741EA2098C1DFA5FB5FEB332FD4BC8152089AE" +
        "F36BA644CCE2413B3B72BE18CBEF8DA253F4E93D2103866D9234A2E28DF529A6" +
        "7D5468DBEFE3";

    /// <summary>The RFC 4034 Appendix B key tag of DNSKEY record data (not algorithm 1).</summary>
    internal static ushort KeyTag(ReadOnlySpan<byte> rdata)
    {
        uint ac = 0;
        for (int i = 0; i < rdata.Length; i++)
        {
            ac += (i & 1) != 0 ? rdata[i] : (uint)rdata[i] << 8;
        }

        ac += (ac >> 16) & 0xFFFF;
        return (ushort)(ac & 0xFFFF);
    }

    [Fact]
    public void Rfc4034_Section2_3_Example()
    {
        var data = RdataText.AssertParsesTo<DnskeyData>(RrType.DNSKEY, Rfc4034Section23Text, Rfc4034Section23Wire);
        Assert.Equal(256, data.Flags);
        Assert.True(data.IsZoneKey);
        Assert.False(data.IsSecureEntryPoint);
        Assert.False(data.IsRevoked);
        Assert.Equal(3, data.Protocol);
        Assert.Equal(DnssecAlgorithm.RsaSha1, data.Algorithm);
        Assert.Equal(Convert.FromHexString(Rfc4034Section23Wire)[4..], data.PublicKey.ToArray());
        Assert.Equal("256 3 5 " + string.Concat(Rfc4034Section23Text.Split(' ')[3..]), data.ToString());
        // The RFC 4034 §3.3 RRSIG made with this key names it by key tag 2642.
        Assert.Equal(2642, KeyTag(data.ToWire()));
    }

    [Fact]
    public void Rfc4034_Section5_4_KeyTagIs60485()
    {
        var data = RdataText.Parse<DnskeyData>(RrType.DNSKEY, Rfc4034Section54Text);
        Assert.Equal(60485, KeyTag(data.ToWire()));
        RdataText.AssertRoundTrips(data);
    }

    [Theory]
    [InlineData(257, true, true, false)]
    [InlineData(385, true, true, true)]
    [InlineData(0, false, false, false)]
    [InlineData(128, false, false, true)]
    public void Flags_Bits(ushort flags, bool zone, bool sep, bool revoked)
    {
        var data = RdataText.Parse<DnskeyData>(RrType.DNSKEY, $"{flags} 3 13 AQID");
        Assert.Equal(zone, data.IsZoneKey);
        Assert.Equal(sep, data.IsSecureEntryPoint);
        Assert.Equal(revoked, data.IsRevoked);
        RdataText.AssertRoundTrips(data);
    }

    [Theory]
    [InlineData("010003")]
    [InlineData("")]
    public void FromWire_ShorterThanFourBytes_Throws(string hex) => RdataText.AssertMalformedWire(RrType.DNSKEY, hex);

    [Theory]
    [InlineData("256 3 5")]
    [InlineData("256 3 5 not*base64")]
    [InlineData("65536 3 5 AQID")]
    [InlineData("256 3 256 AQID")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.DNSKEY, text);
}

// TxtDataTests: TXT record data (RFC 1035 §3.3.14): character-strings as bytes, quoting and
// escapes in text, and the malformed wire forms.
using System.Text;
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class TxtDataTests
{
    // A character-string's wire form in hex: length byte, then the ASCII bytes.
    private static string Str(string ascii) => $"{ascii.Length:X2}{Convert.ToHexString(Encoding.ASCII.GetBytes(ascii))}";

    private static string[] Texts(TxtData data) => [.. data.Strings.Select(s => Encoding.Latin1.GetString(s.Span))];

    [Fact]
    public void Parse_QuotedString_KeepsSpaces()
    {
        var data = RdataText.AssertParsesTo<TxtData>(RrType.TXT, "\"hello world\"", "0B68656C6C6F20776F726C64");
        Assert.Equal(["hello world"], Texts(data));
        Assert.Equal("\"hello world\"", data.ToString());
    }

    [Fact]
    public void Parse_SeveralStrings_QuotedOrNot_KeepsThemApart()
    {
        var data = RdataText.AssertParsesTo<TxtData>(RrType.TXT, "v=spf1 \"ip4:192.0.2.0/24\" -all", Str("v=spf1") + Str("ip4:192.0.2.0/24") + Str("-all"));
        Assert.Equal(["v=spf1", "ip4:192.0.2.0/24", "-all"], Texts(data));
        Assert.Equal("\"v=spf1\" \"ip4:192.0.2.0/24\" \"-all\"", data.ToString());
    }

    [Fact]
    public void Format_EscapesQuoteBackslashAndNonPrintableBytes()
    {
        var data = new TxtData([new byte[] { (byte)'a', (byte)'"', (byte)'b', (byte)'\\', 0x09, 0x00, 0x7F, 0xFF, (byte)' ' }]);
        Assert.Equal("\"a\\\"b\\\\\\009\\000\\127\\255 \"", data.ToString());
        RdataText.AssertRoundTrips(data);
    }

    [Fact]
    public void Parse_Escapes_DecodeToBytes()
    {
        var data = RdataText.Parse<TxtData>(RrType.TXT, "\"a\\\"b\\\\c\\009\\255\" x\\065y");
        Assert.Equal(new byte[] { (byte)'a', (byte)'"', (byte)'b', (byte)'\\', (byte)'c', 9, 255 }, data.Strings[0].ToArray());
        Assert.Equal("xAy"u8.ToArray(), data.Strings[1].ToArray());
    }

    [Fact]
    public void Parse_NonAscii_IsUtf8()
    {
        var data = RdataText.Parse<TxtData>(RrType.TXT, "\"é\"");
        Assert.Equal(new byte[] { 0xC3, 0xA9 }, data.Strings[0].ToArray());
        Assert.Equal("\"\\195\\169\"", data.ToString());
    }

    [Fact]
    public void EmptyString_IsOneZeroLengthString()
    {
        var data = RdataText.AssertParsesTo<TxtData>(RrType.TXT, "\"\"", "00");
        Assert.Single(data.Strings);
        Assert.Equal("\"\"", data.ToString());
    }

    [Fact]
    public void MaxLengthString_RoundTrips()
    {
        var data = RdataText.Parse<TxtData>(RrType.TXT, new string('x', 255));
        Assert.Equal(256, data.ToWire().Length);
        RdataText.AssertRoundTrips(data);
    }

    [Fact]
    public void Equality_DependsOnHowTextIsSplit()
    {
        var one = RdataText.Parse(RrType.TXT, "ab");
        var two = RdataText.Parse(RrType.TXT, "a b");
        Assert.NotEqual(one, two);
        Assert.Equal(one, RdataText.Parse(RrType.TXT, "\"ab\""));
    }

    [Fact]
    public void Constructor_CopiesAndValidates()
    {
        byte[] bytes = "abc"u8.ToArray();
        var data = new TxtData([bytes]);
        bytes[0] = (byte)'z';
        Assert.Equal("\"abc\"", data.ToString());
        Assert.Throws<ArgumentException>(() => new TxtData([]));
        Assert.Throws<ArgumentException>(() => new TxtData([new byte[256]]));
    }

    [Theory]
    [InlineData("")] // RFC 1035: one or more strings
    [InlineData("05616263")] // string runs past the data
    [InlineData("0361626304")] // second string runs past the data
    [InlineData("036162630261")] // second string one byte short
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.TXT, hex);

    [Fact]
    public void FromWire_StringsEndingExactlyAtTheEnd_Read() =>
        Assert.Equal(["abc", "", "d"], Texts(RdataText.FromWireHex<TxtData>(RrType.TXT, "03616263" + "00" + "0164")));

    [Theory]
    [InlineData("")]
    [InlineData("\"\\256\"")]
    [InlineData("\"\\12\"")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.TXT, text);

    [Fact]
    public void Parse_StringLongerThan255Bytes_Throws() =>
        RdataText.AssertBadText(RrType.TXT, new string('x', 256));
}

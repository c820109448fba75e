// RdataText: test helper for record data. Splits one record's data text into presentation tokens
// (whitespace-separated, double quotes grouping, backslash escapes kept as written), parses it with
// RecordDataRegistry, and holds the round-trip and malformed-input assertions the record tests share.
using System.Text;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Tests.Records;

internal static class RdataText
{
    /// <summary>The origin relative names in test text are completed with.</summary>
    public static DnsName Origin { get; } = DnsName.Parse("example.");

    public static List<ZoneToken> Tokenize(string text)
    {
        var tokens = new List<ZoneToken>();
        int i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            bool quoted = text[i] == '"';
            if (quoted)
            {
                i++;
            }

            var sb = new StringBuilder();
            while (i < text.Length && (quoted ? text[i] != '"' : !char.IsWhiteSpace(text[i])))
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    sb.Append(text[i++]);
                }

                sb.Append(text[i++]);
            }

            if (quoted)
            {
                if (i >= text.Length)
                {
                    throw new ArgumentException("Unterminated quoted string in test text.", nameof(text));
                }

                i++;
            }

            tokens.Add(new ZoneToken(sb.ToString(), quoted));
        }

        return tokens;
    }

    public static RecordData Parse(RrType type, string text, DnsName? origin = null) =>
        RecordDataRegistry.Parse(type, new RdataTextReader(Tokenize(text), 0, origin ?? Origin, line: 1));

    public static T Parse<T>(RrType type, string text)
        where T : RecordData => Assert.IsType<T>(Parse(type, text));

    public static T FromWireHex<T>(RrType type, string hex)
        where T : RecordData => Assert.IsType<T>(RecordDataRegistry.FromWire(type, Convert.FromHexString(hex)));

    /// <summary>
    /// Wire → read → equal (same hash, same bytes again); text → parse → equal (same text again);
    /// and the RFC 3597 generic <c>\#</c> form of the wire bytes parses to the same data.
    /// </summary>
    public static void AssertRoundTrips(RecordData data)
    {
        byte[] wire = data.ToWire();
        RecordData fromWire = RecordDataRegistry.FromWire(data.Type, wire);
        Assert.Equal(data, fromWire);
        Assert.Equal(data.GetHashCode(), fromWire.GetHashCode());
        Assert.Equal(wire, fromWire.ToWire());

        string text = data.ToString();
        RecordData fromText = Parse(data.Type, text);
        Assert.Equal(data, fromText);
        Assert.Equal(text, fromText.ToString());
        Assert.Equal(wire, fromText.ToWire());

        RecordData generic = Parse(data.Type, $"\\# {wire.Length} {Convert.ToHexString(wire)}");
        Assert.Equal(data, generic);
    }

    /// <summary>Parses text, checks it gives <paramref name="expectedWireHex"/>, and round-trips it.</summary>
    public static T AssertParsesTo<T>(RrType type, string text, string expectedWireHex)
        where T : RecordData
    {
        T data = Parse<T>(type, text);
        Assert.Equal(expectedWireHex, Convert.ToHexString(data.ToWire()));
        AssertRoundTrips(data);
        return data;
    }

    public static DnsFormatException AssertMalformedWire(RrType type, string hex) =>
        Assert.Throws<DnsFormatException>(() => RecordDataRegistry.FromWire(type, Convert.FromHexString(hex)));

    public static DnsFormatException AssertBadText(RrType type, string text) =>
        Assert.Throws<DnsFormatException>(() => Parse(type, text));

    /// <summary>Hex of a name's uncompressed wire form.</summary>
    public static string NameHex(string name) => Convert.ToHexString(DnsName.Parse(name).WireForm);
}

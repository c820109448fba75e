// RdataTextReader: hands the presentation fields of one record's data to that type's parser, one
// typed field at a time (names relative to the origin, integers, timestamps, base64, hex,
// character-strings, addresses, type bitmaps), with errors that name the line.
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Diagnostics.CodeAnalysis;
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Text;

/// <summary>Reads typed record-data fields from a list of presentation tokens.</summary>
internal sealed class RdataTextReader
{
    private readonly IReadOnlyList<ZoneToken> _tokens;
    private int _index;

    public RdataTextReader(IReadOnlyList<ZoneToken> tokens, int start, DnsName origin, int line)
    {
        _tokens = tokens;
        _index = start;
        Origin = origin;
        Line = line;
    }

    /// <summary>The origin that relative names are completed with.</summary>
    public DnsName Origin { get; }

    /// <summary>The 1-based line the record started on (for error messages).</summary>
    public int Line { get; }

    /// <summary>True when every field has been read.</summary>
    public bool AtEnd => _index >= _tokens.Count;

    [DoesNotReturn]
    public T Fail<T>(string message) => ThrowHelper.Text<T>(message, Line);

    [DoesNotReturn]
    public void Fail(string message) => ThrowHelper.Text(message, Line);

    public void ExpectEnd()
    {
        if (!AtEnd)
        {
            Fail($"Unexpected extra field '{_tokens[_index].Text}'.");
        }
    }

    public ZoneToken ReadRawToken(string what)
    {
        if (AtEnd)
        {
            Fail($"Missing {what}.");
        }

        return _tokens[_index++];
    }

    public string ReadToken(string what) => ReadRawToken(what).Text;

    /// <summary>The next token, or null at the end.</summary>
    public ZoneToken? PeekToken() => AtEnd ? null : _tokens[_index];

    public bool PeekIsGenericMarker() => !AtEnd && !_tokens[_index].Quoted && _tokens[_index].Text == "\\#";

    /// <summary>Reads the RFC 3597 §5 generic form: <c>\# length hex...</c>.</summary>
    public byte[] ReadGenericData()
    {
        ReadToken("\\#");
        int length = (int)ReadUInt32("generic data length");
        byte[] data = AtEnd ? [] : ReadHexToEnd("generic data");
        if (data.Length != length)
        {
            Fail($"\\# declares {length} bytes but has {data.Length}.");
        }

        return data;
    }

    public DnsName ReadName(string what)
    {
        string text = ReadToken(what);
        try
        {
            return DnsName.Parse(text, Origin);
        }
        catch (DnsFormatException e)
        {
            return Fail<DnsName>($"Bad {what}: {e.Message}");
        }
    }

    public byte ReadByte(string what) => (byte)ReadUnsigned(what, byte.MaxValue);

    public ushort ReadUInt16(string what) => (ushort)ReadUnsigned(what, ushort.MaxValue);

    /// <summary>
    /// A DNSSEC algorithm field: a number, or a mnemonic (RFC 4034 §2.2, §3.2, §5.3 and Appendix A.1
    /// allow either in DNSKEY, RRSIG and DS presentation; later mnemonics from the IANA registry).
    /// </summary>
    public DnssecAlgorithm ReadAlgorithm(string what)
    {
        string text = ReadToken(what);
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) && value <= byte.MaxValue)
        {
            return (DnssecAlgorithm)value;
        }

        int mnemonic = text.ToUpperInvariant() switch
        {
            "RSAMD5" => 1,
            "DH" => 2,
            "DSA" => 3,
            "ECC" => 4,
            "RSASHA1" => 5,
            "DSA-NSEC3-SHA1" => 6,
            "RSASHA1-NSEC3-SHA1" => 7,
            "RSASHA256" => 8,
            "RSASHA512" => 10,
            "ECC-GOST" => 12,
            "ECDSAP256SHA256" => 13,
            "ECDSAP384SHA384" => 14,
            "ED25519" => 15,
            "ED448" => 16,
            "INDIRECT" => 252,
            "PRIVATEDNS" => 253,
            "PRIVATEOID" => 254,
            _ => -1,
        };
        return mnemonic >= 0 ? (DnssecAlgorithm)mnemonic : Fail<DnssecAlgorithm>($"Bad {what} '{text}': expected an integer from 0 to 255 or an algorithm mnemonic.");
    }

    public uint ReadUInt32(string what) => (uint)ReadUnsigned(what, uint.MaxValue);

    private ulong ReadUnsigned(string what, ulong max)
    {
        string text = ReadToken(what);
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) || value > max)
        {
            Fail($"Bad {what} '{text}': expected an integer from 0 to {max}.");
        }

        return value;
    }

    /// <summary>A TTL: seconds, or BIND's unit form such as <c>1h30m</c> or <c>2d</c>.</summary>
    public uint ReadTtl(string what)
    {
        string text = ReadToken(what);
        return TryParseTtl(text, out uint ttl) ? ttl : Fail<uint>($"Bad {what} '{text}'.");
    }

    /// <summary>Parses a TTL in seconds or BIND's <c>1w2d3h4m5s</c> form.</summary>
    public static bool TryParseTtl(string text, out uint ttl)
    {
        ttl = 0;
        if (text.Length == 0)
        {
            return false;
        }

        if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ttl))
        {
            return true;
        }

        ulong total = 0;
        ulong current = 0;
        bool digits = false;
        foreach (char c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                current = (current * 10) + (ulong)(c - '0');
                digits = true;
                if (current > uint.MaxValue)
                {
                    return false;
                }

                continue;
            }

            ulong unit = char.ToUpperInvariant(c) switch
            {
                'S' => 1,
                'M' => 60,
                'H' => 3600,
                'D' => 86400,
                'W' => 604800,
                _ => 0,
            };
            if (unit == 0 || !digits)
            {
                return false;
            }

            total += current * unit;
            current = 0;
            digits = false;
        }

        total += current;
        if (total > uint.MaxValue)
        {
            return false;
        }

        ttl = (uint)total;
        return true;
    }

    /// <summary>
    /// An RRSIG time (RFC 4034 §3.2): <c>YYYYMMDDHHmmSS</c> in UTC, or a plain count of seconds.
    /// Times beyond 2106 wrap modulo 2^32 as serial numbers do (RFC 4034 §3.1.5).
    /// </summary>
    public uint ReadTimestamp(string what)
    {
        string text = ReadToken(what);
        if (text.Length == 14 && text.All(char.IsAsciiDigit))
        {
            if (DateTime.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime time))
            {
                long seconds = (long)(time - DateTime.UnixEpoch).TotalSeconds;
                return (uint)(seconds & 0xFFFFFFFF);
            }

            return Fail<uint>($"Bad {what} '{text}'.");
        }

        if (text.Length < 14 && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint value))
        {
            return value;
        }

        return Fail<uint>($"Bad {what} '{text}': expected YYYYMMDDHHmmSS.");
    }

    public RrType ReadType(string what)
    {
        string text = ReadToken(what);
        return RrTypeText.TryParseType(text, out RrType type) ? type : Fail<RrType>($"Unknown {what} '{text}'.");
    }

    public IPAddress ReadAddress(AddressFamily family, string what)
    {
        string text = ReadToken(what);
        // IPv4 needs all four parts (IPAddress.TryParse takes "1.2" too); IPv6 takes no zone index.
        // ScopeId throws for IPv4 addresses, so it is read only for IPv6.
        if (IPAddress.TryParse(text, out IPAddress? address) && address.AddressFamily == family &&
            (family == AddressFamily.InterNetwork ? text.Count(c => c == '.') == 3 : address.ScopeId == 0))
        {
            return address;
        }

        return Fail<IPAddress>($"Bad {what} '{text}'.");
    }

    /// <summary>Base64 spread over the remaining fields (spaces allowed, RFC 4034 §2.2).</summary>
    public byte[] ReadBase64ToEnd(string what)
    {
        if (AtEnd)
        {
            Fail($"Missing {what}.");
        }

        string text = string.Concat(RemainingTexts());
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return Fail<byte[]>($"Bad base64 in {what}.");
        }
    }

    /// <summary>Hex spread over the remaining fields (spaces allowed).</summary>
    public byte[] ReadHexToEnd(string what)
    {
        if (AtEnd)
        {
            Fail($"Missing {what}.");
        }

        return DecodeHex(string.Concat(RemainingTexts()), what);
    }

    /// <summary>Hex in one field.</summary>
    public byte[] ReadHex(string what) => DecodeHex(ReadToken(what), what);

    private byte[] DecodeHex(string text, string what)
    {
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return Fail<byte[]>($"Bad hex in {what}.");
        }
    }

    /// <summary>Base32hex without padding in one field (RFC 4648 §7; NSEC3 next hashed owner).</summary>
    public byte[] ReadBase32Hex(string what)
    {
        string text = ReadToken(what);
        return Base32Hex.TryDecode(text, out byte[] bytes) ? bytes : Fail<byte[]>($"Bad base32hex in {what} '{text}'.");
    }

    /// <summary>A character-string (RFC 1035 §5.1): quoted or not, with <c>\X</c> and <c>\DDD</c> escapes, at most 255 bytes.</summary>
    public byte[] ReadCharacterString(string what) => DecodeCharacterString(ReadToken(what), what, 255);

    /// <summary>
    /// Decodes character-string text (RFC 1035 §5.1 escapes; non-ASCII as UTF-8) of at most
    /// <paramref name="maxLength"/> bytes: 255 for a character-string, more for fields that run to the
    /// end of the data (CAA value, URI target) or SVCB parameter values.
    /// </summary>
    public byte[] DecodeCharacterString(string text, string what, int maxLength)
    {
        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\')
            {
                if (DnsNameText.DecodeEscape(text, i, out int value, out int length, out bool isDecimal) is { } problem)
                {
                    Fail($"{problem} in {what}.");
                }

                if (isDecimal)
                {
                    bytes.Add((byte)value);
                    i += length - 1;
                    continue;
                }

                c = text[++i];
            }

            if (c > 0x7F)
            {
                // Non-ASCII text is stored as UTF-8, as dig and BIND read it.
                int n = System.Text.Encoding.UTF8.GetBytes(text.AsSpan(i, char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1), utf8);
                for (int k = 0; k < n; k++)
                {
                    bytes.Add(utf8[k]);
                }

                if (char.IsHighSurrogate(c))
                {
                    i++;
                }

                continue;
            }

            bytes.Add((byte)c);
        }

        if (bytes.Count > maxLength)
        {
            Fail($"Text longer than {maxLength} bytes in {what}.");
        }

        return [.. bytes];
    }

    /// <summary>Type mnemonics in the remaining fields (NSEC/NSEC3 type bitmaps).</summary>
    public TypeBitmap ReadTypeBitmapToEnd()
    {
        var types = new List<RrType>();
        while (!AtEnd)
        {
            types.Add(ReadType("type in the type bitmap"));
        }

        return TypeBitmap.FromTypes(types);
    }

    private IEnumerable<string> RemainingTexts()
    {
        while (!AtEnd)
        {
            yield return _tokens[_index++].Text;
        }
    }
}

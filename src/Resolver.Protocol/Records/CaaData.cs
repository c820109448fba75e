// CaaData: the CAA record, which certification authorities may issue for a domain (RFC 8659 §4.1):
// flags (bit 0 "Issuer Critical"), a tag of 1 or more ASCII letters and digits, and a value that
// runs to the end of the RDATA (no length byte, may exceed 255 octets). Presentation form
// (RFC 8659 §4.1.1): flags, tag, and the value as a quoted string.
using System.Globalization;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>Certification authority authorization (RFC 8659).</summary>
public sealed record CaaData : RecordData
{
    /// <summary>Flags bit 0 (the high bit, value 128): a CA that does not understand the tag must not issue (RFC 8659 §4.1).</summary>
    public const byte IssuerCriticalFlag = 0x80;

    private readonly byte[] _value;

    /// <summary>Creates CAA data.</summary>
    /// <exception cref="ArgumentException">The tag is empty, longer than 255 characters, or not ASCII letters and digits.</exception>
    public CaaData(byte flags, string tag, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (!IsValidTag(tag))
        {
            throw new ArgumentException("A CAA tag is 1 to 255 ASCII letters and digits (RFC 8659 §4.1).", nameof(tag));
        }

        Flags = flags;
        Tag = tag;
        _value = value.ToArray();
    }

    /// <summary>The flags field.</summary>
    public byte Flags { get; }

    /// <summary>True when the Issuer Critical flag is set.</summary>
    public bool IsCritical => (Flags & IssuerCriticalFlag) != 0;

    /// <summary>The property tag (<c>issue</c>, <c>issuewild</c>, <c>iodef</c>, ...), case as received.</summary>
    public string Tag { get; }

    /// <summary>The property value octets.</summary>
    public ReadOnlySpan<byte> Value => _value;

    /// <summary>The property value as text (UTF-8 decoded).</summary>
    public string ValueText => Encoding.UTF8.GetString(_value);

    /// <inheritdoc/>
    public override RrType Type => RrType.CAA;

    // RFC 8659 §4.1: "Tag: ... MUST NOT be empty"; "US-ASCII letters and numbers" only — BIND and
    // Knot refuse anything else on input too, and a tag outside that set has no presentation form.
    private static bool IsValidTag(ReadOnlySpan<char> tag) =>
        tag.Length is >= 1 and <= 255 && !tag.ContainsAnyExcept(s_tagChars);

    private static readonly System.Buffers.SearchValues<char> s_tagChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    internal static CaaData ReadData(ref DnsReader reader, int length)
    {
        int start = reader.Position;
        if (length < 2)
        {
            ThrowHelper.Format("CAA record data shorter than 2 bytes", start);
        }

        byte flags = reader.ReadByte();
        int tagLength = reader.ReadByte();
        if (tagLength == 0 || tagLength > length - 2)
        {
            ThrowHelper.Format($"Bad CAA tag length {tagLength}", start + 1);
        }

        ReadOnlySpan<byte> tagBytes = reader.ReadBytes(tagLength);
        Span<char> tag = stackalloc char[tagLength];
        for (int i = 0; i < tagLength; i++)
        {
            tag[i] = (char)tagBytes[i];
        }

        if (!IsValidTag(tag))
        {
            ThrowHelper.Format("CAA tag is not ASCII letters and digits (RFC 8659 §4.1)", start + 2);
        }

        return new(flags, tag.ToString(), reader.ReadBytes(length - 2 - tagLength));
    }

    internal static CaaData ParseData(RdataTextReader reader)
    {
        byte flags = reader.ReadByte("flags");
        string tag = reader.ReadToken("tag");
        if (!IsValidTag(tag))
        {
            reader.Fail($"Bad CAA tag '{tag}': 1 to 255 ASCII letters and digits (RFC 8659 §4.1).");
        }

        byte[] value = reader.DecodeCharacterString(reader.ReadToken("value"), "value", ushort.MaxValue);
        return new(flags, tag, value);
    }

    internal override void WriteData(ref DnsWriter writer)
    {
        writer.WriteByte(Flags);
        writer.WriteByte((byte)Tag.Length);
        foreach (char c in Tag)
        {
            writer.WriteByte((byte)c);
        }

        writer.WriteBytes(_value);
    }

    internal override void FormatData(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{Flags} {Tag} ");
        TxtData.AppendCharacterString(sb, _value);
    }

    /// <inheritdoc/>
    public bool Equals(CaaData? other) =>
        other is not null && Flags == other.Flags && string.Equals(Tag, other.Tag, StringComparison.Ordinal) && BytesEqual(_value, other._value);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Flags, Tag, BytesHash(_value));
}

// TxtData: the TXT record, one or more character-strings (RFC 1035 §3.3.14). The strings are kept
// as bytes, not decoded text: TXT carries arbitrary octets, and a signature covers them exactly.
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>Descriptive text: one or more character-strings of up to 255 bytes each (RFC 1035 §3.3.14).</summary>
public sealed record TxtData : RecordData
{
    private const int MaxStringLength = 255;

    private readonly byte[][] _strings;

    /// <summary>Creates TXT data from one or more character-strings (the bytes are copied).</summary>
    /// <exception cref="ArgumentException">There are no strings, or one is longer than 255 bytes.</exception>
    public TxtData(IEnumerable<ReadOnlyMemory<byte>> strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        byte[][] copies = [.. strings.Select(s => s.ToArray())];
        if (copies.Length == 0)
        {
            throw new ArgumentException("TXT data holds at least one character-string.", nameof(strings));
        }

        if (copies.Any(s => s.Length > MaxStringLength))
        {
            throw new ArgumentException("A character-string is at most 255 bytes.", nameof(strings));
        }

        _strings = copies;
        Strings = new ReadOnlyCollection<ReadOnlyMemory<byte>>([.. copies.Select(s => new ReadOnlyMemory<byte>(s))]);
    }

    /// <summary>The character-strings, in order, as bytes.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Strings { get; }

    /// <inheritdoc/>
    public override RrType Type => RrType.TXT;

    internal static TxtData ReadData(ref DnsReader reader, int length)
    {
        int start = reader.Position;
        int end = start + length;
        // RFC 1035 §3.3.14: "One or more <character-string>s", so empty data is malformed.
        if (length == 0)
        {
            ThrowHelper.Format("TXT record data is empty", start);
        }

        var strings = new List<ReadOnlyMemory<byte>>();
        while (reader.Position < end)
        {
            int at = reader.Position;
            int count = reader.ReadByte();
            if (count > end - reader.Position)
            {
                ThrowHelper.Format("TXT character-string runs past the record data", at);
            }

            strings.Add(reader.ReadBytes(count).ToArray());
        }

        return new TxtData(strings);
    }

    internal static TxtData ParseData(RdataTextReader reader)
    {
        var strings = new List<ReadOnlyMemory<byte>> { reader.ReadCharacterString("text") };
        while (!reader.AtEnd)
        {
            strings.Add(reader.ReadCharacterString("text"));
        }

        return new TxtData(strings);
    }

    internal override void WriteData(ref DnsWriter writer)
    {
        foreach (byte[] s in _strings)
        {
            writer.WriteByte((byte)s.Length);
            writer.WriteBytes(s);
        }
    }

    internal override void FormatData(StringBuilder sb)
    {
        for (int i = 0; i < _strings.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            AppendCharacterString(sb, _strings[i]);
        }
    }

    /// <summary>Appends a quoted character-string: <c>"</c> and <c>\</c> escaped with a backslash,
    /// bytes outside printable ASCII as <c>\DDD</c> (RFC 1035 §5.1).</summary>
    internal static void AppendCharacterString(StringBuilder sb, ReadOnlySpan<byte> bytes)
    {
        sb.Append('"');
        foreach (byte b in bytes)
        {
            if (b is (byte)'"' or (byte)'\\')
            {
                sb.Append('\\').Append((char)b);
            }
            else if (b is < 0x20 or > 0x7E)
            {
                sb.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append((char)b);
            }
        }

        sb.Append('"');
    }

    /// <inheritdoc/>
    public bool Equals(TxtData? other)
    {
        if (other is null || _strings.Length != other._strings.Length)
        {
            return false;
        }

        for (int i = 0; i < _strings.Length; i++)
        {
            if (!BytesEqual(_strings[i], other._strings[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hc = new HashCode();
        foreach (byte[] s in _strings)
        {
            hc.Add(s.Length);
            hc.AddBytes(s);
        }

        return hc.ToHashCode();
    }
}

// RecordData: the base of the closed family of immutable record-data types, one sealed record per
// RR type (plus UnknownData for every other type, RFC 3597). Each type owns its wire and text
// forms; RecordDataRegistry is the one table from RrType to reader.
using System.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>
/// The data (RDATA) of a resource record. Instances are immutable; equality is by value.
/// <see cref="ToString"/> gives the presentation (zone-file) form of the data alone.
/// </summary>
public abstract record RecordData
{
    private protected RecordData()
    {
    }

    /// <summary>The RR type this data belongs to.</summary>
    public abstract RrType Type { get; }

    /// <summary>Writes the data (without the RDLENGTH prefix).</summary>
    internal abstract void WriteData(ref DnsWriter writer);

    /// <summary>Appends the presentation form of the data.</summary>
    internal abstract void FormatData(StringBuilder sb);

    /// <summary>The presentation (zone-file) form of the data.</summary>
    public sealed override string ToString()
    {
        var sb = new StringBuilder();
        FormatData(sb);
        return sb.ToString();
    }

    /// <summary>The data in uncompressed wire form; in <paramref name="canonical"/> form the names
    /// RFC 4034 §6.2 lists are lowercased.</summary>
    public byte[] ToWire(bool canonical = false)
    {
        byte[] buffer = new byte[ushort.MaxValue];
        var writer = canonical ? DnsWriter.CreateCanonical(buffer) : new DnsWriter(buffer);
        WriteData(ref writer);
        return writer.Written.ToArray();
    }

    /// <summary>
    /// Appends the RFC 3597 §5 generic form <c>\# length hex</c> of the data. Used by types whose
    /// own presentation form cannot express a value the wire allows (an empty DS digest, DNSKEY key
    /// or RRSIG signature), so that every record's text always reads back.
    /// </summary>
    private protected void FormatGeneric(StringBuilder sb)
    {
        byte[] wire = ToWire();
        sb.Append("\\# ").Append(wire.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (wire.Length > 0)
        {
            sb.Append(' ').Append(Convert.ToHexString(wire));
        }
    }

    /// <summary>Structural equality helper for byte-array members.</summary>
    private protected static bool BytesEqual(byte[]? a, byte[]? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.AsSpan().SequenceEqual(b));

    /// <summary>Hash helper for byte-array members.</summary>
    private protected static int BytesHash(byte[]? bytes)
    {
        var hc = new HashCode();
        hc.AddBytes(bytes);
        return hc.ToHashCode();
    }
}

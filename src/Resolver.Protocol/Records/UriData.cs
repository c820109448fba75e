// UriData: the URI record, a URI for a service with SRV-like priority and weight (RFC 7553 §4).
// The target is the rest of the RDATA as octets (not a character-string: no length byte, and it
// may be longer than 255), written as a quoted string in presentation form (RFC 7553 §4.5).
using System.Globalization;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>A URI for a service (RFC 7553).</summary>
public sealed record UriData : RecordData
{
    private readonly byte[] _target;

    /// <summary>Creates URI data.</summary>
    /// <exception cref="ArgumentException">The target is empty.</exception>
    public UriData(ushort priority, ushort weight, ReadOnlySpan<byte> target)
    {
        if (target.IsEmpty)
        {
            throw new ArgumentException("A URI target is not empty (RFC 7553 §4.4).", nameof(target));
        }

        Priority = priority;
        Weight = weight;
        _target = target.ToArray();
    }

    /// <summary>Lower values are tried first (RFC 7553 §4.2).</summary>
    public ushort Priority { get; }

    /// <summary>Relative weight among targets of equal priority (RFC 7553 §4.3).</summary>
    public ushort Weight { get; }

    /// <summary>The URI octets (RFC 3986), as received.</summary>
    public ReadOnlySpan<byte> Target => _target;

    /// <summary>The URI as text (UTF-8 decoded).</summary>
    public string TargetText => Encoding.UTF8.GetString(_target);

    /// <inheritdoc/>
    public override RrType Type => RrType.URI;

    internal static UriData ReadData(ref DnsReader reader, int length)
    {
        // RFC 7553 §4.4: the target is not empty, so there is at least one octet after the two fields.
        if (length < 5)
        {
            ThrowHelper.Format("URI record data shorter than 5 bytes (an empty target, RFC 7553 §4.4)", reader.Position);
        }

        return new(reader.ReadUInt16(), reader.ReadUInt16(), reader.ReadBytes(length - 4));
    }

    internal static UriData ParseData(RdataTextReader reader)
    {
        ushort priority = reader.ReadUInt16("priority");
        ushort weight = reader.ReadUInt16("weight");
        byte[] target = reader.DecodeCharacterString(reader.ReadToken("target"), "target", ushort.MaxValue);
        return target.Length == 0 ? reader.Fail<UriData>("Empty URI target (RFC 7553 §4.4).") : new(priority, weight, target);
    }

    internal override void WriteData(ref DnsWriter writer)
    {
        writer.WriteUInt16(Priority);
        writer.WriteUInt16(Weight);
        writer.WriteBytes(_target);
    }

    internal override void FormatData(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{Priority} {Weight} ");
        TxtData.AppendCharacterString(sb, _target);
    }

    /// <inheritdoc/>
    public bool Equals(UriData? other) =>
        other is not null && Priority == other.Priority && Weight == other.Weight && BytesEqual(_target, other._target);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Priority, Weight, BytesHash(_target));
}

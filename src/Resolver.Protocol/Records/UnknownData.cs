// UnknownData: record data of any type without a dedicated class, kept as opaque bytes and shown
// in the generic "\# length hex" form (RFC 3597 §5). Names inside are never decompressed (§4),
// except for the RFC 1035 types and lowercased in the canonical form as EmbeddedNames describes.
using System.Globalization;
using System.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>Opaque record data of a type this library has no dedicated class for (RFC 3597).</summary>
public sealed record UnknownData : RecordData
{
    private readonly byte[] _data;

    /// <summary>Creates opaque data of <paramref name="type"/>.</summary>
    public UnknownData(RrType type, ReadOnlySpan<byte> data)
    {
        Type = type;
        _data = data.ToArray();
    }

    /// <inheritdoc/>
    public override RrType Type { get; }

    /// <summary>The record data bytes.</summary>
    public ReadOnlySpan<byte> Data => _data;

    internal static UnknownData ReadData(RrType type, ref DnsReader reader, int length) => new(type, reader.ReadBytes(length));

    internal override void WriteData(ref DnsWriter writer)
    {
        // RFC 4034 §6.2 (RFC 6840 §5.1): names inside some older types are lowercased in the canonical form.
        if (writer.Canonical && EmbeddedNames.Has(Type))
        {
            EmbeddedNames.WriteCanonical(Type, _data, ref writer);
            return;
        }

        writer.WriteBytes(_data);
    }

    internal override void FormatData(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"\\# {_data.Length}");
        if (_data.Length > 0)
        {
            sb.Append(' ').Append(Convert.ToHexString(_data));
        }
    }

    /// <inheritdoc/>
    public bool Equals(UnknownData? other) => other is not null && Type == other.Type && BytesEqual(_data, other._data);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, BytesHash(_data));
}

// DsData: the DS record, a digest of a child zone's DNSKEY held at the parent (RFC 4034 §5).
using System.Globalization;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>Delegation signer (RFC 4034 §5).</summary>
public sealed record DsData : RecordData
{
    private readonly byte[] _digest;

    /// <summary>Creates DS data.</summary>
    public DsData(ushort keyTag, DnssecAlgorithm algorithm, DigestType digestType, ReadOnlySpan<byte> digest)
    {
        KeyTag = keyTag;
        Algorithm = algorithm;
        DigestType = digestType;
        _digest = digest.ToArray();
    }

    /// <summary>Key tag of the DNSKEY the digest is of (RFC 4034 Appendix B).</summary>
    public ushort KeyTag { get; }

    /// <summary>Algorithm of that DNSKEY.</summary>
    public DnssecAlgorithm Algorithm { get; }

    /// <summary>Digest algorithm.</summary>
    public DigestType DigestType { get; }

    /// <summary>The digest.</summary>
    public ReadOnlySpan<byte> Digest => _digest;

    /// <inheritdoc/>
    public override RrType Type => RrType.DS;

    internal static DsData ReadData(ref DnsReader reader, int length)
    {
        if (length < 4)
        {
            ThrowHelper.Format("DS record data shorter than 4 bytes", reader.Position);
        }

        return new(reader.ReadUInt16(), (DnssecAlgorithm)reader.ReadByte(), (DigestType)reader.ReadByte(), reader.ReadBytes(length - 4));
    }

    internal static DsData ParseData(RdataTextReader reader) => new(
        reader.ReadUInt16("key tag"),
        reader.ReadAlgorithm("algorithm"),
        (DigestType)reader.ReadByte("digest type"),
        reader.ReadHexToEnd("digest"));

    internal override void WriteData(ref DnsWriter writer)
    {
        writer.WriteUInt16(KeyTag);
        writer.WriteByte((byte)Algorithm);
        writer.WriteByte((byte)DigestType);
        writer.WriteBytes(_digest);
    }

    internal override void FormatData(StringBuilder sb)
    {
        if (_digest.Length == 0)
        {
            FormatGeneric(sb); // the presentation form has no way to write an empty digest
            return;
        }

        sb.Append(CultureInfo.InvariantCulture, $"{KeyTag} {(byte)Algorithm} {(byte)DigestType} ").Append(Convert.ToHexString(_digest));
    }

    /// <inheritdoc/>
    public bool Equals(DsData? other) =>
        other is not null && KeyTag == other.KeyTag && Algorithm == other.Algorithm &&
        DigestType == other.DigestType && BytesEqual(_digest, other._digest);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(KeyTag, Algorithm, DigestType, BytesHash(_digest));
}

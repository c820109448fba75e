// RrsigData: the RRSIG record, a signature over one RRset (RFC 4034 §3). Times are 32-bit serial
// numbers of seconds since the epoch (RFC 4034 §3.1.5) and are kept as such: comparisons belong
// to the validity-window code, which uses RFC 1982 arithmetic.
using System.Globalization;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>A DNSSEC signature over an RRset (RFC 4034 §3).</summary>
public sealed record RrsigData : RecordData
{
    private readonly byte[] _signature;

    /// <summary>Creates RRSIG data.</summary>
    public RrsigData(
        RrType typeCovered,
        DnssecAlgorithm algorithm,
        byte labels,
        uint originalTtl,
        uint signatureExpiration,
        uint signatureInception,
        ushort keyTag,
        DnsName signerName,
        ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(signerName);
        TypeCovered = typeCovered;
        Algorithm = algorithm;
        Labels = labels;
        OriginalTtl = originalTtl;
        SignatureExpiration = signatureExpiration;
        SignatureInception = signatureInception;
        KeyTag = keyTag;
        SignerName = signerName;
        _signature = signature.ToArray();
    }

    /// <summary>The type of the RRset this signature covers.</summary>
    public RrType TypeCovered { get; }

    /// <summary>The signing algorithm.</summary>
    public DnssecAlgorithm Algorithm { get; }

    /// <summary>Labels in the original owner name, not counting a leading <c>*</c> (RFC 4034 §3.1.3).</summary>
    public byte Labels { get; }

    /// <summary>The TTL of the RRset as signed.</summary>
    public uint OriginalTtl { get; }

    /// <summary>End of the validity period: seconds since the epoch, modulo 2^32.</summary>
    public uint SignatureExpiration { get; }

    /// <summary>Start of the validity period: seconds since the epoch, modulo 2^32.</summary>
    public uint SignatureInception { get; }

    /// <summary>Key tag of the DNSKEY that made the signature.</summary>
    public ushort KeyTag { get; }

    /// <summary>The zone that signed (owner of the DNSKEY).</summary>
    public DnsName SignerName { get; }

    /// <summary>The signature bytes.</summary>
    public ReadOnlySpan<byte> Signature => _signature;

    /// <inheritdoc/>
    public override RrType Type => RrType.RRSIG;

    internal byte[] SignatureArray => _signature;

    internal static RrsigData ReadData(ref DnsReader reader, int length)
    {
        int start = reader.Position;
        if (length < 18)
        {
            ThrowHelper.Format("RRSIG record data shorter than 18 bytes", start);
        }

        var typeCovered = (RrType)reader.ReadUInt16();
        var algorithm = (DnssecAlgorithm)reader.ReadByte();
        byte labels = reader.ReadByte();
        uint originalTtl = reader.ReadUInt32();
        uint expiration = reader.ReadUInt32();
        uint inception = reader.ReadUInt32();
        ushort keyTag = reader.ReadUInt16();
        DnsName signer = reader.ReadName();
        int used = reader.Position - start;
        if (used > length)
        {
            ThrowHelper.Format("RRSIG signer name runs past the record data", start);
        }

        return new(typeCovered, algorithm, labels, originalTtl, expiration, inception, keyTag, signer, reader.ReadBytes(length - used));
    }

    internal static RrsigData ParseData(RdataTextReader reader) => new(
        reader.ReadType("type covered"),
        reader.ReadAlgorithm("algorithm"),
        reader.ReadByte("labels"),
        reader.ReadTtl("original TTL"),
        reader.ReadTimestamp("signature expiration"),
        reader.ReadTimestamp("signature inception"),
        reader.ReadUInt16("key tag"),
        reader.ReadName("signer name"),
        reader.ReadBase64ToEnd("signature"));

    /// <summary>Writes every field but the signature (the RRSIG part of the signed data, RFC 4034 §3.1.8.1).</summary>
    internal void WriteSignedFields(ref DnsWriter writer)
    {
        writer.WriteUInt16((ushort)TypeCovered);
        writer.WriteByte((byte)Algorithm);
        writer.WriteByte(Labels);
        writer.WriteUInt32(OriginalTtl);
        writer.WriteUInt32(SignatureExpiration);
        writer.WriteUInt32(SignatureInception);
        writer.WriteUInt16(KeyTag);
        writer.WriteUncompressedName(SignerName);
    }

    internal override void WriteData(ref DnsWriter writer)
    {
        WriteSignedFields(ref writer);
        writer.WriteBytes(_signature);
    }

    internal override void FormatData(StringBuilder sb)
    {
        if (_signature.Length == 0)
        {
            FormatGeneric(sb); // the presentation form has no way to write an empty signature
            return;
        }

        sb.Append(RrTypeText.Format(TypeCovered))
          .Append(CultureInfo.InvariantCulture, $" {(byte)Algorithm} {Labels} {OriginalTtl} ")
          .Append(FormatTimestamp(SignatureExpiration)).Append(' ')
          .Append(FormatTimestamp(SignatureInception)).Append(' ')
          .Append(KeyTag.ToString(CultureInfo.InvariantCulture)).Append(' ');
        SignerName.AppendTo(sb);
        sb.Append(' ').Append(Convert.ToBase64String(_signature));
    }

    /// <summary>Formats an RRSIG time as <c>YYYYMMDDHHmmSS</c> UTC (RFC 4034 §3.2).</summary>
    internal static string FormatTimestamp(uint seconds) =>
        DateTime.UnixEpoch.AddSeconds(seconds).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public bool Equals(RrsigData? other) =>
        other is not null && TypeCovered == other.TypeCovered && Algorithm == other.Algorithm &&
        Labels == other.Labels && OriginalTtl == other.OriginalTtl &&
        SignatureExpiration == other.SignatureExpiration && SignatureInception == other.SignatureInception &&
        KeyTag == other.KeyTag && SignerName == other.SignerName && BytesEqual(_signature, other._signature);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(TypeCovered, Algorithm, Labels, OriginalTtl, SignatureExpiration, KeyTag, SignerName, BytesHash(_signature));
}

// SshfpData: the SSHFP record, a fingerprint of an SSH host key (RFC 4255 §3; algorithm numbers
// from RFC 4255, RFC 6594 and RFC 7479, fingerprint types SHA-1 and SHA-256 from RFC 6594).
using System.Globalization;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>An SSH host key fingerprint (RFC 4255).</summary>
public sealed record SshfpData : RecordData
{
    private readonly byte[] _fingerprint;

    /// <summary>Creates SSHFP data.</summary>
    public SshfpData(byte algorithm, byte fingerprintType, ReadOnlySpan<byte> fingerprint)
    {
        Algorithm = algorithm;
        FingerprintType = fingerprintType;
        _fingerprint = fingerprint.ToArray();
    }

    /// <summary>The host key algorithm: 1 RSA, 2 DSA (RFC 4255 §3.1.1), 3 ECDSA (RFC 6594), 4 Ed25519 (RFC 7479).</summary>
    public byte Algorithm { get; }

    /// <summary>The fingerprint type: 1 SHA-1 (RFC 4255 §3.1.2), 2 SHA-256 (RFC 6594).</summary>
    public byte FingerprintType { get; }

    /// <summary>The fingerprint of the host key.</summary>
    public ReadOnlySpan<byte> Fingerprint => _fingerprint;

    /// <inheritdoc/>
    public override RrType Type => RrType.SSHFP;

    internal static SshfpData ReadData(ref DnsReader reader, int length)
    {
        if (length < 2)
        {
            ThrowHelper.Format("SSHFP record data shorter than 2 bytes", reader.Position);
        }

        return new(reader.ReadByte(), reader.ReadByte(), reader.ReadBytes(length - 2));
    }

    // RFC 4255 §3.2: algorithm, fingerprint type, then the fingerprint in hex.
    internal static SshfpData ParseData(RdataTextReader reader) => new(
        reader.ReadByte("algorithm"),
        reader.ReadByte("fingerprint type"),
        reader.ReadHexToEnd("fingerprint"));

    internal override void WriteData(ref DnsWriter writer)
    {
        writer.WriteByte(Algorithm);
        writer.WriteByte(FingerprintType);
        writer.WriteBytes(_fingerprint);
    }

    internal override void FormatData(StringBuilder sb)
    {
        if (_fingerprint.Length == 0)
        {
            FormatGeneric(sb); // the hex field cannot be empty
            return;
        }

        sb.Append(CultureInfo.InvariantCulture, $"{Algorithm} {FingerprintType} ").Append(Convert.ToHexString(_fingerprint));
    }

    /// <inheritdoc/>
    public bool Equals(SshfpData? other) =>
        other is not null && Algorithm == other.Algorithm && FingerprintType == other.FingerprintType && BytesEqual(_fingerprint, other._fingerprint);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Algorithm, FingerprintType, BytesHash(_fingerprint));
}

// ZonemdData: the ZONEMD record, a digest over a whole zone (RFC 8976 §2): the SOA serial it was
// computed for, the scheme (1 SIMPLE), the hash algorithm (1 SHA-384, 2 SHA-512) and the digest,
// which RFC 8976 §2.2.4 says is never shorter than 12 octets.
using System.Globalization;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>A zone message digest (RFC 8976).</summary>
public sealed record ZonemdData : RecordData
{
    /// <summary>RFC 8976 §2.2.4: "The Digest field MUST NOT be shorter than 12 octets."</summary>
    public const int MinDigestLength = 12;

    private readonly byte[] _digest;

    /// <summary>Creates ZONEMD data.</summary>
    /// <exception cref="ArgumentException">The digest is shorter than 12 bytes.</exception>
    public ZonemdData(uint serial, byte scheme, byte hashAlgorithm, ReadOnlySpan<byte> digest)
    {
        if (digest.Length < MinDigestLength)
        {
            throw new ArgumentException("A ZONEMD digest is at least 12 bytes (RFC 8976 §2.2.4).", nameof(digest));
        }

        Serial = serial;
        Scheme = scheme;
        HashAlgorithm = hashAlgorithm;
        _digest = digest.ToArray();
    }

    /// <summary>The SOA serial of the zone the digest is of (RFC 8976 §2.2.1).</summary>
    public uint Serial { get; }

    /// <summary>The scheme: 1 SIMPLE (RFC 8976 §2.2.2).</summary>
    public byte Scheme { get; }

    /// <summary>The hash algorithm: 1 SHA-384, 2 SHA-512 (RFC 8976 §2.2.3).</summary>
    public byte HashAlgorithm { get; }

    /// <summary>The digest.</summary>
    public ReadOnlySpan<byte> Digest => _digest;

    /// <inheritdoc/>
    public override RrType Type => RrType.ZONEMD;

    internal static ZonemdData ReadData(ref DnsReader reader, int length)
    {
        if (length < 6 + MinDigestLength)
        {
            ThrowHelper.Format("ZONEMD record data shorter than 18 bytes (RFC 8976 §2.2.4: the digest is at least 12)", reader.Position);
        }

        return new(reader.ReadUInt32(), reader.ReadByte(), reader.ReadByte(), reader.ReadBytes(length - 6));
    }

    // RFC 8976 §2.3: serial, scheme, hash algorithm as numbers, the digest in hex.
    internal static ZonemdData ParseData(RdataTextReader reader)
    {
        uint serial = reader.ReadUInt32("serial");
        byte scheme = reader.ReadByte("scheme");
        byte hash = reader.ReadByte("hash algorithm");
        byte[] digest = reader.ReadHexToEnd("digest");
        return digest.Length < MinDigestLength
            ? reader.Fail<ZonemdData>("ZONEMD digest shorter than 12 bytes (RFC 8976 §2.2.4).")
            : new(serial, scheme, hash, digest);
    }

    internal override void WriteData(ref DnsWriter writer)
    {
        writer.WriteUInt32(Serial);
        writer.WriteByte(Scheme);
        writer.WriteByte(HashAlgorithm);
        writer.WriteBytes(_digest);
    }

    internal override void FormatData(StringBuilder sb) =>
        sb.Append(CultureInfo.InvariantCulture, $"{Serial} {Scheme} {HashAlgorithm} ").Append(Convert.ToHexString(_digest));

    /// <inheritdoc/>
    public bool Equals(ZonemdData? other) =>
        other is not null && Serial == other.Serial && Scheme == other.Scheme && HashAlgorithm == other.HashAlgorithm && BytesEqual(_digest, other._digest);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Serial, Scheme, HashAlgorithm, BytesHash(_digest));
}

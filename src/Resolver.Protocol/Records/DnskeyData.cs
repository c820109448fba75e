// DnskeyData: the DNSKEY record, a zone's public key (RFC 4034 §2), with the flag bits that
// matter to validation: Zone Key (bit 7), REVOKE (bit 8, RFC 5011) and SEP (bit 15, which means
// nothing to a validator, RFC 4034 §2.1.2).
using System.Globalization;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>A DNSSEC public key (RFC 4034 §2).</summary>
public sealed record DnskeyData : RecordData
{
    /// <summary>Flags bit 7: the key is a zone key (RFC 4034 §2.1.1).</summary>
    public const ushort ZoneKeyFlag = 0x0100;

    /// <summary>Flags bit 8: the key is revoked (RFC 5011 §3).</summary>
    public const ushort RevokeFlag = 0x0080;

    /// <summary>Flags bit 15: secure entry point, a hint only (RFC 4034 §2.1.1).</summary>
    public const ushort SecureEntryPointFlag = 0x0001;

    private readonly byte[] _publicKey;

    // Key tag + 1, computed on first use (0 = not yet).
    private int _keyTagPlusOne;

    /// <summary>Creates DNSKEY data.</summary>
    public DnskeyData(ushort flags, byte protocol, DnssecAlgorithm algorithm, ReadOnlySpan<byte> publicKey)
    {
        Flags = flags;
        Protocol = protocol;
        Algorithm = algorithm;
        _publicKey = publicKey.ToArray();
    }

    /// <summary>The flags field.</summary>
    public ushort Flags { get; }

    /// <summary>The protocol field; must be 3 (RFC 4034 §2.1.2).</summary>
    public byte Protocol { get; }

    /// <summary>The algorithm.</summary>
    public DnssecAlgorithm Algorithm { get; }

    /// <summary>The public key in the algorithm's DNSKEY format.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>True when the Zone Key flag is set.</summary>
    public bool IsZoneKey => (Flags & ZoneKeyFlag) != 0;

    /// <summary>True when the REVOKE flag is set (RFC 5011): such a key is never used to validate.</summary>
    public bool IsRevoked => (Flags & RevokeFlag) != 0;

    /// <summary>True when the SEP flag is set (conventionally a key-signing key).</summary>
    public bool IsSecureEntryPoint => (Flags & SecureEntryPointFlag) != 0;

    /// <summary>The key tag (RFC 4034 Appendix B), computed once.</summary>
    public ushort KeyTag
    {
        get
        {
            int tag = _keyTagPlusOne;
            if (tag == 0)
            {
                _keyTagPlusOne = tag = Dnssec.KeyTags.Compute(this) + 1;
            }

            return (ushort)(tag - 1);
        }
    }

    /// <inheritdoc/>
    public override RrType Type => RrType.DNSKEY;

    internal byte[] PublicKeyArray => _publicKey;

    internal static DnskeyData ReadData(ref DnsReader reader, int length)
    {
        if (length < 4)
        {
            ThrowHelper.Format("DNSKEY record data shorter than 4 bytes", reader.Position);
        }

        return new(reader.ReadUInt16(), reader.ReadByte(), (DnssecAlgorithm)reader.ReadByte(), reader.ReadBytes(length - 4));
    }

    internal static DnskeyData ParseData(RdataTextReader reader) => new(
        reader.ReadUInt16("flags"),
        reader.ReadByte("protocol"),
        reader.ReadAlgorithm("algorithm"),
        reader.ReadBase64ToEnd("public key"));

    internal override void WriteData(ref DnsWriter writer)
    {
        writer.WriteUInt16(Flags);
        writer.WriteByte(Protocol);
        writer.WriteByte((byte)Algorithm);
        writer.WriteBytes(_publicKey);
    }

    internal override void FormatData(StringBuilder sb)
    {
        if (_publicKey.Length == 0)
        {
            FormatGeneric(sb); // the presentation form has no way to write an empty key
            return;
        }

        sb.Append(CultureInfo.InvariantCulture, $"{Flags} {Protocol} {(byte)Algorithm} ").Append(Convert.ToBase64String(_publicKey));
    }

    /// <inheritdoc/>
    public bool Equals(DnskeyData? other) =>
        other is not null && Flags == other.Flags && Protocol == other.Protocol &&
        Algorithm == other.Algorithm && BytesEqual(_publicKey, other._publicKey);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Flags, Protocol, Algorithm, BytesHash(_publicKey));
}

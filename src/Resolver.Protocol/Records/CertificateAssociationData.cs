// CertificateAssociationData: the shared shape of TLSA (RFC 6698 §2.1) and SMIMEA (RFC 8162 §2,
// "the same as TLSA"): certificate usage, selector, matching type and the association data. One
// reader, writer and text form serve both; TlsaData and SmimeaData only name the type.
using System.Globalization;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>A certificate association (TLSA, RFC 6698; SMIMEA, RFC 8162).</summary>
public abstract record CertificateAssociationData : RecordData
{
    private readonly byte[] _data;

    private protected CertificateAssociationData(byte certificateUsage, byte selector, byte matchingType, ReadOnlySpan<byte> associationData)
    {
        CertificateUsage = certificateUsage;
        Selector = selector;
        MatchingType = matchingType;
        _data = associationData.ToArray();
    }

    /// <summary>Certificate usage (RFC 6698 §2.1.1, RFC 7218 §2.1): 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE.</summary>
    public byte CertificateUsage { get; }

    /// <summary>Selector (RFC 6698 §2.1.2): 0 the full certificate, 1 its SubjectPublicKeyInfo.</summary>
    public byte Selector { get; }

    /// <summary>Matching type (RFC 6698 §2.1.3): 0 exact match, 1 SHA-256, 2 SHA-512.</summary>
    public byte MatchingType { get; }

    /// <summary>The certificate association data (RFC 6698 §2.1.4).</summary>
    public ReadOnlySpan<byte> AssociationData => _data;

    private protected static (byte Usage, byte Selector, byte Matching, byte[] Data) ReadFields(ref DnsReader reader, int length, RrType type)
    {
        if (length < 3)
        {
            ThrowHelper.Format($"{type} record data shorter than 3 bytes", reader.Position);
        }

        return (reader.ReadByte(), reader.ReadByte(), reader.ReadByte(), reader.ReadBytes(length - 3).ToArray());
    }

    // RFC 6698 §2.2: three numbers and hex. RFC 7218 §2 mnemonics are accepted on input; output
    // stays numeric, as RFC 7218 §2 asks of zone-file writers for interoperability.
    private protected static (byte Usage, byte Selector, byte Matching, byte[] Data) ParseFields(RdataTextReader reader) => (
        ReadMnemonic(reader, "certificate usage", ["PKIX-TA", "PKIX-EE", "DANE-TA", "DANE-EE"], "PrivCert"),
        ReadMnemonic(reader, "selector", ["Cert", "SPKI"], "PrivSel"),
        ReadMnemonic(reader, "matching type", ["Full", "SHA2-256", "SHA2-512"], "PrivMatch"),
        reader.ReadHexToEnd("certificate association data"));

    private static byte ReadMnemonic(RdataTextReader reader, string what, string[] names, string private255)
    {
        ZoneToken? next = reader.PeekToken();
        if (next is { } token && !token.Text.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return reader.ReadByte(what);
        }

        string text = reader.ReadToken(what);
        int index = Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? (byte)index
            : text.Equals(private255, StringComparison.OrdinalIgnoreCase) ? (byte)255
            : reader.Fail<byte>($"Bad {what} '{text}': expected a number from 0 to 255 or an RFC 7218 mnemonic.");
    }

    internal sealed override void WriteData(ref DnsWriter writer)
    {
        writer.WriteByte(CertificateUsage);
        writer.WriteByte(Selector);
        writer.WriteByte(MatchingType);
        writer.WriteBytes(_data);
    }

    internal sealed override void FormatData(StringBuilder sb)
    {
        if (_data.Length == 0)
        {
            FormatGeneric(sb); // the hex field of RFC 6698 §2.2 cannot be empty
            return;
        }

        sb.Append(CultureInfo.InvariantCulture, $"{CertificateUsage} {Selector} {MatchingType} ").Append(Convert.ToHexString(_data));
    }

    /// <inheritdoc/>
    public virtual bool Equals(CertificateAssociationData? other) =>
        other is not null && EqualityContract == other.EqualityContract && CertificateUsage == other.CertificateUsage &&
        Selector == other.Selector && MatchingType == other.MatchingType && BytesEqual(_data, other._data);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, CertificateUsage, Selector, MatchingType, BytesHash(_data));
}

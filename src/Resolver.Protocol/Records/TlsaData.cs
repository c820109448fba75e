// TlsaData: the TLSA record, a TLS server certificate association for DANE (RFC 6698 §2);
// fields, wire and text forms are CertificateAssociationData's.
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>A TLS server certificate association for DANE (RFC 6698).</summary>
public sealed record TlsaData : CertificateAssociationData
{
    /// <summary>Creates TLSA data.</summary>
    public TlsaData(byte certificateUsage, byte selector, byte matchingType, ReadOnlySpan<byte> associationData)
        : base(certificateUsage, selector, matchingType, associationData)
    {
    }

    /// <inheritdoc/>
    public override RrType Type => RrType.TLSA;

    internal static TlsaData ReadData(ref DnsReader reader, int length)
    {
        var f = ReadFields(ref reader, length, RrType.TLSA);
        return new(f.Usage, f.Selector, f.Matching, f.Data);
    }

    internal static TlsaData ParseData(RdataTextReader reader)
    {
        var f = ParseFields(reader);
        return new(f.Usage, f.Selector, f.Matching, f.Data);
    }
}

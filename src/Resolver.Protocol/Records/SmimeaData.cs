// SmimeaData: the SMIMEA record, an S/MIME certificate association (RFC 8162 §2: "the same
// format as the TLSA RR"); fields, wire and text forms are CertificateAssociationData's.
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>An S/MIME certificate association (RFC 8162), shaped as TLSA.</summary>
public sealed record SmimeaData : CertificateAssociationData
{
    /// <summary>Creates SMIMEA data.</summary>
    public SmimeaData(byte certificateUsage, byte selector, byte matchingType, ReadOnlySpan<byte> associationData)
        : base(certificateUsage, selector, matchingType, associationData)
    {
    }

    /// <inheritdoc/>
    public override RrType Type => RrType.SMIMEA;

    internal static SmimeaData ReadData(ref DnsReader reader, int length)
    {
        var f = ReadFields(ref reader, length, RrType.SMIMEA);
        return new(f.Usage, f.Selector, f.Matching, f.Data);
    }

    internal static SmimeaData ParseData(RdataTextReader reader)
    {
        var f = ParseFields(reader);
        return new(f.Usage, f.Selector, f.Matching, f.Data);
    }
}

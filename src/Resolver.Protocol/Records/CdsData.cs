// CdsData: the CDS record, the DS a child zone asks its parent to publish (RFC 7344 §3.1: "the
// same ... as the DS RR"), including the delete form "0 0 0 00" (RFC 8078 §4). Wire and text
// forms are DsData's, reused rather than copied.
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>Child DS (RFC 7344): DS fields published by the child.</summary>
/// <param name="Ds">The DS fields.</param>
public sealed record CdsData(DsData Ds) : RecordData
{
    /// <summary>The DS fields.</summary>
    public DsData Ds { get; } = Ds ?? throw new ArgumentNullException(nameof(Ds));

    /// <summary>True for the RFC 8078 §4 request to delete the DS RRset: <c>0 0 0 00</c>.</summary>
    public bool IsDeleteRequest => Ds.KeyTag == 0 && Ds.Algorithm == 0 && Ds.DigestType == 0 && Ds.Digest.SequenceEqual((ReadOnlySpan<byte>)[0]);

    /// <inheritdoc/>
    public override RrType Type => RrType.CDS;

    internal static CdsData ReadData(ref DnsReader reader, int length) => new(DsData.ReadData(ref reader, length));

    internal static CdsData ParseData(RdataTextReader reader) => new(DsData.ParseData(reader));

    internal override void WriteData(ref DnsWriter writer) => Ds.WriteData(ref writer);

    internal override void FormatData(StringBuilder sb) => Ds.FormatData(sb);
}

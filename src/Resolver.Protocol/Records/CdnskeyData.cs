// CdnskeyData: the CDNSKEY record, the DNSKEY a child zone asks its parent to make a DS of
// (RFC 7344 §3.2: "the same ... as the DNSKEY RR"), including the delete form "0 3 0 AA=="
// (RFC 8078 §4). Wire and text forms are DnskeyData's, reused rather than copied.
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>Child DNSKEY (RFC 7344): DNSKEY fields published by the child.</summary>
/// <param name="Dnskey">The DNSKEY fields.</param>
public sealed record CdnskeyData(DnskeyData Dnskey) : RecordData
{
    /// <summary>The DNSKEY fields.</summary>
    public DnskeyData Dnskey { get; } = Dnskey ?? throw new ArgumentNullException(nameof(Dnskey));

    /// <summary>True for the RFC 8078 §4 request to delete the DS RRset: <c>0 3 0 AA==</c>.</summary>
    public bool IsDeleteRequest => Dnskey.Flags == 0 && Dnskey.Protocol == 3 && Dnskey.Algorithm == 0 && Dnskey.PublicKey.SequenceEqual((ReadOnlySpan<byte>)[0]);

    /// <inheritdoc/>
    public override RrType Type => RrType.CDNSKEY;

    internal static CdnskeyData ReadData(ref DnsReader reader, int length) => new(DnskeyData.ReadData(ref reader, length));

    internal static CdnskeyData ParseData(RdataTextReader reader) => new(DnskeyData.ParseData(reader));

    internal override void WriteData(ref DnsWriter writer) => Dnskey.WriteData(ref writer);

    internal override void FormatData(StringBuilder sb) => Dnskey.FormatData(sb);
}

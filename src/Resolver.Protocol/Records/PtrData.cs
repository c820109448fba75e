// PtrData: the PTR record, a pointer to another place in the name space (RFC 1035 §3.3.12),
// mostly used for reverse mapping.
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>A pointer to another domain name (RFC 1035 §3.3.12).</summary>
/// <param name="DomainName">The name pointed to (PTRDNAME).</param>
public sealed record PtrData(DnsName DomainName) : RecordData
{
    /// <inheritdoc/>
    public override RrType Type => RrType.PTR;

    internal static PtrData ReadData(ref DnsReader reader, int length) => new(reader.ReadName());

    internal static PtrData ParseData(RdataTextReader reader) => new(reader.ReadName("pointer name"));

    // RFC 3597 §4: PTR is one of the RFC 1035 types whose names may be compressed.
    internal override void WriteData(ref DnsWriter writer) => writer.WriteCompressibleName(DomainName);

    internal override void FormatData(StringBuilder sb) => DomainName.AppendTo(sb);
}

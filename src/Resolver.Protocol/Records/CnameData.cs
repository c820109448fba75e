// CnameData: the CNAME record, the canonical name the owner is an alias of (RFC 1035 §3.3.1).
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>An alias: the owner name is another name for <see cref="Target"/> (RFC 1035 §3.3.1).</summary>
/// <param name="Target">The canonical name.</param>
public sealed record CnameData(DnsName Target) : RecordData
{
    /// <inheritdoc/>
    public override RrType Type => RrType.CNAME;

    internal static CnameData ReadData(ref DnsReader reader, int length) => new(reader.ReadName());

    internal static CnameData ParseData(RdataTextReader reader) => new(reader.ReadName("canonical name"));

    // RFC 3597 §4: CNAME is one of the RFC 1035 types whose names may be compressed.
    internal override void WriteData(ref DnsWriter writer) => writer.WriteCompressibleName(Target);

    internal override void FormatData(StringBuilder sb) => Target.AppendTo(sb);
}

// NsData: the NS record, an authoritative name server for the owner's zone (RFC 1035 §3.3.11).
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>An authoritative name server (RFC 1035 §3.3.11).</summary>
/// <param name="NameServer">The server's host name.</param>
public sealed record NsData(DnsName NameServer) : RecordData
{
    /// <inheritdoc/>
    public override RrType Type => RrType.NS;

    internal static NsData ReadData(ref DnsReader reader, int length) => new(reader.ReadName());

    internal static NsData ParseData(RdataTextReader reader) => new(reader.ReadName("name server"));

    internal override void WriteData(ref DnsWriter writer) => writer.WriteCompressibleName(NameServer);

    internal override void FormatData(StringBuilder sb) => NameServer.AppendTo(sb);
}

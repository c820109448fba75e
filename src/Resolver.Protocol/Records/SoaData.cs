// SoaData: the SOA record, start of a zone of authority (RFC 1035 §3.3.13; RFC 2308 for the
// minimum field's use as the negative-caching TTL).
using System.Globalization;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>Start of authority (RFC 1035 §3.3.13).</summary>
/// <param name="PrimaryServer">MNAME: the primary name server.</param>
/// <param name="ResponsibleMailbox">RNAME: the responsible person's mailbox as a name.</param>
/// <param name="Serial">Zone serial number (RFC 1982 arithmetic).</param>
/// <param name="Refresh">Secondary refresh interval, seconds.</param>
/// <param name="Retry">Secondary retry interval, seconds.</param>
/// <param name="Expire">Secondary expiry, seconds.</param>
/// <param name="Minimum">Negative-caching TTL, seconds (RFC 2308 §4).</param>
public sealed record SoaData(
    DnsName PrimaryServer,
    DnsName ResponsibleMailbox,
    uint Serial,
    uint Refresh,
    uint Retry,
    uint Expire,
    uint Minimum) : RecordData
{
    /// <inheritdoc/>
    public override RrType Type => RrType.SOA;

    internal static SoaData ReadData(ref DnsReader reader, int length) => new(
        reader.ReadName(), reader.ReadName(),
        reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32());

    internal static SoaData ParseData(RdataTextReader reader) => new(
        reader.ReadName("primary server"),
        reader.ReadName("responsible mailbox"),
        reader.ReadUInt32("serial"),
        reader.ReadTtl("refresh"),
        reader.ReadTtl("retry"),
        reader.ReadTtl("expire"),
        reader.ReadTtl("minimum"));

    internal override void WriteData(ref DnsWriter writer)
    {
        writer.WriteCompressibleName(PrimaryServer);
        writer.WriteCompressibleName(ResponsibleMailbox);
        writer.WriteUInt32(Serial);
        writer.WriteUInt32(Refresh);
        writer.WriteUInt32(Retry);
        writer.WriteUInt32(Expire);
        writer.WriteUInt32(Minimum);
    }

    internal override void FormatData(StringBuilder sb)
    {
        PrimaryServer.AppendTo(sb);
        sb.Append(' ');
        ResponsibleMailbox.AppendTo(sb);
        sb.Append(CultureInfo.InvariantCulture, $" {Serial} {Refresh} {Retry} {Expire} {Minimum}");
    }
}

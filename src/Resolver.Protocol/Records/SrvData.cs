// SrvData: the SRV record, the location of a service (RFC 2782).
using System.Globalization;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>A service location (RFC 2782).</summary>
/// <param name="Priority">Lower values are tried first.</param>
/// <param name="Weight">Relative weight among targets of equal priority.</param>
/// <param name="Port">The service's port on the target.</param>
/// <param name="Target">The host providing the service; the root name means "not available here".</param>
public sealed record SrvData(ushort Priority, ushort Weight, ushort Port, DnsName Target) : RecordData
{
    /// <inheritdoc/>
    public override RrType Type => RrType.SRV;

    internal static SrvData ReadData(ref DnsReader reader, int length)
    {
        // Three 16-bit fields and at least the root label.
        if (length < 7)
        {
            ThrowHelper.Format("SRV record data shorter than 7 bytes", reader.Position);
        }

        return new(reader.ReadUInt16(), reader.ReadUInt16(), reader.ReadUInt16(), reader.ReadName());
    }

    internal static SrvData ParseData(RdataTextReader reader) => new(
        reader.ReadUInt16("priority"),
        reader.ReadUInt16("weight"),
        reader.ReadUInt16("port"),
        reader.ReadName("target"));

    internal override void WriteData(ref DnsWriter writer)
    {
        writer.WriteUInt16(Priority);
        writer.WriteUInt16(Weight);
        writer.WriteUInt16(Port);
        // RFC 2782: the target is not compressed; RFC 4034 §6.2 lowercases it in the canonical form.
        writer.WriteUncompressedName(Target);
    }

    internal override void FormatData(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{Priority} {Weight} {Port} ");
        Target.AppendTo(sb);
    }
}

// MxData: the MX record, a mail exchanger for the owner name and its preference (RFC 1035 §3.3.9).
using System.Globalization;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>A mail exchanger (RFC 1035 §3.3.9).</summary>
/// <param name="Preference">Lower values are preferred.</param>
/// <param name="Exchange">The mail host.</param>
public sealed record MxData(ushort Preference, DnsName Exchange) : RecordData
{
    /// <inheritdoc/>
    public override RrType Type => RrType.MX;

    internal static MxData ReadData(ref DnsReader reader, int length)
    {
        // Two bytes of preference and at least the root label.
        if (length < 3)
        {
            ThrowHelper.Format("MX record data shorter than 3 bytes", reader.Position);
        }

        return new(reader.ReadUInt16(), reader.ReadName());
    }

    internal static MxData ParseData(RdataTextReader reader) => new(reader.ReadUInt16("preference"), reader.ReadName("exchange"));

    internal override void WriteData(ref DnsWriter writer)
    {
        writer.WriteUInt16(Preference);
        // RFC 3597 §4: MX is one of the RFC 1035 types whose names may be compressed.
        writer.WriteCompressibleName(Exchange);
    }

    internal override void FormatData(StringBuilder sb)
    {
        sb.Append(Preference.ToString(CultureInfo.InvariantCulture)).Append(' ');
        Exchange.AppendTo(sb);
    }
}

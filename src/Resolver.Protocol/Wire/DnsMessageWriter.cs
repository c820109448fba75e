// DnsMessageWriter: writes a DnsMessage in wire form with name compression, appending the OPT
// pseudo-record (with the extended RCODE bits) when the message has EDNS.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Wire;

internal static class DnsMessageWriter
{
    public static int Write(DnsMessage message, Span<byte> destination, DnsNameCompressor compressor)
    {
        int rcode = (int)message.ResponseCode;
        if (rcode > 0xF && message.Edns is null)
        {
            throw new InvalidOperationException($"RCODE {rcode} needs EDNS (RFC 6891 §6.1.3).");
        }

        if (rcode > 0xFFF)
        {
            throw new InvalidOperationException($"RCODE {rcode} does not fit in 12 bits.");
        }

        var writer = new DnsWriter(destination, compressor);
        writer.WriteUInt16(message.Id);
        int flags = (message.IsResponse ? 0x8000 : 0) | (((int)message.OpCode & 0xF) << 11) |
                    (message.IsAuthoritativeAnswer ? 0x0400 : 0) | (message.IsTruncated ? 0x0200 : 0) |
                    (message.RecursionDesired ? 0x0100 : 0) | (message.RecursionAvailable ? 0x0080 : 0) |
                    (message.ReservedBit ? 0x0040 : 0) | (message.AuthenticData ? 0x0020 : 0) |
                    (message.CheckingDisabled ? 0x0010 : 0) | (rcode & 0xF);
        writer.WriteUInt16((ushort)flags);
        writer.WriteUInt16(Count(message.Questions.Count));
        writer.WriteUInt16(Count(message.Answers.Count));
        writer.WriteUInt16(Count(message.Authorities.Count));
        writer.WriteUInt16(Count(message.Additionals.Count + (message.Edns is null ? 0 : 1)));
        foreach (DnsQuestion question in message.Questions)
        {
            writer.WriteCompressibleName(question.Name);
            writer.WriteUInt16((ushort)question.Type);
            writer.WriteUInt16((ushort)question.Class);
        }

        WriteSection(ref writer, message.Answers);
        WriteSection(ref writer, message.Authorities);
        WriteSection(ref writer, message.Additionals);
        if (message.Edns is { } edns)
        {
            WriteOpt(ref writer, edns, rcode >> 4);
        }

        return writer.Position;
    }

    /// <summary>Writes one record (owner, type, class, TTL, RDLENGTH, RDATA).</summary>
    internal static void WriteRecord(ref DnsWriter writer, ResourceRecord record)
    {
        writer.WriteCompressibleName(record.Name);
        writer.WriteUInt16((ushort)record.Type);
        writer.WriteUInt16((ushort)record.Class);
        writer.WriteUInt32(record.Ttl);
        int lengthAt = writer.Position;
        writer.WriteUInt16(0);
        record.Data.WriteData(ref writer);
        int length = writer.Position - lengthAt - 2;
        if (length > ushort.MaxValue)
        {
            throw new InvalidOperationException("Record data exceeds 65,535 bytes.");
        }

        writer.PatchUInt16(lengthAt, (ushort)length);
    }

    private static void WriteSection(ref DnsWriter writer, IList<ResourceRecord> records)
    {
        foreach (ResourceRecord record in records)
        {
            if (record.Type == RrType.OPT)
            {
                throw new InvalidOperationException("Put EDNS in DnsMessage.Edns, not an OPT record in a section.");
            }

            WriteRecord(ref writer, record);
        }
    }

    private static void WriteOpt(ref DnsWriter writer, EdnsRecord edns, int extendedRcode)
    {
        writer.WriteByte(0); // root owner
        writer.WriteUInt16((ushort)RrType.OPT);
        writer.WriteUInt16(edns.UdpPayloadSize);
        uint ttl = ((uint)extendedRcode << 24) | ((uint)edns.Version << 16) | (edns.DnssecOk ? 0x8000u : 0) | (edns.OtherFlags & 0x7FFFu);
        writer.WriteUInt32(ttl);
        int lengthAt = writer.Position;
        writer.WriteUInt16(0);
        new OptData(edns.Options).WriteData(ref writer);
        writer.PatchUInt16(lengthAt, (ushort)(writer.Position - lengthAt - 2));
    }

    private static ushort Count(int count) =>
        count <= ushort.MaxValue ? (ushort)count : throw new InvalidOperationException("A section cannot hold more than 65,535 entries.");
}

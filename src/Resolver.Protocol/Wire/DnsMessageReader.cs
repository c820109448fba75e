// DnsMessageReader: parses a whole message (RFC 1035 §4.1) — header, sections, record data via
// the registry — and lifts the OPT pseudo-record into DnsMessage.Edns (RFC 6891 §6.1.1). Counts
// are checked against the bytes actually present before anything is allocated for them.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Wire;

internal static class DnsMessageReader
{
    private const int HeaderSize = 12;

    // Smallest possible encodings: a question is root name + type + class; an RR adds TTL + RDLENGTH.
    private const int MinQuestionSize = 5;
    private const int MinRecordSize = 11;

    public static DnsMessage Read(ReadOnlySpan<byte> wire)
    {
        if (wire.Length < HeaderSize)
        {
            ThrowHelper.Format($"A DNS message needs a 12-byte header; got {wire.Length} bytes", 0);
        }

        if (wire.Length > DnsMessage.MaxSize)
        {
            ThrowHelper.Format("A DNS message cannot exceed 65,535 bytes", DnsMessage.MaxSize);
        }

        var reader = new DnsReader(wire);
        var message = new DnsMessage { Id = reader.ReadUInt16() };
        ushort flags = reader.ReadUInt16();
        message.IsResponse = (flags & 0x8000) != 0;
        message.OpCode = (OpCode)((flags >> 11) & 0xF);
        message.IsAuthoritativeAnswer = (flags & 0x0400) != 0;
        message.IsTruncated = (flags & 0x0200) != 0;
        message.RecursionDesired = (flags & 0x0100) != 0;
        message.RecursionAvailable = (flags & 0x0080) != 0;
        message.ReservedBit = (flags & 0x0040) != 0;
        message.AuthenticData = (flags & 0x0020) != 0;
        message.CheckingDisabled = (flags & 0x0010) != 0;
        int rcode = flags & 0xF;

        int qdCount = reader.ReadUInt16();
        int anCount = reader.ReadUInt16();
        int nsCount = reader.ReadUInt16();
        int arCount = reader.ReadUInt16();
        long minimum = ((long)qdCount * MinQuestionSize) + ((long)(anCount + nsCount + arCount) * MinRecordSize);
        if (minimum > reader.Remaining)
        {
            ThrowHelper.Format(
                $"Section counts ({qdCount}/{anCount}/{nsCount}/{arCount}) need at least {minimum} bytes but {reader.Remaining} remain",
                4);
        }

        for (int i = 0; i < qdCount; i++)
        {
            DnsName name = reader.ReadName();
            var type = (RrType)reader.ReadUInt16();
            var rrClass = (RrClass)reader.ReadUInt16();
            message.Questions.Add(new DnsQuestion(name, type, rrClass));
        }

        ReadSection(ref reader, anCount, message.Answers, message, allowOpt: false);
        ReadSection(ref reader, nsCount, message.Authorities, message, allowOpt: false);
        rcode = ReadSection(ref reader, arCount, message.Additionals, message, allowOpt: true) is int high ? (high << 4) | rcode : rcode;
        message.ResponseCode = (ResponseCode)rcode;

        if (reader.Remaining != 0)
        {
            // RFC 1035 gives no meaning to trailing bytes; servers that append them are broken.
            ThrowHelper.Format($"{reader.Remaining} unexpected bytes after the last record", reader.Position);
        }

        return message;
    }

    // Returns the OPT record's extended RCODE bits when the section held one.
    private static int? ReadSection(ref DnsReader reader, int count, IList<ResourceRecord> section, DnsMessage message, bool allowOpt)
    {
        int? extendedRcode = null;
        for (int i = 0; i < count; i++)
        {
            int start = reader.Position;
            DnsName name = reader.ReadName();
            var type = (RrType)reader.ReadUInt16();
            ushort rrClass = reader.ReadUInt16();
            uint ttl = reader.ReadUInt32();
            int length = reader.ReadUInt16();
            if (type == RrType.OPT)
            {
                if (!allowOpt)
                {
                    ThrowHelper.Format("OPT record outside the additional section", start);
                }

                if (message.Edns is not null)
                {
                    ThrowHelper.Format("More than one OPT record (RFC 6891 §6.1.1)", start);
                }

                if (!name.IsRoot)
                {
                    ThrowHelper.Format("OPT record owner must be the root", start);
                }

                message.Edns = ReadEdns(ref reader, rrClass, ttl, length);
                extendedRcode = (int)(ttl >> 24);
                continue;
            }

            RecordData data = RecordDataRegistry.Read(type, ref reader, length);
            section.Add(new ResourceRecord(name, (RrClass)rrClass, ttl, data));
        }

        return extendedRcode;
    }

    private static EdnsRecord ReadEdns(ref DnsReader reader, ushort payloadSize, uint ttl, int length)
    {
        var edns = new EdnsRecord
        {
            UdpPayloadSize = payloadSize,
            Version = (byte)(ttl >> 16),
            DnssecOk = (ttl & 0x8000) != 0,
            OtherFlags = (ushort)(ttl & 0x7FFF),
        };
        foreach (EdnsOption option in OptData.ReadData(ref reader, length).Options)
        {
            edns.Options.Add(option);
        }

        return edns;
    }
}

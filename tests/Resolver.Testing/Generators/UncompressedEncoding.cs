// UncompressedEncoding: writes a message with no name compression at all, record by record from
// each record's own uncompressed data (RecordData.ToWire) and each name's WireForm. It is the
// reference the compression property compares DnsMessage.ToWire against.
using System.Buffers.Binary;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Generators;

/// <summary>The uncompressed wire form of a message, built independently of the message writer.</summary>
public static class UncompressedEncoding
{
    /// <summary>
    /// The message with every name written in full. The header is <paramref name="header"/> (the
    /// first 12 bytes of the compressed form, which compression does not touch) and the OPT record,
    /// when there is one, is copied from <paramref name="optRecord"/>: its owner is the root, which
    /// never compresses.
    /// </summary>
    public static byte[] Write(DnsMessage message, ReadOnlySpan<byte> header, ReadOnlySpan<byte> optRecord)
    {
        ArgumentNullException.ThrowIfNull(message);
        var bytes = new List<byte>(header.ToArray());
        foreach (DnsQuestion question in message.Questions)
        {
            bytes.AddRange(question.Name.WireForm.ToArray());
            AddUInt16(bytes, (ushort)question.Type);
            AddUInt16(bytes, (ushort)question.Class);
        }

        foreach (ResourceRecord record in message.Answers.Concat(message.Authorities).Concat(message.Additionals))
        {
            bytes.AddRange(record.Name.WireForm.ToArray());
            AddUInt16(bytes, (ushort)record.Type);
            AddUInt16(bytes, (ushort)record.Class);
            byte[] ttl = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(ttl, record.Ttl);
            bytes.AddRange(ttl);
            byte[] data = record.Data.ToWire();
            AddUInt16(bytes, (ushort)data.Length);
            bytes.AddRange(data);
        }

        bytes.AddRange(optRecord.ToArray());
        return [.. bytes];
    }

    /// <summary>The length of the OPT record of <paramref name="edns"/> (0 without EDNS).</summary>
    public static int OptLength(EdnsRecord? edns) =>
        edns is null ? 0 : 11 + new OptData(edns.Options).ToWire().Length;

    private static void AddUInt16(List<byte> bytes, ushort value)
    {
        bytes.Add((byte)(value >> 8));
        bytes.Add((byte)value);
    }
}

// DnsMessage: one DNS message — header, question, answer, authority, additional sections and
// EDNS(0) — with parsing and writing entry points (the work is in Wire/DnsMessageReader and
// Wire/DnsMessageWriter) and a dig-style text form.
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol;

/// <summary>
/// A DNS message (RFC 1035 §4). The OPT pseudo-record is not kept in <see cref="Additionals"/>:
/// it is <see cref="Edns"/>, and its extended RCODE bits are part of <see cref="ResponseCode"/>.
/// </summary>
public sealed class DnsMessage
{
    /// <summary>The largest DNS message (TCP length prefix limit).</summary>
    public const int MaxSize = ushort.MaxValue;

    /// <summary>The query identifier.</summary>
    public ushort Id { get; set; }

    /// <summary>QR: this is a response.</summary>
    public bool IsResponse { get; set; }

    /// <summary>The operation code.</summary>
    public OpCode OpCode { get; set; }

    /// <summary>AA: the answer is authoritative.</summary>
    public bool IsAuthoritativeAnswer { get; set; }

    /// <summary>TC: the message was truncated.</summary>
    public bool IsTruncated { get; set; }

    /// <summary>RD: recursion desired.</summary>
    public bool RecursionDesired { get; set; }

    /// <summary>RA: recursion available.</summary>
    public bool RecursionAvailable { get; set; }

    /// <summary>Z: the reserved header bit, kept as received.</summary>
    public bool ReservedBit { get; set; }

    /// <summary>AD: authentic data (RFC 4035 §3.2.3, RFC 6840 §5.7).</summary>
    public bool AuthenticData { get; set; }

    /// <summary>CD: checking disabled (RFC 4035 §3.2.2).</summary>
    public bool CheckingDisabled { get; set; }

    /// <summary>The response code, including the EDNS extended bits (RFC 6891 §6.1.3).</summary>
    public ResponseCode ResponseCode { get; set; }

    /// <summary>The question section.</summary>
    public IList<DnsQuestion> Questions { get; } = new List<DnsQuestion>();

    /// <summary>The answer section.</summary>
    public IList<ResourceRecord> Answers { get; } = new List<ResourceRecord>();

    /// <summary>The authority section.</summary>
    public IList<ResourceRecord> Authorities { get; } = new List<ResourceRecord>();

    /// <summary>The additional section, without the OPT pseudo-record.</summary>
    public IList<ResourceRecord> Additionals { get; } = new List<ResourceRecord>();

    /// <summary>EDNS(0) information, or null when the message has no OPT record.</summary>
    public EdnsRecord? Edns { get; set; }

    /// <summary>The first question, or null.</summary>
    public DnsQuestion? Question => Questions.Count > 0 ? Questions[0] : null;

    /// <summary>Parses a message from wire form.</summary>
    /// <exception cref="DnsFormatException">The message is malformed.</exception>
    public static DnsMessage Parse(ReadOnlySpan<byte> wire) => DnsMessageReader.Read(wire);

    /// <summary>Parses a message, returning false (and the reason) instead of throwing.</summary>
    public static bool TryParse(ReadOnlySpan<byte> wire, [NotNullWhen(true)] out DnsMessage? message, out string? error)
    {
        try
        {
            message = DnsMessageReader.Read(wire);
            error = null;
            return true;
        }
        catch (DnsFormatException e)
        {
            message = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>Parses a message, returning false instead of throwing.</summary>
    public static bool TryParse(ReadOnlySpan<byte> wire, [NotNullWhen(true)] out DnsMessage? message) =>
        TryParse(wire, out message, out _);

    /// <summary>Writes the message in wire form with name compression.</summary>
    /// <exception cref="InvalidOperationException">The message exceeds 65,535 bytes, or needs EDNS for its RCODE.</exception>
    public byte[] ToWire()
    {
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(MaxSize);
        try
        {
            int length = WriteTo(buffer);
            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the message into <paramref name="destination"/>; returns the number of bytes written.</summary>
    /// <exception cref="InvalidOperationException">The destination is too small, or the RCODE needs EDNS.</exception>
    public int WriteTo(Span<byte> destination) => DnsMessageWriter.Write(this, destination, new DnsNameCompressor());

    /// <summary>Creates a query for one question with a given ID (the caller picks it from a CSPRNG).</summary>
    public static DnsMessage CreateQuery(ushort id, DnsName name, RrType type, bool recursionDesired = false, bool dnssecOk = true)
    {
        var message = new DnsMessage { Id = id, RecursionDesired = recursionDesired };
        message.Questions.Add(new DnsQuestion(name, type));
        message.Edns = new EdnsRecord { DnssecOk = dnssecOk };
        return message;
    }

    /// <summary>The message as dig prints it.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $";; ->>HEADER<<- opcode: {OpCode.ToString().ToUpperInvariant()}, status: {FormatRcode(ResponseCode)}, id: {Id}\n");
        sb.Append(";; flags:");
        AppendFlag(sb, IsResponse, "qr");
        AppendFlag(sb, IsAuthoritativeAnswer, "aa");
        AppendFlag(sb, IsTruncated, "tc");
        AppendFlag(sb, RecursionDesired, "rd");
        AppendFlag(sb, RecursionAvailable, "ra");
        AppendFlag(sb, AuthenticData, "ad");
        AppendFlag(sb, CheckingDisabled, "cd");
        sb.Append(CultureInfo.InvariantCulture,
            $"; QUERY: {Questions.Count}, ANSWER: {Answers.Count}, AUTHORITY: {Authorities.Count}, ADDITIONAL: {Additionals.Count + (Edns is null ? 0 : 1)}\n");
        if (Edns is not null)
        {
            sb.Append("\n;; OPT PSEUDOSECTION:\n").Append(Edns).Append('\n');
        }

        if (Questions.Count > 0)
        {
            sb.Append("\n;; QUESTION SECTION:\n");
            foreach (DnsQuestion q in Questions)
            {
                sb.Append(';').Append(q).Append('\n');
            }
        }

        AppendSection(sb, "ANSWER", Answers);
        AppendSection(sb, "AUTHORITY", Authorities);
        AppendSection(sb, "ADDITIONAL", Additionals);
        return sb.ToString();
    }

    /// <summary>The RCODE mnemonic as dig prints it (NOERROR, NXDOMAIN, …).</summary>
    public static string FormatRcode(ResponseCode code) =>
        Enum.IsDefined(code) ? code.ToString().ToUpperInvariant() : "RCODE" + ((int)code).ToString(CultureInfo.InvariantCulture);

    private static void AppendFlag(StringBuilder sb, bool set, string name)
    {
        if (set)
        {
            sb.Append(' ').Append(name);
        }
    }

    private static void AppendSection(StringBuilder sb, string title, IList<ResourceRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        sb.Append("\n;; ").Append(title).Append(" SECTION:\n");
        foreach (ResourceRecord rr in records)
        {
            sb.Append(rr).Append('\n');
        }
    }
}

// MessageRoundTripProperties: random messages — every header flag, any opcode, RCODEs up to 12
// bits with EDNS (RFC 6891 §6.1.3), 0–3 questions, records of every type in every section, EDNS
// with options including Extended DNS Error (RFC 8914) — survive write∘parse: Parse(ToWire(m)) is
// structurally equal to m, field by field and byte by byte, and writing it again gives the same bytes.
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Resolver.Testing.Generators;

namespace Resolver.Protocol.Tests.Properties;

public sealed class MessageRoundTripProperties
{
    [Property(MaxTest = 2500)]
    public Property ParseOfToWire_IsTheSameMessage() =>
        Prop.ForAll(Arb.From(MessageGen.Message), message =>
        {
            byte[] wire = message.ToWire();
            DnsMessage parsed = DnsMessage.Parse(wire);
            MessageComparer.AssertSame(message, parsed);
            byte[] again = parsed.ToWire();
            int records = message.Answers.Count + message.Authorities.Count + message.Additionals.Count;
            return wire.AsSpan().SequenceEqual(again).Label("writing the parsed message gives the same bytes")
                .Classify(message.Edns is null, "no EDNS")
                .Classify((int)message.ResponseCode > 15, "extended RCODE")
                .Classify(message.Edns?.ExtendedError is not null, "Extended DNS Error")
                .Classify(records == 0, "no records")
                .Classify(records >= 10, "10+ records")
                .Classify(wire.Length > 4096, "over 4 KiB");
        });

    [Property(MaxTest = 500)]
    public Property TryParse_AgreesWithParse_OnValidMessages() =>
        Prop.ForAll(Arb.From(MessageGen.Message), message =>
        {
            byte[] wire = message.ToWire();
            bool ok = DnsMessage.TryParse(wire, out DnsMessage? parsed, out string? error);
            return (ok && parsed is not null && error is null && MessageComparer.Differences(message, parsed).Count == 0)
                .Label($"TryParse failed on a valid message: {error}");
        });
}

// ApplicationRecordProperties: round trips of the application record types of issue 17 (TLSA,
// SMIMEA, SSHFP, OPENPGPKEY, CDS, CDNSKEY, CAA, URI, ZONEMD, CSYNC, SVCB, HTTPS) over generated
// values: wire → object → wire gives the same bytes and an equal object (canonical bytes equal to
// the plain ones: none of these types has a name to lowercase, RFC 3597 §7, RFC 9460), and text →
// object → text → object gives the same text and an equal object, through the zone-file reader.
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;
using Resolver.Testing.Generators;

namespace Resolver.Protocol.Tests.Properties;

public sealed class ApplicationRecordProperties
{
    [Property(MaxTest = 3000)]
    public Property WireToObjectToWire_RoundTrips() =>
        Prop.ForAll(Arb.From(RecordDataGen.Application), data =>
        {
            byte[] wire = data.ToWire();
            RecordData back = RecordDataRegistry.FromWire(data.Type, wire);
            IReadOnlyList<string> diffs = MessageComparer.Differences(data, back);
            return (diffs.Count == 0).Label($"{data.Type} {data}: {string.Join("; ", diffs)}")
                .And(data.ToWire(canonical: true).AsSpan().SequenceEqual(wire).Label("canonical form differs from the wire form"))
                .Collect(RrTypeText.Format(data.Type));
        });

    [Property(MaxTest = 3000)]
    public Property TextToObjectToTextToObject_RoundTrips() =>
        Prop.ForAll(Arb.From(RecordDataGen.Application), data =>
        {
            string owner = $"app.example. 300 IN {RrTypeText.Format(data.Type)} ";
            string text = data.ToString();
            RecordData first = ZoneFileReader.ParseRecord(owner + text).Data;
            string again = first.ToString();
            RecordData second = ZoneFileReader.ParseRecord(owner + again).Data;
            return (MessageComparer.Differences(data, first).Count == 0).Label($"text → object changed it: {text}")
                .And((again == text).Label($"text changed: {text} → {again}"))
                .And((MessageComparer.Differences(first, second).Count == 0).Label($"second read differs: {again}"))
                .Collect(RrTypeText.Format(data.Type));
        });
}

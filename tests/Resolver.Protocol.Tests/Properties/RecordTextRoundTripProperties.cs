// RecordTextRoundTripProperties: for every record type, text → record → wire → record → text gives
// back the same record at each step (case of names included) and the same text after the first
// format. The text is written in several equivalent presentation forms: the library's own, the
// RFC 3597 generic "\# length hex" form, lower-case mnemonics with class before TTL, data inside
// parentheses across lines with a comment, and a relative owner under $ORIGIN with the TTL from
// $TTL. OPT has no presentation form: its data round-trips through wire form only.
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;
using Resolver.Testing.Generators;

namespace Resolver.Protocol.Tests.Properties;

public sealed class RecordTextRoundTripProperties
{
    // Every modelled type equally often, plus types without a class of their own (UnknownData).
    private static readonly Gen<RecordData> s_anyTypeData =
        Gen.Elements(RecordDataGen.TextTypes.Append((RrType)0).ToArray())
            .SelectMany(t => t == 0 ? RecordDataGen.Unknown : RecordDataGen.ForType(t));

    private static readonly Gen<ResourceRecord> s_records =
        from owner in NameGen.Any
        from rrClass in MessageGen.Class
        from ttl in MessageGen.Ttl
        from data in s_anyTypeData
        select new ResourceRecord(owner, rrClass, ttl, data);

    private static readonly Gen<(ResourceRecord Record, string Form, string Text)> s_texts =
        from record in s_records
        from form in Gen.Elements("canonical", "generic", "lower-case, class first", "parentheses", "$ORIGIN and $TTL")
        from originLabels in Gen.Choose(0, record.Name.LabelCount)
        from chunk in Gen.Choose(1, 40)
        select (record, form, Render(record, form, originLabels, chunk));

    [Property(MaxTest = 4000)]
    public Property TextToRecordToWireToRecordToText_RoundTrips() =>
        Prop.ForAll(Arb.From(s_texts), c =>
        {
            ResourceRecord fromText = ZoneFileReader.ParseRecord(c.Text);
            Expect(MessageComparer.Differences(c.Record, fromText), "text → record", c.Text);

            byte[] wire = fromText.Data.ToWire();
            RecordData fromWire = RecordDataRegistry.FromWire(fromText.Type, wire);
            Expect(MessageComparer.Differences(fromText.Data, fromWire), "record → wire → record", c.Text);

            string first = fromText.ToString();
            string second = (fromText with { Data = fromWire }).ToString();
            return (first == c.Record.ToString()).Label($"formatted text changed: {c.Record} → {first}")
                .And((first == second).Label($"text changed after the first format: {first} → {second}"))
                .Collect(c.Record.Data is UnknownData ? "unknown type" : RrTypeText.Format(c.Record.Type));
        });

    [Property(MaxTest = 100)]
    public Property EveryTypeIsGenerated() =>
        // Guards the generator above: over a thousand records each of the 29 kinds turns up (with
        // 29 kinds, 400 records missed one in about 1 run of 150).
        Prop.ForAll(Arb.From(Gen.ListOf(s_anyTypeData, 1000)), list =>
        {
            var kinds = list.Select(d => d is UnknownData ? "unknown" : d.Type.ToString()).ToHashSet();
            return (kinds.Count == RecordDataGen.TextTypes.Count + 1).Label($"kinds seen: {string.Join(' ', kinds.Order())}");
        });

    [Property(MaxTest = 500)]
    public Property ZoneFileWriterOutput_ReadsBackToTheSameRecords() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 12).SelectMany(n => Gen.ListOf(s_records, n))), records =>
        {
            string text = ZoneFileWriter.Write(records);
            IReadOnlyList<ResourceRecord> back = ZoneFileReader.Parse(text);
            Assert.Equal(records.Count, back.Count);
            for (int i = 0; i < records.Count; i++)
            {
                Expect(MessageComparer.Differences(records[i], back[i]), $"record {i}", text);
            }
        });

    [Property(MaxTest = 1000)]
    public Property OptData_RoundTripsThroughWireForm() =>
        Prop.ForAll(Arb.From(RecordDataGen.Opt), data =>
        {
            RecordData back = RecordDataRegistry.FromWire(RrType.OPT, data.ToWire());
            Expect(MessageComparer.Differences(data, back), "OPT wire round trip", data.ToString());
        });

    [Fact]
    public void OptData_HasNoPresentationForm()
    {
        Assert.Throws<DnsFormatException>(() => ZoneFileReader.ParseRecord(". 0 IN OPT \\# 0"));
        Assert.Throws<DnsFormatException>(() => ZoneFileReader.ParseRecord(". 0 IN OPT"));
    }

    private static void Expect(IReadOnlyList<string> differences, string step, string text)
    {
        if (differences.Count > 0)
        {
            Assert.Fail($"{step} changed the record.\ntext:\n{text}\ndifferences:\n  {string.Join("\n  ", differences)}");
        }
    }

    // Writes one record in one of several equivalent presentation forms.
    private static string Render(ResourceRecord record, string form, int originLabels, int chunk)
    {
        string owner = record.Name.ToString();
        string ttl = record.Ttl.ToString(CultureInfo.InvariantCulture);
        string rrClass = RrTypeText.Format(record.Class);
        string type = RrTypeText.Format(record.Type);
        string data = record.Data.ToString();
        switch (form)
        {
            case "generic":
            {
                // RFC 3597 §5: any type, known or not, as TYPEnnn with \# length hex (split into chunks).
                byte[] wire = record.Data.ToWire();
                var sb = new StringBuilder();
                sb.Append(CultureInfo.InvariantCulture, $"{owner} {ttl} {rrClass} TYPE{(ushort)record.Type} \\# {wire.Length}");
                string hex = Convert.ToHexString(wire);
                for (int i = 0; i < hex.Length; i += chunk * 2)
                {
                    string piece = hex.Substring(i, Math.Min(chunk * 2, hex.Length - i));
                    sb.Append(' ').Append(chunk % 2 == 0 ? piece.ToLowerInvariant() : piece);
                }

                return sb.ToString();
            }

            case "lower-case, class first":
                return $"{owner} {rrClass.ToLowerInvariant()} {ttl} {type.ToLowerInvariant()} {data}";
            case "parentheses":
                return $"{owner}\t{ttl}\t{rrClass} {type} (\n   {data} ; a comment (with parentheses) \"and a quote\n )";
            case "$ORIGIN and $TTL":
            {
                DnsName origin = record.Name.GetSuffix(originLabels);
                string originText = origin.ToString();
                string relative = origin == record.Name
                    ? "@"
                    : owner[..^(origin.IsRoot ? 1 : originText.Length + 1)];
                string ttlText = record.Ttl % 3600 == 0 && record.Ttl > 0
                    ? (record.Ttl / 3600).ToString(CultureInfo.InvariantCulture) + "h"
                    : ttl;
                return $"$ORIGIN {originText}\n$TTL {ttlText}\n{relative} {rrClass} {type} {data}\n";
            }

            default:
                return record.ToString();
        }
    }
}

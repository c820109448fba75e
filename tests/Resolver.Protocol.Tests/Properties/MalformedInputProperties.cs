// MalformedInputProperties: hostile input only ever gets a DnsFormatException. Over random byte
// strings and over mutations (changed, flipped, inserted and deleted bytes, truncations) of valid
// DNSSEC responses — built, hand-written and captured — DnsMessage.Parse returns or throws
// DnsFormatException and nothing else (no IndexOutOfRange, NullReference, OutOfMemory, Argument…),
// TryParse only says true or false and agrees with Parse, and whatever parses writes back and
// parses again to the same message. Crafted compression-pointer chains of the greatest length a
// message can hold finish. DnsName.Parse and ZoneFileReader on random text only throw
// DnsFormatException. The record data of the application types (TLSA ... SVCB/HTTPS), mutated on
// the wire and in presentation text, also only ever gets a DnsFormatException, and whatever is
// accepted round-trips. About 127,000 cases per run in total.
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;
using Resolver.Testing.Generators;

namespace Resolver.Protocol.Tests.Properties;

public sealed class MalformedInputProperties
{
    [Property(MaxTest = 30000)]
    public Property RandomBytes_ParseOrThrowDnsFormatException() =>
        Prop.ForAll(Arb.From(MalformedGen.RandomBytes), CheckWire);

    [Property(MaxTest = 50000)]
    public Property MutatedDnssecResponses_ParseOrThrowDnsFormatException() =>
        Prop.ForAll(Arb.From(MalformedGen.Mutations(SampleResponses.All)), CheckWire);

    [Property(MaxTest = 5000)]
    public Property MutatedRandomMessages_ParseOrThrowDnsFormatException() =>
        Prop.ForAll(
            Arb.From(MessageGen.Message.SelectMany(m => MalformedGen.Mutate(m.ToWire())).Select(m => new WireCase(m.Kind, "random message", m.Bytes))),
            CheckWire);

    [Property(MaxTest = 15000)]
    public Property DnsNameParse_OnRandomText_ReturnsOrThrowsDnsFormatException() =>
        Prop.ForAll(Arb.From(MalformedGen.NameText), text =>
        {
            DnsName name;
            try
            {
                name = DnsName.Parse(text);
            }
            catch (DnsFormatException)
            {
                return DnsName.TryParse(text, out _) ? false.Label("TryParse accepted what Parse rejected") : true.Classify(true, "rejected");
            }
            catch (Exception e)
            {
                return false.Label($"{e.GetType().Name}: {e.Message}");
            }

            // Whatever parses has a presentation form that parses back to the very same bytes.
            DnsName again = DnsName.Parse(name.ToString());
            return (again.WireForm.SequenceEqual(name.WireForm) && DnsName.TryParse(text, out _))
                .Label($"'{text}' → {name} does not round-trip")
                .Classify(true, "parsed");
        });

    [Property(MaxTest = 15000)]
    public Property ZoneFileReader_OnRandomText_ReturnsOrThrowsDnsFormatException() =>
        Prop.ForAll(Arb.From(MalformedGen.ZoneText), text =>
        {
            IReadOnlyList<ResourceRecord> records;
            try
            {
                records = ZoneFileReader.Parse(text);
            }
            catch (DnsFormatException e)
            {
                // The reader promises that every error names its line.
                return (e.Line >= 1).Label($"error without a line number: {e.Message}\ntext: {text}")
                    .And((!ZoneFileReader.TryParse(text, null, out _)).Label("TryParse accepted what Parse rejected"))
                    .Classify(true, "rejected");
            }
            catch (Exception e)
            {
                return false.Label($"{e.GetType().Name}: {e.Message}\ntext: {text}");
            }

            // Whatever reads writes back to text that reads to the same records.
            IReadOnlyList<ResourceRecord> again = ZoneFileReader.Parse(ZoneFileWriter.Write(records));
            bool same = again.Count == records.Count &&
                        records.Zip(again).All(p => MessageComparer.Differences(p.First, p.Second).Count == 0);
            return same.Label($"records read from random text do not round-trip:\n{text}")
                .Classify(true, "parsed")
                .Classify(records.Count > 0, "has records");
        });

    [Property(MaxTest = 8000)]
    public Property MutatedApplicationRdata_ReadsOrThrowsDnsFormatException() =>
        Prop.ForAll(
            Arb.From(RecordDataGen.Application.SelectMany(d => MalformedGen.Mutate(d.ToWire()).Select(m => (d.Type, m.Kind, m.Bytes)))),
            c =>
            {
                RecordData data;
                try
                {
                    data = RecordDataRegistry.FromWire(c.Type, c.Bytes);
                }
                catch (DnsFormatException)
                {
                    return true.Classify(true, "rejected").Collect(RrTypeText.Format(c.Type));
                }
                catch (Exception e)
                {
                    return false.Label($"{c.Type} {c.Kind} {Convert.ToHexString(c.Bytes)}: {e.GetType().Name}: {e.Message}");
                }

                // Accepted data is real data: the same bytes again, and its text reads back to it.
                RecordData fromText = ZoneFileReader.ParseRecord($"x. 0 IN {RrTypeText.Format(c.Type)} {data}").Data;
                return data.ToWire().AsSpan().SequenceEqual(c.Bytes).Label($"{c.Type} accepted {Convert.ToHexString(c.Bytes)} but writes other bytes")
                    .And((MessageComparer.Differences(data, fromText).Count == 0).Label($"{c.Type} accepted but its text '{data}' does not read back"))
                    .Classify(true, "accepted").Collect(RrTypeText.Format(c.Type));
            });

    [Property(MaxTest = 4000)]
    public Property MutatedApplicationText_ParsesOrThrowsDnsFormatException() =>
        Prop.ForAll(
            Arb.From(
                from data in RecordDataGen.Application
                let text = $"x. 0 IN {RrTypeText.Format(data.Type)} {data}"
                from at in Gen.Choose(0, text.Length - 1)
                from edit in Gen.Elements("delete", "insert", "replace")
                from c in Gen.Elements("\\\"=,;()0 9aZ-.:+/#".ToCharArray())
                select edit switch
                {
                    "delete" => text.Remove(at, 1),
                    "insert" => text.Insert(at, c.ToString()),
                    _ => text.Remove(at, 1).Insert(at, c.ToString()),
                }),
            text =>
            {
                ResourceRecord record;
                try
                {
                    record = ZoneFileReader.ParseRecord(text);
                }
                catch (DnsFormatException)
                {
                    return true.Classify(true, "rejected");
                }
                catch (Exception e)
                {
                    return false.Label($"{e.GetType().Name}: {e.Message}\ntext: {text}");
                }

                ResourceRecord again = ZoneFileReader.ParseRecord(record.ToString());
                return (MessageComparer.Differences(record, again).Count == 0).Label($"accepted '{text}' but '{record}' does not read back")
                    .Classify(true, "accepted");
            });

    [Fact]
    public void Samples_AreValid()
    {
        // The mutation property is only as good as its corpus: every sample must parse and re-write.
        Assert.True(SampleResponses.All.Count >= 4 + 10);
        foreach ((string name, byte[] wire) in SampleResponses.All)
        {
            DnsMessage message = DnsMessage.Parse(wire);
            MessageComparer.AssertSame(message, DnsMessage.Parse(message.ToWire()));
            Assert.True(message.IsResponse, name);
        }

        DnsMessage hand = DnsMessage.Parse(SampleResponses.HandWrittenCnameAnswer);
        Assert.Equal("web.example.com.", ((Protocol.Records.CnameData)hand.Answers[0].Data).Target.ToString());
        Assert.Equal("web.example.com.", hand.Answers[1].Name.ToString());
        Assert.Equal("93.184.216.34", hand.Answers[1].Data.ToString());
        Assert.True(hand.Edns!.DnssecOk);
    }

    [Fact]
    public void MaximalPointerChain_ThroughQuestions_IsRejectedAtTheHopCap()
    {
        // 10,920 questions fill 65,535 bytes. The first ~2,700 chain backwards (as far as a 14-bit
        // pointer reaches) and the other ~8,200 point at the chain's end: without a cap that is
        // about 26 million pointer hops. DnsReader follows at most MaxPointerHops per name, so the
        // message is refused after bounded work per name.
        int questions = (DnsMessage.MaxSize - 12 - 7) / 6;
        byte[] wire = MalformedGen.PointerChainQuestions(questions);
        Assert.True(wire.Length <= DnsMessage.MaxSize);
        DnsFormatException e = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(wire));
        Assert.Contains("compression pointers", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8180, 4095)]
    [InlineData(8180, 0)]
    [InlineData(1, 5400)]
    [InlineData(Resolver.Protocol.Wire.DnsReader.MaxPointerHops - 1, 5400)]
    [InlineData(Resolver.Protocol.Wire.DnsReader.MaxPointerHops, 10)]
    public void PointerChainInRecordData_WithManyOwnersPointingAtItsEnd_ParsesOrHitsTheHopCap(int chainLength, int records)
    {
        byte[] wire = MalformedGen.PointerChainRecords(chainLength, records);
        Assert.True(wire.Length <= DnsMessage.MaxSize, $"{wire.Length} bytes");
        // An owner entering at the chain's end follows chainLength + 1 pointers.
        if (records > 0 && chainLength + 1 > Resolver.Protocol.Wire.DnsReader.MaxPointerHops)
        {
            Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(wire));
            return;
        }

        DnsMessage message = DnsMessage.Parse(wire);
        Assert.Equal(1 + records, message.Answers.Count);
        Assert.All(message.Answers.Skip(1), r => Assert.True(r.Name.IsRoot));
    }

    [Fact]
    public void PointerChainExpandingPast255Bytes_IsRejected()
    {
        // Each question adds one label "ab" before pointing at the previous name: names grow by
        // 3 bytes per question, so question 85 would pass 255 bytes (RFC 1035 §2.3.4).
        var body = new List<byte> { 1, (byte)'a', 0, 0, 1, 0, 1 };
        int previous = 12;
        for (int i = 1; i < 100; i++)
        {
            int at = 12 + body.Count;
            body.AddRange([2, (byte)'a', (byte)'b', (byte)(0xC0 | (previous >> 8)), (byte)previous, 0, 1, 0, 1]);
            previous = at;
        }

        byte[] wire = MalformedGen.Header(0x0100, [100, 0, 0, 0], [.. body]);
        DnsFormatException e = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(wire));
        Assert.Contains("255", e.Message, StringComparison.Ordinal);
    }

    private static Property CheckWire(WireCase input)
    {
        DnsMessage? parsed = null;
        try
        {
            parsed = DnsMessage.Parse(input.Bytes);
        }
        catch (DnsFormatException)
        {
        }
        catch (Exception e)
        {
            return false.Label($"Parse threw {e.GetType().Name}: {e.Message}\n{input}");
        }

        bool tried;
        try
        {
            tried = DnsMessage.TryParse(input.Bytes, out _);
        }
        catch (Exception e)
        {
            return false.Label($"TryParse threw {e.GetType().Name}: {e.Message}\n{input}");
        }

        if (tried != (parsed is not null))
        {
            return false.Label($"TryParse said {tried} but Parse {(parsed is null ? "threw" : "succeeded")}\n{input}");
        }

        if (parsed is null)
        {
            return true.Classify(true, "rejected").Collect(input.Kind);
        }

        // Accepted input is a real message: it writes and parses back to itself — unless its names,
        // expanded from compression pointers, no longer fit in 65,535 bytes even compressed.
        byte[] again;
        try
        {
            again = parsed.ToWire();
        }
        catch (InvalidOperationException e)
        {
            int full = UncompressedEncoding.Write(parsed, new byte[12], new byte[UncompressedEncoding.OptLength(parsed.Edns)]).Length;
            return (full > DnsMessage.MaxSize).Label($"accepted but cannot be written ({e.Message}) although it is {full} bytes uncompressed\n{input}")
                .Classify(true, "parsed, too big to rewrite");
        }

        IReadOnlyList<string> diffs = MessageComparer.Differences(parsed, DnsMessage.Parse(again));
        return (diffs.Count == 0).Label($"accepted but does not round-trip: {string.Join("; ", diffs)}\n{input}")
            .Classify(true, "parsed").Collect(input.Kind);
    }
}

// CompressionProperties: name compression (RFC 1035 §4.1.4) never changes meaning. A message
// written with compression and the same message written with none (every name in full, every
// record's data from RecordData.ToWire) parse to the same names — byte for byte, case included —
// and the same data; the compressed form is never longer. Owners and targets share suffixes and
// differ in case, so compression really happens and must stay case-exact.
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Resolver.Testing.Generators;

namespace Resolver.Protocol.Tests.Properties;

public sealed class CompressionProperties
{
    [Property(MaxTest = 2500)]
    public Property Compression_NeverChangesNamesOrData_AndNeverGrows() =>
        Prop.ForAll(Arb.From(MessageGen.Message), message =>
        {
            byte[] compressed = message.ToWire();
            int optLength = UncompressedEncoding.OptLength(message.Edns);
            byte[] uncompressed = UncompressedEncoding.Write(message, compressed.AsSpan(0, 12), compressed.AsSpan(compressed.Length - optLength));

            DnsMessage fromCompressed = DnsMessage.Parse(compressed);
            DnsMessage fromUncompressed = DnsMessage.Parse(uncompressed);
            MessageComparer.AssertSame(message, fromCompressed);
            MessageComparer.AssertSame(message, fromUncompressed);

            // Each record's data, written alone and uncompressed, equals what the compressed message carried.
            var records = message.Answers.Concat(message.Authorities).Concat(message.Additionals).ToList();
            var parsedRecords = fromCompressed.Answers.Concat(fromCompressed.Authorities).Concat(fromCompressed.Additionals).ToList();
            for (int i = 0; i < records.Count; i++)
            {
                Assert.Equal(records[i].Data.ToWire(), parsedRecords[i].Data.ToWire());
                Assert.Equal(records[i].Name.WireForm.ToArray(), parsedRecords[i].Name.WireForm.ToArray());
            }

            int saved = uncompressed.Length - compressed.Length;
            return (compressed.Length <= uncompressed.Length)
                .Label($"compressed {compressed.Length} bytes > uncompressed {uncompressed.Length} bytes")
                .Classify(saved == 0, "nothing to compress")
                .Classify(saved > 0 && saved < 50, "saved 1-49 bytes")
                .Classify(saved >= 50, "saved 50+ bytes");
        });

    [Fact]
    public void NamesDifferingOnlyInCase_AreNotCompressedIntoEachOther()
    {
        // Compression matches suffixes byte for byte, so a reader gets back exactly the case each
        // name was written with (RFC 4343 §4.1: case is preserved where possible).
        var message = new DnsMessage();
        message.Questions.Add(new DnsQuestion(DnsName.Parse("www.Example.COM."), RrType.A));
        message.Questions.Add(new DnsQuestion(DnsName.Parse("www.example.com."), RrType.A));
        message.Questions.Add(new DnsQuestion(DnsName.Parse("mail.example.com."), RrType.A));
        DnsMessage parsed = DnsMessage.Parse(message.ToWire());
        Assert.Equal("www.Example.COM.", parsed.Questions[0].Name.ToString());
        Assert.Equal("www.example.com.", parsed.Questions[1].Name.ToString());
        Assert.Equal("mail.example.com.", parsed.Questions[2].Name.ToString());
    }
}

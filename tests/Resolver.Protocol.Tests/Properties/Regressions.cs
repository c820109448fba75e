// Regressions: the smallest failing cases the property suite found, one fact each, kept after the
// fix so the bug stays fixed. Each says which property found it and what the symptom was.
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Tests.Properties;

public sealed class Regressions
{
    // Found by probing the text round trip with empty blobs: the wire reader accepts DS data of
    // exactly 4 bytes (no digest), but its presentation form "1 8 2 " has no digest field and the
    // reader rejects it with "Missing digest", so ZoneFileWriter output does not read back.
    [Fact]
    public void DsWithEmptyDigest_WrittenAsText_ReadsBack()
    {
        var record = new ResourceRecord(DnsName.Parse("x."), 1, RecordDataRegistry.FromWire(RrType.DS, [0, 1, 8, 2]));
        ResourceRecord back = ZoneFileReader.ParseRecord(ZoneFileWriter.Write([record]));
        Assert.Equal(record, back);
    }

    // Same for DNSKEY with an empty public key (wire data of exactly 4 bytes): "Missing public key".
    [Fact]
    public void DnskeyWithEmptyKey_WrittenAsText_ReadsBack()
    {
        var record = new ResourceRecord(DnsName.Parse("x."), 1, RecordDataRegistry.FromWire(RrType.DNSKEY, [1, 1, 3, 8]));
        ResourceRecord back = ZoneFileReader.ParseRecord(ZoneFileWriter.Write([record]));
        Assert.Equal(record, back);
    }

    // Same for RRSIG with an empty signature (18 fixed bytes + the root as signer): "Missing signature".
    [Fact]
    public void RrsigWithEmptySignature_WrittenAsText_ReadsBack()
    {
        byte[] wire = [0, 1, 8, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0];
        var record = new ResourceRecord(DnsName.Parse("x."), 1, RecordDataRegistry.FromWire(RrType.RRSIG, wire));
        ResourceRecord back = ZoneFileReader.ParseRecord(ZoneFileWriter.Write([record]));
        Assert.Equal(record, back);
    }

    // Write∘parse is not stable for an Extended DNS Error whose text ends in two NULs: the reader
    // drops one trailing NUL (RFC 8914 §2 leniency), the writer writes the remaining one back, and
    // the next read drops that too — "a\0" becomes "a".
    [Fact]
    public void ExtendedDnsErrorTextEndingInTwoNuls_SurvivesParseWriteParse()
    {
        byte[] wire = Convert.FromHexString(
            "ABCD80000000000000000001" + "00" + "0029" + "1000" + "00000000" + "0009" + "000F" + "0005" + "0000" + "610000");
        DnsMessage first = DnsMessage.Parse(wire);
        DnsMessage second = DnsMessage.Parse(first.ToWire());
        Assert.Equal(first.Edns!.ExtendedError!.ExtraText, second.Edns!.ExtendedError!.ExtraText);
    }
}

// CanonicalFormTests: names inside record data in the DNSSEC canonical form (RFC 4034 §6.2 as
// amended by RFC 6840 §5.1) and under message compression (RFC 3597 §4), across every type.
using Resolver.Protocol.Records;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Tests.Records;

public sealed class CanonicalFormTests
{
    public static TheoryData<RrType, string> LowercasedTypes => new()
    {
        { RrType.NS, "NS1.Example.COM." },
        { RrType.CNAME, "WWW.Example.NET." },
        { RrType.SOA, "NS.Example. HostMaster.Example. 1 2 3 4 5" },
        { RrType.MX, "10 MAIL.Example." },
        { RrType.PTR, "Host.Example." },
        { RrType.SRV, "0 5 5060 SIP.Example." },
        { RrType.DNAME, "Target.EXAMPLE." },
        { RrType.RRSIG, "A 5 3 86400 20030322173103 20030220173103 2642 Example.COM. 12345678" }, // digits only: base64 that lowercasing leaves alone
    };

    [Theory]
    [MemberData(nameof(LowercasedTypes))]
    public void Canonical_LowercasesNamesInData(RrType type, string text)
    {
        RecordData data = RdataText.Parse(type, text);
        RecordData lower = RdataText.Parse(type, text.ToLowerInvariant());
        Assert.Equal(lower.ToWire(), data.ToWire(canonical: true));
        // Only the canonical form changes case: the ordinary wire form keeps it.
        Assert.NotEqual(lower.ToWire(), data.ToWire());
        Assert.Equal(text, RecordDataRegistry.FromWire(type, data.ToWire()).ToString());
    }

    [Fact]
    public void Canonical_KeepsNsecNextNameCase()
    {
        // RFC 6840 §5.1 took NSEC off the RFC 4034 §6.2 list.
        RecordData data = RdataText.Parse(RrType.NSEC, "Host.EXAMPLE. A RRSIG NSEC");
        Assert.Equal(data.ToWire(), data.ToWire(canonical: true));
        Assert.Equal(RdataText.NameHex("Host.EXAMPLE."), Convert.ToHexString(data.ToWire(canonical: true))[..(2 * 14)]);
    }

    [Theory]
    [InlineData(RrType.TXT, "\"ABC Def\"")]
    [InlineData(RrType.NSEC3, "1 0 0 AABB 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A")]
    [InlineData(RrType.DS, "1 13 2 ABCDEF")]
    public void Canonical_LeavesOtherDataAlone(RrType type, string text)
    {
        RecordData data = RdataText.Parse(type, text);
        Assert.Equal(data.ToWire(), data.ToWire(canonical: true));
    }

    public static TheoryData<RrType, string, bool> CompressionCases => new()
    {
        { RrType.NS, "ns.example.", true },
        { RrType.CNAME, "www.example.", true },
        { RrType.PTR, "host.example.", true },
        { RrType.MX, "10 mail.example.", true },
        { RrType.SOA, "ns.example. host.example. 1 2 3 4 5", true },
        { RrType.SRV, "0 0 80 www.example.", false },
        { RrType.DNAME, "other.example.", false },
        { RrType.NSEC, "next.example. A", false },
        { RrType.RRSIG, "A 13 2 300 20250101000000 20240101000000 1 example. AQID", false },
    };

    [Theory]
    [MemberData(nameof(CompressionCases))]
    public void Compression_OnlyForRfc1035Types(RrType type, string text, bool compressed)
    {
        RecordData data = RdataText.Parse(type, text);
        byte[] buffer = new byte[512];
        var writer = new DnsWriter(buffer, new DnsNameCompressor());
        writer.WriteCompressibleName(DnsName.Parse("example."));
        int before = writer.Position;
        data.WriteData(ref writer);
        byte[] written = writer.Written[before..].ToArray();
        Assert.Equal(compressed, written.Contains((byte)0xC0));
        if (!compressed)
        {
            Assert.Equal(data.ToWire(), written);
        }
        else
        {
            Assert.True(written.Length < data.ToWire().Length);
            var reader = new DnsReader(writer.Written, before);
            Assert.Equal(data, RecordDataRegistry.Read(type, ref reader, written.Length));
        }
    }
}

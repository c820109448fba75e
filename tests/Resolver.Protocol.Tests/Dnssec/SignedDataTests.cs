// SignedDataTests: the canonical signed data of RFC 4034 §3.1.8.1 and §6 — RRSIG fields, lowercased
// owner, original TTL, canonical RDATA order, duplicates, wildcard owner reconstruction.
using System.Buffers.Binary;
using System.Net;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Dnssec;

public sealed class SignedDataTests
{
    private static RrsigData Sig(RrType covered, byte labels, uint originalTtl = 3600, string signer = "Example.") =>
        new(covered, DnssecAlgorithm.RsaSha256, labels, originalTtl, 2000000000, 1000000000, 12345, DnsName.Parse(signer), [1, 2, 3]);

    private static RrSet ASet(string owner, uint ttl, params string[] addresses) =>
        new(DnsName.Parse(owner), RrClass.IN, RrType.A, ttl, addresses.Select(a => (RecordData)new AData(IPAddress.Parse(a))));

    // Expected bytes assembled by hand from the RFC layout.
    private static byte[] Expected(RrsigData sig, string canonicalOwner, RrType type, params byte[][] rdatas)
    {
        var bytes = new List<byte>();
        var buf = new byte[4];
        void U16(int v) { BinaryPrimitives.WriteUInt16BigEndian(buf, (ushort)v); bytes.AddRange(buf[..2]); }
        void U32(uint v) { BinaryPrimitives.WriteUInt32BigEndian(buf, v); bytes.AddRange(buf); }
        U16((int)sig.TypeCovered);
        bytes.Add((byte)sig.Algorithm);
        bytes.Add(sig.Labels);
        U32(sig.OriginalTtl);
        U32(sig.SignatureExpiration);
        U32(sig.SignatureInception);
        U16(sig.KeyTag);
        bytes.AddRange(DnsName.Parse(sig.SignerName.ToString().ToLowerInvariant()).WireForm.ToArray());
        foreach (byte[] rdata in rdatas)
        {
            bytes.AddRange(DnsName.Parse(canonicalOwner).WireForm.ToArray());
            U16((int)type);
            U16(1);
            U32(sig.OriginalTtl);
            U16(rdata.Length);
            bytes.AddRange(rdata);
        }

        return [.. bytes];
    }

    [Fact]
    public void SignedData_IsRrsigFieldsThenCanonicalRecords_SortedWithOriginalTtl()
    {
        RrsigData sig = Sig(RrType.A, 2, originalTtl: 7200);
        RrSet set = ASet("WWW.Example.", ttl: 60, "192.0.2.20", "192.0.2.3", "10.0.0.1");
        byte[] expected = Expected(sig, "www.example.", RrType.A, [10, 0, 0, 1], [192, 0, 2, 3], [192, 0, 2, 20]);
        Assert.Equal(expected, SignedData.Create(set, sig));
    }

    [Fact]
    public void SignedData_IgnoresCaseOfOwnerAndRdataNames()
    {
        RrsigData sig = Sig(RrType.NS, 1);
        var upper = new RrSet(DnsName.Parse("EXAMPLE."), RrClass.IN, RrType.NS, 3600,
            [new NsData(DnsName.Parse("NS2.Example.")), new NsData(DnsName.Parse("ns1.EXAMPLE."))]);
        var lower = new RrSet(DnsName.Parse("example."), RrClass.IN, RrType.NS, 3600,
            [new NsData(DnsName.Parse("ns1.example.")), new NsData(DnsName.Parse("ns2.example."))]);
        byte[] signed = SignedData.Create(upper, sig);
        Assert.Equal(SignedData.Create(lower, sig), signed);
        Assert.Equal(
            Expected(sig, "example.", RrType.NS, DnsName.Parse("ns1.example.").WireForm.ToArray(), DnsName.Parse("ns2.example.").WireForm.ToArray()),
            signed);
    }

    [Fact]
    public void SignedData_DropsDuplicates()
    {
        RrsigData sig = Sig(RrType.A, 2);
        RrSet set = ASet("www.example.", 3600, "192.0.2.1", "192.0.2.1", "192.0.2.2", "192.0.2.1");
        Assert.Equal(Expected(sig, "www.example.", RrType.A, [192, 0, 2, 1], [192, 0, 2, 2]), SignedData.Create(set, sig));
    }

    [Fact]
    public void SignedData_OrderIsUnsignedOctetsWithShorterPrefixFirst()
    {
        // RFC 4034 §6.3: 0x80 sorts after 0x7F (unsigned), and "ab" before "abc".
        RrsigData sig = Sig((RrType)65280, 2);
        var set = new RrSet(DnsName.Parse("x.example."), RrClass.IN, (RrType)65280, 3600,
            [new UnknownData((RrType)65280, [0x80]), new UnknownData((RrType)65280, [0x61, 0x62, 0x63]),
             new UnknownData((RrType)65280, [0x7F]), new UnknownData((RrType)65280, [0x61, 0x62])]);
        Assert.Equal(
            Expected(sig, "x.example.", (RrType)65280, [0x61, 0x62], [0x61, 0x62, 0x63], [0x7F], [0x80]),
            SignedData.Create(set, sig));
    }

    [Fact]
    public void SignedData_WildcardExpansion_UsesStarPlusRightmostLabels()
    {
        // RFC 4035 §5.3.2: owner a.b.Example. with Labels 1 was synthesised from *.example.
        RrsigData sig = Sig(RrType.A, 1);
        RrSet set = ASet("A.B.Example.", 3600, "192.0.2.1");
        byte[] signed = SignedData.Create(set, sig);
        Assert.Equal(Expected(sig, "*.example.", RrType.A, [192, 0, 2, 1]), signed);
        Assert.Equal(signed, SignedData.Create(ASet("*.example.", 3600, "192.0.2.1"), sig));
    }

    [Fact]
    public void SignedData_WildcardOwnerItself_LabelsExcludeTheStar()
    {
        RrsigData sig = Sig(RrType.A, 1);
        Assert.Equal(Expected(sig, "*.example.", RrType.A, [192, 0, 2, 1]), SignedData.Create(ASet("*.Example.", 3600, "192.0.2.1"), sig));
    }

    [Fact]
    public void SignedData_LabelsAboveOwnerCount_IsRefused()
    {
        RrsigData sig = Sig(RrType.A, 3);
        Assert.False(SignedData.TryCreate(ASet("www.example.", 3600, "192.0.2.1"), sig, out _));
        Assert.Throws<ArgumentException>(() => SignedData.Create(ASet("www.example.", 3600, "192.0.2.1"), sig));
        // A leading "*" does not count: *.example. has one label for RRSIG purposes.
        Assert.False(SignedData.TryCreate(ASet("*.example.", 3600, "192.0.2.1"), Sig(RrType.A, 2), out _));
    }

    [Fact]
    public void SignedData_ManyRecords_UseRentedBuffers()
    {
        RrsigData sig = Sig(RrType.TXT, 2);
        // 300 distinct 400-byte RDATAs (a 2-byte index first), more than one scratch buffer holds.
        var records = Enumerable.Range(0, 300).Select(i =>
        {
            byte[] rdata = new byte[400];
            BinaryPrimitives.WriteUInt16BigEndian(rdata, (ushort)(299 - i));
            return (RecordData)new UnknownData(RrType.TXT, rdata);
        });
        var set = new RrSet(DnsName.Parse("big.example."), RrClass.IN, RrType.TXT, 3600, records);
        byte[] signed = SignedData.Create(set, sig);
        Assert.Equal(18 + 9 + (300 * (13 + 10 + 400)), signed.Length);
        // Sorted: the record with index 0 comes first, right after the RRSIG fields and owner + 10 bytes.
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(signed.AsSpan(18 + 9 + 13 + 10)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(signed.AsSpan(18 + 9 + 13 + 10 + 400 + 13 + 10)));
    }
}

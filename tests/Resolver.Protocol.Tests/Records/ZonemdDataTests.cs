// ZonemdDataTests: ZONEMD record data (RFC 8976 §2), with the RFC 8976 Appendix A.1 simple zone:
// its ZONEMD record parses, and its digest is the SHA-384 of the zone's other records in
// canonical form and order (RFC 8976 §3.3), recomputed from this library's wire forms.
using System.Security.Cryptography;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Tests.Records;

public sealed class ZonemdDataTests
{
    private const string AppendixA1Digest =
        "c68090d90a7aed71 6bc459f9340e3d7c 1370d4d24b7e2fc3 a1ddc0b9a87153b9 a9713b3c9ae5cc27 777f98b8e730044c";

    [Fact]
    public void Rfc8976_AppendixA1_ZonemdRecord()
    {
        var data = RdataText.AssertParsesTo<ZonemdData>(
            RrType.ZONEMD, "2018031900 1 1 " + AppendixA1Digest, "7848B91C0101" + AppendixA1Digest.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        Assert.Equal(2018031900u, data.Serial);
        Assert.Equal(1, data.Scheme);
        Assert.Equal(1, data.HashAlgorithm);
        Assert.Equal(48, data.Digest.Length);
    }

    [Fact]
    public void Rfc8976_AppendixA1_DigestIsSha384OfTheZoneInCanonicalOrder()
    {
        IReadOnlyList<ResourceRecord> zone = ZoneFileReader.Parse(
            """
            $ORIGIN example.
            example.      86400  IN  SOA     ns1 admin 2018031900 1800 900 604800 86400
            example.      86400  IN  NS      ns1
            example.      86400  IN  NS      ns2
            example.      86400  IN  ZONEMD  2018031900 1 1 (
                                             c68090d90a7aed71 6bc459f9340e3d7c 1370d4d24b7e2fc3
                                             a1ddc0b9a87153b9 a9713b3c9ae5cc27 777f98b8e730044c )
            ns1           3600   IN  A       203.0.113.63
            ns2           3600   IN  AAAA    2001:db8::63
            """);
        var zonemd = Assert.IsType<ZonemdData>(zone.Single(r => r.Type == RrType.ZONEMD).Data);

        // RFC 8976 §3.3.1: the apex ZONEMD RRset is left out; §3.3: RRs in canonical form (RFC 4034
        // §6.2), ordered by owner (§6.1), then type, then canonical RDATA (§6.3).
        byte[][] canonical = [.. zone
            .Where(r => r.Type != RrType.ZONEMD)
            .OrderBy(r => r.Name)
            .ThenBy(r => (ushort)r.Type)
            .ThenBy(r => Convert.ToHexString(r.Data.ToWire(canonical: true)), StringComparer.Ordinal)
            .Select(CanonicalRr)];
        byte[] digest = SHA384.HashData(canonical.SelectMany(b => b).ToArray());
        Assert.Equal(Convert.ToHexString(zonemd.Digest), Convert.ToHexString(digest));
    }

    [Theory]
    [InlineData("")]
    [InlineData("7848B91C0101")] // no digest
    [InlineData("7848B91C01010102030405060708090A0B")] // 11-byte digest: RFC 8976 §2.2.4
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.ZONEMD, hex);

    [Theory]
    [InlineData("2018031900 1 1")]
    [InlineData("2018031900 1 1 0102030405060708090A0B")]
    [InlineData("2018031900 1 256 0102030405060708090A0B0C")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.ZONEMD, text);

    [Fact]
    public void Constructor_RejectsShortDigests() =>
        Assert.Throws<ArgumentException>(() => new ZonemdData(1, 1, 1, new byte[11]));

    private static byte[] CanonicalRr(ResourceRecord r)
    {
        byte[] rdata = r.Data.ToWire(canonical: true);
        return [.. r.Name.ToLowerInvariant().WireForm,
            (byte)((ushort)r.Type >> 8), (byte)r.Type, (byte)((ushort)r.Class >> 8), (byte)r.Class,
            (byte)(r.Ttl >> 24), (byte)(r.Ttl >> 16), (byte)(r.Ttl >> 8), (byte)r.Ttl,
            (byte)(rdata.Length >> 8), (byte)rdata.Length, .. rdata];
    }
}

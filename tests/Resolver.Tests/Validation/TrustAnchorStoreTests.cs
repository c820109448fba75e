// TrustAnchorStoreTests: the embedded IANA root anchors, root-anchors.xml validity windows (RFC 9718),
// zone-file DS/DNSKEY anchors, closest-anchor lookup and negative trust anchors.
using System.Text;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Tests.Validation;

public sealed class TrustAnchorStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Default_HoldsKsk2017AndKsk2024()
    {
        Assert.True(TrustAnchorStore.Default.TryFindClosest(DnsName.Parse("www.example.com."), Now, out DnsName zone, out var anchors));
        Assert.Equal(DnsName.Root, zone);
        var ds = anchors.Select(a => a.Data).OfType<DsData>().OrderBy(d => d.KeyTag).ToList();
        Assert.Equal([20326, 38696], ds.Select(d => (int)d.KeyTag));
        Assert.All(ds, d => Assert.Equal(DnssecAlgorithm.RsaSha256, d.Algorithm));
        Assert.Equal("E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D", Convert.ToHexString(ds[0].Digest));
        Assert.Equal("683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16", Convert.ToHexString(ds[1].Digest));
    }

    [Fact]
    public void RootAnchorsXml_HonoursValidFromAndValidUntil()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <TrustAnchor id="x" source="test">
            <Zone>.</Zone>
            <KeyDigest id="old" validFrom="2010-07-15T00:00:00+00:00" validUntil="2019-01-11T00:00:00+00:00">
            <KeyTag>19036</KeyTag><Algorithm>8</Algorithm><DigestType>2</DigestType>
            <Digest>49AAC11D7B6F6446702E54A1607371607A1A41855200FD2CE1CDDE32F24E8FB5</Digest>
            </KeyDigest>
            <KeyDigest id="new" validFrom="2017-02-02T00:00:00+00:00">
            <KeyTag>20326</KeyTag><Algorithm>8</Algorithm><DigestType>2</DigestType>
            <Digest>E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D</Digest>
            </KeyDigest>
            </TrustAnchor>
            """;
        var store = TrustAnchorStore.Create(TrustAnchorStore.ParseRootAnchorsXml(new MemoryStream(Encoding.UTF8.GetBytes(xml))));

        Assert.True(store.TryFindClosest(DnsName.Root, new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero), out _, out var in2015));
        Assert.Equal([19036], in2015.Select(a => (int)((DsData)a.Data).KeyTag));
        Assert.True(store.TryFindClosest(DnsName.Root, Now, out _, out var in2026));
        Assert.Equal([20326], in2026.Select(a => (int)((DsData)a.Data).KeyTag));
        Assert.False(store.TryFindClosest(DnsName.Root, new DateTimeOffset(2009, 1, 1, 0, 0, 0, TimeSpan.Zero), out _, out _));
    }

    [Theory]
    [InlineData("<nope/>")]
    [InlineData("<TrustAnchor><Zone>.</Zone></TrustAnchor>")]
    [InlineData("<TrustAnchor><Zone>.</Zone><KeyDigest><KeyTag>x</KeyTag><Algorithm>8</Algorithm><DigestType>2</DigestType><Digest>00</Digest></KeyDigest></TrustAnchor>")]
    [InlineData("<TrustAnchor><Zone>.</Zone><KeyDigest><KeyTag>1</KeyTag><Algorithm>8</Algorithm><DigestType>2</DigestType><Digest>0G</Digest></KeyDigest></TrustAnchor>")]
    [InlineData("<TrustAnchor><Zone>.</Zone><KeyDigest><KeyTag>1</KeyTag><Algorithm>8</Algorithm><DigestType>2</DigestType></KeyDigest></TrustAnchor>")]
    [InlineData("not xml")]
    public void RootAnchorsXml_Malformed_IsDnsFormatException(string xml)
    {
        Assert.Throws<DnsFormatException>(() => TrustAnchorStore.ParseRootAnchorsXml(new MemoryStream(Encoding.UTF8.GetBytes(xml))));
    }

    [Fact]
    public void ZoneText_ReadsDsAndDnskeyLines_LikeTheLabsTrustAnchorFile()
    {
        const string text = """
            ; lab root trust anchor (zone-file format)
            .	86400	IN	DS	50860 8 2 9794160B8B76A581EBE15D08DC6F409F8E8D9DFA4FF1F58646C2A0C6B96B2004
            .	86400	IN	DNSKEY	257 3 8 AwEAAbLoihIuHZNDbCXnDx9uPY5gzGhn tbtFVQHDHDilvplegj6QUF+tZWzun6VI
            example.	IN	DS	1 13 2 0000000000000000000000000000000000000000000000000000000000000000
            """;
        IReadOnlyList<TrustAnchor> anchors = TrustAnchorStore.ParseZoneText(text);
        Assert.Equal(3, anchors.Count);
        var store = TrustAnchorStore.Create(anchors);
        Assert.True(store.TryFindClosest(DnsName.Parse("www.example."), Now, out DnsName zone, out var found));
        Assert.Equal(DnsName.Parse("example."), zone);
        Assert.Single(found);
        Assert.True(store.TryFindClosest(DnsName.Parse("www.other."), Now, out zone, out found));
        Assert.Equal(DnsName.Root, zone);
        Assert.Equal(2, found.Count);
    }

    [Fact]
    public void ZoneText_OtherTypes_AreRefused()
    {
        Assert.Throws<DnsFormatException>(() => TrustAnchorStore.ParseZoneText(". 1 IN A 192.0.2.1"));
        Assert.Throws<DnsFormatException>(() => TrustAnchorStore.ParseZoneText("; nothing here"));
    }

    [Fact]
    public void NoAnchor_MeansIndeterminate_NotAnError()
    {
        Assert.False(TrustAnchorStore.Empty.TryFindClosest(DnsName.Parse("example."), Now, out _, out var anchors));
        Assert.Empty(anchors);
    }

    [Fact]
    public void NegativeTrustAnchor_CoversNamesBelowIt_Rfc7646()
    {
        TrustAnchorStore store = TrustAnchorStore.Default.WithNegativeTrustAnchors([DnsName.Parse("broken.example.")]);
        Assert.Equal(DnsName.Parse("broken.example."), store.FindNegativeAnchor(DnsName.Parse("www.Broken.example.")));
        Assert.Null(store.FindNegativeAnchor(DnsName.Parse("example.")));
        Assert.Null(TrustAnchorStore.Default.FindNegativeAnchor(DnsName.Parse("www.broken.example.")));
    }

    [Fact]
    public void OnlyDsAndDnskey_CanBeAnchors()
    {
        var a = new TrustAnchor(DnsName.Root, new AData(System.Net.IPAddress.Loopback));
        Assert.Throws<ArgumentException>(() => TrustAnchorStore.Create([a]));
    }
}

// ZoneHierarchyTests: root → tld → sld built by ZoneHierarchyBuilder form a real chain of trust —
// the trust anchor matches the root KSK, each parent's DS matches a child KSK that signs the
// child's DNSKEY RRset, delegation NS and glue sit unsigned in the parent — and an unsigned child
// gets an insecure delegation.
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;

namespace Resolver.Protocol.Tests.Signing;

public sealed class ZoneHierarchyTests
{
    private static ZoneHierarchy Build() => new ZoneHierarchyBuilder()
        .AddZone(".")
        .AddZone("com.", ZoneSigningOptions.For(DnsName.Parse("com."), true, DnssecAlgorithm.EcdsaP256Sha256) with { Denial = DenialKind.Nsec3, Nsec3OptOut = true })
        .AddZone("example.com.", text: "www A 192.0.2.80\n*.wild TXT \"hello\"")
        .AddUnsignedZone("plain.com.", text: "www A 192.0.2.81")
        .Build();

    [Fact]
    public void EveryZoneVerifies_AndTrustAnchorMatchesRootKsk()
    {
        ZoneHierarchy h = Build();

        Assert.Equal(DnsName.Root, h.Top.Origin);
        var anchor = (DsData)Assert.Single(h.TrustAnchorDs).Data;
        Assert.Equal(DsMatchStatus.Match, DsDigest.Match(DnsName.Root, anchor, h.Top.Ksks[0].Dnskey));
        Assert.Equal(h.Top.Ksks[0].Dnskey, Assert.Single(h.TrustAnchorDnskeys).Data);
        foreach (SignedZone zone in h.Zones.Where(z => z.IsSigned))
        {
            ZoneSignerTests.AssertAllValid(zone);
        }
    }

    [Theory]
    [InlineData(".", "com.")]
    [InlineData("com.", "example.com.")]
    public void ParentDs_PointsAtTheChildKskThatSignsTheChildDnskeys(string parentName, string childName)
    {
        ZoneHierarchy h = Build();
        SignedZone parent = h[parentName];
        SignedZone child = h[childName];

        SignedRrSet ds = parent.Find(child.Origin, RrType.DS)!;
        Assert.NotEmpty(ds.Signatures);
        var matched = ds.RrSet.Data.Cast<DsData>()
            .SelectMany(d => child.DnskeyRrSet.Data.Cast<DnskeyData>().Where(k => DsDigest.Match(child.Origin, d, k) == DsMatchStatus.Match))
            .ToList();
        DnskeyData ksk = Assert.Single(matched);
        Assert.True(ksk.IsSecureEntryPoint);
        RrsigData byKsk = Assert.Single(child.GetSignatures(child.Origin, RrType.DNSKEY), s => s.KeyTag == ksk.KeyTag);
        Assert.Equal(SignatureStatus.Valid,
            SignatureVerifier.Check(child.DnskeyRrSet, byKsk, child.DnskeyRrSet, child.Origin, ZoneSigningOptions.ValidAt).Status);
    }

    [Fact]
    public void Parent_HasUnsignedDelegationNsAndGlue()
    {
        ZoneHierarchy h = Build();
        SignedZone com = h["com."];
        var (nsName, v4, v6) = h.NameServer(DnsName.Parse("example.com."));

        SignedRrSet ns = com.Find(DnsName.Parse("example.com."), RrType.NS)!;
        Assert.Equal(new NsData(nsName), Assert.Single(ns.RrSet.Data));
        Assert.Empty(ns.Signatures);
        SignedRrSet glue = com.Find(nsName, RrType.A)!;
        Assert.Equal(new AData(v4), Assert.Single(glue.RrSet.Data));
        Assert.Empty(glue.Signatures);
        Assert.Equal(new AaaaData(v6), Assert.Single(com.GetRrSet(nsName, RrType.AAAA)!.Data));
    }

    [Fact]
    public void UnsignedChild_GetsAnInsecureDelegation()
    {
        ZoneHierarchy h = Build();
        SignedZone com = h["com."];
        DnsName plain = DnsName.Parse("plain.com.");

        Assert.False(h["plain.com."].IsSigned);
        Assert.DoesNotContain(h["plain.com."].Records, r => r.Type is RrType.RRSIG or RrType.DNSKEY);
        Assert.Null(com.GetRrSet(plain, RrType.DS));
        Assert.NotNull(com.GetRrSet(plain, RrType.NS));
        // com. uses NSEC3 with opt-out: the insecure delegation has no NSEC3 of its own.
        Assert.Null(com.GetRrSet(com.Nsec3OwnerOf(plain), RrType.NSEC3));
        Assert.NotNull(com.GetRrSet(com.Nsec3OwnerOf(DnsName.Parse("example.com.")), RrType.NSEC3));
    }

    [Fact]
    public void With_ReplacesOneZone()
    {
        ZoneHierarchy h = Build();
        SignedZone broken = h["com."].AlterDsDigest(DnsName.Parse("example.com."));

        ZoneHierarchy changed = h.With(broken);

        Assert.Same(broken, changed["com."]);
        Assert.Same(h["."], changed["."]);
        Assert.Throws<KeyNotFoundException>(() => h.With(ZoneSigner.Sign(ZoneSignerTests.UnsignedZone(), ZoneSigningOptions.For(ZoneSignerTests.Apex))));
    }

    [Fact]
    public void Builder_RejectsTwoTops()
    {
        var builder = new ZoneHierarchyBuilder().AddZone("a.").AddZone("b.");

        Assert.Throws<InvalidOperationException>(builder.Build);
    }
}

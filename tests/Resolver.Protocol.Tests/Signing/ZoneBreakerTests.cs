// ZoneBreakerTests: each deliberate fault makes the Protocol's checks fail the way it should —
// BadSignature, Expired, NotYetValid, missing RRSIGs, DS mismatch, no KSK signature over the
// DNSKEY RRset, a gap in the chain, a lying bitmap (signed or not), a moved NSEC3 — and nothing
// else in the zone changes.
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;

namespace Resolver.Protocol.Tests.Signing;

public sealed class ZoneBreakerTests
{
    private static readonly DnsName s_apex = ZoneSignerTests.Apex;

    private static SignedZone Zone(DenialKind denial = DenialKind.Nsec) =>
        ZoneSigner.Sign(ZoneSignerTests.UnsignedZone(), ZoneSigningOptions.For(s_apex) with { Denial = denial });

    private static DnsName N(string relative) => DnsName.Parse(relative, s_apex);

    // Every signature but those at (owner, type) must stay valid; those get `expected`.
    private static void AssertOnlyBroken(SignedZone zone, DnsName owner, RrType type, SignatureStatus expected)
    {
        var reports = zone.CheckSignatures();
        Assert.Contains(reports, r => r.Owner == owner && r.Type == type);
        Assert.All(reports, r =>
        {
            SignatureStatus want = r.Owner == owner && r.Type == type ? expected : SignatureStatus.Valid;
            Assert.True(r.Result.Status == want, $"{r.Owner} {r.Type}: {r.Result.Status}, expected {want}");
        });
    }

    [Fact]
    public void CorruptSignature_IsBadSignature()
    {
        SignedZone zone = Zone().CorruptSignature(N("www"), RrType.CNAME);

        AssertOnlyBroken(zone, N("www"), RrType.CNAME, SignatureStatus.BadSignature);
    }

    [Fact]
    public void CorruptSignature_OfOneKey_LeavesTheOtherAlgorithmsSignatureValid()
    {
        SignedZone zone = ZoneSigner.Sign(ZoneSignerTests.UnsignedZone(),
            ZoneSigningOptions.For(s_apex, true, DnssecAlgorithm.EcdsaP256Sha256, DnssecAlgorithm.Ed25519));
        SigningKey ecdsaZsk = zone.Zsks.Single(k => k.Algorithm == DnssecAlgorithm.EcdsaP256Sha256);

        SignedZone broken = zone.CorruptSignature(N("mail"), RrType.A, ecdsaZsk.KeyTag, byteIndex: -1);

        var statuses = broken.CheckSignatures().Where(r => r.Owner == N("mail") && r.Type == RrType.A)
            .ToDictionary(r => r.Signature.Algorithm, r => r.Result.Status);
        Assert.Equal(SignatureStatus.BadSignature, statuses[DnssecAlgorithm.EcdsaP256Sha256]);
        Assert.Equal(SignatureStatus.Valid, statuses[DnssecAlgorithm.Ed25519]);
    }

    [Fact]
    public void ResignRrSet_WithPastWindow_IsExpired_WithFutureWindow_IsNotYetValid()
    {
        uint now = RrsetSigner.ToSerial(ZoneSigningOptions.ValidAt);

        SignedZone expired = Zone().ResignRrSet(N("mail"), RrType.A, now - 7200, now - 3600);
        SignedZone early = Zone().ResignRrSet(N("mail"), RrType.A, now + 3600, now + 7200);

        AssertOnlyBroken(expired, N("mail"), RrType.A, SignatureStatus.Expired);
        AssertOnlyBroken(early, N("mail"), RrType.A, SignatureStatus.NotYetValid);
    }

    [Fact]
    public void ResignAll_MovesEveryWindow()
    {
        uint now = RrsetSigner.ToSerial(ZoneSigningOptions.ValidAt);

        SignedZone zone = Zone().ResignAll(now - 7200, now - 1);

        Assert.All(zone.CheckSignatures(), r => Assert.Equal(SignatureStatus.Expired, r.Result.Status));
        Assert.Equal(Zone().Grouping.RrSets.Sum(s => s.Signatures.Length), zone.CheckSignatures().Count);
    }

    [Fact]
    public void StripSignatures_AllOrOneRrSet()
    {
        SignedZone all = Zone().StripSignatures();
        SignedZone one = Zone().StripSignatures(N("mail"), RrType.A);

        Assert.DoesNotContain(all.Records, r => r.Type == RrType.RRSIG);
        Assert.Empty(one.GetSignatures(N("mail"), RrType.A));
        Assert.NotEmpty(one.GetSignatures(N("mail"), RrType.NSEC));
        Assert.Equal(Zone().Records.Length - 1, one.Records.Length);
        ZoneSignerTests.AssertAllValid(one);
    }

    [Fact]
    public void SignDnskeyWithZsksOnly_LeavesNoSignatureByTheKeyTheDsPointsAt()
    {
        SignedZone zone = Zone().SignDnskeyWithZsksOnly();
        DsData ds = (DsData)zone.CreateDsRecords()[0].Data;

        // The DS still matches a published key...
        DnskeyData pointed = zone.DnskeyRrSet.Data.Cast<DnskeyData>().Single(k => DsDigest.Match(s_apex, ds, k) == DsMatchStatus.Match);
        // ...the DNSKEY RRset is validly signed, but not by that key: the chain from the DS is broken.
        var sigs = zone.GetSignatures(s_apex, RrType.DNSKEY);
        Assert.NotEmpty(sigs);
        Assert.DoesNotContain(sigs, s => s.KeyTag == pointed.KeyTag);
        ZoneSignerTests.AssertAllValid(zone);
    }

    [Fact]
    public void AlterDsDigest_DsRrSetStillVerifies_ButMatchesNoChildKey()
    {
        SignedZone parent = Zone().AlterDsDigest(N("secure"));

        var ds = (DsData)Assert.Single(parent.GetRrSet(N("secure"), RrType.DS)!.Data);
        Assert.Equal(DsMatchStatus.DigestMismatch, DsDigest.Match(N("secure"), ds, ZoneSignerTests.SecureChildKsk.Dnskey));
        Assert.Equal(DsMatchStatus.Match, DsDigest.Match(N("secure"), ZoneBreaker.AlterDigest(ds), ZoneSignerTests.SecureChildKsk.Dnskey));
        ZoneSignerTests.AssertAllValid(parent);
    }

    [Theory]
    [InlineData(DenialKind.Nsec)]
    [InlineData(DenialKind.Nsec3)]
    public void RemoveDenialRecord_LeavesAGapInTheChain(DenialKind denial)
    {
        SignedZone zone = Zone(denial);
        RrType type = denial == DenialKind.Nsec ? RrType.NSEC : RrType.NSEC3;
        DnsName victim = denial == DenialKind.Nsec ? N("mail") : zone.Nsec3OwnerOf(N("mail"));

        SignedZone broken = zone.RemoveDenialRecord(victim);

        Assert.Null(broken.GetRrSet(victim, type));
        Assert.Empty(broken.GetSignatures(victim, type));
        Assert.Equal(zone.Records.Count(r => r.Type == type) - 1, broken.Records.Count(r => r.Type == type));
        // Some remaining record still points at the removed one: the chain is no longer closed.
        if (denial == DenialKind.Nsec)
        {
            Assert.Contains(broken.Records, r => r.Data is NsecData n && n.NextDomainName == victim);
        }
        else
        {
            byte[] hash = ZoneSignerTests.HashOf(victim);
            Assert.Contains(broken.Records, r => r.Data is Nsec3Data n && n.NextHashedOwnerName.SequenceEqual(hash));
        }

        ZoneSignerTests.AssertAllValid(broken);
    }

    [Theory]
    [InlineData(DenialKind.Nsec, false, SignatureStatus.BadSignature)]
    [InlineData(DenialKind.Nsec, true, SignatureStatus.Valid)]
    [InlineData(DenialKind.Nsec3, false, SignatureStatus.BadSignature)]
    [InlineData(DenialKind.Nsec3, true, SignatureStatus.Valid)]
    public void ChangeBitmap_LiesWithBrokenOrValidSignature(DenialKind denial, bool resign, SignatureStatus expected)
    {
        SignedZone zone = Zone(denial);
        RrType type = denial == DenialKind.Nsec ? RrType.NSEC : RrType.NSEC3;
        DnsName owner = denial == DenialKind.Nsec ? N("mail") : zone.Nsec3OwnerOf(N("mail"));

        SignedZone lying = zone.ChangeBitmap(owner, add: [RrType.AAAA], remove: [RrType.A], resign: resign);

        RecordData data = lying.GetRrSet(owner, type)!.Data[0];
        TypeBitmap bitmap = data is NsecData n ? n.TypeBitmap : ((Nsec3Data)data).TypeBitmap;
        Assert.True(bitmap.Contains(RrType.AAAA));
        Assert.False(bitmap.Contains(RrType.A));
        Assert.NotNull(lying.GetRrSet(N("mail"), RrType.A));
        AssertOnlyBroken(lying, owner, type, expected);
    }

    [Theory]
    [InlineData(false, SignatureStatus.BadSignature)]
    [InlineData(true, SignatureStatus.Valid)]
    public void ChangeNsec3OwnerHash_MovesTheRecord(bool resign, SignatureStatus expected)
    {
        SignedZone zone = Zone(DenialKind.Nsec3);
        DnsName original = zone.Nsec3OwnerOf(N("www"));
        DnsName moved = ZoneBreaker.AlterHashLabel(original);

        SignedZone broken = zone.ChangeNsec3OwnerHash(original, resign);

        Assert.NotEqual(original, moved);
        Assert.Null(broken.GetRrSet(original, RrType.NSEC3));
        Assert.NotNull(broken.GetRrSet(moved, RrType.NSEC3));
        AssertOnlyBroken(broken, moved, RrType.NSEC3, expected);
    }

    [Fact]
    public void Breakers_RefuseWhatIsNotThere()
    {
        SignedZone zone = Zone();

        Assert.Throws<InvalidOperationException>(() => zone.CorruptSignature(N("ns.secure"), RrType.A));
        Assert.Throws<InvalidOperationException>(() => zone.RemoveDenialRecord(N("nothing")));
        Assert.Throws<InvalidOperationException>(() => zone.AlterDsDigest(N("insecure")));
        Assert.Throws<InvalidOperationException>(() => zone.ChangeNsec3OwnerHash(N("www")));
    }
}

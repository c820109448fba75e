// DsCheckTests: the DS/DNSKEY link check on real signatures (test keys from Resolver.Testing) —
// a good DS, a stale DS, a wrong digest, a DS for a key that does not sign the DNSKEY RRset, an
// expired key-set signature, an unsupported digest, and the DS records to submit (SEP keys first).
using Resolver.Cli.CheckDs;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;

namespace Resolver.Cli.Tests.CheckDs;

public sealed class DsCheckTests
{
    internal static readonly DnsName Zone = DnsName.Parse("child.example.");
    internal static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    internal static readonly SigningKey Ksk = SigningKey.Ksk(DnssecAlgorithm.EcdsaP256Sha256, seed: 11);
    internal static readonly SigningKey Zsk = SigningKey.Zsk(DnssecAlgorithm.EcdsaP256Sha256, seed: 12);
    private static readonly SigningKey s_oldKsk = SigningKey.Ksk(DnssecAlgorithm.EcdsaP256Sha256, seed: 13);

    internal static RrsigData SignKeySet(SigningKey signer, IEnumerable<SigningKey> keys, long inception = -86_400, long expiration = 86_400 * 30) =>
        RrsetSigner.Sign(new RrSet(Zone, RrClass.IN, RrType.DNSKEY, 3600, keys.Select(k => k.Dnskey)), signer, Zone,
            (uint)(Now.ToUnixTimeSeconds() + inception), (uint)(Now.ToUnixTimeSeconds() + expiration));

    private static DsCheckReport Run(IReadOnlyList<DsData> ds, params RrsigData[] signatures) =>
        DsCheck.Run(Zone, ds, [Ksk.Dnskey, Zsk.Dnskey], signatures, Now);

    [Fact]
    public void Ds_for_the_ksk_that_signs_the_key_set_holds_and_the_ksk_is_what_to_submit()
    {
        DsCheckReport report = Run([Ksk.CreateDs(Zone)], SignKeySet(Ksk, [Ksk, Zsk]));
        Assert.True(report.LinkHolds);
        DsFinding ds = Assert.Single(report.Ds);
        Assert.Equal(DsMatchStatus.Match, ds.Status);
        Assert.Equal(Ksk.Dnskey, ds.Key);
        Assert.True(ds.KeySignsKeySet);
        Assert.Empty(report.Orphans);
        KeyFinding ksk = report.Keys.Single(k => k.Key.Equals(Ksk.Dnskey));
        Assert.True(ksk.SignsKeySet);
        Assert.Single(ksk.MatchedBy);
        Assert.Null(report.Keys.Single(k => k.Key.Equals(Zsk.Dnskey)).Signature);
        Assert.Equal([DigestType.Sha256, DigestType.Sha384], report.Submit.Select(d => d.DigestType));
        Assert.All(report.Submit, d => Assert.Equal(DsMatchStatus.Match, DsDigest.Match(Zone, d, Ksk.Dnskey)));
    }

    [Fact]
    public void Stale_ds_of_a_retired_key_matches_nothing_and_alone_breaks_the_chain()
    {
        DsCheckReport report = Run([s_oldKsk.CreateDs(Zone), Ksk.CreateDs(Zone)], SignKeySet(Ksk, [Ksk, Zsk]));
        Assert.True(report.LinkHolds);
        DsFinding stale = Assert.Single(report.Orphans);
        Assert.Equal(s_oldKsk.KeyTag, stale.Ds.KeyTag);
        Assert.Equal(DsMatchStatus.KeyTagMismatch, stale.Status);
        Assert.Null(stale.Key);

        DsCheckReport onlyStale = Run([s_oldKsk.CreateDs(Zone)], SignKeySet(Ksk, [Ksk, Zsk]));
        Assert.False(onlyStale.LinkHolds);
    }

    [Fact]
    public void Wrong_digest_names_the_key_with_that_tag()
    {
        DsData good = Ksk.CreateDs(Zone);
        byte[] digest = good.Digest.ToArray();
        digest[0] ^= 0xFF;
        DsCheckReport report = Run([new DsData(good.KeyTag, good.Algorithm, good.DigestType, digest)], SignKeySet(Ksk, [Ksk, Zsk]));
        Assert.False(report.LinkHolds);
        DsFinding finding = Assert.Single(report.Ds);
        Assert.Equal(DsMatchStatus.DigestMismatch, finding.Status);
        Assert.Equal(Ksk.Dnskey, finding.Key);
    }

    [Fact]
    public void Ds_for_a_key_that_does_not_sign_the_key_set_matches_but_does_not_hold()
    {
        DsCheckReport report = Run([Zsk.CreateDs(Zone)], SignKeySet(Ksk, [Ksk, Zsk]));
        DsFinding finding = Assert.Single(report.Ds);
        Assert.Equal(DsMatchStatus.Match, finding.Status);
        Assert.False(finding.KeySignsKeySet);
        Assert.False(report.LinkHolds);
        Assert.Empty(report.Orphans);
        Assert.Equal([Ksk.KeyTag, Ksk.KeyTag], report.Submit.Select(d => d.KeyTag));
    }

    [Fact]
    public void Expired_key_set_signature_does_not_count_and_nothing_is_to_submit()
    {
        DsCheckReport report = Run([Ksk.CreateDs(Zone)], SignKeySet(Ksk, [Ksk, Zsk], inception: -86_400 * 30, expiration: -60));
        Assert.False(report.LinkHolds);
        KeyFinding ksk = report.Keys.Single(k => k.Key.Equals(Ksk.Dnskey));
        Assert.Equal(SignatureStatus.Expired, ksk.Signature!.Value.Status);
        Assert.Empty(report.Submit);
    }

    [Fact]
    public void Without_sep_keys_every_key_signing_the_key_set_is_to_submit()
    {
        DsCheckReport report = DsCheck.Run(Zone, [], [Zsk.Dnskey], [SignKeySet(Zsk, [Zsk])], Now);
        Assert.False(report.LinkHolds);
        Assert.Equal(2, report.Submit.Count);
        Assert.All(report.Submit, d => Assert.Equal(Zsk.KeyTag, d.KeyTag));
    }

    [Fact]
    public void Unsupported_digest_is_reported_as_such()
    {
        DsCheckReport report = Run([new DsData(Ksk.KeyTag, Ksk.Algorithm, (DigestType)99, new byte[32]), Ksk.CreateDs(Zone)], SignKeySet(Ksk, [Ksk, Zsk]));
        Assert.True(report.LinkHolds);
        Assert.Equal(DsMatchStatus.UnsupportedDigest, Assert.Single(report.Orphans).Status);
    }
}

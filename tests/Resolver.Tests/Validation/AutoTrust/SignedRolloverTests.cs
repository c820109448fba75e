// SignedRolloverTests: an RFC 5011 root KSK rollover with real signatures through the manager on a
// FakeTimeProvider (never sleeping) — new key published and held down, old key revoked by its own
// signature and removed, state file restarts along the way — then trust point deletion (§6).
using Microsoft.Extensions.Time.Testing;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using Resolver.Validation;

namespace Resolver.Tests.Validation.AutoTrust;

public sealed class SignedRolloverTests : IDisposable
{
    private static readonly HoldDownTimes ThirtyDays = new(TimeSpan.FromDays(30), TimeSpan.FromDays(30));

    private readonly string _directory = Directory.CreateTempSubdirectory("ta-roll-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private DateTimeOffset Now => _time.GetUtcNow();

    // The root's DNSKEY RRset holding `published`, signed by each of `signers`, valid a year around now.
    private SignedRrSet KeySet(IEnumerable<SigningKey> published, IEnumerable<SigningKey> signers)
    {
        var set = new RrSet(DnsName.Root, RrClass.IN, RrType.DNSKEY, 172_800, [.. published.Select(k => (RecordData)k.Dnskey)]);
        uint inception = (uint)Now.AddDays(-1).ToUnixTimeSeconds(), expiration = (uint)Now.AddDays(365).ToUnixTimeSeconds();
        return new SignedRrSet(set, [.. signers.Select(k => (RrsigData)RrsetSigner.SignToRecord(set, k, DnsName.Root, inception, expiration).Data)]);
    }

    private static TrustAnchorKeyState? StateOf(TrustAnchorManager manager, SigningKey key) =>
        manager.KeyStates(DnsName.Root).Where(k => k.Key is not null && ManagedKey.SameKey(k.Key, key.Dnskey)).Select(k => (TrustAnchorKeyState?)k.State).SingleOrDefault();

    private static bool Trusts(TrustAnchorManager manager, SigningKey key, DateTimeOffset now) =>
        manager.Current.TryFindClosest(DnsName.Root, now, out _, out IReadOnlyList<TrustAnchor> anchors)
        && anchors.Any(a => a.Data is DnskeyData k && ManagedKey.SameKey(k, key.Dnskey));

    [Fact]
    public void RootKskRollover_WithRestartsFromTheStateFile_EndsWithOnlyTheNewKeyTrusted()
    {
        SigningKey oldKsk = SigningKey.Ksk(DnssecAlgorithm.EcdsaP256Sha256, seed: 5011);
        SigningKey newKsk = SigningKey.Ksk(DnssecAlgorithm.EcdsaP256Sha256, seed: 5012);
        SigningKey oldRevoked = oldKsk.WithFlags((ushort)(oldKsk.Flags | DnskeyData.RevokeFlag));
        string path = Path.Combine(_directory, "root.key");
        var configured = TrustAnchorStore.Create([new TrustAnchor(DnsName.Root, oldKsk.Dnskey)]);
        TrustAnchorManager manager = TrustAnchorManager.Create(configured, path, ThirtyDays, Now);

        // Publish the new KSK, signed by the old one; a refresh a day, restarting every 7 days.
        for (int day = 1; day <= 31; day++)
        {
            _time.Advance(TimeSpan.FromDays(1));
            if (day % 7 == 0)
            {
                manager = TrustAnchorManager.Create(configured, path, ThirtyDays, Now);
            }

            manager.Observe(DnsName.Root, KeySet([oldKsk, newKsk], [oldKsk]), Now, SignatureCheckOptions.Default);
            Assert.True(Trusts(manager, oldKsk, Now));
            Assert.Equal(day < 31 ? TrustAnchorKeyState.AddPend : TrustAnchorKeyState.Valid, StateOf(manager, newKsk));
        }

        // Sign with the new key only, then revoke the old one with its own signature.
        _time.Advance(TimeSpan.FromDays(10));
        manager.Observe(DnsName.Root, KeySet([oldKsk, newKsk], [newKsk]), Now, SignatureCheckOptions.Default);
        _time.Advance(TimeSpan.FromDays(1));
        manager.Observe(DnsName.Root, KeySet([oldRevoked, newKsk], [oldRevoked, newKsk]), Now, SignatureCheckOptions.Default);
        Assert.Equal(TrustAnchorKeyState.Revoked, StateOf(manager, oldKsk));
        Assert.False(Trusts(manager, oldKsk, Now));
        Assert.True(Trusts(manager, newKsk, Now));

        // Restarted from the file, the revocation holds; after the remove hold-down the old key is Removed.
        manager = TrustAnchorManager.Create(configured, path, ThirtyDays, Now);
        Assert.False(Trusts(manager, oldKsk, Now));
        _time.Advance(TimeSpan.FromDays(31));
        manager.Observe(DnsName.Root, KeySet([newKsk], [newKsk]), Now, SignatureCheckOptions.Default);
        Assert.Equal(TrustAnchorKeyState.Removed, StateOf(manager, oldKsk));
        TrustAnchor only = Assert.Single(TrustAnchorManager.Create(TrustAnchorStore.Empty, path, ThirtyDays, Now).Current.Anchors);
        Assert.Equal(newKsk.Dnskey, only.Data);
    }

    [Fact]
    public void Rfc5011_Section6_6_TrustPointDeletion_WithRealSelfSignatures()
    {
        SigningKey ksk = SigningKey.Ksk(DnssecAlgorithm.EcdsaP256Sha256, seed: 5013);
        SigningKey revoked = ksk.WithFlags((ushort)(ksk.Flags | DnskeyData.RevokeFlag));
        TrustAnchorManager manager = TrustAnchorManager.Create(TrustAnchorStore.Create([new TrustAnchor(DnsName.Root, ksk.Dnskey)]), null, ThirtyDays, Now);

        _time.Advance(TimeSpan.FromDays(1));
        manager.Observe(DnsName.Root, KeySet([revoked], [revoked]), Now, SignatureCheckOptions.Default);

        Assert.Equal(TrustAnchorKeyState.Revoked, StateOf(manager, ksk));
        Assert.False(manager.Current.TryFindClosest(DnsName.Parse("www.example."), Now, out _, out _));
    }

    [Fact]
    public void RevokeBitWithoutTheKeysOwnSignature_KeepsTheKeyTrusted()
    {
        SigningKey ksk = SigningKey.Ksk(DnssecAlgorithm.EcdsaP256Sha256, seed: 5014);
        SigningKey forger = SigningKey.Ksk(DnssecAlgorithm.EcdsaP256Sha256, seed: 5015);
        SigningKey publishedRevoked = ksk.WithFlags((ushort)(ksk.Flags | DnskeyData.RevokeFlag));
        TrustAnchorManager manager = TrustAnchorManager.Create(TrustAnchorStore.Create([new TrustAnchor(DnsName.Root, ksk.Dnskey)]), null, ThirtyDays, Now);

        // RFC 5011 §2.1: the victim key appears with the REVOKE bit, but only another key signed the RRset.
        _time.Advance(TimeSpan.FromDays(1));
        manager.Observe(DnsName.Root, KeySet([publishedRevoked, forger], [forger]), Now, SignatureCheckOptions.Default);

        Assert.Equal(TrustAnchorKeyState.Valid, StateOf(manager, ksk));
        Assert.True(Trusts(manager, ksk, Now));
        Assert.Null(StateOf(manager, forger));
    }
}

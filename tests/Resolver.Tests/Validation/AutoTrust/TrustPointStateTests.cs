// TrustPointStateTests: the RFC 5011 state machine of one trust point — the §6 scenarios as named
// tests, the §2.3 refresh and retry times, the §2.4 hold-downs and the rules around them — on a
// FakeTimeProvider whose clock only moves when a test advances it.
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Validation;

namespace Resolver.Tests.Validation.AutoTrust;

public sealed class TrustPointStateTests
{
    private static readonly HoldDownTimes ThirtyDays = new(TimeSpan.FromDays(30), TimeSpan.FromDays(30));
    private static readonly TimeSpan Ttl = TimeSpan.FromDays(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static DnskeyData Ksk() => new(DnskeyData.ZoneKeyFlag | DnskeyData.SecureEntryPointFlag, 3, DnssecAlgorithm.EcdsaP256Sha256, RandomNumberGenerator.GetBytes(64));

    private static DnskeyData Zsk() => new(DnskeyData.ZoneKeyFlag, 3, DnssecAlgorithm.EcdsaP256Sha256, RandomNumberGenerator.GetBytes(64));

    private static DnskeyData Revoked(DnskeyData key) => new((ushort)(key.Flags | DnskeyData.RevokeFlag), key.Protocol, key.Algorithm, key.PublicKey);

    private DateTimeOffset Now => _time.GetUtcNow();

    private TrustPointState Anchored(params DnskeyData[] keys) =>
        TrustPointState.FromAnchors(DnsName.Root, keys.Select(k => new TrustAnchor(DnsName.Root, k)), Now);

    private DnskeyObservation Seen(DnskeyData[] keys, DnskeyData[] signers, DnskeyData[]? selfSignedRevoked = null) =>
        new(keys, signers, selfSignedRevoked ?? [], Ttl, Now + TimeSpan.FromDays(20));

    private ObservationOutcome Observe(TrustPointState tp, DnskeyData[] keys, DnskeyData[] signers, DnskeyData[]? revoked = null) =>
        tp.Observe(Seen(keys, signers, revoked), Now, ThirtyDays, DnssecAlgorithmPolicy.Default);

    // One refresh a day for the given number of days, each seeing the same RRset.
    private void ObserveDaily(TrustPointState tp, int days, DnskeyData[] keys, DnskeyData[] signers, DnskeyData[]? revoked = null)
    {
        for (int day = 0; day < days; day++)
        {
            _time.Advance(TimeSpan.FromDays(1));
            Assert.Equal(ObservationOutcome.Accepted, Observe(tp, keys, signers, revoked));
        }
    }

    private static TrustAnchorKeyState StateOf(TrustPointState tp, DnskeyData key) =>
        tp.Keys.Single(m => m.Key is not null && ManagedKey.SameKey(m.Key, key)).State;

    private static bool Trusts(TrustPointState tp, DnskeyData key) =>
        tp.TrustedAnchors().Any(a => a.Data is DnskeyData k && ManagedKey.SameKey(k, key));

    [Fact]
    public void Rfc5011_Section6_1_AddingATrustAnchor_TrustedOnlyAfterTheAddHoldDown()
    {
        DnskeyData k1 = Ksk(), k2 = Ksk(), zsk = Zsk();
        TrustPointState tp = Anchored(k1);

        Assert.Equal(ObservationOutcome.Accepted, Observe(tp, [k1, k2, zsk], [k1]));
        Assert.Equal(TrustAnchorKeyState.AddPend, StateOf(tp, k2));
        Assert.False(Trusts(tp, k2));

        ObserveDaily(tp, 29, [k1, k2, zsk], [k1]);
        Assert.Equal(TrustAnchorKeyState.AddPend, StateOf(tp, k2));
        Assert.False(Trusts(tp, k2));

        ObserveDaily(tp, 1, [k1, k2, zsk], [k1]);
        Assert.Equal(TrustAnchorKeyState.Valid, StateOf(tp, k2));
        Assert.True(Trusts(tp, k2));
        Assert.DoesNotContain(tp.Keys, m => m.Key is not null && ManagedKey.SameKey(m.Key, zsk)); // only SEP keys become anchors
    }

    [Fact]
    public void Rfc5011_Section6_2_DeletingATrustAnchor_KeyGoesMissingButStaysTrusted()
    {
        DnskeyData k1 = Ksk(), k2 = Ksk();
        TrustPointState tp = Anchored(k1, k2);

        ObserveDaily(tp, 1, [k1], [k1]);

        Assert.Equal(TrustAnchorKeyState.Missing, StateOf(tp, k2));
        Assert.True(Trusts(tp, k2)); // RFC 5011 §4: Missing keys are still trust anchors
        ObserveDaily(tp, 1, [k1, k2], [k1]);
        Assert.Equal(TrustAnchorKeyState.Valid, StateOf(tp, k2));
    }

    [Fact]
    public void Rfc5011_Section6_3_KeyRollOver_OldKeyRevokedThenRemovedNewStandbyAdded()
    {
        DnskeyData k1 = Ksk(), k2 = Ksk(), k3 = Ksk();
        TrustPointState tp = Anchored(k1, k2);
        DnskeyData k1Revoked = Revoked(k1);

        // The operator revokes K1 (self-signed), signs with the standby K2 and publishes K3 as the new standby.
        ObserveDaily(tp, 1, [k1Revoked, k2, k3], [k2], [k1Revoked]);
        Assert.Equal(TrustAnchorKeyState.Revoked, StateOf(tp, k1));
        Assert.False(Trusts(tp, k1));
        Assert.True(Trusts(tp, k2));
        Assert.Equal(TrustAnchorKeyState.AddPend, StateOf(tp, k3));

        ObserveDaily(tp, 30, [k1Revoked, k2, k3], [k2], [k1Revoked]);
        Assert.Equal(TrustAnchorKeyState.Removed, StateOf(tp, k1));
        Assert.Equal(TrustAnchorKeyState.Valid, StateOf(tp, k3));
        Assert.Equal(new[] { k2.KeyTag, k3.KeyTag }.Order(), tp.TrustedAnchors().Select(a => ((DnskeyData)a.Data).KeyTag).Order());
    }

    [Fact]
    public void Rfc5011_Section6_4_ActiveKeyCompromised_AttackersKeyNeverAccepted()
    {
        DnskeyData k1 = Ksk(), k2 = Ksk(), attackers = Ksk();
        TrustPointState tp = Anchored(k1, k2);

        // The attacker holds K1 and publishes its own key, signed by K1.
        ObserveDaily(tp, 3, [k1, k2, attackers], [k1]);
        Assert.Equal(TrustAnchorKeyState.AddPend, StateOf(tp, attackers));

        // The operator revokes K1 with a self-signature and signs with the standby K2.
        DnskeyData k1Revoked = Revoked(k1);
        ObserveDaily(tp, 1, [k1Revoked, k2], [k2], [k1Revoked]);
        Assert.Equal(TrustAnchorKeyState.Revoked, StateOf(tp, k1));
        Assert.DoesNotContain(tp.Keys, m => m.Key is not null && ManagedKey.SameKey(m.Key, attackers));

        // Afterwards the attacker's RRsets, signed only by the revoked K1, change nothing.
        for (int day = 0; day < 40; day++)
        {
            _time.Advance(TimeSpan.FromDays(1));
            Assert.Equal(ObservationOutcome.Untrusted, Observe(tp, [k1, attackers], [k1]));
        }

        Assert.False(Trusts(tp, attackers));
        Assert.False(Trusts(tp, k1));
        Assert.True(Trusts(tp, k2));
    }

    [Fact]
    public void Rfc5011_Section6_4_PendingKeyWhoseOnlyValidatorIsRevoked_StopsAcceptance()
    {
        DnskeyData k1 = Ksk(), k2 = Ksk(), pending = Ksk();
        TrustPointState tp = Anchored(k1, k2);
        ObserveDaily(tp, 1, [k1, k2, pending], [k1]);

        // Still published, but K1 (its only validator) is revoked before the hold-down ends (§2.4.1).
        DnskeyData k1Revoked = Revoked(k1);
        ObserveDaily(tp, 1, [k1Revoked, k2, pending], [k2], [k1Revoked]);

        Assert.DoesNotContain(tp.Keys, m => m.Key is not null && ManagedKey.SameKey(m.Key, pending));

        // Seen again, validated by K2, it starts a fresh hold-down.
        ObserveDaily(tp, 1, [k1Revoked, k2, pending], [k2], [k1Revoked]);
        ManagedKey restarted = tp.Keys.Single(m => m.Key is not null && ManagedKey.SameKey(m.Key, pending));
        Assert.Equal(TrustAnchorKeyState.AddPend, restarted.State);
        Assert.Equal(Now, restarted.LastChange);
        Assert.Equal([k2.KeyTag], restarted.Validators);
    }

    [Fact]
    public void Rfc5011_Section6_5_StandbyKeyCompromised_StandbyRevokedNewStandbyAdded()
    {
        DnskeyData k1 = Ksk(), k2 = Ksk(), k3 = Ksk();
        TrustPointState tp = Anchored(k1, k2);
        DnskeyData k2Revoked = Revoked(k2);

        ObserveDaily(tp, 1, [k1, k2Revoked, k3], [k1], [k2Revoked]);
        Assert.Equal(TrustAnchorKeyState.Revoked, StateOf(tp, k2));
        Assert.False(Trusts(tp, k2));

        // RRsets signed only by the compromised standby are not trusted any more.
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(ObservationOutcome.Untrusted, Observe(tp, [k1, k2, k3], [k2]));

        ObserveDaily(tp, 30, [k1, k2Revoked, k3], [k1], [k2Revoked]);
        Assert.Equal(TrustAnchorKeyState.Valid, StateOf(tp, k3));
        Assert.Equal(TrustAnchorKeyState.Removed, StateOf(tp, k2));
    }

    [Fact]
    public void Rfc5011_Section6_6_TrustPointDeletion_AllKeysRevokedDeletesTheTrustPoint()
    {
        DnskeyData k1 = Ksk(), k2 = Ksk();
        TrustPointState tp = Anchored(k1, k2);
        Assert.False(tp.IsDeleted);
        DnskeyData k1Revoked = Revoked(k1), k2Revoked = Revoked(k2);

        // The operator revokes every key; each signs the RRset itself (RFC 5011 §2.1: a revoked key
        // still validates its own revocation).
        ObserveDaily(tp, 1, [k1Revoked, k2Revoked], [], [k1Revoked, k2Revoked]);

        Assert.Empty(tp.TrustedAnchors());
        Assert.True(tp.IsDeleted);
    }

    [Fact]
    public void RevokeBitWithoutSelfSignature_IsIgnored()
    {
        DnskeyData k1 = Ksk(), k2 = Ksk();
        TrustPointState tp = Anchored(k1, k2);

        // RFC 5011 §2.1: the REVOKE bit counts only on a key that signed the RRset itself.
        ObserveDaily(tp, 1, [k1, Revoked(k2)], [k1]);

        Assert.Equal(TrustAnchorKeyState.Valid, StateOf(tp, k2));
        Assert.True(Trusts(tp, k2));
    }

    [Fact]
    public void PendingKeyThatDisappears_RestartsTheHoldDown()
    {
        DnskeyData k1 = Ksk(), k2 = Ksk();
        TrustPointState tp = Anchored(k1);
        ObserveDaily(tp, 20, [k1, k2], [k1]);
        ObserveDaily(tp, 1, [k1], [k1]);
        Assert.DoesNotContain(tp.Keys, m => m.Key is not null && ManagedKey.SameKey(m.Key, k2));

        ObserveDaily(tp, 20, [k1, k2], [k1]);
        Assert.Equal(TrustAnchorKeyState.AddPend, StateOf(tp, k2));
        ObserveDaily(tp, 11, [k1, k2], [k1]);
        Assert.Equal(TrustAnchorKeyState.Valid, StateOf(tp, k2));
    }

    [Fact]
    public void AddHoldDown_IsTheOriginalTtlWhenThatIsLonger()
    {
        DnskeyData k1 = Ksk(), k2 = Ksk();
        TrustPointState tp = Anchored(k1);
        var longTtl = TimeSpan.FromDays(40);
        for (int day = 0; day <= 35; day++)
        {
            tp.Observe(new([k1, k2], [k1], [], longTtl, Now + TimeSpan.FromDays(60)), Now, ThirtyDays, DnssecAlgorithmPolicy.Default);
            _time.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(TrustAnchorKeyState.AddPend, StateOf(tp, k2));
        _time.Advance(TimeSpan.FromDays(5));
        tp.Observe(new([k1, k2], [k1], [], longTtl, Now + TimeSpan.FromDays(60)), Now, ThirtyDays, DnssecAlgorithmPolicy.Default);
        Assert.Equal(TrustAnchorKeyState.Valid, StateOf(tp, k2));
    }

    [Fact]
    public void PendingKeySeenOnce_IsNotAcceptedEvenAfterTheHoldDown()
    {
        DnskeyData k1 = Ksk(), k2 = Ksk();
        TrustPointState tp = Anchored(k1);
        Observe(tp, [k1, k2], [k1]);
        _time.Advance(TimeSpan.FromDays(31));
        Observe(tp, [k1, k2], [k1]); // second sighting, after the hold-down: accepted now

        Assert.Equal(TrustAnchorKeyState.Valid, StateOf(tp, k2));
    }

    [Fact]
    public void RrsetNotSignedByATrustedKey_ChangesNothingAndSchedulesARetry()
    {
        DnskeyData k1 = Ksk(), stranger = Ksk();
        TrustPointState tp = Anchored(k1);
        ObserveDaily(tp, 1, [k1], [k1]);

        Assert.Equal(ObservationOutcome.Untrusted, Observe(tp, [stranger], [stranger]));

        Assert.Single(tp.Keys);
        Assert.Equal(1, tp.QueryFailed);
        Assert.Equal(Now + tp.RetryTime, tp.NextProbe);
    }

    [Fact]
    public void DsSeed_BecomesValidKeyWhenTheKeyIsPublished()
    {
        DnskeyData k1 = Ksk(), k2 = Ksk();
        DsData ds = DsDigest.CreateDs(DnsName.Root, k1, DigestType.Sha256)!;
        TrustPointState tp = TrustPointState.FromAnchors(DnsName.Root, [new TrustAnchor(DnsName.Root, ds)], Now);
        Assert.IsType<DsData>(Assert.Single(tp.TrustedAnchors()).Data);

        ObserveDaily(tp, 1, [k1, k2], [k1]);

        Assert.Equal(TrustAnchorKeyState.Valid, StateOf(tp, k1));
        Assert.Equal(TrustAnchorKeyState.AddPend, StateOf(tp, k2));
        Assert.Equal(k1, Assert.Single(tp.TrustedAnchors()).Data);
    }

    [Theory]
    // RFC 5011 §2.3: MAX(1 hr, MIN(15 days, ½ TTL, ½ expiry)) and MAX(1 hr, MIN(1 day, ⅒ TTL, ⅒ expiry)).
    [InlineData(172_800, 20 * 86_400, 86_400, 17_280)]    // root-like: TTL 2 days
    [InlineData(3_600, 20 * 86_400, 3_600, 3_600)]        // short TTL: both floors at 1 hour
    [InlineData(90 * 86_400, 60 * 86_400, 15 * 86_400, 86_400)] // long TTL: both ceilings
    [InlineData(172_800, 7_200, 3_600, 3_600)]            // signatures about to expire
    [InlineData(172_800, 40_000, 20_000, 4_000)]          // expiry bound
    public void RefreshTimes_FollowSection2_3(int ttlSeconds, int expirySeconds, int querySeconds, int retrySeconds)
    {
        (TimeSpan query, TimeSpan retry) = TrustPointState.RefreshTimes(TimeSpan.FromSeconds(ttlSeconds), TimeSpan.FromSeconds(expirySeconds));

        Assert.Equal(TimeSpan.FromSeconds(querySeconds), query);
        Assert.Equal(TimeSpan.FromSeconds(retrySeconds), retry);
    }

    [Fact]
    public void AcceptedObservation_SchedulesTheNextProbeAtTheQueryInterval()
    {
        DnskeyData k1 = Ksk();
        TrustPointState tp = Anchored(k1);
        ObserveDaily(tp, 1, [k1], [k1]);

        Assert.Equal(TimeSpan.FromDays(1), tp.QueryInterval); // ½ of the 2-day TTL
        Assert.Equal(Now + TimeSpan.FromDays(1), tp.NextProbe);
        Assert.Equal(Now, tp.LastSuccess);
        Assert.Equal(0, tp.QueryFailed);
    }
}

// TrustPointState: the RFC 5011 state machine of one trust point — its keys and their states, the
// add and remove hold-downs (§2.4.1, §2.4.2), revocation by self-signature (§2.1), the active
// refresh and retry times (§2.3) and trust point deletion (§5 via §6 "Trust Point Deletion"). Pure:
// every transition is a function of a DnskeyObservation and the instant passed in; no I/O, no clock.
// Not thread-safe: TrustAnchorManager serialises access.
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;

namespace Resolver.Validation;

/// <summary>What an observation did to a trust point.</summary>
internal enum ObservationOutcome
{
    /// <summary>The RRset was validated by a key this trust point trusts; the states were updated.</summary>
    Accepted,

    /// <summary>No key this trust point trusts validated the RRset: ignored (RFC 5011 §2.4), counts as a failed refresh.</summary>
    Untrusted,
}

/// <summary>The hold-down times of RFC 5011 §2.4.</summary>
/// <param name="AddHoldDown">How long a new key must be seen before it is trusted (§2.4.1; 30 days).</param>
/// <param name="RemoveHoldDown">How long a revoked key is remembered before it is Removed (§2.4.2; 30 days).</param>
internal readonly record struct HoldDownTimes(TimeSpan AddHoldDown, TimeSpan RemoveHoldDown);

/// <summary>One trust point under RFC 5011 automated updates.</summary>
internal sealed class TrustPointState
{
    // RFC 5011 §2.3: the bounds of the active refresh interval and of the retry time.
    private static readonly TimeSpan MinInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxQueryInterval = TimeSpan.FromDays(15);
    private static readonly TimeSpan MaxRetryTime = TimeSpan.FromDays(1);

    // Unbound's MIN_PENDINGCOUNT: a pending key must be seen by at least two refreshes before it is
    // accepted, so one lucky answer cannot carry a key through the hold-down.
    private const int MinPendingCount = 2;

    private readonly List<ManagedKey> _keys;

    public TrustPointState(DnsName zone, IEnumerable<ManagedKey> keys)
    {
        Zone = zone;
        _keys = [.. keys];
    }

    public DnsName Zone { get; }

    public IReadOnlyList<ManagedKey> Keys => _keys;

    public DateTimeOffset? LastQueried { get; set; }

    public DateTimeOffset? LastSuccess { get; set; }

    /// <summary>When the trust point's DNSKEY RRset should next be fetched (RFC 5011 §2.3); null before the first refresh.</summary>
    public DateTimeOffset? NextProbe { get; set; }

    public int QueryFailed { get; set; }

    /// <summary>The original TTL of the last accepted DNSKEY RRset (zero before the first, or after a reload).</summary>
    public TimeSpan OriginalTtl { get; set; }

    /// <summary>The active refresh interval of RFC 5011 §2.3, from the last accepted RRset.</summary>
    public TimeSpan QueryInterval { get; set; } = MinInterval;

    /// <summary>The retry time of RFC 5011 §2.3, from the last accepted RRset.</summary>
    public TimeSpan RetryTime { get; set; } = MinInterval;

    /// <summary>
    /// True when every key has been revoked: RFC 5011 §6 "Trust Point Deletion" — the trust point is
    /// then treated as if it had never been configured.
    /// </summary>
    public bool IsDeleted => !_keys.Any(k => k.IsTrusted || k.Ds is not null || k.State == TrustAnchorKeyState.AddPend)
        && _keys.Any(k => k.State is TrustAnchorKeyState.Revoked or TrustAnchorKeyState.Removed);

    /// <summary>A trust point seeded from configured anchors: DNSKEY anchors are Valid, DS anchors wait to be matched.</summary>
    public static TrustPointState FromAnchors(DnsName zone, IEnumerable<TrustAnchor> anchors, DateTimeOffset now)
    {
        var keys = new List<ManagedKey>();
        foreach (TrustAnchor anchor in anchors.Where(a => a.Zone == zone && a.IsValidAt(now)))
        {
            keys.Add(anchor.Data switch
            {
                DnskeyData key => new ManagedKey(key, key.IsRevoked ? TrustAnchorKeyState.Revoked : TrustAnchorKeyState.Valid, now),
                DsData ds => new ManagedKey(ds, now),
                _ => throw new ArgumentException($"A trust anchor is a DS or DNSKEY record, not {anchor.Data.Type}.", nameof(anchors)),
            });
        }

        return new TrustPointState(zone, keys);
    }

    /// <summary>The anchors in force: Valid and Missing keys (RFC 5011 §4) and DS seeds not yet matched.</summary>
    public IReadOnlyList<TrustAnchor> TrustedAnchors()
    {
        var anchors = new List<TrustAnchor>();
        foreach (ManagedKey key in _keys)
        {
            if (key.IsTrusted)
            {
                anchors.Add(new TrustAnchor(Zone, key.Key!));
            }
            else if (key.Ds is { } ds)
            {
                anchors.Add(new TrustAnchor(Zone, ds));
            }
        }

        return anchors;
    }

    /// <summary>Feeds one validated DNSKEY RRset of the trust point through the state machine at <paramref name="now"/>.</summary>
    public ObservationOutcome Observe(DnskeyObservation observation, DateTimeOffset now, HoldDownTimes holdDown, DnssecAlgorithmPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(policy);
        var validators = observation.SigningKeys.Where(k => !k.IsRevoked && IsTrustedKey(k, policy)).ToList();
        if (validators.Count == 0)
        {
            // RFC 5011 §2.1: a revoked key may still be used to check its own revocation, so a
            // trusted key's self-signed revocation counts even when no other trusted key signed
            // (that is how a trust point is deleted, §6). Nothing else is learnt from such an RRset.
            var revocations = observation.SelfSignedRevoked.Where(k => k.IsRevoked && IsTrustedKey(ManagedKey.BaseOf(k), policy)).ToList();
            if (revocations.Count == 0)
            {
                // RFC 5011 §2.4: only an RRset validated by a trust anchor of the trust point may change it.
                RecordFailure(now);
                return ObservationOutcome.Untrusted;
            }

            ApplyRevocations(revocations, now, policy);
            ApplyTimers(now, holdDown);
            ScheduleAfterSuccess(observation, now);
            return ObservationOutcome.Accepted;
        }

        ushort[] validatorTags = [.. validators.Select(k => k.KeyTag).Distinct().Order()];
        PromoteSeeds(observation, now, policy);
        ApplyRevocations(observation.SelfSignedRevoked, now, policy);
        ApplyPresence(observation, now, holdDown, validatorTags);
        ApplyTimers(now, holdDown);
        ScheduleAfterSuccess(observation, now);
        return ObservationOutcome.Accepted;
    }

    /// <summary>A refresh failed (no answer, or not validated): retry after the §2.3 retry time.</summary>
    public void RecordFailure(DateTimeOffset now)
    {
        LastQueried = now;
        QueryFailed++;
        NextProbe = now + RetryTime;
    }

    /// <summary>
    /// RFC 5011 §2.3: queryInterval = MAX(1 hr, MIN(15 days, ½ OrigTTL, ½ RRSigExpirationInterval));
    /// retryTime = MAX(1 hr, MIN(1 day, ⅒ OrigTTL, ⅒ RRSigExpirationInterval)).
    /// </summary>
    public static (TimeSpan QueryInterval, TimeSpan RetryTime) RefreshTimes(TimeSpan originalTtl, TimeSpan expirationInterval)
    {
        if (expirationInterval < TimeSpan.Zero)
        {
            expirationInterval = TimeSpan.Zero;
        }

        TimeSpan query = Max(MinInterval, Min(MaxQueryInterval, Min(originalTtl / 2, expirationInterval / 2)));
        TimeSpan retry = Max(MinInterval, Min(MaxRetryTime, Min(originalTtl / 10, expirationInterval / 10)));
        return (query, retry);
    }

    private bool IsTrustedKey(DnskeyData key, DnssecAlgorithmPolicy policy) =>
        _keys.Any(m => m.IsTrusted && ManagedKey.SameKey(m.Key!, key))
        || _keys.Any(m => m.Ds is { } ds && DsDigest.Match(Zone, ds, key, policy) == DsMatchStatus.Match);

    // A configured DS anchor is a key known by its digest: once a validated RRset publishes the key,
    // the key itself becomes the Valid anchor (as Unbound turns DS anchors into DNSKEY entries).
    private void PromoteSeeds(DnskeyObservation observation, DateTimeOffset now, DnssecAlgorithmPolicy policy)
    {
        foreach (ManagedKey seed in _keys.Where(k => k.Ds is not null).ToList())
        {
            DnskeyData? match = observation.Keys.FirstOrDefault(k => !k.IsRevoked && DsDigest.Match(Zone, seed.Ds!, k, policy) == DsMatchStatus.Match);
            if (match is null)
            {
                continue;
            }

            _keys.Remove(seed);
            if (!_keys.Any(m => m.Key is not null && ManagedKey.SameKey(m.Key, match)))
            {
                _keys.Add(new ManagedKey(match, TrustAnchorKeyState.Valid, now));
            }
        }
    }

    // RFC 5011 §2.1: a key with the REVOKE bit that signed the RRset itself is revoked for good; its
    // remove hold-down (§2.4.2) starts now. A revocation of a key never seen is remembered too, so
    // the key can never be added later.
    private void ApplyRevocations(IEnumerable<DnskeyData> selfSignedRevoked, DateTimeOffset now, DnssecAlgorithmPolicy policy)
    {
        foreach (DnskeyData revoked in selfSignedRevoked.Where(k => k.IsRevoked))
        {
            DnskeyData unrevoked = ManagedKey.BaseOf(revoked);
            _keys.RemoveAll(m => m.Ds is { } ds && DsDigest.Match(Zone, ds, unrevoked, policy) == DsMatchStatus.Match);
            ManagedKey? known = _keys.FirstOrDefault(m => m.Key is not null && ManagedKey.SameKey(m.Key, revoked));
            if (known is null)
            {
                _keys.Add(new ManagedKey(revoked, TrustAnchorKeyState.Revoked, now));
            }
            else if (known.State is TrustAnchorKeyState.Start or TrustAnchorKeyState.AddPend or TrustAnchorKeyState.Valid or TrustAnchorKeyState.Missing)
            {
                known.Key = revoked;
                known.State = TrustAnchorKeyState.Revoked;
                known.LastChange = now;
            }
        }
    }

    private void ApplyPresence(DnskeyObservation observation, DateTimeOffset now, HoldDownTimes holdDown, ushort[] validatorTags)
    {
        foreach (ManagedKey managed in _keys.Where(m => m.Key is not null).ToList())
        {
            bool present = observation.Keys.Any(k => ManagedKey.SameKey(k, managed.Key!));
            switch (managed.State)
            {
                case TrustAnchorKeyState.AddPend when !present:
                    // RFC 5011 §2.4.1: a pending key that disappears loses its place; the timer restarts if it returns.
                    _keys.Remove(managed);
                    break;
                case TrustAnchorKeyState.AddPend:
                    managed.PendingCount++;
                    if (now - managed.LastChange >= AddHoldDown(holdDown, observation) && managed.PendingCount >= MinPendingCount)
                    {
                        managed.State = TrustAnchorKeyState.Valid; // RFC 5011 §4 AddTime
                        managed.LastChange = now;
                        managed.PendingCount = 0;
                    }

                    break;
                case TrustAnchorKeyState.Valid when !present:
                    managed.State = TrustAnchorKeyState.Missing; // RFC 5011 §4 KeyRem
                    managed.LastChange = now;
                    break;
                case TrustAnchorKeyState.Missing when present:
                    managed.State = TrustAnchorKeyState.Valid; // RFC 5011 §4 KeyPres
                    managed.LastChange = now;
                    break;
                default:
                    break;
            }
        }

        // RFC 5011 §2.4.1: a new SEP key in an RRset validated by a trust anchor starts the add hold-down.
        foreach (DnskeyData key in observation.Keys.Where(k => k.IsSecureEntryPoint && k.IsZoneKey && !k.IsRevoked))
        {
            if (!_keys.Any(m => m.Key is not null && ManagedKey.SameKey(m.Key, key)))
            {
                _keys.Add(new ManagedKey(key, TrustAnchorKeyState.AddPend, now) { PendingCount = 1, Validators = validatorTags });
            }
        }
    }

    private void ApplyTimers(DateTimeOffset now, HoldDownTimes holdDown)
    {
        foreach (ManagedKey managed in _keys)
        {
            // RFC 5011 §2.4.2 / §4 RemTime: the revoked key is forgotten as an anchor after the remove hold-down.
            if (managed.State == TrustAnchorKeyState.Revoked && now - managed.LastChange >= holdDown.RemoveHoldDown)
            {
                managed.State = TrustAnchorKeyState.Removed;
                managed.LastChange = now;
            }
        }

        // RFC 5011 §2.4.1: "If all of the keys that were originally used to validate this key are
        // revoked prior to the timer expiring, the resolver stops the acceptance process."
        var revokedTags = _keys.Where(m => m.State is TrustAnchorKeyState.Revoked or TrustAnchorKeyState.Removed).Select(m => m.BaseTag).ToHashSet();
        _keys.RemoveAll(m => m.State == TrustAnchorKeyState.AddPend && m.Validators.Count > 0 && m.Validators.All(revokedTags.Contains));
    }

    // RFC 5011 §2.4.1: the add hold-down is 30 days or the original TTL of the RRset, whichever is greater.
    private static TimeSpan AddHoldDown(HoldDownTimes holdDown, DnskeyObservation observation) =>
        Max(holdDown.AddHoldDown, observation.OriginalTtl);

    private void ScheduleAfterSuccess(DnskeyObservation observation, DateTimeOffset now)
    {
        OriginalTtl = observation.OriginalTtl;
        (QueryInterval, RetryTime) = RefreshTimes(observation.OriginalTtl, observation.SignatureExpiration - now);
        LastQueried = now;
        LastSuccess = now;
        QueryFailed = 0;
        NextProbe = now + QueryInterval;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

// TrustAnchorManager: RFC 5011 automated trust anchor updates for a validator. Holds one
// TrustPointState per configured anchored zone, feeds each with every validated DNSKEY RRset of
// the trust point (doing the signature checks the pure state machine does not), serves the anchors
// now in force as a TrustAnchorStore snapshot, and persists the states to the state file after each
// change (in memory only when no file is configured). Thread-safe: one lock around the states; the
// snapshot is replaced, never mutated.
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;

namespace Resolver.Validation;

internal sealed class TrustAnchorManager
{
    private readonly Lock _lock = new();
    private readonly Dictionary<DnsName, TrustPointState> _trustPoints;
    private readonly TrustAnchorStore _configured;
    private readonly string? _stateFile;
    private readonly HoldDownTimes _holdDown;
    private volatile TrustAnchorStore _current;

    private TrustAnchorManager(TrustAnchorStore configured, IEnumerable<TrustPointState> trustPoints, string? stateFile, HoldDownTimes holdDown)
    {
        _configured = configured;
        _trustPoints = trustPoints.ToDictionary(tp => tp.Zone);
        _stateFile = stateFile;
        _holdDown = holdDown;
        _current = Snapshot();
    }

    /// <summary>The anchors in force now: the managed trust points' Valid and Missing keys, plus the configured negative anchors.</summary>
    public TrustAnchorStore Current => _current;

    /// <summary>Why the last write of the state file failed; null when it succeeded (or there is no file).</summary>
    public TrustAnchorStateException? PersistFailure { get; private set; }

    /// <summary>
    /// Starts from <paramref name="stateFile"/> when it exists, else from <paramref name="configured"/>'s
    /// anchors (written to the file at once, when one is named).
    /// </summary>
    /// <exception cref="TrustAnchorStateException">The state file exists but cannot be read or is malformed.</exception>
    public static TrustAnchorManager Create(TrustAnchorStore configured, string? stateFile, HoldDownTimes holdDown, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(configured);
        IReadOnlyList<TrustPointState>? loaded = stateFile is null ? null : TrustAnchorStateFile.Load(stateFile);
        if (loaded is not null)
        {
            return new TrustAnchorManager(configured, loaded, stateFile, holdDown);
        }

        var seeded = configured.Anchors.Select(a => a.Zone).Distinct()
            .Select(zone => TrustPointState.FromAnchors(zone, configured.Anchors, now))
            .Where(tp => tp.Keys.Count > 0)
            .ToList();
        var manager = new TrustAnchorManager(configured, seeded, stateFile, holdDown);
        manager.Persist();
        return manager;
    }

    /// <summary>The state of every key of <paramref name="zone"/>'s trust point (for reports and tests).</summary>
    public IReadOnlyList<(DnskeyData? Key, DsData? Ds, TrustAnchorKeyState State)> KeyStates(DnsName zone)
    {
        lock (_lock)
        {
            return _trustPoints.TryGetValue(zone, out TrustPointState? tp)
                ? [.. tp.Keys.Select(k => (k.Key, k.Ds, k.State))]
                : [];
        }
    }

    /// <summary>
    /// Feeds a DNSKEY RRset of a trust point that the validator found Secure: finds which trusted keys
    /// signed it and which revoked keys signed it themselves (RFC 5011 §2.1), runs the state machine
    /// and persists the result. Only keys the trust point already knows are checked, within the
    /// resolution's <paramref name="budget"/> (KeyTrap, CVE-2023-50387); null: unbounded (tests).
    /// </summary>
    public void Observe(DnsName zone, SignedRrSet keySet, DateTimeOffset now, SignatureCheckOptions options, WorkBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(keySet);
        lock (_lock)
        {
            if (!_trustPoints.TryGetValue(zone, out TrustPointState? tp) || tp.IsDeleted)
            {
                return;
            }

            DnskeyObservation? observation = BuildObservation(tp, keySet, now, options, budget);
            if (observation is null)
            {
                return;
            }

            tp.Observe(observation, now, _holdDown, options.Policy);
            _current = Snapshot();
            try
            {
                Persist();
                PersistFailure = null;
            }
            catch (TrustAnchorStateException e)
            {
                // A verdict is never an exception: the states stay in memory and the next
                // observation tries the write again.
                PersistFailure = e;
            }
        }
    }

    private static DnskeyObservation? BuildObservation(TrustPointState tp, SignedRrSet keySet, DateTimeOffset now, SignatureCheckOptions options, WorkBudget? budget)
    {
        RrSet keys = keySet.RrSet;
        var all = keys.Data.OfType<DnskeyData>().ToList();
        var known = tp.Keys.Where(m => m.Key is not null).Select(m => m.Key!).ToList();
        var seeds = tp.Keys.Where(m => m.Ds is not null).Select(m => m.Ds!).ToList();
        var signing = new List<DnskeyData>();
        var selfRevoked = new List<DnskeyData>();
        var usedSignatures = new List<RrsigData>();
        // RFC 5011 §2.1: a revoked key's signature is checked only to prove its own revocation.
        SignatureCheckOptions revocationCheck = options with { AllowRevokedSigner = true };
        foreach (DnskeyData key in all)
        {
            // Only keys the trust point knows (or a DS seed names) are checked: a flood of unknown keys costs nothing.
            bool knownKey = known.Any(k => ManagedKey.SameKey(k, key))
                || seeds.Any(ds => DsDigest.Match(tp.Zone, ds, ManagedKey.BaseOf(key), options.Policy) == DsMatchStatus.Match);
            if (!knownKey)
            {
                continue;
            }

            var single = new RrSet(tp.Zone, keys.Class, RrType.DNSKEY, keys.Ttl, [key]);
            foreach (RrsigData rrsig in keySet.Signatures.Where(s => s.KeyTag == key.KeyTag && s.Algorithm == key.Algorithm))
            {
                SignatureCheckResult check = SignatureVerifier.Check(keys, rrsig, single, tp.Zone, now, key.IsRevoked ? revocationCheck : options, budget?.SignatureLimit);
                budget?.Add(check);
                if (check.Status == SignatureStatus.WorkLimitReached)
                {
                    return null; // out of budget: learn nothing rather than something partial
                }

                if (check.IsValid)
                {
                    (key.IsRevoked ? selfRevoked : signing).Add(key);
                    usedSignatures.Add(rrsig);
                    break;
                }
            }
        }

        if (usedSignatures.Count == 0)
        {
            return null;
        }

        uint originalTtl = usedSignatures.Min(s => s.OriginalTtl);
        DateTimeOffset expiry = usedSignatures.Select(s => SerialTime(s.SignatureExpiration, now)).Min();
        return new DnskeyObservation(all, signing, selfRevoked, TimeSpan.FromSeconds(originalTtl), expiry);
    }

    // RFC 4034 §3.1.5: signature times are serial numbers (RFC 1982) around now.
    private static DateTimeOffset SerialTime(uint serial, DateTimeOffset now) =>
        now + TimeSpan.FromSeconds(unchecked((int)(serial - (uint)now.ToUnixTimeSeconds())));

    private TrustAnchorStore Snapshot()
    {
        var anchors = _trustPoints.Values.Where(tp => !tp.IsDeleted).SelectMany(tp => tp.TrustedAnchors());
        // Zones not under management (none today: every configured zone is) keep their configured anchors.
        var unmanaged = _configured.Anchors.Where(a => !_trustPoints.ContainsKey(a.Zone));
        return TrustAnchorStore.Create(anchors.Concat(unmanaged), _configured.NegativeTrustAnchors);
    }

    private void Persist()
    {
        if (_stateFile is not null)
        {
            TrustAnchorStateFile.Save(_stateFile, _trustPoints.Values.OrderBy(tp => tp.Zone.ToString(), StringComparer.Ordinal));
        }
    }
}

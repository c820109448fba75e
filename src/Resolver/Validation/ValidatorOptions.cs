// ValidatorOptions: every validation limit, with its default and allowed range (STYLE §11), each
// declared once in ValidatorLimits. Values outside a range are rejected when set, so a
// misconfiguration fails at start-up, not mid-query.
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Dnssec.Denial;

namespace Resolver;

/// <summary>DNSSEC validation settings and limits.</summary>
public sealed class ValidatorOptions
{
    private int _maxSignatureValidations = ValidatorLimits.MaxSignatureValidations.Default;
    private int _maxNsec3Hashes = ValidatorLimits.MaxNsec3Hashes.Default;
    private int _maxKeyImports = ValidatorLimits.MaxKeyImports.Default;
    private int _maxKeysPerSignature = ValidatorLimits.MaxKeysPerSignature.Default;
    private int _nsec3InsecureIterations = ValidatorLimits.Nsec3InsecureIterations.Default;
    private int _nsec3BogusIterations = ValidatorLimits.Nsec3BogusIterations.Default;
    private TimeSpan _clockSkew = ValidatorLimits.ClockSkew.Default;
    private TimeSpan _bogusTtl = ValidatorLimits.BogusTtl.Default;
    private int _keyCacheCapacity = ValidatorLimits.KeyCacheCapacity.Default;
    private int _maxRestarts = ValidatorLimits.MaxRestarts.Default;
    private TimeSpan _addHoldDown = ValidatorLimits.TrustAnchorAddHoldDown.Default;
    private TimeSpan _removeHoldDown = ValidatorLimits.TrustAnchorRemoveHoldDown.Default;

    /// <summary>The trust anchors and negative trust anchors. Default: the IANA root anchors shipped with the library.</summary>
    public TrustAnchorStore TrustAnchors { get; set; } = TrustAnchorStore.Default;

    /// <summary>
    /// Keep the trust anchors up to date by RFC 5011 automated updates: every validated DNSKEY RRset
    /// of an anchored zone feeds its key states; a new key becomes an anchor after
    /// <see cref="TrustAnchorAddHoldDown"/>, a key revoked by its own signature stops being one at
    /// once. Starts from <see cref="TrustAnchors"/>. Default false; on whenever
    /// <see cref="TrustAnchorStateFile"/> is set. Without a state file the states live in memory only.
    /// </summary>
    public bool AutomatedTrustAnchorUpdates { get; set; }

    /// <summary>
    /// Where RFC 5011 key states are kept across restarts (Unbound's autotrust format, one file for
    /// all trust points, written atomically after every change); setting it turns
    /// <see cref="AutomatedTrustAnchorUpdates"/> on. A missing file is created from
    /// <see cref="TrustAnchors"/>; a file that cannot be read makes start-up fail with
    /// <see cref="TrustAnchorStateException"/>. One process writes a file; others may only read it.
    /// Default null (no file).
    /// </summary>
    public string? TrustAnchorStateFile { get; set; }

    /// <summary>RFC 5011 §2.4.1 add hold-down (the RRset's original TTL if longer). Default 30 days; range 1 hour – 365 days.</summary>
    public TimeSpan TrustAnchorAddHoldDown { get => _addHoldDown; set => _addHoldDown = ValidatorLimits.TrustAnchorAddHoldDown.Validate(value); }

    /// <summary>RFC 5011 §2.4.2 remove hold-down for revoked keys. Default 30 days; range 1 hour – 365 days.</summary>
    public TimeSpan TrustAnchorRemoveHoldDown { get => _removeHoldDown; set => _removeHoldDown = ValidatorLimits.TrustAnchorRemoveHoldDown.Validate(value); }

    /// <summary>The algorithms and digests accepted. Default: all implemented (RFC 8624 recommendations).</summary>
    public DnssecAlgorithmPolicy AlgorithmPolicy { get; set; } = DnssecAlgorithmPolicy.Default;

    /// <summary>Cryptographic signature verifications allowed per resolution (KeyTrap, CVE-2023-50387),
    /// counted across the answer, every chain walk and every re-fetch from another server. Default 64; range 1–10,000.</summary>
    public int MaxSignatureValidations { get => _maxSignatureValidations; set => _maxSignatureValidations = ValidatorLimits.MaxSignatureValidations.Validate(value); }

    /// <summary>NSEC3 hash computations allowed per resolution (CVE-2023-50868). Default 512; range 1–100,000.</summary>
    public int MaxNsec3Hashes { get => _maxNsec3Hashes; set => _maxNsec3Hashes = ValidatorLimits.MaxNsec3Hashes.Validate(value); }

    /// <summary>
    /// DNSKEY public keys imported per resolution (KeyTrap, CVE-2023-50387): importing a decoy key
    /// (RSA-4096) costs more than a verification with it, so imports are bounded like
    /// verifications. Keys already imported by earlier resolutions are free. Counted across the
    /// answer, every chain walk and every re-fetch, as <see cref="MaxSignatureValidations"/> is.
    /// Default 16: a cold resolution through root, TLD and zone imports 4 to 6, and the keys stay
    /// imported for later resolutions; with it a KeyTrap answer from three servers costs about 4×
    /// the CPU of a cold Secure one (benchmarks/…/KeyTrapBenchmarks, RSA-4096 decoys). Range 1–10,000.
    /// </summary>
    public int MaxKeyImports { get => _maxKeyImports; set => _maxKeyImports = ValidatorLimits.MaxKeyImports.Validate(value); }

    /// <summary>Keys sharing one key tag tried per signature (key-tag collisions, KeyTrap). Default 4; range 1–64.</summary>
    public int MaxKeysPerSignature { get => _maxKeysPerSignature; set => _maxKeysPerSignature = ValidatorLimits.MaxKeysPerSignature.Validate(value); }

    /// <summary>NSEC3 iterations above which a proof only counts as Insecure (RFC 9276 §3.2). Default 100; range 0–2,500.</summary>
    public int Nsec3InsecureIterations { get => _nsec3InsecureIterations; set => _nsec3InsecureIterations = ValidatorLimits.Nsec3InsecureIterations.Validate(value); }

    /// <summary>
    /// NSEC3 iterations above which a proof is Bogus (RFC 9276 §3.2). Default 500; range 0–65,535,
    /// where 65,535 (<see cref="Nsec3ProofOptions.NeverBogus"/>) means never: every count above
    /// <see cref="Nsec3InsecureIterations"/> is then Insecure, as Unbound, Knot Resolver, BIND and
    /// PowerDNS treat it. A value below <see cref="Nsec3InsecureIterations"/> counts as equal to it.
    /// </summary>
    public int Nsec3BogusIterations { get => _nsec3BogusIterations; set => _nsec3BogusIterations = ValidatorLimits.Nsec3BogusIterations.Validate(value); }

    /// <summary>Clock skew tolerated on signature validity windows. Default 0; range 0–1 day.</summary>
    public TimeSpan ClockSkew { get => _clockSkew; set => _clockSkew = ValidatorLimits.ClockSkew.Validate(value); }

    /// <summary>How long a Bogus key entry is remembered. Default 60 s; range 0–1 hour.</summary>
    public TimeSpan BogusTtl { get => _bogusTtl; set => _bogusTtl = ValidatorLimits.BogusTtl.Validate(value); }

    /// <summary>Key entries (zones) kept. Default 10,000; range 16–10,000,000.</summary>
    public int KeyCacheCapacity { get => _keyCacheCapacity; set => _keyCacheCapacity = ValidatorLimits.KeyCacheCapacity.Validate(value); }

    /// <summary>
    /// Answer root key sentinel queries (RFC 8509): a Secure answer for a name whose first label is
    /// <c>root-key-sentinel-is-ta-NNNNN</c> or <c>root-key-sentinel-not-ta-NNNNN</c> becomes Bogus
    /// (<see cref="ValidationFailureKind.RootKeySentinel"/>, SERVFAIL to DNS clients) when the label's
    /// claim about root key NNNNN is false. Default true, as in Unbound, BIND and Knot Resolver.
    /// </summary>
    public bool RootKeySentinel { get; set; } = true;

    /// <summary>
    /// Algorithm downgrade hardening (RFC 6840 §5.11; Unbound's <c>harden-algo-downgrade</c>): every
    /// algorithm of a zone's DS set (or trust anchors) that this validator supports must sign the
    /// zone's DNSKEY RRset and every RRset of the zone, else the data is Bogus
    /// (<see cref="ValidationFailureKind.AlgorithmDowngrade"/>). Default false: as RFC 6840 §5.11
    /// says, one valid path through any one algorithm is enough, and zones in an algorithm rollover
    /// or with a DS for a not-yet-signing key (legitimately) fail the hardened rule.
    /// </summary>
    public bool HardenAlgorithmDowngrade { get; set; }

    /// <summary>
    /// Re-fetches allowed per resolution after data failed validation: each distrusts the server
    /// that supplied the failing answer, DS or DNSKEY RRset for its zone and asks the zone's other
    /// servers (cf. Unbound val-max-restart). The answer, DS and DNSKEY re-fetches share the
    /// allowance. Default 2; range 0–10.
    /// </summary>
    public int MaxRestarts { get => _maxRestarts; set => _maxRestarts = ValidatorLimits.MaxRestarts.Validate(value); }

    internal SignatureCheckOptions SignatureOptions(PublicKeyCache keyCache) => new()
    {
        Policy = AlgorithmPolicy,
        ClockSkew = ClockSkew,
        MaxKeysPerSignature = MaxKeysPerSignature,
        KeyCache = keyCache,
    };

    internal Nsec3ProofOptions Nsec3Options(int hashBudget) => new()
    {
        InsecureIterationLimit = Nsec3InsecureIterations,
        BogusIterationLimit = Math.Max(Nsec3InsecureIterations, Nsec3BogusIterations),
        MaxHashComputations = Math.Max(1, hashBudget),
    };
}

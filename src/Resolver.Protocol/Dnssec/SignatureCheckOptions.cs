// SignatureCheckOptions: the knobs of one RRSIG check — algorithm policy, clock skew, the KeyTrap
// bound on key-tag collisions, and the caller-owned public-key cache. Ranges are declared once, in
// SignatureCheckLimits.
namespace Resolver.Protocol.Dnssec;

/// <summary>Settings for <see cref="SignatureVerifier.Check"/>. Immutable; validated on assignment.</summary>
public sealed record SignatureCheckOptions
{
    /// <summary>The default limit on keys tried per signature.</summary>
    public const int DefaultMaxKeysPerSignature = 4;

    /// <summary>Default options: every implemented algorithm, no clock skew, 4 keys per signature, no cache.</summary>
    public static SignatureCheckOptions Default { get; } = new();

    /// <summary>Algorithms and digests to use; others are <see cref="SignatureStatus.UnsupportedAlgorithm"/>.
    /// Default: <see cref="DnssecAlgorithmPolicy.Default"/>.</summary>
    public DnssecAlgorithmPolicy Policy
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = DnssecAlgorithmPolicy.Default;

    /// <summary>
    /// Tolerance on both ends of the validity window, for clocks that are a little off. Default zero
    /// (the RFC 4035 §5.3.1 window exactly); 0 to 1 day.
    /// </summary>
    public TimeSpan ClockSkew
    {
        get;
        init => field = SignatureCheckLimits.ClockSkew.Validate(value);
    }

    /// <summary>
    /// How many keys with the signature's tag and algorithm are tried per signature (KeyTrap,
    /// CVE-2023-50387: colliding tags multiply the work). Default 4; 1 to 64. Keys that are not
    /// usable (no zone-key flag, protocol not 3, revoked) are skipped without counting.
    /// </summary>
    public int MaxKeysPerSignature
    {
        get;
        init => field = SignatureCheckLimits.MaxKeysPerSignature.Validate(value);
    } = SignatureCheckLimits.MaxKeysPerSignature.Default;

    /// <summary>Imported keys to reuse; null imports each key for the one check and disposes it.</summary>
    public PublicKeyCache? KeyCache { get; init; }

    /// <summary>
    /// Accept a signer key with the REVOKE bit. Only for checking a revoked key's own signature over
    /// its DNSKEY RRset, the one use RFC 5011 §2.1 leaves such a key; never for validating data.
    /// Default false.
    /// </summary>
    public bool AllowRevokedSigner { get; init; }
}

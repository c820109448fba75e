// SignatureCheckResult: the outcome of checking one RRSIG — a status that says why, the key tag
// and algorithm it named, how many cryptographic verifications it cost (so a caller can cap the
// work per resolution, KeyTrap), how many key imports, and the key that validated it.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Dnssec;

/// <summary>Why an RRSIG is or is not valid (RFC 4035 §5.3).</summary>
public enum SignatureStatus
{
    /// <summary>The signature verifies with a usable key of the signer.</summary>
    Valid,

    /// <summary>Every usable candidate key was tried and none verifies the signature.</summary>
    BadSignature,

    /// <summary>The current time is after the signature expiration (RFC 4035 §5.3.1).</summary>
    Expired,

    /// <summary>The current time is before the signature inception (RFC 4035 §5.3.1).</summary>
    NotYetValid,

    /// <summary>The expiration precedes the inception (serial-number order, RFC 4034 §3.1.5).</summary>
    InvalidValidityPeriod,

    /// <summary>The algorithm is not implemented, is excluded by policy, or must not be validated
    /// (RFC 8624: 1, 3, 6, 12). A validator treats the RRset as unsigned for this signature (RFC 4035 §5.2).</summary>
    UnsupportedAlgorithm,

    /// <summary>No key in the signer's DNSKEY RRset has the signature's tag and algorithm (or the
    /// DNSKEY RRset is not the signer's).</summary>
    NoMatchingKey,

    /// <summary>The matching keys lack the Zone Key flag (RFC 4034 §2.1.1).</summary>
    NotZoneKey,

    /// <summary>The matching keys have a protocol other than 3 (RFC 4034 §2.1.2).</summary>
    BadKeyProtocol,

    /// <summary>The matching keys are revoked (RFC 5011 §2.1) and must not be used.</summary>
    RevokedKey,

    /// <summary>The matching keys could not be imported (bad RFC 3110 encoding, wrong point length, modulus size…).</summary>
    MalformedKey,

    /// <summary>The signer is not the zone the RRset belongs to, or the owner is not at or below the signer.</summary>
    WrongSigner,

    /// <summary>The Type Covered field is not the RRset's type.</summary>
    WrongType,

    /// <summary>The Labels field exceeds the owner name's label count (RFC 4035 §5.3.1).</summary>
    BadLabels,

    /// <summary>More keys share the tag and algorithm than <see cref="SignatureCheckOptions.MaxKeysPerSignature"/>
    /// allows, and none of those tried verified (KeyTrap, CVE-2023-50387).</summary>
    KeyCollisionLimit,

    /// <summary>The caller's <see cref="SignatureWorkLimit"/> (verifications or key imports) ran out
    /// before a candidate key verified the signature: nothing is known about the signature (KeyTrap).</summary>
    WorkLimitReached,
}

/// <summary>The outcome of one RRSIG check.</summary>
/// <param name="Status">Why it is valid or not.</param>
/// <param name="KeyTag">The key tag the RRSIG names.</param>
/// <param name="Algorithm">The algorithm the RRSIG names.</param>
/// <param name="VerificationsPerformed">Cryptographic verifications done (0 when a cheap check failed first).</param>
/// <param name="Key">The key that verified the signature, when <paramref name="Status"/> is <see cref="SignatureStatus.Valid"/>.</param>
public readonly record struct SignatureCheckResult(
    SignatureStatus Status,
    ushort KeyTag,
    DnssecAlgorithm Algorithm,
    int VerificationsPerformed,
    DnskeyData? Key)
{
    /// <summary>DNSKEY public-key imports done (keys not already in the key cache, malformed ones included):
    /// an import costs more than a verification (RSA-4096), so callers cap them too (KeyTrap).</summary>
    public int KeyImportsPerformed { get; init; }

    /// <summary>True when <see cref="Status"/> is <see cref="SignatureStatus.Valid"/>.</summary>
    public bool IsValid => Status == SignatureStatus.Valid;
}

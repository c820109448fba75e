// ValidationFailureKind: why an answer is Insecure, Bogus or Indeterminate — one value per cause,
// each mapped to its RFC 8914 Extended DNS Error code and the clause that defines it.
namespace Resolver;

/// <summary>The typed reason an answer is not Secure. <see cref="ValidationFailure.ExtendedErrorCode"/> gives its RFC 8914 code.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ValidationFailureKind>))]
public enum ValidationFailureKind
{
    // ---- Insecure ----

    /// <summary>Insecure: the parent proves (NSEC/NSEC3) there is no DS for the zone (RFC 4035 §5.2).</summary>
    UnsignedDelegation = 1,

    /// <summary>Insecure: the name lies in an NSEC3 opt-out span, where only signed delegations are proven absent (RFC 5155 §6, §9.2).</summary>
    OptOutSpan,

    /// <summary>Insecure: every DS (or trust anchor) for the zone uses an algorithm this validator does not support (RFC 4035 §5.2, RFC 6840 §5.2).</summary>
    UnsupportedAlgorithm,

    /// <summary>Insecure: every DS for the zone uses a digest type this validator does not support (RFC 4035 §5.2, RFC 6840 §5.2).</summary>
    UnsupportedDigest,

    /// <summary>Insecure: the NSEC3 iteration count is above the insecure limit (RFC 9276 §3.2).</summary>
    Nsec3IterationsTooHigh,

    /// <summary>Insecure: a negative trust anchor covers the name (RFC 7646).</summary>
    NegativeTrustAnchor,

    // ---- Bogus ----

    /// <summary>Bogus: a signature does not verify with the signer's key.</summary>
    BadSignature,

    /// <summary>Bogus: the signatures have expired (RFC 4035 §5.3.1).</summary>
    SignatureExpired,

    /// <summary>Bogus: the signatures are not yet valid (RFC 4035 §5.3.1).</summary>
    SignatureNotYetValid,

    /// <summary>Bogus: a signature's validity period ends before it starts (RFC 4034 §3.1.5).</summary>
    SignatureExpiredBeforeValid,

    /// <summary>Bogus: data from a signed zone carries no usable RRSIG (RFC 4035 §5.3).</summary>
    MissingSignatures,

    /// <summary>Bogus: the parent has a DS for the zone but the zone publishes no DNSKEY RRset (RFC 4035 §5.2).</summary>
    DnskeyMissing,

    /// <summary>Bogus: no DNSKEY in the zone matches any usable DS (or anchor) (RFC 4035 §5.2).</summary>
    NoKeyMatchesDs,

    /// <summary>Bogus: a DS matches a published key, but that key did not sign the DNSKEY RRset (RFC 4035 §5.2).</summary>
    DsKeyDidNotSign,

    /// <summary>Bogus: the matching key lacks the Zone Key flag (RFC 4034 §2.1.1).</summary>
    NoZoneKeyBit,

    /// <summary>Bogus: the matching key is revoked (RFC 5011 §2.1).</summary>
    RevokedKey,

    /// <summary>Bogus: the key cannot be used (malformed public key, protocol not 3).</summary>
    MalformedKey,

    /// <summary>Bogus: the signature names the wrong signer, type or label count (RFC 4035 §5.3.1).</summary>
    InvalidSignatureFields,

    /// <summary>Bogus: a negative answer lacks the NSEC/NSEC3 records that prove it (RFC 4035 §5.4, RFC 5155 §8).</summary>
    MissingDenialProof,

    /// <summary>Bogus: the NSEC/NSEC3 records present do not prove the denial (RFC 4035 §5.4, RFC 5155 §8).</summary>
    InvalidDenialProof,

    /// <summary>Bogus: a wildcard answer lacks the proof that the query name does not exist (RFC 4035 §5.3.4, RFC 5155 §8.8).</summary>
    MissingWildcardProof,

    /// <summary>Bogus: the NSEC3 iteration count is above the hard limit (RFC 9276 §3.2).</summary>
    Nsec3IterationsAboveHardLimit,

    /// <summary>Bogus: validation work exceeded a limit (signature validations, key-tag collisions or
    /// NSEC3 hashes; KeyTrap CVE-2023-50387, CVE-2023-50868).</summary>
    WorkLimitExceeded,

    /// <summary>Bogus: the answer is inconsistent with the proven chain (for example unsigned data
    /// from a zone proven signed, or a CNAME chain that cannot be validated).</summary>
    InconsistentAnswer,

    // ---- Indeterminate ----

    /// <summary>Indeterminate: no trust anchor covers the name.</summary>
    NoTrustAnchor,

    // ---- Insecure (added later; values stay stable) ----

    /// <summary>Insecure: the query asked for the RRSIG records themselves, which nothing signs (RFC 4034 §3),
    /// so no chain of trust can cover the answer; the data they sign must be asked for by its own type.</summary>
    RrsigQuery,

    // ---- Bogus (added later) ----

    /// <summary>Bogus (reported as SERVFAIL): a root key sentinel query (RFC 8509) claims a root key is, or is
    /// not, a trust anchor here, and the claim is false (§3.2). The data itself validated.</summary>
    RootKeySentinel,

    /// <summary>Bogus: a DNAME whose RRSIG shows it was synthesized from a wildcard owner (RRSIG labels
    /// fewer than the owner's). A DNAME at a wildcard name is not to be used for redirection
    /// (RFC 4592 §4.4), so the validator rejects it as Unbound does.</summary>
    WildcardDname,

    /// <summary>Bogus (only with <see cref="ValidatorOptions.HardenAlgorithmDowngrade"/>): an algorithm of the
    /// zone's DS set (or trust anchors) that this validator supports did not sign the DNSKEY RRset or the
    /// data (RFC 6840 §5.11; Unbound's harden-algo-downgrade).</summary>
    AlgorithmDowngrade,
}

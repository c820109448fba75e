// VerdictMapping: every translation between the verdict vocabularies, in one table a newcomer can
// read at once. Protocol checks speak SignatureStatus (one RRSIG, RFC 4035 §5.3) and DenialStatus +
// DenialFailure (one NSEC/NSEC3 proof, RFC 4035 §5.4, RFC 5155 §8); the validator speaks
// KeyEntryState (what is known of a zone's keys) and ValidationFailureKind (the typed reason);
// applications see SecurityStatus (RFC 4035 §4.3) and the RFC 8914 Extended DNS Error code.
//
//   SignatureStatus ─► ValidationFailureKind   FailureKind, DataFailureKind, KeySetFailureKind
//   SignatureStatus ─► how telling it is       Rank (the failure reported among several)
//   DenialFailure   ─► ValidationFailureKind   InsecureDenialKind, BogusDenialKind
//   ValidationFailureKind ─► SecurityStatus    StatusOf
//   ValidationFailureKind ─► RFC 8914 code     ToExtendedErrorCode
//   SecurityStatus ◄─► KeyEntryState           StateOf, StatusOf
//   SecurityStatus ─► weakness                 Weakness (the weakest part decides an answer)
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Dnssec.Denial;

namespace Resolver.Validation;

internal static class VerdictMapping
{
    /// <summary>The reason a failed RRSIG check gives (whatever the RRset).</summary>
    public static ValidationFailureKind FailureKind(SignatureStatus status) => status switch
    {
        SignatureStatus.BadSignature => ValidationFailureKind.BadSignature,
        SignatureStatus.Expired => ValidationFailureKind.SignatureExpired,
        SignatureStatus.NotYetValid => ValidationFailureKind.SignatureNotYetValid,
        SignatureStatus.InvalidValidityPeriod => ValidationFailureKind.SignatureExpiredBeforeValid,
        SignatureStatus.UnsupportedAlgorithm => ValidationFailureKind.UnsupportedAlgorithm,
        SignatureStatus.NoMatchingKey => ValidationFailureKind.MissingSignatures,
        SignatureStatus.NotZoneKey => ValidationFailureKind.NoZoneKeyBit,
        SignatureStatus.RevokedKey => ValidationFailureKind.RevokedKey,
        SignatureStatus.BadKeyProtocol or SignatureStatus.MalformedKey => ValidationFailureKind.MalformedKey,
        SignatureStatus.WrongSigner or SignatureStatus.WrongType or SignatureStatus.BadLabels => ValidationFailureKind.InvalidSignatureFields,
        SignatureStatus.KeyCollisionLimit or SignatureStatus.WorkLimitReached => ValidationFailureKind.WorkLimitExceeded,
        _ => ValidationFailureKind.BadSignature,
    };

    /// <summary>
    /// The reason an RRset of a zone with authentic keys gives when its best RRSIG failed with
    /// <paramref name="best"/>: such data must carry a usable signature (RFC 4035 §5.3), and a
    /// signature in an algorithm this validator cannot check is no signature at all here.
    /// </summary>
    public static ValidationFailureKind DataFailureKind(SignatureStatus best) =>
        best is SignatureStatus.NoMatchingKey or SignatureStatus.UnsupportedAlgorithm
            ? ValidationFailureKind.MissingSignatures
            : FailureKind(best);

    /// <summary>
    /// The reason a DNSKEY RRset gives when no key a DS (or anchor) points to signed it (RFC 4035
    /// §5.2): no RRSIG at all is unsigned keys (RFC 8914 code 10); RRSIGs by other keys only, a DS key
    /// that did not sign.
    /// </summary>
    public static ValidationFailureKind KeySetFailureKind(SignatureStatus best, bool unsigned) => best switch
    {
        SignatureStatus.NoMatchingKey when unsigned => ValidationFailureKind.MissingSignatures,
        SignatureStatus.NoMatchingKey => ValidationFailureKind.DsKeyDidNotSign,
        _ => FailureKind(best),
    };

    /// <summary>
    /// How telling a failure is: a signature that was checked against the right key and failed in
    /// a specific way (expired, bad) says more than "no key matched".
    /// </summary>
    public static int Rank(SignatureStatus status) => status switch
    {
        SignatureStatus.Valid => 100,
        SignatureStatus.Expired or SignatureStatus.NotYetValid or SignatureStatus.InvalidValidityPeriod => 60,
        SignatureStatus.BadSignature => 50,
        SignatureStatus.KeyCollisionLimit or SignatureStatus.WorkLimitReached => 45,
        SignatureStatus.RevokedKey or SignatureStatus.NotZoneKey or SignatureStatus.BadKeyProtocol or SignatureStatus.MalformedKey => 40,
        SignatureStatus.WrongSigner or SignatureStatus.WrongType or SignatureStatus.BadLabels => 30,
        SignatureStatus.UnsupportedAlgorithm => 20,
        _ => 10,
    };

    /// <summary>
    /// The reason of an Insecure denial (<see cref="DenialStatus.Insecure"/>): NSEC3 iterations above
    /// the Insecure limit (RFC 9276 §3.2), else an opt-out span (RFC 5155 §9.2).
    /// </summary>
    public static ValidationFailureKind InsecureDenialKind(DenialFailure failure) =>
        failure == DenialFailure.IterationsAboveInsecureLimit
            ? ValidationFailureKind.Nsec3IterationsTooHigh
            : ValidationFailureKind.OptOutSpan;

    /// <summary>
    /// The reason of a Bogus denial (<see cref="DenialStatus.Bogus"/>) for <paramref name="claim"/>;
    /// <paramref name="noAuthenticRecords"/> when not one NSEC/NSEC3 record of the response validated.
    /// </summary>
    public static ValidationFailureKind BogusDenialKind(DenialFailure failure, DenialResponseKind claim, bool noAuthenticRecords) => failure switch
    {
        DenialFailure.MissingProof when claim == DenialResponseKind.WildcardAnswer => ValidationFailureKind.MissingWildcardProof,
        DenialFailure.MissingProof when noAuthenticRecords => ValidationFailureKind.MissingDenialProof,
        DenialFailure.IterationsAboveBogusLimit => ValidationFailureKind.Nsec3IterationsAboveHardLimit,
        DenialFailure.HashBudgetExhausted => ValidationFailureKind.WorkLimitExceeded,
        _ => ValidationFailureKind.InvalidDenialProof,
    };

    /// <summary>The status a reason implies (RFC 4035 §4.3, §5.2; RFC 6840 §5.2; RFC 9276 §3.2).</summary>
    public static SecurityStatus StatusOf(ValidationFailureKind kind) => kind switch
    {
        ValidationFailureKind.UnsignedDelegation or ValidationFailureKind.OptOutSpan or
        ValidationFailureKind.UnsupportedAlgorithm or ValidationFailureKind.UnsupportedDigest or
        ValidationFailureKind.Nsec3IterationsTooHigh or ValidationFailureKind.NegativeTrustAnchor or
        ValidationFailureKind.RrsigQuery => SecurityStatus.Insecure,
        ValidationFailureKind.NoTrustAnchor => SecurityStatus.Indeterminate,
        _ => SecurityStatus.Bogus,
    };

    /// <summary>
    /// The RFC 8914 code of a reason (§4 of that RFC; code 27 from RFC 9276), or null for a reason
    /// that is no error: a proven unsigned delegation, an opt-out span, a negative trust anchor, an
    /// RRSIG query. Insecure reasons that RFC 8914 and RFC 9276 §3.2 do name keep their codes (1, 2, 27).
    /// </summary>
    public static ExtendedErrorCode? ToExtendedErrorCode(ValidationFailureKind kind) => kind switch
    {
        ValidationFailureKind.UnsupportedAlgorithm => ExtendedErrorCode.UnsupportedDnskeyAlgorithm,
        ValidationFailureKind.UnsupportedDigest => ExtendedErrorCode.UnsupportedDsDigestType,
        ValidationFailureKind.Nsec3IterationsTooHigh or ValidationFailureKind.Nsec3IterationsAboveHardLimit => ExtendedErrorCode.UnsupportedNsec3IterationsValue,
        ValidationFailureKind.SignatureExpired => ExtendedErrorCode.SignatureExpired,
        ValidationFailureKind.SignatureNotYetValid => ExtendedErrorCode.SignatureNotYetValid,
        ValidationFailureKind.SignatureExpiredBeforeValid => ExtendedErrorCode.SignatureExpiredBeforeValid,
        ValidationFailureKind.DnskeyMissing or ValidationFailureKind.NoKeyMatchesDs => ExtendedErrorCode.DnskeyMissing,
        ValidationFailureKind.MissingSignatures => ExtendedErrorCode.RrsigsMissing,
        ValidationFailureKind.NoZoneKeyBit => ExtendedErrorCode.NoZoneKeyBitSet,
        // RFC 8914 §4.13 "NSEC Missing" is for negative answers; a wildcard expansion without its
        // proof is a positive answer that does not validate, "DNSSEC Bogus" (as Unbound reports it).
        ValidationFailureKind.MissingDenialProof => ExtendedErrorCode.NsecMissing,
        ValidationFailureKind.NoTrustAnchor => ExtendedErrorCode.DnssecIndeterminate,
        ValidationFailureKind.UnsignedDelegation or ValidationFailureKind.OptOutSpan or
        ValidationFailureKind.NegativeTrustAnchor or ValidationFailureKind.RrsigQuery => null,
        _ => ExtendedErrorCode.DnssecBogus,
    };

    /// <summary>The key-entry state a zone's failure puts it in (no failure makes a zone Secure; a network failure is Unresolved).</summary>
    public static KeyEntryState StateOf(SecurityStatus failureStatus) => failureStatus switch
    {
        SecurityStatus.Insecure => KeyEntryState.Insecure,
        SecurityStatus.Indeterminate => KeyEntryState.Indeterminate,
        _ => KeyEntryState.Bogus,
    };

    /// <summary>The status data signed in a zone inherits from the zone's key entry (before its own signatures are checked).</summary>
    public static SecurityStatus StatusOf(KeyEntryState state) => state switch
    {
        KeyEntryState.Secure => SecurityStatus.Secure,
        KeyEntryState.Insecure => SecurityStatus.Insecure,
        KeyEntryState.Indeterminate => SecurityStatus.Indeterminate,
        KeyEntryState.Bogus => SecurityStatus.Bogus,
        _ => SecurityStatus.Unchecked,
    };

    /// <summary>How weak a status is, for "the weakest part decides the answer": Bogus beats Indeterminate beats Insecure beats Secure.</summary>
    public static int Weakness(SecurityStatus status) => status switch
    {
        SecurityStatus.Secure => 0,
        SecurityStatus.Insecure => 1,
        SecurityStatus.Indeterminate => 2,
        _ => 3,
    };
}

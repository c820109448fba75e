// SignatureFailures: maps a failed RRSIG check (Resolver.Protocol's SignatureStatus) to the
// validator's typed reason, and picks the most telling of several failures to report.
using Resolver.Protocol.Dnssec;

namespace Resolver;

internal static class SignatureFailures
{
    public static ValidationFailureKind ToKind(SignatureStatus status) => status switch
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
}

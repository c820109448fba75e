// CheckContext: what one check of a resolution's validation takes from that resolution — the instant
// it validates at (RFC 4035 §5.3.1 windows), the signature settings (algorithm policy, clock skew,
// keys per tag, key cache), the work budget shared by every check (KeyTrap, CVE-2023-50387/50868) and
// the validator's own settings (NSEC3 iteration limits, algorithm-downgrade hardening). One value in
// place of the four or five parameters DenialChecker and KeySetValidator each took; it is a subset
// of the per-resolution validation context that the Validator module carries.
using Resolver.Protocol.Dnssec;

namespace Resolver.Validation;

/// <summary>The instant, settings and budget one validation check runs with.</summary>
/// <param name="Now">The instant signatures are checked at.</param>
/// <param name="SignatureOptions">Algorithm policy, clock skew, keys tried per signature and the key cache.</param>
/// <param name="Budget">The resolution's work budget, charged by every check.</param>
/// <param name="Options">The validator's settings (NSEC3 iteration limits, algorithm-downgrade hardening).</param>
internal readonly record struct CheckContext(DateTimeOffset Now, SignatureCheckOptions SignatureOptions, WorkBudget Budget, ValidatorOptions Options)
{
    /// <summary>The context of the checks made within <paramref name="context"/>'s resolution.</summary>
    public static CheckContext For(ValidationContext context) =>
        new(context.Now, context.SignatureOptions, context.Budget, context.Options);
}

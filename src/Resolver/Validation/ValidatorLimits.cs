// ValidatorLimits: the one declaration of each validation limit's default and range, read by
// ValidatorOptions (initial value and setter check) and by the console's help. The NSEC3 iteration
// limits, the clock skew and the keys-per-signature bound are the protocol layer's declarations
// under the validator's names, so those numbers are written once (Nsec3ProofLimits, SignatureCheckLimits).
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Dnssec.Denial;

namespace Resolver;

/// <summary>Defaults and ranges of <see cref="ValidatorOptions"/>.</summary>
public static class ValidatorLimits
{
    /// <summary>Signature verifications per resolution (KeyTrap, CVE-2023-50387). Default 64; range 1 – 10,000.</summary>
    public static OptionLimit<int> MaxSignatureValidations { get; } = new(nameof(ValidatorOptions.MaxSignatureValidations), 64, 1, 10_000);

    /// <summary>NSEC3 hash computations per resolution (CVE-2023-50868). Default 512; range 1 – 100,000.</summary>
    public static OptionLimit<int> MaxNsec3Hashes { get; } = new(nameof(ValidatorOptions.MaxNsec3Hashes), 512, 1, 100_000);

    /// <summary>DNSKEY public keys imported per resolution (KeyTrap). Default 16; range 1 – 10,000.</summary>
    public static OptionLimit<int> MaxKeyImports { get; } = new(nameof(ValidatorOptions.MaxKeyImports), 16, 1, 10_000);

    /// <summary>Keys sharing one key tag tried per signature: <see cref="SignatureCheckLimits.MaxKeysPerSignature"/>.</summary>
    public static OptionLimit<int> MaxKeysPerSignature { get; } =
        SignatureCheckLimits.MaxKeysPerSignature with { Name = nameof(ValidatorOptions.MaxKeysPerSignature) };

    /// <summary>NSEC3 iterations above which a proof is only Insecure: <see cref="Nsec3ProofLimits.InsecureIterationLimit"/>.</summary>
    public static OptionLimit<int> Nsec3InsecureIterations { get; } =
        Nsec3ProofLimits.InsecureIterationLimit with { Name = nameof(ValidatorOptions.Nsec3InsecureIterations) };

    /// <summary>NSEC3 iterations above which a proof is Bogus: <see cref="Nsec3ProofLimits.BogusIterationLimit"/>.</summary>
    public static OptionLimit<int> Nsec3BogusIterations { get; } =
        Nsec3ProofLimits.BogusIterationLimit with { Name = nameof(ValidatorOptions.Nsec3BogusIterations) };

    /// <summary>Clock skew tolerated on validity windows: <see cref="SignatureCheckLimits.ClockSkew"/>.</summary>
    public static OptionLimit<TimeSpan> ClockSkew { get; } = SignatureCheckLimits.ClockSkew with { Name = nameof(ValidatorOptions.ClockSkew) };

    /// <summary>How long a Bogus key entry is remembered. Default 60 s; range 0 – 1 hour.</summary>
    public static OptionLimit<TimeSpan> BogusTtl { get; } = new(nameof(ValidatorOptions.BogusTtl), TimeSpan.FromSeconds(60), TimeSpan.Zero, TimeSpan.FromHours(1));

    /// <summary>Key entries (zones) kept. Default 10,000; range 16 – 10,000,000.</summary>
    public static OptionLimit<int> KeyCacheCapacity { get; } = new(nameof(ValidatorOptions.KeyCacheCapacity), 10_000, 16, 10_000_000);

    /// <summary>RFC 5011 §2.4.1 add hold-down: how long a new key is seen before it is trusted. Default 30 days; range 1 hour – 365 days.</summary>
    public static OptionLimit<TimeSpan> TrustAnchorAddHoldDown { get; } = new(nameof(ValidatorOptions.TrustAnchorAddHoldDown), TimeSpan.FromDays(30), TimeSpan.FromHours(1), TimeSpan.FromDays(365));

    /// <summary>RFC 5011 §2.4.2 remove hold-down: how long a revoked key stays Revoked before Removed. Default 30 days; range 1 hour – 365 days.</summary>
    public static OptionLimit<TimeSpan> TrustAnchorRemoveHoldDown { get; } = new(nameof(ValidatorOptions.TrustAnchorRemoveHoldDown), TimeSpan.FromDays(30), TimeSpan.FromHours(1), TimeSpan.FromDays(365));

    /// <summary>Re-fetches per resolution after data failed validation. Default 2; range 0 – 10.</summary>
    public static OptionLimit<int> MaxRestarts { get; } = new(nameof(ValidatorOptions.MaxRestarts), 2, 0, 10);
}

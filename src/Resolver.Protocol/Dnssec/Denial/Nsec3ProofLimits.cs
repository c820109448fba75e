// Nsec3ProofLimits: the one declaration of each NSEC3 proof limit's default and range. The
// validator's NSEC3 settings (Resolver's ValidatorOptions) and the aggressive-NSEC cap follow these,
// so the RFC 9276 §3.2 iteration limit is written once.
namespace Resolver.Protocol.Dnssec.Denial;

/// <summary>Defaults and ranges of <see cref="Nsec3ProofOptions"/>.</summary>
public static class Nsec3ProofLimits
{
    /// <summary>
    /// NSEC3 iterations above which a proof is only Insecure (RFC 9276 §3.2). Default 100 (BIND and
    /// PowerDNS use 50, Unbound 150); range 0 – <see cref="Nsec3Hash.MaxIterations"/>.
    /// </summary>
    public static OptionLimit<int> InsecureIterationLimit { get; } =
        new(nameof(Nsec3ProofOptions.InsecureIterationLimit), Nsec3ProofOptions.DefaultInsecureIterationLimit, 0, Nsec3Hash.MaxIterations);

    /// <summary>
    /// NSEC3 iterations above which a proof is Bogus (RFC 9276 §3.2 allows SERVFAIL). Default 500;
    /// range 0 – <see cref="Nsec3ProofOptions.NeverBogus"/> (never Bogus).
    /// </summary>
    public static OptionLimit<int> BogusIterationLimit { get; } =
        new(nameof(Nsec3ProofOptions.BogusIterationLimit), Nsec3ProofOptions.DefaultBogusIterationLimit, 0, Nsec3ProofOptions.NeverBogus);

    /// <summary>NSEC3 hash computations one proof may make (CVE-2023-50868). Default 32; range 1 – 1,024.</summary>
    public static OptionLimit<int> MaxHashComputations { get; } =
        new(nameof(Nsec3ProofOptions.MaxHashComputations), Nsec3ProofOptions.DefaultMaxHashComputations, 1, 1024);
}

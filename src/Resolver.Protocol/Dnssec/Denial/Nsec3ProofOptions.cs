// Nsec3ProofOptions: the limits of an NSEC3 proof — the iteration counts above which a proof is
// Insecure or Bogus (RFC 9276 §3.2 leaves the values to the validator) and the number of hash
// computations one proof may spend (CVE-2023-50868: closest-encloser proofs over long names cost
// one iterated SHA-1 per label). Ranges are declared once, in Nsec3ProofLimits.
namespace Resolver.Protocol.Dnssec.Denial;

/// <summary>Limits for <see cref="Nsec3Proofs"/>. Immutable; validated on assignment.</summary>
public sealed record Nsec3ProofOptions
{
    /// <summary>Default <see cref="InsecureIterationLimit"/>: 100 (BIND and PowerDNS use 50, Unbound 150); the one place this number is written (<see cref="Nsec3ProofLimits.InsecureIterationLimit"/>).</summary>
    public const int DefaultInsecureIterationLimit = 100;

    /// <summary>Default <see cref="BogusIterationLimit"/>: 500.</summary>
    public const int DefaultBogusIterationLimit = 500;

    /// <summary>Default <see cref="MaxHashComputations"/>: 32.</summary>
    public const int DefaultMaxHashComputations = 32;

    /// <summary>The defaults: Insecure above 100 iterations, Bogus above 500, at most 32 hashes per proof.</summary>
    public static Nsec3ProofOptions Default { get; } = new();

    /// <summary>
    /// NSEC3 records with more iterations than this make the proof Insecure, without hashing anything
    /// (RFC 9276 §3.2). Default 100; 0 to <see cref="Nsec3Hash.MaxIterations"/>.
    /// </summary>
    public int InsecureIterationLimit
    {
        get;
        init => field = Nsec3ProofLimits.InsecureIterationLimit.Validate(value);
    } = Nsec3ProofLimits.InsecureIterationLimit.Default;

    /// <summary>
    /// NSEC3 records with more iterations than this make the proof Bogus (RFC 9276 §3.2 allows
    /// SERVFAIL). Checked before <see cref="InsecureIterationLimit"/>, so a value below it makes
    /// everything above it Bogus. Default 500; 0 to <see cref="NeverBogus"/> (65,535), which turns
    /// the Bogus verdict off: every count above the Insecure limit is then Insecure, as in Unbound,
    /// Knot Resolver, BIND and PowerDNS. Either way nothing above the Insecure limit is hashed.
    /// </summary>
    public int BogusIterationLimit
    {
        get;
        init => field = Nsec3ProofLimits.BogusIterationLimit.Validate(value);
    } = Nsec3ProofLimits.BogusIterationLimit.Default;

    /// <summary>
    /// The largest <see cref="BogusIterationLimit"/>: the NSEC3 Iterations field is 16 bits
    /// (RFC 5155 §3.1.3), so no record exceeds it and no proof is Bogus for its iteration count.
    /// </summary>
    public const int NeverBogus = ushort.MaxValue;

    /// <summary>
    /// The most NSEC3 hash computations one proof may make; past it the proof is Bogus with
    /// <see cref="DenialFailure.HashBudgetExhausted"/> (CVE-2023-50868). A caller with a per-query
    /// budget passes what is left of it. Default 32; 1 to 1024.
    /// </summary>
    public int MaxHashComputations
    {
        get;
        init => field = Nsec3ProofLimits.MaxHashComputations.Validate(value);
    } = Nsec3ProofLimits.MaxHashComputations.Default;
}

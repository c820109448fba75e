// SecurityStatus: the DNSSEC verdict of an RRset or answer (RFC 4033 §5, RFC 4035 §4.3), plus
// Unchecked — on a result, "no verdict: the resolution failed". It lives at the assembly root
// because both the cache (which stores verdicts, Cache/RrSetSecurity.cs) and the validator (which
// decides them) use it, and the cache may not depend on the validator. A cache entry nobody has
// judged yet holds no status at all, not Unchecked.
namespace Resolver;

/// <summary>The DNSSEC security status of data (RFC 4035 §4.3).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.SecurityStatusJsonConverter))]
public enum SecurityStatus
{
    /// <summary>
    /// No verdict. On a <see cref="ResolveResult"/> it means only that the resolution failed (see
    /// <see cref="ResolveResult.IsResolutionFailure"/>, <see cref="ResolveResult.ResolutionError"/>):
    /// data that could not be fetched is neither Secure nor Bogus (RFC 4035 §4.3).
    /// </summary>
    Unchecked = 0,

    /// <summary>An unbroken chain of signed DNSKEY and DS records leads from a trust anchor to the data.</summary>
    Secure,

    /// <summary>The data is proven to lie below an unsigned delegation (or only unsupported algorithms are in use).</summary>
    Insecure,

    /// <summary>A chain should exist but fails: wrong signatures, missing proofs, expired keys.</summary>
    Bogus,

    /// <summary>No trust anchor covers the data (RFC 4033 §5); not "something failed".</summary>
    Indeterminate,
}

// SecurityStatus: the DNSSEC verdict of an RRset or answer (RFC 4033 §5, RFC 4035 §4.3), plus
// "not checked yet" — the value every cache entry starts with until the validator assigns one. It
// lives at the assembly root because both the cache (which stores it) and the validator (which
// decides it) use it, and the cache may not depend on the validator.
namespace Resolver;

/// <summary>The DNSSEC security status of data (RFC 4035 §4.3).</summary>
public enum SecurityStatus
{
    /// <summary>Not validated (yet): the status of freshly cached data.</summary>
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

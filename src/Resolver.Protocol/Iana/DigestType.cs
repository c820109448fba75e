// DigestType: the IANA "Delegation Signer (DS) Resource Record (RR) Type Digest Algorithms" registry.
namespace Resolver.Protocol;

/// <summary>A DS digest algorithm number (IANA registry).</summary>
public enum DigestType : byte
{
    /// <summary>SHA-1 (RFC 4034).</summary>
    Sha1 = 1,
    /// <summary>SHA-256 (RFC 4509).</summary>
    Sha256 = 2,
    /// <summary>GOST R 34.11-94 (RFC 5933) — not supported.</summary>
    Gost = 3,
    /// <summary>SHA-384 (RFC 6605).</summary>
    Sha384 = 4,
}

// DnssecAlgorithm: the IANA "DNS Security Algorithm Numbers" registry (RFC 8624 says which to validate).
namespace Resolver.Protocol;

/// <summary>A DNSSEC signing algorithm number (IANA registry).</summary>
public enum DnssecAlgorithm : byte
{
    /// <summary>RSA/MD5 — MUST NOT be validated (RFC 8624).</summary>
    RsaMd5 = 1,
    /// <summary>Diffie-Hellman (not a signing algorithm).</summary>
    DiffieHellman = 2,
    /// <summary>DSA/SHA-1 — MUST NOT be validated (RFC 8624).</summary>
    DsaSha1 = 3,
    /// <summary>RSA/SHA-1 (RFC 3110).</summary>
    RsaSha1 = 5,
    /// <summary>DSA-NSEC3-SHA1 — MUST NOT be validated (RFC 8624).</summary>
    DsaNsec3Sha1 = 6,
    /// <summary>RSASHA1-NSEC3-SHA1 (RFC 5155).</summary>
    RsaSha1Nsec3Sha1 = 7,
    /// <summary>RSA/SHA-256 (RFC 5702).</summary>
    RsaSha256 = 8,
    /// <summary>RSA/SHA-512 (RFC 5702).</summary>
    RsaSha512 = 10,
    /// <summary>GOST R 34.10-2001 (RFC 5933) — not supported.</summary>
    EccGost = 12,
    /// <summary>ECDSA P-256 with SHA-256 (RFC 6605).</summary>
    EcdsaP256Sha256 = 13,
    /// <summary>ECDSA P-384 with SHA-384 (RFC 6605).</summary>
    EcdsaP384Sha384 = 14,
    /// <summary>Ed25519 (RFC 8080).</summary>
    Ed25519 = 15,
    /// <summary>Ed448 (RFC 8080).</summary>
    Ed448 = 16,
    /// <summary>Indirect keys (reserved).</summary>
    Indirect = 252,
    /// <summary>Private algorithm identified by a domain name (RFC 4034 Appendix A.1.1).</summary>
    PrivateDns = 253,
    /// <summary>Private algorithm identified by an OID (RFC 4034 Appendix A.1.1).</summary>
    PrivateOid = 254,
}

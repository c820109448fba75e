// ExtendedErrorCode: the IANA "Extended DNS Error Codes" registry (RFC 8914 §5.2).
namespace Resolver.Protocol;

/// <summary>An RFC 8914 Extended DNS Error info-code.</summary>
public enum ExtendedErrorCode : ushort
{
    /// <summary>Other error.</summary>
    Other = 0,
    /// <summary>Unsupported DNSKEY algorithm.</summary>
    UnsupportedDnskeyAlgorithm = 1,
    /// <summary>Unsupported DS digest type.</summary>
    UnsupportedDsDigestType = 2,
    /// <summary>Stale answer.</summary>
    StaleAnswer = 3,
    /// <summary>Forged answer.</summary>
    ForgedAnswer = 4,
    /// <summary>DNSSEC indeterminate.</summary>
    DnssecIndeterminate = 5,
    /// <summary>DNSSEC bogus.</summary>
    DnssecBogus = 6,
    /// <summary>Signature expired.</summary>
    SignatureExpired = 7,
    /// <summary>Signature not yet valid.</summary>
    SignatureNotYetValid = 8,
    /// <summary>DNSKEY missing.</summary>
    DnskeyMissing = 9,
    /// <summary>RRSIGs missing.</summary>
    RrsigsMissing = 10,
    /// <summary>No zone key bit set.</summary>
    NoZoneKeyBitSet = 11,
    /// <summary>NSEC missing.</summary>
    NsecMissing = 12,
    /// <summary>Cached error.</summary>
    CachedError = 13,
    /// <summary>Not ready.</summary>
    NotReady = 14,
    /// <summary>Blocked.</summary>
    Blocked = 15,
    /// <summary>Censored.</summary>
    Censored = 16,
    /// <summary>Filtered.</summary>
    Filtered = 17,
    /// <summary>Prohibited.</summary>
    Prohibited = 18,
    /// <summary>Stale NXDOMAIN answer.</summary>
    StaleNxDomainAnswer = 19,
    /// <summary>Not authoritative.</summary>
    NotAuthoritative = 20,
    /// <summary>Not supported.</summary>
    NotSupported = 21,
    /// <summary>No reachable authority.</summary>
    NoReachableAuthority = 22,
    /// <summary>Network error.</summary>
    NetworkError = 23,
    /// <summary>Invalid data.</summary>
    InvalidData = 24,
    /// <summary>Signature expired before valid (RFC 8914 registry, code 25).</summary>
    SignatureExpiredBeforeValid = 25,
    /// <summary>Too early (RFC 9250).</summary>
    TooEarly = 26,
    /// <summary>Unsupported NSEC3 iterations value (RFC 9276).</summary>
    UnsupportedNsec3IterationsValue = 27,
}

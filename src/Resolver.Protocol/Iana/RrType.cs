// RrType: the IANA "Resource Record (RR) TYPEs" registry values this library names. Any other
// 16-bit value is still a valid RrType (RFC 3597) and is written as TYPEnnn in text.
namespace Resolver.Protocol;

/// <summary>A DNS resource record type (IANA registry). Unnamed values are valid too (RFC 3597).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.RrTypeJsonConverter))]
public enum RrType : ushort
{
    /// <summary>IPv4 address (RFC 1035).</summary>
    A = 1,
    /// <summary>Authoritative name server (RFC 1035).</summary>
    NS = 2,
    /// <summary>Canonical name (RFC 1035).</summary>
    CNAME = 5,
    /// <summary>Start of authority (RFC 1035).</summary>
    SOA = 6,
    /// <summary>Domain name pointer (RFC 1035).</summary>
    PTR = 12,
    /// <summary>Mailbox domain name (RFC 1035; experimental).</summary>
    MB = 7,
    /// <summary>Mail group member (RFC 1035; experimental).</summary>
    MG = 8,
    /// <summary>Mail rename domain name (RFC 1035; experimental).</summary>
    MR = 9,
    /// <summary>Host information (RFC 1035, RFC 8482).</summary>
    HINFO = 13,
    /// <summary>Mailbox or mail list information (RFC 1035; experimental).</summary>
    MINFO = 14,
    /// <summary>Mail exchange (RFC 1035).</summary>
    MX = 15,
    /// <summary>Text strings (RFC 1035).</summary>
    TXT = 16,
    /// <summary>Responsible person (RFC 1183).</summary>
    RP = 17,
    /// <summary>AFS database location (RFC 1183, RFC 5864).</summary>
    AFSDB = 18,
    /// <summary>Route through (RFC 1183).</summary>
    RT = 21,
    /// <summary>X.400 mail mapping information (RFC 2163).</summary>
    PX = 26,
    /// <summary>IPv6 address (RFC 3596).</summary>
    AAAA = 28,
    /// <summary>Server selection (RFC 2782).</summary>
    SRV = 33,
    /// <summary>Naming authority pointer (RFC 3403).</summary>
    NAPTR = 35,
    /// <summary>Key exchanger (RFC 2230).</summary>
    KX = 36,
    /// <summary>Delegation name (RFC 6672).</summary>
    DNAME = 39,
    /// <summary>EDNS(0) pseudo-record (RFC 6891).</summary>
    OPT = 41,
    /// <summary>Delegation signer (RFC 4034).</summary>
    DS = 43,
    /// <summary>SSH key fingerprint (RFC 4255).</summary>
    SSHFP = 44,
    /// <summary>DNSSEC signature (RFC 4034).</summary>
    RRSIG = 46,
    /// <summary>Next secure (RFC 4034).</summary>
    NSEC = 47,
    /// <summary>DNS public key (RFC 4034).</summary>
    DNSKEY = 48,
    /// <summary>Hashed next secure (RFC 5155).</summary>
    NSEC3 = 50,
    /// <summary>NSEC3 parameters (RFC 5155).</summary>
    NSEC3PARAM = 51,
    /// <summary>TLS association (RFC 6698).</summary>
    TLSA = 52,
    /// <summary>S/MIME certificate association (RFC 8162).</summary>
    SMIMEA = 53,
    /// <summary>Child DS (RFC 7344).</summary>
    CDS = 59,
    /// <summary>Child DNSKEY (RFC 7344).</summary>
    CDNSKEY = 60,
    /// <summary>OpenPGP public key (RFC 7929).</summary>
    OPENPGPKEY = 61,
    /// <summary>Child-to-parent synchronization (RFC 7477).</summary>
    CSYNC = 62,
    /// <summary>Message digest for DNS zones (RFC 8976).</summary>
    ZONEMD = 63,
    /// <summary>Service binding (RFC 9460).</summary>
    SVCB = 64,
    /// <summary>HTTPS service binding (RFC 9460).</summary>
    HTTPS = 65,
    /// <summary>Zone transfer (query type only, RFC 5936).</summary>
    AXFR = 252,
    /// <summary>Any type (query type only, RFC 1035, RFC 8482).</summary>
    ANY = 255,
    /// <summary>Uniform resource identifier (RFC 7553).</summary>
    URI = 256,
    /// <summary>Certification authority authorization (RFC 8659).</summary>
    CAA = 257,
}

// SvcParamKey: the IANA "Service Parameter Keys (SvcParamKeys)" registry entries of RFC 9460 §14.3.2.
// Any other 16-bit value is a valid key too, written keyNNNNN in presentation form (RFC 9460 §2.1).
namespace Resolver.Protocol;

/// <summary>A service parameter key of SVCB and HTTPS records (RFC 9460 §14.3.2).</summary>
public enum SvcParamKey : ushort
{
    /// <summary>Keys the client must understand to use the record (RFC 9460 §8).</summary>
    Mandatory = 0,
    /// <summary>Additional supported protocols, TLS ALPN ids (RFC 9460 §7.1).</summary>
    Alpn = 1,
    /// <summary>No support for the scheme's default protocol (RFC 9460 §7.1).</summary>
    NoDefaultAlpn = 2,
    /// <summary>TCP or UDP port for alternative endpoints (RFC 9460 §7.2).</summary>
    Port = 3,
    /// <summary>IPv4 address hints (RFC 9460 §7.3).</summary>
    Ipv4Hint = 4,
    /// <summary>TLS Encrypted ClientHello configuration list (RFC 9460 §14.3.2).</summary>
    Ech = 5,
    /// <summary>IPv6 address hints (RFC 9460 §7.3).</summary>
    Ipv6Hint = 6,
}

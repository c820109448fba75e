// EdnsOptionCode: the IANA "DNS EDNS0 Option Codes (OPT)" registry values this library names.
namespace Resolver.Protocol;

/// <summary>An EDNS(0) option code (IANA registry).</summary>
public enum EdnsOptionCode : ushort
{
    /// <summary>Name server identifier (RFC 5001).</summary>
    Nsid = 3,
    /// <summary>Client subnet (RFC 7871).</summary>
    ClientSubnet = 8,
    /// <summary>Cookie (RFC 7873).</summary>
    Cookie = 10,
    /// <summary>Padding (RFC 7830).</summary>
    Padding = 12,
    /// <summary>Extended DNS error (RFC 8914).</summary>
    ExtendedDnsError = 15,
}

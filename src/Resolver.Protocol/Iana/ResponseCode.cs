// ResponseCode: the IANA "DNS RCODEs" registry (12-bit with the EDNS extension, RFC 6891 §6.1.3).
namespace Resolver.Protocol;

/// <summary>A DNS response code, including EDNS extended codes (RFC 6891).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.ResponseCodeJsonConverter))]
public enum ResponseCode : ushort
{
    /// <summary>No error.</summary>
    NoError = 0,
    /// <summary>Format error.</summary>
    FormErr = 1,
    /// <summary>Server failure.</summary>
    ServFail = 2,
    /// <summary>Non-existent domain.</summary>
    NXDomain = 3,
    /// <summary>Not implemented.</summary>
    NotImp = 4,
    /// <summary>Query refused.</summary>
    Refused = 5,
    /// <summary>Name exists when it should not (RFC 2136).</summary>
    YXDomain = 6,
    /// <summary>RRset exists when it should not (RFC 2136).</summary>
    YXRRSet = 7,
    /// <summary>RRset that should exist does not (RFC 2136).</summary>
    NXRRSet = 8,
    /// <summary>Not authoritative (RFC 2136).</summary>
    NotAuth = 9,
    /// <summary>Name not in zone (RFC 2136).</summary>
    NotZone = 10,
    /// <summary>Bad OPT version (RFC 6891).</summary>
    BadVers = 16,
    /// <summary>Bad or missing server cookie (RFC 7873).</summary>
    BadCookie = 23,
}

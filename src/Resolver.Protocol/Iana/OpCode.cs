// OpCode: the IANA "DNS OpCodes" registry.
namespace Resolver.Protocol;

/// <summary>A DNS operation code.</summary>
public enum OpCode : byte
{
    /// <summary>Standard query (RFC 1035).</summary>
    Query = 0,
    /// <summary>Inverse query (obsolete).</summary>
    IQuery = 1,
    /// <summary>Server status request.</summary>
    Status = 2,
    /// <summary>Zone change notification (RFC 1996).</summary>
    Notify = 4,
    /// <summary>Dynamic update (RFC 2136).</summary>
    Update = 5,
}

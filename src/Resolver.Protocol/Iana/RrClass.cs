// RrClass: the IANA "DNS CLASSes" registry values this library names.
namespace Resolver.Protocol;

/// <summary>A DNS class (IANA registry). Only <see cref="IN"/> matters for resolution.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.RrClassJsonConverter))]
public enum RrClass : ushort
{
    /// <summary>The Internet (RFC 1035).</summary>
    IN = 1,
    /// <summary>Chaos (used for server identification queries).</summary>
    CH = 3,
    /// <summary>Hesiod.</summary>
    HS = 4,
    /// <summary>NONE (RFC 2136).</summary>
    NONE = 254,
    /// <summary>ANY (query class only).</summary>
    ANY = 255,
}

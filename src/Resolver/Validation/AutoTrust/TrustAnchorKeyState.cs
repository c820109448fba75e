// TrustAnchorKeyState: the six states a key of an automatically updated trust point can be in
// (RFC 5011 §4). The numbers are those Unbound writes as ";;state=" in its autotrust files, so a
// state file stays readable by both.
namespace Resolver.Validation;

/// <summary>The state of one key of a trust point under RFC 5011 automated updates (RFC 5011 §4).</summary>
internal enum TrustAnchorKeyState
{
    /// <summary>Not yet seen (or a configured DS anchor not yet matched to a published key).</summary>
    Start = 0,

    /// <summary>Seen in a validated DNSKEY RRset; waiting out the add hold-down before it is trusted.</summary>
    AddPend = 1,

    /// <summary>A trust anchor.</summary>
    Valid = 2,

    /// <summary>A trust anchor that the zone no longer publishes (still trusted, RFC 5011 §4).</summary>
    Missing = 3,

    /// <summary>Revoked by a self-signature with the REVOKE bit; never trusted again (RFC 5011 §2.1).</summary>
    Revoked = 4,

    /// <summary>Revoked and past the remove hold-down; kept only so it is never re-added.</summary>
    Removed = 5,
}

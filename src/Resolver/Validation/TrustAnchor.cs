// TrustAnchor: the DS and DNSKEY records configured as trusted for one zone, each with an optional
// validity window (IANA root-anchors.xml validFrom/validUntil, RFC 9718 §2).
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver;

/// <summary>A DS or DNSKEY record trusted for a zone, optionally only within a time window.</summary>
/// <param name="Zone">The zone the anchor is for.</param>
/// <param name="Data">A <see cref="DsData"/> or a <see cref="DnskeyData"/>.</param>
/// <param name="ValidFrom">Not trusted before this instant (null: always).</param>
/// <param name="ValidUntil">Not trusted after this instant (null: no end).</param>
public sealed record TrustAnchor(DnsName Zone, RecordData Data, DateTimeOffset? ValidFrom = null, DateTimeOffset? ValidUntil = null)
{
    /// <summary>True when the anchor is in force at <paramref name="now"/>.</summary>
    public bool IsValidAt(DateTimeOffset now) =>
        (ValidFrom is null || now >= ValidFrom) && (ValidUntil is null || now <= ValidUntil);
}

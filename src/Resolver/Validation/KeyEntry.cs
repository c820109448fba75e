// KeyEntry: what the validator knows about one zone's keys — secure keys, proven insecure, bogus
// with a reason, no anchor (indeterminate), or not resolvable right now (a network failure, which
// is never a DNSSEC verdict) — plus the zone cuts from the trust anchor down that led there.
using System.Collections.Immutable;
using Resolver.Protocol;

namespace Resolver.Validation;

internal enum KeyEntryState
{
    /// <summary>The zone's DNSKEY RRset is authenticated: data it signs can be Secure.</summary>
    Secure,

    /// <summary>The zone is proven unsigned (or unusably signed): its data is Insecure.</summary>
    Insecure,

    /// <summary>The chain to the zone is broken: its data is Bogus.</summary>
    Bogus,

    /// <summary>No trust anchor covers the zone.</summary>
    Indeterminate,

    /// <summary>The DS or DNSKEY could not be fetched (servers unreachable, limits): a resolution failure.</summary>
    Unresolved,
}

/// <summary>The validator's knowledge of one zone's keys.</summary>
/// <param name="Zone">The zone (for an entry that stands for a name inside a parent zone, the parent).</param>
/// <param name="State">What is known.</param>
/// <param name="Keys">The authenticated DNSKEY RRset when <see cref="KeyEntryState.Secure"/>.</param>
/// <param name="Failure">Why the zone is Insecure, Bogus or Indeterminate.</param>
/// <param name="Error">Why it could not be resolved, when <see cref="KeyEntryState.Unresolved"/>.</param>
/// <param name="Chain">The zone cuts from the anchor down to this zone, top first.</param>
/// <param name="Ttl">How long the entry may be kept, in seconds.</param>
internal sealed record KeyEntry(
    DnsName Zone,
    KeyEntryState State,
    RrSet? Keys,
    ValidationFailure? Failure,
    string? Error,
    ImmutableArray<ZoneCutLink> Chain,
    uint Ttl)
{
    public static KeyEntry Unresolved(DnsName zone, string error, ImmutableArray<ZoneCutLink> chain, ExtendedErrorCode? code = null) =>
        new(zone, KeyEntryState.Unresolved, null, null, error, chain, 0) { ErrorCode = code };

    /// <summary>For <see cref="KeyEntryState.Unresolved"/>: the RFC 8914 code that describes what could not be fetched, if any.</summary>
    public ExtendedErrorCode? ErrorCode { get; init; }

    /// <summary>
    /// For <see cref="KeyEntryState.Secure"/> with algorithm downgrade hardening on: the algorithms
    /// (of the DS set or trust anchors) that must each sign every RRset of the zone (RFC 6840 §5.11);
    /// empty otherwise, when one valid signature is enough.
    /// </summary>
    public ImmutableArray<DnssecAlgorithm> RequiredAlgorithms { get; init; } = [];

    public static KeyEntry FromFailure(DnsName zone, ValidationFailure failure, ImmutableArray<ZoneCutLink> chain, uint ttl) =>
        new(zone, VerdictMapping.StateOf(failure.Status), null, failure, null, chain, ttl);

    /// <summary>The security status data signed in this zone inherits (before its own signatures are checked).</summary>
    public SecurityStatus Status => VerdictMapping.StatusOf(State);
}

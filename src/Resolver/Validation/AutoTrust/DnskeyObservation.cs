// DnskeyObservation: what the RFC 5011 state machine learns from one fetch of a trust point's
// DNSKEY RRset — the keys, which trusted keys validated it, which revoked keys signed it
// themselves, and the numbers the refresh timers of RFC 5011 §2.3 are computed from. The caller
// does the cryptography; the state machine stays a pure function of these values and `now`.
using Resolver.Protocol.Records;

namespace Resolver.Validation;

/// <summary>One validated DNSKEY RRset of a trust point.</summary>
/// <param name="Keys">Every DNSKEY of the RRset.</param>
/// <param name="SigningKeys">Keys whose RRSIG over the RRset verified (RFC 5011 §2.4: only an RRset
/// validated by a trusted key counts).</param>
/// <param name="SelfSignedRevoked">Keys with the REVOKE bit whose own RRSIG over the RRset verified
/// (RFC 5011 §2.1: a revocation counts only when the revoked key signed it).</param>
/// <param name="OriginalTtl">The RRset's original TTL (from its RRSIG).</param>
/// <param name="SignatureExpiration">The earliest expiration of the RRSIGs that validated the RRset.</param>
internal sealed record DnskeyObservation(
    IReadOnlyList<DnskeyData> Keys,
    IReadOnlyList<DnskeyData> SigningKeys,
    IReadOnlyList<DnskeyData> SelfSignedRevoked,
    TimeSpan OriginalTtl,
    DateTimeOffset SignatureExpiration);

// ResolveResult: what a resolution produced — the security status, the response code, the data
// (withheld when Bogus unless checking was disabled), and for anything not Secure the typed reason
// with its RFC 8914 code; the chain of trust used; and the work it cost. A resolution that could
// not reach an answer says so in ResolutionError and has no security verdict (RFC 4035 §4.3). The
// validator builds it (Validation/ResultMapping.cs, the one mapping from a verdict to a result).
using System.Text;
using Resolver.Protocol;

namespace Resolver;

/// <summary>The result of <see cref="IDnsResolver.ResolveAsync(DnsName, RrType, CancellationToken)"/>.</summary>
public sealed class ResolveResult
{
    /// <summary>The question asked.</summary>
    public required DnsQuestion Question { get; init; }

    /// <summary>
    /// Secure, Insecure, Bogus or Indeterminate; <see cref="SecurityStatus.Unchecked"/> only when the
    /// resolution failed (see <see cref="IsResolutionFailure"/> and <see cref="ResolutionError"/>): no verdict.
    /// </summary>
    public required SecurityStatus Status { get; init; }

    /// <summary>The response code of the answer (NOERROR, NXDOMAIN; SERVFAIL when resolution failed).</summary>
    public required ResponseCode ResponseCode { get; init; }

    /// <summary>The answer section: alias records and the final RRset, with their RRSIGs. TTLs are
    /// clamped to the RRSIG original TTL and signature expiry. Empty when Bogus data is withheld.</summary>
    public IReadOnlyList<ResourceRecord> Answers { get; init; } = [];

    /// <summary>
    /// For NXDOMAIN and NODATA: the SOA and the NSEC/NSEC3 records, with RRSIGs. For an answer
    /// expanded from a wildcard: the NSEC/NSEC3 records proving no closer match exists, with RRSIGs
    /// (RFC 4035 §3.1.3.3: a downstream validator needs them to accept the expansion).
    /// </summary>
    public IReadOnlyList<ResourceRecord> Authority { get; init; } = [];

    /// <summary>True when the answer was Bogus and its data withheld (ask with checking disabled to see it).</summary>
    public bool DataWithheld { get; init; }

    /// <summary>Why the answer is Insecure, Bogus or Indeterminate; null when Secure or when resolution failed.</summary>
    public ValidationFailure? Reason { get; init; }

    /// <summary>The chain of trust used: zone cuts from the anchor, signatures and denial proofs.</summary>
    public ChainOfTrust Chain { get; init; } = ChainOfTrust.None;

    /// <summary>The work this resolution cost.</summary>
    public ValidationWork Work { get; init; }

    /// <summary>Why no answer could be obtained (servers unreachable, limits); null when there is an answer.</summary>
    public string? ResolutionError { get; init; }

    /// <summary>
    /// The RFC 8914 Extended DNS Error code that describes a resolution failure, when one does:
    /// <see cref="ExtendedErrorCode.DnskeyMissing"/> when a zone's DNSKEY RRset could not be fetched
    /// for the chain of trust, <see cref="ExtendedErrorCode.NetworkError"/> when its DS RRset could
    /// not, <see cref="ExtendedErrorCode.NoReachableAuthority"/> when no server of the zone holding
    /// the name (or no upstream, forwarding) could be reached or gave a usable answer (RFC 8914
    /// §4.23). Null when there is an answer or no code fits (a limit, an alias loop). The status stays
    /// <see cref="SecurityStatus.Unchecked"/>: a failure to fetch is no DNSSEC verdict (RFC 4035 §4.3).
    /// </summary>
    public ExtendedErrorCode? ResolutionErrorCode { get; init; }

    /// <summary>
    /// True when the answer is stale (RFC 8767): every authority failed and expired cache data that
    /// had validated Secure or Insecure was served, with a short TTL. <see cref="Status"/> is the
    /// verdict the data got when it was validated; Bogus data is never served stale.
    /// </summary>
    public bool IsStale { get; init; }

    /// <summary>
    /// The RFC 8914 code a stale answer carries: <see cref="ExtendedErrorCode.StaleNxDomainAnswer"/>
    /// (19) for a stale NXDOMAIN, <see cref="ExtendedErrorCode.StaleAnswer"/> (3) otherwise; null when not stale.
    /// </summary>
    public ExtendedErrorCode? StaleErrorCode =>
        !IsStale ? null : ResponseCode == ResponseCode.NXDomain ? ExtendedErrorCode.StaleNxDomainAnswer : ExtendedErrorCode.StaleAnswer;

    /// <summary>True when no answer could be obtained.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsResolutionFailure => ResolutionError is not null;

    /// <summary>The name at the end of the CNAME/DNAME chain (the question name when there is none).</summary>
    public DnsName? CanonicalName { get; init; }

    /// <summary>Data records of <see cref="Answers"/> (without RRSIGs) of the type asked (every type for ANY), at the canonical name.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<ResourceRecord> Records =>
        Answers.Where(r => (Question.Type == RrType.ANY ? r.Type != RrType.RRSIG : r.Type == Question.Type) &&
                           (CanonicalName is null || r.Name == CanonicalName));

    /// <summary>A one-line summary: name, type, rcode, status and reason.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Question.Name).Append(' ').Append(Protocol.Text.RrTypeText.Format(Question.Type)).Append(": ");
        if (IsResolutionFailure)
        {
            return sb.Append("resolution failed: ").Append(ResolutionError).ToString();
        }

        sb.Append(DnsMessage.FormatRcode(ResponseCode)).Append(", ").Append(Status.ToString().ToLowerInvariant());
        if (Reason is not null)
        {
            sb.Append(" — ").Append(Reason);
        }

        return sb.ToString();
    }
}

// IterationResult: what iteration found for one question, shaped for the validator that comes next:
// every answer RRset (alias links and the final RRset) with its RRSIGs and the zone cut whose servers
// supplied it, the CNAME/DNAME chain, the denial records of a negative answer with their zone, the
// server of the final step and how many upstream queries the whole resolution cost. A network
// exhaustion is ServerFailure with a reason — never a DNSSEC verdict.
using System.Collections.Immutable;
using System.Net;
using Resolver.Cache;
using Resolver.Protocol;

namespace Resolver.Iteration;

/// <summary>How a resolution ended.</summary>
internal enum IterationStatus
{
    /// <summary>The final name has data of the type asked.</summary>
    Answer,

    /// <summary>The final name exists but has no data of the type (RFC 2308 NODATA).</summary>
    NoData,

    /// <summary>The final name does not exist.</summary>
    NxDomain,

    /// <summary>A DNAME redirects the final name but its substitution would exceed 255 octets (RFC 6672 §2.2): the answer is the DNAME, RCODE YXDOMAIN.</summary>
    YxDomain,

    /// <summary>No usable answer: servers failed or a limit was hit (see <see cref="IterationResult.FailureReason"/>).</summary>
    ServerFailure,
}

/// <summary>An RRset and the zone whose servers supplied it.</summary>
/// <param name="RrSet">The RRset with its RRSIGs.</param>
/// <param name="Zone">The zone cut it came from (the signer the validator should expect); null when unknown (forwarding).</param>
/// <param name="CacheEntry">The cache entry holding it, whose status slot the validator sets; null when it was not cached (TTL 0).</param>
/// <param name="Proof">NSEC/NSEC3 records (with RRSIGs) from the same response: a wildcard answer's proof.</param>
internal sealed record ZonedRrSet(SignedRrSet RrSet, DnsName? Zone, CachedRrSet? CacheEntry, ImmutableArray<ResourceRecord> Proof = default)
{
    /// <summary>The proof records, never default.</summary>
    public ImmutableArray<ResourceRecord> ProofRecords => Proof.IsDefault ? [] : Proof;
}

/// <summary>One link of an alias chain.</summary>
/// <param name="Kind">CNAME or DNAME.</param>
/// <param name="Owner">The alias record's owner (for a DNAME, the redirected subtree's apex).</param>
/// <param name="From">The name that was redirected.</param>
/// <param name="Target">The name the chain continues with.</param>
/// <param name="Zone">The zone the alias record came from.</param>
internal sealed record AliasLink(RrType Kind, DnsName Owner, DnsName From, DnsName Target, DnsName? Zone);

/// <summary>What iteration (or forwarding) found for one question.</summary>
internal sealed class IterationResult
{
    public required DnsQuestion Question { get; init; }

    public required IterationStatus Status { get; init; }

    /// <summary>Alias RRsets in chain order, then the final RRset (for <see cref="IterationStatus.Answer"/>).</summary>
    public ImmutableArray<ZonedRrSet> Answers { get; init; } = [];

    /// <summary>The CNAME/DNAME links followed.</summary>
    public ImmutableArray<AliasLink> Aliases { get; init; } = [];

    /// <summary>For NODATA/NXDOMAIN: the SOA and NSEC/NSEC3 records (with RRSIGs) of the denial.</summary>
    public ImmutableArray<ResourceRecord> Authority { get; init; } = [];

    /// <summary>For NODATA/NXDOMAIN: the cache entry holding the negative answer (its status slots are the validator's).</summary>
    public CachedNegative? NegativeEntry { get; init; }

    /// <summary>The zone cut of the final step (whose servers answered, or the zone of the cached data).</summary>
    public DnsName? Zone { get; init; }

    /// <summary>
    /// True when the zones of <see cref="Answers"/> are their signers' names rather than cuts seen in
    /// referrals (forwarding): the validator must find the zone holding each RRset itself.
    /// </summary>
    public bool ZonesFromSigners { get; init; }

    /// <summary>The server that answered the final step; null when it came from the cache.</summary>
    public IPEndPoint? Server { get; init; }

    /// <summary>Upstream queries sent for this resolution, NS address lookups included.</summary>
    public int UpstreamQueries { get; init; }

    /// <summary>For <see cref="IterationStatus.ServerFailure"/>: why.</summary>
    public string? FailureReason { get; init; }

    /// <summary>
    /// For <see cref="IterationStatus.ServerFailure"/>: the RFC 8914 code that describes it, if one
    /// does — No Reachable Authority (§4.23) when no server of the zone (or no upstream) gave a usable
    /// answer; null for limits and alias loops, which have no code of their own.
    /// </summary>
    public ExtendedErrorCode? FailureCode { get; init; }

    /// <summary>The final name of the chain.</summary>
    public DnsName FinalName => Aliases.IsEmpty ? Question.Name : Aliases[^1].Target;

    /// <summary>The RCODE a resolver would answer with.</summary>
    public ResponseCode ResponseCode => Status switch
    {
        IterationStatus.Answer or IterationStatus.NoData => ResponseCode.NoError,
        IterationStatus.NxDomain => ResponseCode.NXDomain,
        IterationStatus.YxDomain => ResponseCode.YXDomain,
        _ => ResponseCode.ServFail,
    };

    /// <summary>The result as a response message (RA set, TTLs as remaining at <paramref name="now"/> for cached data).</summary>
    public DnsMessage ToResponse(ushort id, DateTimeOffset now)
    {
        var message = new DnsMessage
        {
            Id = id,
            IsResponse = true,
            RecursionDesired = true,
            RecursionAvailable = true,
            ResponseCode = ResponseCode,
        };
        message.Questions.Add(Question);
        foreach (ZonedRrSet set in Answers)
        {
            uint ttl = set.CacheEntry?.RemainingTtl(now) ?? set.RrSet.RrSet.Ttl;
            foreach (ResourceRecord rr in set.RrSet.RrSet.ToRecords())
            {
                message.Answers.Add(rr with { Ttl = ttl });
            }

            foreach (var sig in set.RrSet.Signatures)
            {
                message.Answers.Add(new ResourceRecord(set.RrSet.RrSet.Name, set.RrSet.RrSet.Class, ttl, sig));
            }
        }

        foreach (ResourceRecord rr in Authority)
        {
            message.Authorities.Add(rr);
        }

        return message;
    }

    public override string ToString() =>
        $"{Question.Name} {Question.Type}: {Status}{(FailureReason is null ? string.Empty : " (" + FailureReason + ")")}, " +
        $"{Answers.Length} RRsets, {Aliases.Length} aliases, zone {Zone}, {UpstreamQueries} queries";
}

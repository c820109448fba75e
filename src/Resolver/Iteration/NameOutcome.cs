// NameOutcome: what one step of iteration found for one name and type, before alias chains are
// followed — an answer, an alias (CNAME/DNAME) with its target, NXDOMAIN, YXDOMAIN, NODATA or a
// failure with its reason — with the zone and server it came from and the cache entries made.
using System.Collections.Immutable;
using System.Net;
using Resolver.Cache;
using Resolver.Protocol;

namespace Resolver.Iteration;

/// <summary>What one name-level step found.</summary>
internal enum OutcomeKind
{
    Answer,
    Alias,
    NxDomain,
    YxDomain,
    NoData,
    Failure,
}

/// <summary>The outcome of resolving one name (no alias following).</summary>
internal sealed class NameOutcome(OutcomeKind kind)
{
    public OutcomeKind Kind { get; } = kind;

    /// <summary>The answer RRset, or the alias RRset (CNAME/DNAME).</summary>
    public ZonedRrSet? Data { get; init; }

    /// <summary>For ANY: the other RRsets at the name.</summary>
    public ImmutableArray<ZonedRrSet> MoreData { get; init; } = [];

    public DnsName? Target { get; init; }

    public DnsName? AliasOwner { get; init; }

    public RrType AliasKind { get; init; }

    public ImmutableArray<ResourceRecord> Authority { get; init; } = [];

    public CachedNegative? NegativeEntry { get; init; }

    public DnsName? Zone { get; init; }

    public IPEndPoint? Server { get; init; }

    public string? Reason { get; init; }

    /// <summary>For a failure: the RFC 8914 code that describes it, if one does.</summary>
    public ExtendedErrorCode? FailureCode { get; init; }

    /// <summary>The iteration status an outcome that ends a chain gives (not for an alias or a failure).</summary>
    public IterationStatus Status => Kind switch
    {
        OutcomeKind.Answer => IterationStatus.Answer,
        OutcomeKind.NxDomain => IterationStatus.NxDomain,
        OutcomeKind.YxDomain => IterationStatus.YxDomain,
        _ => IterationStatus.NoData,
    };

    public static NameOutcome Failure(string reason, ExtendedErrorCode? code = null) => new(OutcomeKind.Failure) { Reason = reason, FailureCode = code };
}

// AliasChain: the state of following one question's CNAME and DNAME chain (RFC 1034 §3.6.2, RFC
// 6672): the RRsets gathered link by link (a DNAME redirecting several links listed once, with the
// CNAME it synthesizes for each: RFC 6672 §3.1), the links, and the names visited — a chain longer
// than IterationOptions.MaxAliasChain or one that comes back to a name fails (Unbound's
// max-query-restarts, and loop detection). It asks nothing: the iterator feeds it one outcome per name.
using System.Collections.Immutable;
using Resolver.Cache;
using Resolver.Protocol;

namespace Resolver.Iteration;

/// <summary>One question's alias chain, link by link.</summary>
internal sealed class AliasChain(DnsQuestion question)
{
    private readonly ImmutableArray<ZonedRrSet>.Builder _answers = ImmutableArray.CreateBuilder<ZonedRrSet>();
    private readonly ImmutableArray<AliasLink>.Builder _aliases = ImmutableArray.CreateBuilder<AliasLink>();
    private readonly HashSet<DnsName> _visited = [question.Name];

    /// <summary>The question the chain started from.</summary>
    public DnsQuestion Question { get; } = question;

    /// <summary>The name to ask about next.</summary>
    public DnsName Name { get; private set; } = question.Name;

    /// <summary>True once any link's zone is taken from RRSIG signer names (forwarded names).</summary>
    public bool ZonesFromSigners { get; set; }

    /// <summary>The question for the current link.</summary>
    public DnsQuestion Step => new(Name, Question.Type, Question.Class);

    /// <summary>Takes the data of the current link's outcome.</summary>
    public void Add(NameOutcome outcome)
    {
        if (outcome.Data is not null && !(outcome.AliasKind == RrType.DNAME && Contains(outcome.Data)))
        {
            // A DNAME that redirects several links of the chain is listed once.
            _answers.Add(outcome.Data);
        }

        _answers.AddRange(outcome.MoreData);
    }

    /// <summary>
    /// Follows an alias outcome to its target; the reason the chain fails instead (too long, a loop),
    /// or null to go on with <see cref="Name"/>.
    /// </summary>
    public string? Follow(NameOutcome outcome, DateTimeOffset now, int maxLinks)
    {
        if (outcome.AliasKind == RrType.DNAME)
        {
            // RFC 6672 §3.1: the answer carries the CNAME the DNAME synthesizes for this name.
            _answers.Add(DnameSynthesis.Cname(outcome.Data!, Name, outcome.Target!, now));
        }

        _aliases.Add(new AliasLink(outcome.AliasKind, outcome.AliasOwner!, Name, outcome.Target!, outcome.Zone));
        if (_aliases.Count > maxLinks)
        {
            return $"alias chain longer than {maxLinks} links";
        }

        if (!_visited.Add(outcome.Target!))
        {
            return "alias loop at " + outcome.Target;
        }

        Name = outcome.Target!;
        return null;
    }

    /// <summary>The result of a chain that ends in <paramref name="last"/> (an answer, NXDOMAIN, YXDOMAIN or NODATA).</summary>
    public IterationResult Result(NameOutcome last, int upstreamQueries) => new()
    {
        Question = Question,
        Status = last.Status,
        Answers = _answers.ToImmutable(),
        Aliases = _aliases.ToImmutable(),
        Authority = last.Authority,
        NegativeEntry = last.NegativeEntry,
        Zone = last.Zone,
        Server = last.Server,
        UpstreamQueries = upstreamQueries,
        ZonesFromSigners = ZonesFromSigners,
    };

    /// <summary>The result of a chain that failed, with what it gathered before.</summary>
    public IterationResult Failure(string reason, ExtendedErrorCode? code, int upstreamQueries) => new()
    {
        Question = Question,
        Status = IterationStatus.ServerFailure,
        Answers = _answers.ToImmutable(),
        Aliases = _aliases.ToImmutable(),
        FailureReason = reason,
        FailureCode = code,
        UpstreamQueries = upstreamQueries,
    };

    private bool Contains(ZonedRrSet set)
    {
        RrSet wanted = set.RrSet.RrSet;
        foreach (ZonedRrSet answer in _answers)
        {
            RrSet known = answer.RrSet.RrSet;
            if (known.Type == wanted.Type && known.Class == wanted.Class && known.Name.Equals(wanted.Name))
            {
                return true;
            }
        }

        return false;
    }
}

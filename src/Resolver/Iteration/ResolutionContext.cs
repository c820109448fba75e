// ResolutionContext: the budget and memory of one top-level resolution, shared by the NS-address
// lookups it spawns: upstream queries and referrals counted against the limits, the servers that
// timed out during this resolution (so a dead server costs its timeout at most once per resolution —
// the lab's onedown.lab), the servers distrusted because their data failed validation (a re-fetch),
// and the stack of questions being resolved, which breaks lookup cycles.
using System.Collections.Immutable;
using System.Net;
using Resolver.Protocol;

namespace Resolver.Iteration;

/// <summary>Per-resolution counters, dead servers and the lookup stack.</summary>
internal sealed class ResolutionContext
{
    private readonly Budget _budget;

    private ResolutionContext(Budget budget, int depth, ImmutableHashSet<DnsQuestion> stack, bool refetch)
    {
        _budget = budget;
        Depth = depth;
        Stack = stack;
        Refetch = refetch;
    }

    /// <summary>A context for a new top-level resolution.</summary>
    public static ResolutionContext Start(DnsQuestion question) =>
        new(new Budget(null), 0, [question], refetch: false);

    /// <summary>
    /// A context for asking again after the question's data failed validation: the question's own
    /// data is not taken from the cache and <paramref name="distrust"/>'s servers are not asked.
    /// </summary>
    public static ResolutionContext StartRefetch(DnsQuestion question, ServerDistrust distrust) =>
        new(new Budget(distrust), 0, [question], refetch: true);

    /// <summary>
    /// A context for refreshing a question in the background (prefetch, serve-stale): its own data is
    /// not taken from the cache, which may still hold it, and every server may be asked.
    /// </summary>
    public static ResolutionContext StartRefresh(DnsQuestion question) =>
        new(new Budget(null), 0, [question], refetch: true);

    /// <summary>True for the top level of a re-fetch: the question's chain bypasses the cache (nested lookups do not).</summary>
    public bool Refetch { get; }

    /// <summary>The servers whose data failed validation in this resolution; null for an ordinary resolution.</summary>
    public ServerDistrust? Distrust => _budget.Distrust;

    /// <summary>How deeply nested this lookup is (0 for the top level).</summary>
    public int Depth { get; }

    /// <summary>The questions being resolved on the way to this one.</summary>
    public ImmutableHashSet<DnsQuestion> Stack { get; }

    /// <summary>Upstream queries sent so far (whole resolution).</summary>
    public int Queries => Volatile.Read(ref _budget.Queries);

    /// <summary>Referrals followed so far (whole resolution).</summary>
    public int Referrals => Volatile.Read(ref _budget.Referrals);

    /// <summary>A nested lookup (e.g. a name server's address) sharing this resolution's budget.</summary>
    public ResolutionContext Nested(DnsQuestion question) => new(_budget, Depth + 1, Stack.Add(question), refetch: false);

    /// <summary>Counts one upstream query; false (and nothing counted) when the limit is reached.</summary>
    public bool TryCountQuery(int limit)
    {
        while (true)
        {
            int current = Volatile.Read(ref _budget.Queries);
            if (current >= limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _budget.Queries, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Counts one name-server address lookup (whole resolution); false (and nothing counted) when the limit is reached.</summary>
    public bool TryCountAddressLookup(int limit)
    {
        while (true)
        {
            int current = Volatile.Read(ref _budget.AddressLookups);
            if (current >= limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _budget.AddressLookups, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Counts one referral; returns the new count.</summary>
    public int CountReferral() => Interlocked.Increment(ref _budget.Referrals);

    /// <summary>Remembers a server that timed out or failed, for the rest of this resolution.</summary>
    public void MarkDead(IPEndPoint server)
    {
        lock (_budget.Dead)
        {
            _budget.Dead.Add(server);
        }
    }

    /// <summary>True when the server failed earlier in this resolution.</summary>
    public bool IsDead(IPEndPoint server)
    {
        lock (_budget.Dead)
        {
            return _budget.Dead.Contains(server);
        }
    }

    /// <summary>
    /// Remembers, for the rest of this resolution and its nested lookups, that the server gave no
    /// usable response to this question (an error RCODE or a lame answer): asking it again the same
    /// question in a nested lookup would only fail again, and repeats of that kind used up the query
    /// budget before a fallback (the parent's fresh glue) could be tried.
    /// </summary>
    public void MarkFailed(IPEndPoint server, DnsQuestion question)
    {
        lock (_budget.Failed)
        {
            _budget.Failed.Add((server, question));
        }
    }

    /// <summary>True when the server already failed this question in this resolution.</summary>
    public bool HasFailed(IPEndPoint server, DnsQuestion question)
    {
        lock (_budget.Failed)
        {
            return _budget.Failed.Contains((server, question));
        }
    }

    private sealed class Budget(ServerDistrust? distrust)
    {
        public readonly HashSet<IPEndPoint> Dead = [];
        public readonly HashSet<(IPEndPoint, DnsQuestion)> Failed = [];
        public readonly ServerDistrust? Distrust = distrust;
        public int Queries;
        public int Referrals;
        public int AddressLookups;
    }
}

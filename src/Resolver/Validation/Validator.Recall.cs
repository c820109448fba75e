// Validator.Recall: the fastest warm answer — a question answered by one cached RRset whose verdict
// is being reused gets back the very result it got last time, as long as nothing it shows has
// changed: the same cache entry (entries are replaced, never changed, when data is refreshed), the
// same verdict record, and the same TTL for its records at this instant (the entry's remaining TTL
// clamped to the verdict's validated lifetime, RFC 4035 §5.3.3 — computed as the full path computes
// it). Only Secure and Insecure results of warm hits (no query, no signature checked) are kept, never
// with checking disabled; anything else takes the full path.
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;

namespace Resolver.Validation;

internal sealed partial class Validator
{
    /// <summary>The result last given for <paramref name="name"/>/<paramref name="type"/> when it is still exactly right at <paramref name="now"/>; else null.</summary>
    /// <param name="name">The question's name.</param>
    /// <param name="type">The question's type.</param>
    /// <param name="now">The instant of the question.</param>
    /// <param name="prefetching">True when prefetch is on: an entry in the last tenth of its TTL takes the full path, which refreshes it.</param>
    public Task<ResolveResult>? TryRecall(DnsName name, RrType type, DateTimeOffset now, bool prefetching)
    {
        if (_cache.GetRrSet(name, type) is not { Trust: >= CacheTrust.Authority } entry ||
            entry.Security is not { Recall: { } recalled } security || !security.ReusableAt(now) ||
            (prefetching && entry.InLastTenth(now)))
        {
            return null;
        }

        uint ttl = Math.Min(entry.RemainingTtl(now), VerdictTtlLeft(security.ValidUntil, now));
        return ttl == recalled.Ttl ? recalled.Answer : null;
    }

    // Keeps a warm single-RRset result for TryRecall.
    private static void KeepForRecall(DnsQuestion question, IterationResult iteration, ResolveResult result, bool checkingDisabled)
    {
        if (checkingDisabled || result.Status is not (SecurityStatus.Secure or SecurityStatus.Insecure) || result.IsStale ||
            result.Work != default || iteration.Status != IterationStatus.Answer || !iteration.Aliases.IsEmpty ||
            iteration.Answers is not [{ CacheEntry: { Security: { } security } entry }] ||
            !entry.RrSet.RrSet.Name.Equals(question.Name) || entry.RrSet.RrSet.Type != question.Type || result.Answers.Count == 0)
        {
            return;
        }

        security.Recall = new RecalledAnswer(Task.FromResult(result), result.Answers[0].Ttl);
    }
}

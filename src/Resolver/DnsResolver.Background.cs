// DnsResolver.Background: the work a resolver does besides answering — serve-stale (RFC 8767) and
// prefetch. Serve-stale answers from expired cache data, within DnsCacheOptions.MaxStale, when every
// authority failed or did not answer within StaleClientTimeout (§5 client response timer; the
// resolution then goes on to refresh the cache): only data that validated Secure or Insecure (never
// Bogus, Indeterminate or unchecked, nor Secure data whose signatures have expired since), with the
// short StaleAnswerTtl (§4) and EDE 3/19 (RFC 8914), keeping the verdict the data was given. After a
// failure the stale data is answered at once for StaleRefreshInterval (§5 failure recheck timer),
// then once more while one background refresh runs. Prefetch refreshes a cached answer asked for in
// the last tenth of its TTL (Unbound's prefetch). One refresh per question runs at a time; each runs
// under the resolver's lifetime, not a caller's token.
using System.Collections.Concurrent;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Validation;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver;

public sealed partial class DnsResolver
{
    private readonly CancellationTokenSource _background = new();
    private readonly ConcurrentDictionary<DnsQuestion, Task> _refreshing = new();
    private readonly ConcurrentDictionary<Task, byte> _outlived = new();

    /// <summary>The refreshes running now, and resolutions that outlived their client's wait (tests await this instead of sleeping).</summary>
    internal Task BackgroundWork => Task.WhenAll(_refreshing.Values.Concat(_outlived.Keys));

    // True when the question's first link is in the cache but expired (within the stale window).
    private bool HasExpiredData(DnsQuestion question) => FirstLink(question) is { } first && first.Expires <= _time.GetUtcNow();

    // The entry answering the question's own name — its RRset, a CNAME, or a negative answer — live
    // or within the stale window; cheap enough to test on every query.
    private CacheEntryBase? FirstLink(DnsQuestion question) =>
        (CacheEntryBase?)_cache.GetStaleRrSet(question.Name, question.Type, question.Class) ??
        (CacheEntryBase?)_cache.GetStaleRrSet(question.Name, RrType.CNAME, question.Class) ??
        _cache.GetStaleNegative(question.Name, question.Type, question.Class);

    // Resolves with the client response timer running: the result when the resolution ends first
    // (the caller then handles a failure as usual), a stale answer when the timer does. Null: no timer.
    private async Task<ResolveResult?> StaleOnTimeoutAsync(DnsQuestion question, ResolveBehavior behavior, CancellationToken cancellationToken)
    {
        TimeSpan wait = _options.Cache.StaleClientTimeout;
        if (wait == TimeSpan.Zero)
        {
            return null;
        }

        CancellationToken lifetime = _background.Token;
        Task<ResolveResult> resolution = ResolveInBackgroundAsync(question, behavior, lifetime);
        using var timerCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task timer = Task.Delay(wait, _time, timerCancel.Token);
        Task first = await Task.WhenAny(resolution, timer).ConfigureAwait(false);
        await timerCancel.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (first != resolution && FindStale(question, default) is ({ } stale, { } anchor))
        {
            // The resolution goes on and refreshes the cache; the client has its answer now.
            _outlived.TryAdd(resolution, 0);
            _ = resolution.ContinueWith(
                t =>
                {
                    _ = t.Exception;   // observed: a disposal while it ran is no error
                    _outlived.TryRemove(t, out _);
                },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            anchor.TryStartRefresh(anchor.LastRefresh, _time.GetUtcNow());
            Log.ServingStale(_logger, question.Name, question.Type);
            return stale;
        }

        ResolveResult result = await resolution.ConfigureAwait(false);
        return result.IsResolutionFailure && StaleAfterFailure(question, result) is { } late ? late : result;
    }

    private async Task<ResolveResult> ResolveInBackgroundAsync(DnsQuestion question, ResolveBehavior behavior, CancellationToken lifetime)
    {
        IterationResult iteration = await _iterator.ResolveAsync(question, lifetime).ConfigureAwait(false);
        return await _validator.CompleteAsync(question, iteration, behavior, lifetime).ConfigureAwait(false);
    }

    // The stale answer after a failure seen less than StaleRefreshInterval ago; null when there was
    // none (resolve in the foreground: the authorities may be back) or no stale data to give.
    private ResolveResult? StaleAfterRecentFailure(DnsQuestion question)
    {
        // Cheap test first (every query passes here): has the question's first link seen a failure?
        if (FirstLink(question) is not { } first || first.LastRefresh == DateTimeOffset.MinValue ||
            FindStale(question, default) is not ({ } result, { } anchor))
        {
            return null;
        }

        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset last = anchor.LastRefresh;
        if (now >= last + _options.Cache.StaleRefreshInterval && anchor.TryStartRefresh(last, now))
        {
            StartRefresh(question, "stale");
        }

        Log.ServingStale(_logger, question.Name, question.Type);
        return result;
    }

    // The stale answer after this resolution failed (RFC 8767 §4); the failure starts the recheck timer.
    private ResolveResult? StaleAfterFailure(DnsQuestion question, ResolveResult failed)
    {
        if (FindStale(question, failed.Work) is not ({ } result, { } anchor))
        {
            return null;
        }

        DateTimeOffset last = anchor.LastRefresh;
        anchor.TryStartRefresh(last, _time.GetUtcNow());
        Log.ServingStale(_logger, question.Name, question.Type);
        return result;
    }

    // Prefetch: a warm hit in the last tenth of the answer's original TTL starts one background refresh.
    private void PrefetchIfDue(IterationResult iteration)
    {
        DateTimeOffset now = _time.GetUtcNow();
        CacheEntryBase? entry = iteration.Answers.IsEmpty ? iteration.NegativeEntry : iteration.Answers[^1].CacheEntry;
        // Once per entry: a hit that raced with a finished refresh still holds the old entry.
        if (entry is not null && entry.InLastTenth(now) && entry.TryMarkPrefetched())
        {
            StartRefresh(iteration.Question, "prefetch");
        }
    }

    private void StartRefresh(DnsQuestion question, string kind)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_refreshing.TryAdd(question, done.Task))
        {
            return;
        }

        CancellationToken lifetime = _background.Token;
        _ = Task.Run(
            async () =>
            {
                string outcome = "cancelled";
                try
                {
                    IterationResult iteration = await _iterator.RefreshAsync(question, lifetime).ConfigureAwait(false);
                    ResolveResult result = await _validator.CompleteAsync(question, iteration, ResolveBehavior.Default, lifetime).ConfigureAwait(false);
                    outcome = result.ToString();
                }
                catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
                {
                    // The resolver is being disposed.
                }
                catch (ObjectDisposedException)
                {
                    // Disposed while the refresh ran.
                }
                finally
                {
                    _refreshing.TryRemove(question, out _);
                    done.SetResult();
                    Log.Refreshed(_logger, question.Name, question.Type, kind, outcome);
                }
            },
            CancellationToken.None);
    }

    // The stale answer to a question from the cache — its CNAME chain and the final RRset or negative
    // answer, each live or expired within MaxStale — and the entry that carries the recheck timer (the
    // first link). Null when any link is missing or the validator does not vouch for the links (only
    // data that validated Secure or Insecure, and Secure data only while its signatures are valid).
    private (ResolveResult Result, CacheEntryBase Anchor)? FindStale(DnsQuestion question, ValidationWork work)
    {
        uint ttl = (uint)_options.Cache.StaleAnswerTtl.TotalSeconds;
        var answers = new List<ResourceRecord>();
        IReadOnlyList<ResourceRecord> authority = [];
        ResponseCode rcode = ResponseCode.NoError;
        var entries = new List<CacheEntryBase>();
        DnsName name = question.Name;
        for (int links = 0; ; links++)
        {
            if (links > _options.Iteration.MaxAliasChain)
            {
                return null;
            }

            CacheEntryBase? entry;
            DnsName? next = null;
            if (_cache.GetStaleRrSet(name, question.Type, question.Class) is { } set)
            {
                entry = set;
                AddRrSet(answers, set.RrSet, ttl);
            }
            else if (question.Type != RrType.CNAME && _cache.GetStaleRrSet(name, RrType.CNAME, question.Class) is { } alias &&
                     alias.RrSet.RrSet.Data is [CnameData cname])
            {
                entry = alias;
                AddRrSet(answers, alias.RrSet, ttl);
                next = cname.Target;
            }
            else if (_cache.GetStaleNegative(name, question.Type, question.Class) is { TtlFromDenialRecords: false } negative)
            {
                entry = negative;
                rcode = negative.Kind == NegativeKind.NxDomain ? ResponseCode.NXDomain : ResponseCode.NoError;
                authority = [.. negative.Authority.Select(rr => rr with { Ttl = ttl })];
            }
            else
            {
                return null;
            }

            entries.Add(entry);
            if (next is null)
            {
                break;
            }

            name = next;
        }

        if (Validator.StaleVerdict(entries, _time.GetUtcNow()) is not { } verdict)
        {
            return null;
        }

        var result = new ResolveResult
        {
            Question = question,
            Status = verdict.Status,
            ResponseCode = rcode,
            Answers = answers,
            Authority = authority,
            Reason = verdict.Status == SecurityStatus.Insecure ? verdict.Failure : null,
            Chain = verdict.Chain,
            Work = work,
            CanonicalName = name,
            IsStale = true,
        };
        return (result, entries[0]);
    }

    private static void AddRrSet(List<ResourceRecord> answers, SignedRrSet signed, uint ttl)
    {
        RrSet rrset = signed.RrSet;
        answers.AddRange(rrset.ToRecords().Select(rr => rr with { Ttl = ttl }));
        answers.AddRange(signed.Signatures.Select(sig => new ResourceRecord(rrset.Name, rrset.Class, ttl, sig)));
    }
}

// InFlightRequests: identical requests that overlap in time share one piece of work — one upstream
// query or one resolution — instead of each sending its own (the "query coalescing" every production
// resolver does; without it 1,000 simultaneous lookups of a name cost 1,000 upstream queries). The
// shared work runs under the owner's lifetime token, not any one caller's, so one caller cancelling
// does not fail the others; each caller's own token still cancels its own wait.
using System.Collections.Concurrent;

namespace Resolver.Cache;

/// <summary>Coalesces concurrent work with equal keys.</summary>
/// <typeparam name="TKey">The request key (equality decides what is shared).</typeparam>
/// <typeparam name="TResult">The work's result.</typeparam>
internal sealed class InFlightRequests<TKey, TResult>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TResult>>> _running;

    public InFlightRequests(IEqualityComparer<TKey>? comparer = null) =>
        _running = new ConcurrentDictionary<TKey, Lazy<Task<TResult>>>(comparer);

    /// <summary>The number of pieces of work running now.</summary>
    public int Count => _running.Count;

    /// <summary>
    /// Joins the running work for <paramref name="key"/>, or starts it with <paramref name="start"/>.
    /// The entry is removed when the work completes, so later requests start afresh (by then the
    /// result is in the cache).
    /// </summary>
    public Task<TResult> RunAsync(TKey key, Func<TKey, Task<TResult>> start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var candidate = new Lazy<Task<TResult>>(() => StartAndForget(key, start), LazyThreadSafetyMode.ExecutionAndPublication);
        Lazy<Task<TResult>> winner = _running.GetOrAdd(key, candidate);
        Task<TResult> task = winner.Value;
        return cancellationToken.CanBeCanceled ? task.WaitAsync(cancellationToken) : task;
    }

    private async Task<TResult> StartAndForget(TKey key, Func<TKey, Task<TResult>> start)
    {
        try
        {
            // Yield first so the Lazy's value (this task) is published before any continuation runs.
            await Task.Yield();
            return await start(key).ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove(key, out _);
        }
    }
}

// InFlightRequests: identical requests that overlap in time share one piece of work — one upstream
// query or one resolution — instead of each sending its own (the "query coalescing" every production
// resolver does; without it 1,000 simultaneous lookups of a name cost 1,000 upstream queries). The
// shared work runs under its own token, linked to the owner's lifetime, not under any one caller's:
// one caller cancelling does not fail the others, but the waiters are counted, and when the last of
// them has cancelled the work is cancelled too (nobody is left to want it; its upstream queries
// stop). Disposing the owner (its lifetime token) stops all work.
namespace Resolver.Cache;

/// <summary>Coalesces concurrent work with equal keys.</summary>
/// <typeparam name="TKey">The request key (equality decides what is shared).</typeparam>
/// <typeparam name="TResult">The work's result.</typeparam>
internal sealed class InFlightRequests<TKey, TResult>
    where TKey : notnull
{
    private readonly Dictionary<TKey, Entry> _running;
    private readonly HashSet<Task<TResult>> _active = [];
    private readonly CancellationToken _lifetime;

    /// <param name="comparer">Key equality.</param>
    /// <param name="lifetime">Cancels all work (the owner's disposal).</param>
    public InFlightRequests(IEqualityComparer<TKey>? comparer = null, CancellationToken lifetime = default)
    {
        _lifetime = lifetime;
        _running = new Dictionary<TKey, Entry>(comparer);
    }

    /// <summary>The number of pieces of work callers are waiting for now.</summary>
    public int Count
    {
        get
        {
            lock (_running)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>As <see cref="RunAsync(TKey, Func{TKey, CancellationToken, Task{TResult}}, CancellationToken)"/>, for work that takes no token.</summary>
    public Task<TResult> RunAsync(TKey key, Func<TKey, Task<TResult>> start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        return RunAsync(key, (k, _) => start(k), cancellationToken);
    }

    /// <summary>
    /// Joins the running work for <paramref name="key"/>, or starts it with <paramref name="start"/>,
    /// which gets the work's token: cancelled when every waiter has cancelled, or at the owner's
    /// disposal. The entry is removed when the work completes (by then the result is in the cache)
    /// or when its last waiter leaves, so later requests start afresh.
    /// </summary>
    public Task<TResult> RunAsync(TKey key, Func<TKey, CancellationToken, Task<TResult>> start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        cancellationToken.ThrowIfCancellationRequested();
        Entry entry;
        lock (_running)
        {
            if (!_running.TryGetValue(key, out entry!))
            {
                entry = new Entry(key, CancellationTokenSource.CreateLinkedTokenSource(_lifetime));
                _running.Add(key, entry);
                // The work yields before it starts, so nothing of it runs under this lock.
                entry.Work = StartAsync(entry, start);
                _active.Add(entry.Work);
            }

            entry.Waiters++;
        }

        return cancellationToken.CanBeCanceled ? WaitAsync(entry, cancellationToken) : entry.Work;
    }

    /// <summary>Completes when the work running now, abandoned work included, has ended (for tests).</summary>
    public async Task WhenIdleAsync()
    {
        Task<TResult>[] work;
        lock (_running)
        {
            work = [.. _active];
        }

        foreach (Task<TResult> task in work)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Ended is all that is asked here.
            }
        }
    }

    private async Task<TResult> WaitAsync(Entry entry, CancellationToken cancellationToken)
    {
        try
        {
            return await entry.Work.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Leave(entry);
            throw;
        }
    }

    // A waiter gave up; the last one to do so cancels the work and takes it out of the table, so
    // that a request arriving later starts afresh instead of joining cancelled work.
    private void Leave(Entry entry)
    {
        lock (_running)
        {
            if (--entry.Waiters > 0 || entry.Done)
            {
                return;
            }

            if (_running.TryGetValue(entry.Key, out Entry? current) && ReferenceEquals(current, entry))
            {
                _running.Remove(entry.Key);
            }
        }

        // Outside the lock: cancelling runs the work's callbacks, which may end it here and now.
        try
        {
            entry.Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The work completed meanwhile; nothing is left to cancel.
        }
    }

    private async Task<TResult> StartAsync(Entry entry, Func<TKey, CancellationToken, Task<TResult>> start)
    {
        try
        {
            // Yield first so that the entry's task is published before any of the work runs.
            await Task.Yield();
            return await start(entry.Key, entry.Cancellation.Token).ConfigureAwait(false);
        }
        finally
        {
            lock (_running)
            {
                entry.Done = true;
                if (_running.TryGetValue(entry.Key, out Entry? current) && ReferenceEquals(current, entry))
                {
                    _running.Remove(entry.Key);
                }

                _active.Remove(entry.Work);
                entry.Cancellation.Dispose();
            }
        }
    }

    private sealed class Entry(TKey key, CancellationTokenSource cancellation)
    {
        public TKey Key { get; } = key;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        // Set once, under the table's lock, before any waiter can see the entry.
        public Task<TResult> Work { get; set; } = null!;

        public int Waiters { get; set; }

        public bool Done { get; set; }
    }
}

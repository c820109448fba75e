// TcpSlots: who holds serve's TCP connection slots (TcpLimits). A new connection takes a free slot
// unless its address already holds its share (a slowloris from one host). When every slot is taken,
// a new connection that has already sent a whole query takes the slot of the connection that has
// waited longest for bytes — idle between messages, or stalled in the middle of one: RFC 7766 §6.2.3
// lets a server close idle connections to manage its resources, and §6.2.4 has clients reconnect.
// So a slowloris spread over many addresses, each holding one connection that sends nothing or a byte
// now and then, cannot lock honest clients out (an honest client sends its query at once), and the
// slow connections cannot evict each other in a loop (one without a whole query only takes a free
// slot). A connection whose query is being answered is never evicted. The idle timeout shrinks while
// more than half of the slots are taken.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Resolver.Cli.Serve;

internal sealed class TcpSlots : IDisposable
{
    // How long a new connection waits for the slot of the connection evicted for it to be given back
    // (the evicted one's read is cancelled and its socket closed: microseconds, unless the machine stalls).
    private static readonly TimeSpan s_evictionWait = TimeSpan.FromMilliseconds(250);

    private readonly TcpLimits _limits;
    private readonly SemaphoreSlim _free;
    private readonly ConcurrentDictionary<IPAddress, int> _perClient = new();
    private readonly ConcurrentDictionary<TcpSlot, byte> _held = new();
    private long _evictions;

    public TcpSlots(TcpLimits limits)
    {
        _limits = limits;
        _free = new SemaphoreSlim(limits.MaxConnections, limits.MaxConnections);
    }

    /// <summary>Slots taken now.</summary>
    public int InUse => _limits.MaxConnections - _free.CurrentCount;

    /// <summary>Idle connections closed so that a new one could be served.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>The idle timeout for the next message: shorter while more than half of the slots are taken.</summary>
    public TimeSpan IdleTimeout => InUse > _limits.MaxConnections / 2 ? _limits.BusyIdleTimeout : _limits.IdleTimeout;

    /// <summary>True when every slot is taken.</summary>
    public bool Full => _free.CurrentCount == 0;

    /// <summary>
    /// A slot for a connection from <paramref name="source"/>; null when it must be refused. With
    /// <paramref name="mayEvict"/> (the connection has sent a whole query), the connection waiting
    /// longest for bytes gives its slot up when none is free.
    /// </summary>
    public async ValueTask<TcpSlot?> TryTakeAsync(IPAddress source, bool mayEvict, CancellationToken cancellationToken)
    {
        if (_perClient.AddOrUpdate(source, 1, (_, n) => n + 1) > _limits.MaxConnectionsPerClient)
        {
            ReleaseClient(source);
            return null;
        }

        if (!_free.Wait(0, CancellationToken.None) &&
            !(mayEvict && EvictLongestWaiting() && await _free.WaitAsync(s_evictionWait, cancellationToken).ConfigureAwait(false)))
        {
            ReleaseClient(source);
            return null;
        }

        var slot = new TcpSlot(this, source);
        _held.TryAdd(slot, 0);
        return slot;
    }

    /// <summary>Waits until every slot is free again (every connection closed), up to <paramref name="timeout"/>.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        for (int i = 0; i < _limits.MaxConnections; i++)
        {
            if (!await _free.WaitAsync(timeout, CancellationToken.None).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose() => _free.Dispose();

    internal void Release(TcpSlot slot)
    {
        if (_held.TryRemove(slot, out _))
        {
            _free.Release();
            ReleaseClient(slot.Source);
        }
    }

    private bool EvictLongestWaiting()
    {
        // A scan over at most MaxConnections slots, only when they are all taken.
        TcpSlot? oldest = null;
        long oldestSince = long.MaxValue;
        foreach (TcpSlot slot in _held.Keys)
        {
            long since = slot.WaitingSince;
            if (since != 0 && since < oldestSince)
            {
                (oldest, oldestSince) = (slot, since);
            }
        }

        if (oldest is null || !oldest.TryEvict())
        {
            return false;
        }

        Interlocked.Increment(ref _evictions);
        return true;
    }

    private void ReleaseClient(IPAddress source)
    {
        if (_perClient.AddOrUpdate(source, 0, (_, n) => n - 1) <= 0)
        {
            _perClient.TryRemove(new KeyValuePair<IPAddress, int>(source, 0));
        }
    }
}

/// <summary>One connection's slot: whether it waits for bytes (and since when), and its eviction signal.</summary>
internal sealed class TcpSlot : IDisposable
{
    private readonly TcpSlots _owner;
    private readonly CancellationTokenSource _evicted = new();
    private readonly Lock _gate = new();
    private long _waitingSince;   // Stopwatch timestamp since the connection waits for bytes; 0 while its query is answered
    private bool _closed;
    private bool _evicting;

    internal TcpSlot(TcpSlots owner, IPAddress source)
    {
        _owner = owner;
        Source = source;
        _waitingSince = Stopwatch.GetTimestamp();
    }

    public IPAddress Source { get; }

    /// <summary>Cancelled when the slot is taken from this connection for a new one.</summary>
    public CancellationToken Evicted => _evicted.Token;

    internal long WaitingSince => Volatile.Read(ref _waitingSince);

    /// <summary>True once the slot has been taken from this connection.</summary>
    public bool WasEvicted
    {
        get
        {
            lock (_gate)
            {
                return _evicting;
            }
        }
    }

    /// <summary>The connection waits for its next message: it may be evicted from now (and until <see cref="BeginAnswer"/>).</summary>
    public void BeginWaiting() => Volatile.Write(ref _waitingSince, Math.Max(1, Stopwatch.GetTimestamp()));

    /// <summary>
    /// A whole query has arrived: the connection is not evicted while it is answered. False when the
    /// slot was taken from it first (the connection must close).
    /// </summary>
    public bool BeginAnswer()
    {
        lock (_gate)
        {
            Volatile.Write(ref _waitingSince, 0);
            return !_evicting;
        }
    }

    internal bool TryEvict()
    {
        lock (_gate)
        {
            if (_closed || _evicting || Volatile.Read(ref _waitingSince) == 0)
            {
                return false;
            }

            Volatile.Write(ref _waitingSince, 0);
            _evicting = true;
        }

        // Outside the lock: the cancellation may run the connection's close (and Dispose) inline.
        _evicted.Cancel();
        bool disposeNow;
        lock (_gate)
        {
            disposeNow = _closed;
        }

        if (disposeNow)
        {
            _evicted.Dispose();
        }

        return true;
    }

    public void Dispose()
    {
        bool disposeNow;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            disposeNow = !_evicting;   // else TryEvict disposes it once its Cancel has returned
        }

        _owner.Release(this);
        if (disposeNow)
        {
            _evicted.Dispose();
        }
    }
}

// TcpSlots: who holds serve's TCP connection slots (TcpLimits). A new connection takes a slot
// unless its address already holds its share (a slowloris from one host). When every slot is taken,
// the connection that has waited longest for its next message gives its slot up — RFC 7766 §6.2.3
// lets a server close idle connections to manage its resources, and §6.2.4 has clients reconnect —
// so a slowloris spread over many addresses, each holding one silent connection, cannot lock honest
// clients out: an honest client always sends its query at once and is never the longest idle. A
// connection in the middle of a message or a query is never evicted (it is bounded by the message
// deadline instead). The idle timeout shrinks while more than half of the slots are taken.
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

    /// <summary>A slot for a connection from <paramref name="source"/>; null when it must be refused.</summary>
    public async ValueTask<TcpSlot?> TryTakeAsync(IPAddress source, CancellationToken cancellationToken)
    {
        if (_perClient.AddOrUpdate(source, 1, (_, n) => n + 1) > _limits.MaxConnectionsPerClient)
        {
            ReleaseClient(source);
            return null;
        }

        if (!_free.Wait(0, CancellationToken.None) &&
            !(EvictLongestIdle() && await _free.WaitAsync(s_evictionWait, cancellationToken).ConfigureAwait(false)))
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

    private bool EvictLongestIdle()
    {
        // A scan over at most MaxConnections slots, only when they are all taken.
        TcpSlot? oldest = null;
        long oldestSince = long.MaxValue;
        foreach (TcpSlot slot in _held.Keys)
        {
            long since = slot.IdleSince;
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

/// <summary>One connection's slot: whether it waits for a message (and since when), and its eviction signal.</summary>
internal sealed class TcpSlot : IDisposable
{
    private readonly TcpSlots _owner;
    private readonly CancellationTokenSource _evicted = new();
    private readonly Lock _gate = new();
    private long _idleSince;   // Stopwatch timestamp while waiting for a message's first byte; 0 while busy
    private bool _closed;
    private bool _evicting;

    internal TcpSlot(TcpSlots owner, IPAddress source)
    {
        _owner = owner;
        Source = source;
        _idleSince = Stopwatch.GetTimestamp();
    }

    public IPAddress Source { get; }

    /// <summary>Cancelled when the slot is taken from this connection for a new one.</summary>
    public CancellationToken Evicted => _evicted.Token;

    internal long IdleSince => Volatile.Read(ref _idleSince);

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

    /// <summary>The connection waits for the first byte of its next message: it may be evicted from now.</summary>
    public void BeginIdle() => Volatile.Write(ref _idleSince, Math.Max(1, Stopwatch.GetTimestamp()));

    /// <summary>A message has started: the connection is not evicted until it waits again.</summary>
    public void EndIdle()
    {
        lock (_gate)
        {
            Volatile.Write(ref _idleSince, 0);
        }
    }

    internal bool TryEvict()
    {
        lock (_gate)
        {
            if (_closed || _evicting || Volatile.Read(ref _idleSince) == 0)
            {
                return false;
            }

            Volatile.Write(ref _idleSince, 0);
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

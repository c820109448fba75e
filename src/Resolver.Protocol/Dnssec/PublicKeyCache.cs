// PublicKeyCache: imported DNSKEY public keys, kept so that a hot key (the root's, a TLD's) is not
// re-imported for every signature — an import costs 2–8× a verify (PITFALLS "Signatures"). The
// caller owns the cache and passes it in, so Resolver.Protocol keeps no static mutable state.
// Bounded, least-recently-used eviction, thread-safe; keys that fail to import are remembered too
// so a malformed key is not parsed again and again.
namespace Resolver.Protocol.Dnssec;

/// <summary>
/// A bounded, thread-safe cache of imported DNSKEY public keys, shared by every signature check
/// that is given it (see <see cref="SignatureCheckOptions.KeyCache"/>). Dispose it to release the
/// native key handles.
/// </summary>
public sealed class PublicKeyCache : IDisposable
{
    /// <summary>The default number of keys kept.</summary>
    public const int DefaultCapacity = 1024;

    private readonly Lock _lock = new();
    private readonly Dictionary<Records.DnskeyData, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private bool _disposed;

    /// <summary>Creates a cache holding at most <paramref name="capacity"/> keys.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public PublicKeyCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The most keys kept.</summary>
    public int Capacity { get; }

    /// <summary>Number of keys held now (including keys remembered as malformed).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Number of imports performed (a cache miss each); for tests and metrics.</summary>
    public long Imports => Interlocked.Read(ref _imports);

    private long _imports;

    /// <summary>Removes every key.</summary>
    public void Clear()
    {
        List<Entry> removed;
        lock (_lock)
        {
            removed = [.. _recency];
            _entries.Clear();
            _recency.Clear();
        }

        foreach (Entry e in removed)
        {
            e.Key?.Dispose();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        Clear();
    }

    /// <summary>True when <paramref name="dnskey"/> is held (its key is null when it was malformed); no import.</summary>
    internal bool TryGet(Records.DnskeyData dnskey, out VerificationKey? key)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(dnskey, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                key = node.Value.Key;
                return true;
            }
        }

        key = null;
        return false;
    }

    /// <summary>
    /// Imports <paramref name="dnskey"/> and keeps it; returns the key (null when malformed).
    /// <paramref name="owned"/> is true when the caller must dispose the key itself (the cache is
    /// disposed and did not keep it). Callers look first with <see cref="TryGet"/>, so that they can
    /// count and bound imports (KeyTrap).
    /// </summary>
    internal VerificationKey? Import(ISignatureAlgorithm algorithm, Records.DnskeyData dnskey, out bool owned)
    {
        owned = false;
        // Import outside the lock: it is the slow part. Two threads may import the same key at
        // once; the second to arrive keeps the first one's and disposes its own.
        Interlocked.Increment(ref _imports);
        VerificationKey? key = algorithm.ImportKey(dnskey.PublicKey);
        Entry? evicted = null;
        VerificationKey? result = key;
        lock (_lock)
        {
            if (_disposed)
            {
                owned = true;
                return key;
            }

            if (_entries.TryGetValue(dnskey, out var existing))
            {
                result = existing.Value.Key;
            }
            else
            {
                _entries[dnskey] = _recency.AddFirst(new Entry(dnskey, key));
                key = null;
                if (_entries.Count > Capacity)
                {
                    var last = _recency.Last!;
                    _recency.RemoveLast();
                    _entries.Remove(last.Value.Dnskey);
                    evicted = last.Value;
                }
            }
        }

        key?.Dispose();
        evicted?.Key?.Dispose();
        return result;
    }

    private sealed record Entry(Records.DnskeyData Dnskey, VerificationKey? Key);
}

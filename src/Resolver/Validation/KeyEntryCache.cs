// KeyEntryCache: key entries by zone, kept on the injected clock for as long as BogusLifetime says
// (their TTL; Bogus entries only briefly, so a repaired zone recovers; unresolved entries, and
// entries Bogus only because the resolution's work budget ran out, not at all: the next query tries
// again), bounded in size. Concurrent misses compute separately (the iterator below already shares
// identical upstream queries; sharing a validation would tie every caller to one budget and token).
using System.Collections.Concurrent;
using Resolver.Protocol;

namespace Resolver.Validation;

internal sealed class KeyEntryCache(TimeProvider time, int capacity, TimeSpan bogusTtl, TimeSpan maxTtl)
{
    private readonly BogusLifetime _lifetime = new(bogusTtl);

    private readonly ConcurrentDictionary<DnsName, (KeyEntry Entry, DateTimeOffset Expires)> _entries = new();

    public int Count => _entries.Count;

    public bool TryGet(DnsName zone, out KeyEntry entry)
    {
        if (_entries.TryGetValue(zone, out var cached) && time.GetUtcNow() < cached.Expires)
        {
            entry = cached.Entry;
            return true;
        }

        entry = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="entry"/> for as long as <see cref="BogusLifetime.ForKeyEntry"/> says (perhaps not at all).</summary>
    public void Store(KeyEntry entry, DnsName zone)
    {
        TimeSpan ttl = _lifetime.ForKeyEntry(entry, maxTtl);
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        if (_entries.Count >= capacity)
        {
            Evict();
        }

        _entries[zone] = (entry, time.GetUtcNow() + ttl);
    }

    public void Clear() => _entries.Clear();

    // Drop expired entries; if still full, drop the entries closest to expiry (half of them).
    private void Evict()
    {
        DateTimeOffset now = time.GetUtcNow();
        foreach (var pair in _entries.Where(p => p.Value.Expires <= now).ToList())
        {
            _entries.TryRemove(pair.Key, out _);
        }

        if (_entries.Count >= capacity)
        {
            foreach (var pair in _entries.OrderBy(p => p.Value.Expires).Take(Math.Max(1, _entries.Count / 2)).ToList())
            {
                _entries.TryRemove(pair.Key, out _);
            }
        }
    }
}

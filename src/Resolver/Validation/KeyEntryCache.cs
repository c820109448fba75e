// KeyEntryCache: key entries by zone, kept for their TTL on the injected clock (bogus entries only
// briefly, so a repaired zone recovers), bounded in size. Unresolved entries, and entries Bogus only
// because the resolution's work budget ran out, are never kept: the next query tries again. Concurrent misses compute separately (the iterator below already shares
// identical upstream queries; sharing a validation would tie every caller to one budget and token).
using System.Collections.Concurrent;
using Resolver.Protocol;

namespace Resolver.Validation;

internal sealed class KeyEntryCache(TimeProvider time, int capacity, TimeSpan bogusTtl, TimeSpan maxTtl)
{
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

    /// <summary>
    /// Keeps <paramref name="entry"/> for its TTL (Bogus: the bogus TTL; Unresolved, or Bogus only
    /// because the resolution's work budget ran out: not at all).
    /// </summary>
    public void Store(KeyEntry entry, DnsName zone)
    {
        TimeSpan ttl = entry.State switch
        {
            KeyEntryState.Unresolved => TimeSpan.Zero,
            // A spent budget (KeyTrap, CVE-2023-50387) says nothing about the zone: the budget may
            // have gone on another zone of the same resolution (a CNAME chain, a decoy-laden
            // parent), so remembering the zone as Bogus would break it for BogusTtl for every
            // question. Each later resolution is bounded by its own budget, which is the KeyTrap
            // mitigation; the zone's good names still validate (cf. BIND poisoning ok.keytrap.bad).
            KeyEntryState.Bogus when entry.Failure?.Kind == ValidationFailureKind.WorkLimitExceeded => TimeSpan.Zero,
            KeyEntryState.Bogus => bogusTtl,
            _ => TimeSpan.FromSeconds(Math.Min(entry.Ttl, maxTtl.TotalSeconds)),
        };
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

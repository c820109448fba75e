// ServerDistrust: the servers one resolution no longer asks about a zone, because data they supplied
// for it failed validation — an answer, a DS or a DNSKEY RRset that was bogus, expired or unsigned
// (a "DNSSEC-lame" server). Unbound keeps the same per-query blacklist (val_blacklist): other
// servers of the zone may hold good data (RFC 4035 §4.3 leaves recovery to the resolver; a zone
// with one stale secondary is the common case). Scoped to one resolution, keyed by zone, so a
// server wrong about one zone is still asked about the others it serves. Thread-safe, bounded by
// the resolution's restart limit.
using System.Net;
using Resolver.Protocol;

namespace Resolver.Iteration;

/// <summary>Servers distrusted for a zone during one resolution.</summary>
internal sealed class ServerDistrust
{
    private readonly HashSet<(DnsName Zone, IPEndPoint Server)> _entries = [];

    /// <summary>How many (zone, server) pairs are distrusted.</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Distrusts <paramref name="server"/> for <paramref name="zone"/>; false when it already was.</summary>
    public bool Add(DnsName zone, IPEndPoint server)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(server);
        lock (_entries)
        {
            return _entries.Add((zone, server));
        }
    }

    /// <summary>True when <paramref name="server"/> supplied data for <paramref name="zone"/> that failed validation.</summary>
    public bool Distrusts(DnsName zone, IPEndPoint server)
    {
        lock (_entries)
        {
            return _entries.Contains((zone, server));
        }
    }

    /// <summary>True when <paramref name="server"/> is distrusted for any zone (an upstream resolver speaks for all of them).</summary>
    public bool DistrustsAnywhere(IPEndPoint server)
    {
        lock (_entries)
        {
            return _entries.Any(e => e.Server.Equals(server));
        }
    }
}

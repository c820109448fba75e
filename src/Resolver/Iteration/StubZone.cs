// StubZone: a zone whose servers are configured rather than learnt from referrals (Unbound's
// stub-zone). Iteration for names at or below it starts at these servers instead of the root —
// for private zones, split horizons and test setups — unless a deeper delegation is already cached.
// Answers from stub zones are validated like any other: the chain of trust still runs from an anchor.
using System.Collections.Immutable;
using System.Net;
using Resolver.Protocol;

namespace Resolver;

/// <summary>A zone and the servers to ask for it, bypassing the delegation from its parent.</summary>
public sealed class StubZone
{
    /// <summary>Creates a stub zone.</summary>
    /// <param name="zone">The zone's apex.</param>
    /// <param name="servers">The zone's servers (address and port).</param>
    /// <exception cref="ArgumentException">No servers are given.</exception>
    public StubZone(DnsName zone, IEnumerable<IPEndPoint> servers)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(servers);
        Zone = zone;
        Servers = [.. servers];
        if (Servers.IsEmpty)
        {
            throw new ArgumentException("A stub zone needs at least one server.", nameof(servers));
        }
    }

    /// <summary>The zone's apex.</summary>
    public DnsName Zone { get; }

    /// <summary>The servers, in the order given.</summary>
    public ImmutableArray<IPEndPoint> Servers { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Zone} @ {string.Join(", ", Servers)}";
}

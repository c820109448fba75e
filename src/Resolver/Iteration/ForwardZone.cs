// ForwardZone: a domain whose names are sent to configured recursive resolvers instead of being
// iterated (Unbound's forward-zone, Knot Resolver's policy.FORWARD). Queries for names at or below
// it go to its upstreams with RD=1, DO=1, CD=1, as whole-resolver forwarding does; the answers are
// still validated here, the chain of trust walked from the anchor (DS and DNSKEY of zones inside
// the forward zone are asked of the same upstreams). With ForwardFirst (Unbound's forward-first:
// yes) a question the upstreams cannot answer is iterated normally; without it (forward-only, the
// default, as Unbound's) it fails.
using System.Collections.Immutable;
using System.Net;
using Resolver.Protocol;

namespace Resolver;

/// <summary>A domain whose names are resolved by configured upstream resolvers.</summary>
public sealed class ForwardZone
{
    /// <summary>Creates a forward zone.</summary>
    /// <param name="zone">The domain; names at or below it are forwarded.</param>
    /// <param name="servers">The upstream resolvers (address and port).</param>
    /// <param name="forwardFirst">
    /// When the upstreams fail (no answer, SERVFAIL, REFUSED), iterate as if there were no forward
    /// zone (Unbound's forward-first: yes). Default false: the question fails.
    /// </param>
    /// <exception cref="ArgumentException">No servers are given.</exception>
    public ForwardZone(DnsName zone, IEnumerable<IPEndPoint> servers, bool forwardFirst = false)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(servers);
        Zone = zone;
        Servers = [.. servers];
        ForwardFirst = forwardFirst;
        if (Servers.IsEmpty)
        {
            throw new ArgumentException("A forward zone needs at least one server.", nameof(servers));
        }
    }

    /// <summary>The domain forwarded.</summary>
    public DnsName Zone { get; }

    /// <summary>The upstream resolvers, in the order given.</summary>
    public ImmutableArray<IPEndPoint> Servers { get; }

    /// <summary>Fall back to iteration when the upstreams fail (forward-first); else fail (forward-only).</summary>
    public bool ForwardFirst { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Zone} => {string.Join(", ", Servers)}{(ForwardFirst ? " (forward-first)" : string.Empty)}";
}

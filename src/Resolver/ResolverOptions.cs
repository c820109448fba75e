// ResolverOptions: everything a DnsResolver can be configured with — iterate from the root or
// forward to upstreams, and the limits of each layer. Each section validates its own ranges;
// Validate() checks the whole at start-up so a bad configuration fails fast.
using System.Net;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Transport;

namespace Resolver;

/// <summary>Configuration of a <see cref="DnsResolver"/>.</summary>
public sealed class ResolverOptions
{
    /// <summary>Iteration: root hints, forwarders, referral and query limits, QNAME minimisation.</summary>
    public IterationOptions Iteration { get; set; } = new();

    /// <summary>Transport: UDP and TCP timeouts.</summary>
    public TransportOptions Transport { get; set; } = new();

    /// <summary>Cache: size budget and TTL caps.</summary>
    public DnsCacheOptions Cache { get; set; } = new();

    /// <summary>DNSSEC validation: trust anchors, algorithm policy and validation limits.</summary>
    public ValidatorOptions Validation { get; set; } = new();

    /// <summary>
    /// Upstream resolvers to forward to (RD=1, DO=1, CD=1; answers still validated here). Empty
    /// (the default) means iterate from the root. Shorthand for <see cref="IterationOptions.Forwarders"/>.
    /// </summary>
    public IList<IPEndPoint> Forwarders => Iteration.Forwarders;

    /// <summary>Checks every section's ranges.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Iteration);
        ArgumentNullException.ThrowIfNull(Transport);
        ArgumentNullException.ThrowIfNull(Cache);
        ArgumentNullException.ThrowIfNull(Validation);
        Iteration.Validate();
        Transport.Validate();
        Cache.Validate();
        if (Validation.TrustAnchors is null)
        {
            throw new ArgumentException("Validation.TrustAnchors must be set (TrustAnchorStore.Empty for none).", nameof(Validation));
        }
    }
}

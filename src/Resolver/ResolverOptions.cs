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

    /// <summary>
    /// Upstreams reached over DNS over TLS (RFC 7858): a forwarder (in <see cref="Forwarders"/> or a forward
    /// zone) whose address is one of these is queried over TLS, authenticated as its entry says, and never
    /// in clear text. <see cref="ForwardTo(TlsUpstream)"/> adds one and forwards to it.
    /// </summary>
    public IList<TlsUpstream> TlsUpstreams { get; } = new List<TlsUpstream>();

    /// <summary>
    /// Upstreams reached over DNS over HTTPS (RFC 8484): a forwarder whose address is one of these is
    /// queried over HTTPS. <see cref="ForwardTo(HttpsUpstream)"/> adds one and forwards to it.
    /// </summary>
    public IList<HttpsUpstream> HttpsUpstreams { get; } = new List<HttpsUpstream>();

    /// <summary>Forwards to <paramref name="upstream"/> over DNS over TLS.</summary>
    /// <returns>These options.</returns>
    public ResolverOptions ForwardTo(TlsUpstream upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        TlsUpstreams.Add(upstream);
        Forwarders.Add(upstream.EndPoint);
        return this;
    }

    /// <summary>Forwards to <paramref name="upstream"/> over DNS over HTTPS.</summary>
    /// <returns>These options.</returns>
    /// <exception cref="InvalidOperationException">The upstream has a host name and no address to connect to.</exception>
    public ResolverOptions ForwardTo(HttpsUpstream upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        HttpsUpstreams.Add(upstream);
        Forwarders.Add(upstream.EndPoint);
        return this;
    }

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
        var encrypted = new HashSet<IPEndPoint>();
        foreach (IPEndPoint endPoint in TlsUpstreams.Select(u => u.EndPoint).Concat(HttpsUpstreams.Select(u => u.EndPoint)))
        {
            if (!encrypted.Add(endPoint))
            {
                throw new ArgumentException($"Two encrypted upstreams at {endPoint}.", nameof(TlsUpstreams));
            }
        }

        if (Validation.TrustAnchors is null)
        {
            throw new ArgumentException("Validation.TrustAnchors must be set (TrustAnchorStore.Empty for none).", nameof(Validation));
        }
    }
}

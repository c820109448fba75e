// ForwardingIterator: forwarding (stub) mode — the same iteration step, but every question goes to
// configured upstream resolvers with RD=1 (recurse for us), DO=1 (send DNSSEC records) and CD=1 (do not
// withhold data your own validation dislikes), so the validator above can check everything itself,
// fetching DS and DNSKEY through the same upstreams. Upstreams are tried in RTT order; timeouts,
// network errors, SERVFAIL, REFUSED and non-recursive (referral) answers fail over to the next. When
// no upstream has more than a referral to give, the referral is the answer: NOERROR without data for
// the name, whose proof the validator judges (as Unbound's iterator takes a referral to an RD query:
// a CNAME target below an unsigned delegation, say, where the referral's opt-out NSEC3 and the DS
// walk to the target show the name lies in an unsigned zone — Insecure, RFC 5155 §9.2).
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Transport;

namespace Resolver.Iteration;

/// <summary>Resolves questions through upstream recursive resolvers.</summary>
internal sealed class ForwardingIterator : IteratorBase
{
    public ForwardingIterator(
        IDnsTransport transport, DnsCache cache, IterationOptions options, TransportOptions? transportOptions = null, ILogger<ForwardingIterator>? logger = null)
        : base(transport, cache, options, transportOptions ?? TransportOptions.Default, logger ?? NullLogger<ForwardingIterator>.Instance)
    {
        if (options.Forwarders.Count == 0)
        {
            throw new ArgumentException("Forwarding mode needs at least one upstream in IterationOptions.Forwarders.", nameof(options));
        }
    }

    /// <inheritdoc/>
    protected override bool ZonesFromSignersFor(DnsName name) => true;

    /// <inheritdoc/>
    protected override Task<NameOutcome> QueryNetworkAsync(DnsQuestion question, ResolutionContext context, CancellationToken cancellationToken) =>
        ForwardAsync(Options.Forwarders, DnsName.Root, question, context, cancellationToken);
}

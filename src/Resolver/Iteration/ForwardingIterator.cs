// ForwardingIterator: forwarding (stub) mode — the same iteration step, but every question goes to
// configured upstream resolvers with RD=1 (recurse for us), DO=1 (send DNSSEC records) and CD=1 (do not
// withhold data your own validation dislikes), so the validator above can check everything itself,
// fetching DS and DNSKEY through the same upstreams. Upstreams are tried in RTT order; timeouts,
// network errors, SERVFAIL, REFUSED and non-recursive (referral) answers fail over to the next. When
// no upstream has more than a referral to give, the referral is the answer: NOERROR without data for
// the name, whose proof the validator judges (as Unbound's iterator takes a referral to an RD query:
// a CNAME target below an unsigned delegation, say, where the referral's opt-out NSEC3 and the DS
// walk to the target show the name lies in an unsigned zone — Insecure, RFC 5155 §9.2).
using System.Net;
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
    protected override bool ZonesFromSigners => true;

    /// <inheritdoc/>
    protected override async Task<NameOutcome> QueryNetworkAsync(DnsQuestion question, ResolutionContext context)
    {
        string lastFailure = "no upstream answered";
        (DnsMessage Scrubbed, IPEndPoint Upstream)? referral = null;
        for (int round = 1; round <= Options.ForwarderAttempts; round++)
        {
            if (referral is { } fallback)
            {
                // Every upstream that answered this round referred: asking them again will not make them recurse.
                return Accept(fallback.Scrubbed, new Classification(ResponseKind.NoData), question, zone: null, fallback.Upstream);
            }

            bool lastRound = round == Options.ForwarderAttempts;
            // An upstream speaks for every zone: one whose data failed validation is not asked in a re-fetch.
            foreach (IPEndPoint upstream in Servers.Order(Options.Forwarders.Where(f => !context.IsDead(f) && context.Distrust?.DistrustsAnywhere(f) != true), DnsName.Root))
            {
                if (!context.TryCountQuery(Options.MaxUpstreamQueries))
                {
                    return NameOutcome.Failure($"more than {Options.MaxUpstreamQueries} upstream queries");
                }

                Log.SendingQuery(Logger, upstream, DnsName.Root, question.Name, question.Type);
                TransportResult result = await SendAsync(upstream, question, forwarding: true).ConfigureAwait(false);
                if (!result.HasResponse)
                {
                    // A closed port will not open on a retry; a timeout may be the upstream still
                    // working on it, so it is asked again next round (but ordered after the others).
                    if (result.Status is TransportStatus.Timeout or TransportStatus.NetworkError)
                    {
                        Servers.RecordFailure(upstream);
                        if (result.Status == TransportStatus.NetworkError || lastRound)
                        {
                            context.MarkDead(upstream);
                        }
                    }

                    lastFailure = $"{upstream}: {result.Status}";
                    continue;
                }

                if (Answer(result, upstream, question, ref lastFailure, ref referral) is { } outcome)
                {
                    return outcome;
                }
            }
        }

        // RFC 8914 §4.23: no upstream could be reached or gave a usable answer.
        return referral is { } last
            ? Accept(last.Scrubbed, new Classification(ResponseKind.NoData), question, zone: null, last.Upstream)
            : NameOutcome.Failure(lastFailure, ExtendedErrorCode.NoReachableAuthority);
    }

    // The outcome of a response from an upstream, or null when it is unusable (lame, a referral: kept in `referral`).
    private NameOutcome? Answer(TransportResult result, IPEndPoint upstream, DnsQuestion question, ref string lastFailure, ref (DnsMessage, IPEndPoint)? referral)
    {
        Servers.RecordResponse(upstream, result.RoundTripTime);
        // An upstream may speak for the whole tree, but the answer must still be the question's chain.
        DnsMessage scrubbed = ResponseScrubber.Scrub(result.Response!, question, DnsName.Root, out _);
        Classification classification = ResponseClassifier.Classify(scrubbed, question, DnsName.Root, requireAuthoritative: false);
        if (classification.Kind == ResponseKind.Referral && scrubbed.ResponseCode == ResponseCode.NoError)
        {
            referral ??= (scrubbed, upstream);
        }

        if (classification.Kind is ResponseKind.Lame or ResponseKind.Referral)
        {
            lastFailure = $"{upstream}: {classification.Reason ?? "referral from a forwarder (not recursive)"}";
            Log.SkippingServer(Logger, upstream, DnsName.Root, lastFailure);
            return null;
        }

        return Accept(scrubbed, classification, question, zone: null, upstream);
    }
}

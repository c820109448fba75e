// IteratorBase.Forwarding: asking upstream resolvers instead of authorities — for every name in
// forwarding mode, and for the names of a configured ForwardZone when iterating. Upstreams are asked
// in RTT order for IterationOptions.ForwarderAttempts rounds; what one answers is scrubbed to the
// zone it speaks for and classified like an authority's answer, but without requiring AA.
using System.Net;
using Resolver.Protocol;
using Resolver.Transport;

namespace Resolver.Iteration;

internal abstract partial class IteratorBase
{
    /// <summary>
    /// Asks upstream resolvers (RD=1, DO=1, CD=1) for a name at or below <paramref name="zone"/>:
    /// in RTT order, <see cref="IterationOptions.ForwarderAttempts"/> rounds; timeouts, network
    /// errors, SERVFAIL, REFUSED and referrals fail over to the next upstream. Used for every name in
    /// forwarding mode and for the names of a <see cref="ForwardZone"/> when iterating.
    /// </summary>
    protected async Task<NameOutcome> ForwardAsync(IEnumerable<IPEndPoint> upstreams, DnsName zone, DnsQuestion question, ResolutionContext context, CancellationToken cancellationToken)
    {
        string lastFailure = "no upstream answered";
        (DnsMessage Scrubbed, IPEndPoint Upstream)? referral = null;
        // A round in which every upstream that answered referred ends the rounds: asking them again
        // will not make them recurse.
        for (int round = 1; round <= Options.ForwarderAttempts && referral is null; round++)
        {
            bool lastRound = round == Options.ForwarderAttempts;
            // An upstream speaks for every zone: one whose data failed validation is not asked in a re-fetch.
            foreach (IPEndPoint upstream in Servers.Order(upstreams.Where(f => !context.IsDead(f) && context.Distrust?.DistrustsAnywhere(f) != true), zone))
            {
                if (!context.TryCountQuery(Options.MaxUpstreamQueries))
                {
                    return NameOutcome.Failure($"more than {Options.MaxUpstreamQueries} upstream queries");
                }

                Log.SendingQuery(Logger, upstream, zone, question.Name, question.Type);
                TransportResult result = await SendAsync(upstream, question, forwarding: true, cancellationToken).ConfigureAwait(false);
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

                if (ForwardedAnswer(result, upstream, zone, question, ref lastFailure, ref referral) is { } outcome)
                {
                    return outcome;
                }
            }
        }

        // A referral is the answer for the validator to judge (as Unbound's iterator takes one to an RD
        // query); otherwise no upstream could be reached or gave a usable answer (RFC 8914 §4.23).
        return referral is { } last
            ? Accept(last.Scrubbed, new Classification(ResponseKind.NoData), question, zone: null, last.Upstream)
            : NameOutcome.Failure(lastFailure, ExtendedErrorCode.NoReachableAuthority);
    }

    // The outcome of a response from an upstream, or null when it is unusable (lame, a referral: kept in `referral`).
    private NameOutcome? ForwardedAnswer(TransportResult result, IPEndPoint upstream, DnsName zone, DnsQuestion question, ref string lastFailure, ref (DnsMessage, IPEndPoint)? referral)
    {
        Servers.RecordResponse(upstream, result.RoundTripTime);
        // An upstream speaks for its whole domain (the tree, for whole-resolver forwarding), but the
        // answer must still be the question's chain, and a forward zone's upstream is not trusted for
        // names outside it: those links of a chain are resolved on their own.
        DnsMessage scrubbed = ResponseScrubber.Scrub(result.Response!, question, zone, out _);
        Classification classification = ResponseClassifier.Classify(scrubbed, question, zone, requireAuthoritative: false);
        if (classification.Kind == ResponseKind.Referral && scrubbed.ResponseCode == ResponseCode.NoError)
        {
            referral ??= (scrubbed, upstream);
        }

        if (classification.Kind is ResponseKind.Lame or ResponseKind.Referral)
        {
            lastFailure = $"{upstream}: {classification.Reason ?? "referral from a forwarder (not recursive)"}";
            Log.SkippingServer(Logger, upstream, zone, lastFailure);
            return null;
        }

        return Accept(scrubbed, classification, question, zone: null, upstream);
    }
}

// ForwarderRounds: the ServerLoop policy for upstream resolvers — for every name in forwarding mode,
// and for the names of a configured ForwardZone when iterating. Upstreams are asked in RTT order for
// IterationOptions.ForwarderAttempts rounds, each round every upstream not yet dead (one that failed
// a question may answer it on a retry: it may have been still recursing); what one answers is
// scrubbed to the zone it speaks for and classified like an authority's answer, but without
// requiring AA. Timeouts, network errors, SERVFAIL, REFUSED and referrals fail over to the next.
using System.Net;
using Microsoft.Extensions.Logging;
using Resolver.Protocol;
using Resolver.Transport;

namespace Resolver.Iteration;

/// <summary>Asking upstream resolvers (RD=1, DO=1, CD=1) about a name at or below a zone.</summary>
internal sealed class ForwarderRounds(
    IEnumerable<IPEndPoint> upstreams, DnsName zone, DnsQuestion question, ResolutionContext context, int attempts, ServerSelector servers, ILogger logger)
    : ServerRounds(zone, question, context)
{
    private string _lastFailure = "no upstream answered";
    private (DnsMessage Scrubbed, IPEndPoint Upstream)? _referral;

    /// <inheritdoc/>
    public override bool Forwarding => true;

    /// <inheritdoc/>
    public override IEnumerable<IPEndPoint> Candidates(int round) =>
        // An upstream speaks for every zone: one whose data failed validation is not asked in a re-fetch.
        upstreams.Where(f => !Context.IsDead(f) && Context.Distrust?.DistrustsAnywhere(f) != true);

    /// <inheritdoc/>
    public override void NoResponse(IPEndPoint server, TransportResult result, int round, int lossesBefore)
    {
        // A closed port will not open on a retry; a timeout may be the upstream still working on
        // it, so it is asked again next round (but ordered after the others).
        if (result.Status is TransportStatus.Timeout or TransportStatus.NetworkError)
        {
            servers.RecordFailure(server, lossesBefore);
            if (result.Status == TransportStatus.NetworkError || round == attempts)
            {
                Context.MarkDead(server);
            }
        }

        _lastFailure = Failed(server, result);
    }

    /// <inheritdoc/>
    public override ZoneReply? Judge(IPEndPoint server, DnsMessage response)
    {
        // An upstream speaks for its whole domain (the tree, for whole-resolver forwarding), but the
        // answer must still be the question's chain, and a forward zone's upstream is not trusted for
        // names outside it: those links of a chain are resolved on their own.
        DnsMessage scrubbed = ResponseScrubber.Scrub(response, Question, Zone, out _);
        Classification classification = ResponseClassifier.Classify(scrubbed, Question, Zone, requireAuthoritative: false);
        if (classification.Kind == ResponseKind.Referral && scrubbed.ResponseCode == ResponseCode.NoError)
        {
            _referral ??= (scrubbed, server);
        }

        if (classification.Kind is ResponseKind.Lame or ResponseKind.Referral)
        {
            _lastFailure = $"{server}: {classification.Reason ?? "referral from a forwarder (not recursive)"}";
            Log.SkippingServer(logger, server, Zone, _lastFailure);
            return null;
        }

        return new ZoneReply(scrubbed, classification, server, null);
    }

    /// <inheritdoc/>
    // A round in which every upstream that answered referred ends the rounds: asking them again
    // will not make them recurse.
    public override bool AnotherRound(int round) => round < attempts && _referral is null;

    /// <inheritdoc/>
    // A referral is the answer for the validator to judge (as Unbound's iterator takes one to an RD
    // query); otherwise no upstream could be reached or gave a usable answer (RFC 8914 §4.23).
    public override ZoneReply Finish() => _referral is { } last
        ? new ZoneReply(last.Scrubbed, new Classification(ResponseKind.NoData), last.Upstream, null)
        : ZoneReply.Failed(_lastFailure, ExtendedErrorCode.NoReachableAuthority);
}

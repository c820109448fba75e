// ServerLoop: the one loop that asks a zone's servers (or a forward zone's upstreams) in turn until
// one gives a usable response, shared by iteration and forwarding. In each round the servers still
// worth asking are asked in RTT order (ServerSelector); every query is counted against the
// resolution's budget (IterationOptions.MaxUpstreamQueries); to an authority the query goes with
// a timeout that doubles per retransmission (RFC 6298 back-off, ServerSelector.Timeout: UDP loses
// packets, RFC 1035 §4.2.1) and again without EDNS to a server that answered FORMERR or NOTIMP (RFC
// 6891 §7). What a missing or unusable response means — which servers are dead, lame or worth a
// retransmission, when to look for more servers, when another round is worth it — is the mode's
// policy (ServerRounds): AuthorityRounds for a zone's servers, ForwarderRounds for upstreams.
using System.Net;
using Microsoft.Extensions.Logging;
using Resolver.Protocol;
using Resolver.Transport;

namespace Resolver.Iteration;

/// <summary>What asking one zone's servers came to: a response to take, or why there is none.</summary>
internal readonly record struct ZoneReply(DnsMessage? Response, Classification Classification, IPEndPoint? Server, string? Failure)
{
    public ExtendedErrorCode? FailureCode { get; init; }

    /// <summary>The response as received, before scrubbing (its out-of-bailiwick glue is a delegation's last resort).</summary>
    public DnsMessage? Received { get; init; }

    public static ZoneReply Failed(string reason, ExtendedErrorCode? code = null) => new(null, default, null, reason) { FailureCode = code };
}

/// <summary>One mode's policy for <see cref="ServerLoop"/>: one instance per zone asked, holding that attempt's state.</summary>
internal abstract class ServerRounds(DnsName zone, DnsQuestion question, ResolutionContext context)
{
    /// <summary>The zone whose servers are asked (the root for whole-resolver forwarding).</summary>
    public DnsName Zone { get; } = zone;

    /// <summary>The question asked.</summary>
    public DnsQuestion Question { get; } = question;

    /// <summary>The resolution's budget, dead servers and distrust.</summary>
    public ResolutionContext Context { get; } = context;

    /// <summary>True for upstream resolvers (RD=1, CD=1; their timeouts and EDNS are not adapted per server).</summary>
    public abstract bool Forwarding { get; }

    /// <summary>The servers to ask in <paramref name="round"/> (1-based), in any order.</summary>
    public abstract IEnumerable<IPEndPoint> Candidates(int round);

    /// <summary>How many queries to <paramref name="server"/> have timed out so far in these rounds.</summary>
    public virtual int TimeoutsOf(IPEndPoint server) => 0;

    /// <summary>A server gave no response (a timeout, a network error).</summary>
    /// <param name="server">The server.</param>
    /// <param name="result">Why there is no response.</param>
    /// <param name="round">The round (1-based).</param>
    /// <param name="lossesBefore">The server's losses in a row when the query was sent (<see cref="ServerSelector.LossesInARow"/>).</param>
    public abstract void NoResponse(IPEndPoint server, TransportResult result, int round, int lossesBefore);

    /// <summary>A server responded: the reply to end the loop with, or null to ask the next server.</summary>
    public abstract ZoneReply? Judge(IPEndPoint server, DnsMessage response);

    /// <summary>After every candidate of a round was asked: true when more servers were found, to be asked in the same round.</summary>
    public virtual Task<bool> FindMoreServersAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>True to ask again in round <paramref name="round"/> + 1.</summary>
    public abstract bool AnotherRound(int round);

    /// <summary>The reply when no server gave one.</summary>
    public abstract ZoneReply Finish();

    /// <summary>What a server's missing response was, for the resolution's error: the status, and the transport's reason when it gave one.</summary>
    // The server and why it failed, as an operator reads it: "192.0.2.1:53: timed out (no UDP
    // response within 2 s)", "…: connection refused", "…: malformed response (…)".
    protected static string Failed(IPEndPoint server, TransportResult result)
    {
        string? why = result.Error is { Length: > 0 } error ? error : null;
        return result.Status switch
        {
            TransportStatus.Timeout => why is null ? $"{server}: timed out" : $"{server}: timed out ({why})",
            TransportStatus.Malformed => why is null ? $"{server}: malformed response" : $"{server}: malformed response ({why})",
            _ => $"{server}: {why ?? "network error"}",
        };
    }

    /// <summary>The reply when the resolution's query budget is spent.</summary>
    public virtual ZoneReply BudgetSpent(string reason) => ZoneReply.Failed(reason);
}

/// <summary>Asks a zone's servers in rounds, under a <see cref="ServerRounds"/> policy.</summary>
internal sealed class ServerLoop(QuerySender sender, ServerSelector servers, IterationOptions options, TransportOptions transportOptions, ILogger logger)
{
    public async Task<ZoneReply> RunAsync(ServerRounds rounds, CancellationToken cancellationToken)
    {
        ResolutionContext context = rounds.Context;
        int round = 1;
        while (true)
        {
            foreach (IPEndPoint server in servers.Order(rounds.Candidates(round), rounds.Zone))
            {
                if (!context.TryCountQuery(options.MaxUpstreamQueries))
                {
                    return rounds.BudgetSpent($"more than {options.MaxUpstreamQueries} upstream queries");
                }

                Log.SendingQuery(logger, server, rounds.Zone, rounds.Question.Name, rounds.Question.Type);
                int lossesBefore = servers.LossesInARow(server);
                TransportResult result = rounds.Forwarding
                    ? await sender.SendAsync(server, rounds.Question, forwarding: true, cancellationToken).ConfigureAwait(false)
                    : await SendToAuthorityAsync(server, rounds, cancellationToken).ConfigureAwait(false);
                if (!result.HasResponse)
                {
                    rounds.NoResponse(server, result, round, lossesBefore);
                    continue;
                }

                servers.RecordResponse(server, result.RoundTripTime);
                if (rounds.Judge(server, result.Response!) is { } reply)
                {
                    return reply;
                }
            }

            if (await rounds.FindMoreServersAsync(cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            if (rounds.AnotherRound(round))
            {
                round++;
                continue;
            }

            return rounds.Finish();
        }
    }

    // An authority gets a timeout that doubles with its unanswered queries, every other retransmission
    // over TCP, and an EDNS-less retry.
    private async Task<TransportResult> SendToAuthorityAsync(IPEndPoint server, ServerRounds rounds, CancellationToken cancellationToken)
    {
        TimeSpan timeout = servers.Timeout(server, transportOptions.UdpTimeout);
        // A server that has not answered a UDP query is asked over TCP next (and then UDP and TCP by
        // turns): a large signed answer whose UDP fragments are dropped on the path never arrives over
        // UDP (RFC 8900 §2; RFC 9210 §3 has every server answer over TCP), and TCP retransmits lost
        // segments itself, so a lossy path costs one timeout, not several. The TCP exchange gets the
        // same time as the UDP one would have.
        int timeouts = rounds.TimeoutsOf(server);
        TransportOptions attempt = timeouts % 2 == 1
            ? transportOptions.OverTcp(timeout)
            : transportOptions.WithUdpTimeout(timeout);
        bool edns = !servers.RejectsEdns(server);
        TransportResult result = await sender.SendAsync(server, rounds.Question, forwarding: false, cancellationToken, attempt, edns).ConfigureAwait(false);
        if (edns && result.HasResponse && result.Response!.ResponseCode is ResponseCode.FormErr or ResponseCode.NotImp
            && rounds.Context.TryCountQuery(options.MaxUpstreamQueries))
        {
            // RFC 6891 §7: a server that does not understand OPT answers FORMERR (some NOTIMP);
            // the query is repeated to it without EDNS, and the server remembered as EDNS-less
            // (Unbound's serviced-query fallback, kept in its infra cache). Its answers carry no
            // signatures, so a signed zone's data from it cannot validate.
            servers.RecordNoEdns(server);
            Log.SendingQuery(logger, server, rounds.Zone, rounds.Question.Name, rounds.Question.Type);
            result = await sender.SendAsync(server, rounds.Question, forwarding: false, cancellationToken, attempt, edns: false).ConfigureAwait(false);
        }

        return result;
    }
}

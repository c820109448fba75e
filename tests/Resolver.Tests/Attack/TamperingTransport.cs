// TamperingTransport: an on-path attacker as an IDnsTransport decorator. It passes each query to the
// real network and rewrites the responses whose question the attacker has chosen with one
// TamperKind, as a proxy between the resolver and the servers would. It counts what it changed, so
// a test can tell "the validator saw the forgery" from "the forgery never applied".
using System.Net;
using Resolver.Protocol;
using Resolver.Testing.Attack;
using Resolver.Transport;

namespace Resolver.Tests.Attack;

internal sealed class TamperingTransport(IDnsTransport inner, TamperKind kind, Func<DnsQuestion, bool> targets) : IDnsTransport
{
    private int _tampered;

    /// <summary>How many responses were rewritten so far.</summary>
    public int Tampered => Volatile.Read(ref _tampered);

    public async Task<TransportResult> QueryAsync(IPEndPoint server, DnsMessage query, TransportOptions options, CancellationToken cancellationToken)
    {
        TransportResult result = await inner.QueryAsync(server, query, options, cancellationToken).ConfigureAwait(false);
        if (result.Response is not { Question: { } question } response || !targets(question))
        {
            return result;
        }

        if (Tampering.ReplayQuestion(question, kind) is { } other)
        {
            // A signed response for another question, sent back under this question (as a proxy that
            // caches and replays the zone's genuine answers can).
            DnsMessage otherQuery = DnsMessage.CreateQuery(0, other.Name, other.Type, query.RecursionDesired);
            TransportResult replayed = await inner.QueryAsync(server, otherQuery, options, cancellationToken).ConfigureAwait(false);
            if (replayed.Response is not { } replayedResponse)
            {
                return result;
            }

            DnsMessage forged = DnsMessage.Parse(replayedResponse.ToWire());
            forged.Questions.Clear();
            forged.Questions.Add(question);
            Interlocked.Increment(ref _tampered);
            return TransportResult.FromResponse(result.Server, forged, replayed.OverTcp, replayed.RoundTripTime);
        }

        // A copy, so the rewrite never reaches anything else that holds the parsed response.
        DnsMessage copy = DnsMessage.Parse(response.ToWire());
        if (!Tampering.Apply(copy, kind))
        {
            return result;
        }

        Interlocked.Increment(ref _tampered);
        return TransportResult.FromResponse(result.Server, copy, result.OverTcp, result.RoundTripTime);
    }
}

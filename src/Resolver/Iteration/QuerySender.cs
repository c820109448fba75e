// QuerySender: builds and sends the iterator's upstream queries — RD=0 to authorities, RD=1 and CD=1
// to forwarders (RFC 4035 §3.2.2: we validate ourselves), DO=1 with the configured EDNS payload size
// (RFC 6891), or no OPT record at all for a server known to reject EDNS (§7) — and shares a query
// with identical ones to the same server in flight. A shared query is cancelled when every
// resolution waiting for it has been, or when the iterator is disposed.
using System.Net;
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Transport;

namespace Resolver.Iteration;

/// <summary>Sends upstream queries, coalescing identical ones in flight.</summary>
internal sealed class QuerySender(IDnsTransport transport, IterationOptions options, TransportOptions defaults, CancellationToken lifetime)
{
    private readonly InFlightRequests<(IPEndPoint Server, DnsQuestion Question, bool Edns, bool Tcp), TransportResult> _queries = new(lifetime: lifetime);

    /// <summary>
    /// Sends one query, sharing it with identical queries to the same server in flight. Without
    /// <paramref name="edns"/> the query carries no OPT record (and so no DO bit): the RFC 6891 §7
    /// fallback for a server that answered an EDNS query with FORMERR.
    /// </summary>
    public Task<TransportResult> SendAsync(
        IPEndPoint server, DnsQuestion question, bool forwarding, CancellationToken cancellationToken, TransportOptions? transportOptions = null, bool edns = true)
    {
        TransportOptions attempt = transportOptions ?? defaults;
        return _queries.RunAsync((server, question, edns, attempt.TcpOnly), (key, token) =>
        {
            DnsMessage query = DnsMessage.CreateQuery(0, key.Question.Name, key.Question.Type, recursionDesired: forwarding, dnssecOk: key.Edns);
            query.Questions[0] = key.Question;
            // Forwarding: CD=1 so the upstream hands over data even when its own validation fails; we
            // validate ourselves (RFC 4035 §3.2.2, PITFALLS "Insecure zones and forwarding").
            query.CheckingDisabled = forwarding;
            if (!key.Edns)
            {
                query.Edns = null;
            }
            else
            {
                query.Edns!.UdpPayloadSize = options.UdpPayloadSize;
            }

            return transport.QueryAsync(key.Server, query, attempt, token);
        }, cancellationToken);
    }
}

// IDnsTransport: the seam between resolution logic and the network. The iterator and forwarder talk
// only to this interface, so tests, replay harnesses and decorators (logging, metrics, fault
// injection) replace or wrap the network without touching the layers above.
using System.Net;
using Resolver.Protocol;

namespace Resolver.Transport;

/// <summary>Sends one DNS query to one server and returns what came of it.</summary>
public interface IDnsTransport
{
    /// <summary>
    /// Sends <paramref name="query"/> to <paramref name="server"/>. The transport gives the query a
    /// fresh random ID (the ID in <paramref name="query"/> is ignored) and accepts only a response that
    /// matches the server's address and port, that ID and the question.
    /// </summary>
    /// <param name="server">The server's address and port.</param>
    /// <param name="query">The query; it must hold exactly one question. It is not modified.</param>
    /// <param name="options">Timeouts and TCP fallback.</param>
    /// <param name="cancellationToken">Cancels the query; the task is then cancelled.</param>
    /// <returns>A response, or the reason there is none. Network failures are results, not exceptions.</returns>
    Task<TransportResult> QueryAsync(IPEndPoint server, DnsMessage query, TransportOptions options, CancellationToken cancellationToken);
}

// TransportResult: what one query over the network came to — a response, or exactly why there is
// none (timeout, network error, malformed response). Callers such as the iterator treat each kind
// differently (a timeout marks a server dead; a malformed answer only skips it), so the kinds are a
// value, not exceptions.
using System.Net;
using Resolver.Protocol;

namespace Resolver.Transport;

/// <summary>How a query over the network ended.</summary>
public enum TransportStatus
{
    /// <summary>A matching response arrived; <see cref="TransportResult.Response"/> holds it.</summary>
    Response,

    /// <summary>No matching response within the timeout.</summary>
    Timeout,

    /// <summary>The network refused or failed (ICMP unreachable, connection refused or reset, no route).</summary>
    NetworkError,

    /// <summary>The server's response could not be parsed, or a TCP response did not match the query.</summary>
    Malformed,
}

/// <summary>The outcome of one query sent by an <see cref="IDnsTransport"/>.</summary>
public sealed class TransportResult
{
    private TransportResult(TransportStatus status, IPEndPoint server, DnsMessage? response, bool overTcp, TimeSpan roundTrip, string? error)
    {
        Status = status;
        Server = server;
        Response = response;
        OverTcp = overTcp;
        RoundTripTime = roundTrip;
        Error = error;
    }

    /// <summary>How the query ended.</summary>
    public TransportStatus Status { get; }

    /// <summary>The server the query was sent to.</summary>
    public IPEndPoint Server { get; }

    /// <summary>The response when <see cref="Status"/> is <see cref="TransportStatus.Response"/>, else null.</summary>
    public DnsMessage? Response { get; }

    /// <summary>True when the final exchange used TCP (after truncation, or TCP-only).</summary>
    public bool OverTcp { get; }

    /// <summary>Time from the first send to the end of the exchange (including a TCP retry).</summary>
    public TimeSpan RoundTripTime { get; }

    /// <summary>What went wrong, for logs, when there is no response.</summary>
    public string? Error { get; }

    /// <summary>True when a response arrived.</summary>
    public bool HasResponse => Status == TransportStatus.Response;

    /// <summary>A result holding a response.</summary>
    public static TransportResult FromResponse(IPEndPoint server, DnsMessage response, bool overTcp, TimeSpan roundTrip)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(response);
        return new(TransportStatus.Response, server, response, overTcp, roundTrip, null);
    }

    /// <summary>A result without a response.</summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> is <see cref="TransportStatus.Response"/>.</exception>
    public static TransportResult Failure(TransportStatus status, IPEndPoint server, bool overTcp, TimeSpan roundTrip, string error)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (status == TransportStatus.Response)
        {
            throw new ArgumentException("A failure needs a failure status.", nameof(status));
        }

        return new(status, server, null, overTcp, roundTrip, error);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        HasResponse ? $"{Server}: {DnsMessage.FormatRcode(Response!.ResponseCode)}{(OverTcp ? " (tcp)" : string.Empty)}" : $"{Server}: {Status} ({Error})";
}

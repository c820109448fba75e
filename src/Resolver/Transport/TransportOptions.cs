// TransportOptions: the per-query knobs of the network layer — how long to wait for a UDP answer,
// how long a TCP exchange may take, and whether a truncated UDP answer is retried over TCP. Every
// value has a documented default and range, declared once in TransportLimits and checked by Validate.
namespace Resolver.Transport;

/// <summary>Timeouts and fallback behaviour of one query sent by an <see cref="IDnsTransport"/>.</summary>
public sealed class TransportOptions
{
    /// <summary>
    /// How long to wait for a matching UDP response. Default 1.5 s; range 10 ms – 60 s. Responses that
    /// do not match (address, port, ID, question) are ignored and do not extend the wait.
    /// </summary>
    public TimeSpan UdpTimeout { get; set; } = TransportLimits.UdpTimeout.Default;

    /// <summary>How long a TCP connect may take. Default 2 s; range 10 ms – 60 s.</summary>
    public TimeSpan TcpConnectTimeout { get; set; } = TransportLimits.TcpConnectTimeout.Default;

    /// <summary>How long sending the query and reading the whole TCP response may take once connected. Default 3 s; range 10 ms – 60 s.</summary>
    public TimeSpan TcpReadTimeout { get; set; } = TransportLimits.TcpReadTimeout.Default;

    /// <summary>Retry over TCP when a UDP response has TC=1 (RFC 7766 §5). Default true.</summary>
    public bool RetryTruncatedOverTcp { get; set; } = true;

    /// <summary>Send every query over TCP only (no UDP attempt). Default false.</summary>
    public bool TcpOnly { get; set; }

    /// <summary>
    /// How long an unused TCP or TLS connection to a server stays open for the next query (RFC 7766
    /// §6.2.3). Read when a transport is created. Default 10 s; range 0 – 10 min (<see cref="TransportLimits.TcpIdleTimeout"/>).
    /// </summary>
    public TimeSpan TcpIdleTimeout { get; set; } = TransportLimits.TcpIdleTimeout.Default;

    /// <summary>
    /// Queries one TCP or TLS connection carries before a new one is opened. Read when a transport is
    /// created. Default 200; range 1 – 65,535 (<see cref="TransportLimits.MaxQueriesPerTcpConnection"/>).
    /// </summary>
    public int MaxQueriesPerTcpConnection { get; set; } = TransportLimits.MaxQueriesPerTcpConnection.Default;

    /// <summary>These options for one exchange over TCP only, connect and read each bounded by <paramref name="timeout"/>.</summary>
    internal TransportOptions OverTcp(TimeSpan timeout)
    {
        TransportOptions copy = Copy();
        copy.TcpConnectTimeout = timeout;
        copy.TcpReadTimeout = timeout;
        copy.TcpOnly = true;
        return copy;
    }

    /// <summary>These options with another UDP timeout (this instance when it is the same).</summary>
    internal TransportOptions WithUdpTimeout(TimeSpan udpTimeout)
    {
        if (udpTimeout == UdpTimeout)
        {
            return this;
        }

        TransportOptions copy = Copy();
        copy.UdpTimeout = udpTimeout;
        return copy;
    }

    // Every setting copied (a setting added later cannot be forgotten in one of the variants above).
    private TransportOptions Copy() => (TransportOptions)MemberwiseClone();

    /// <summary>The options used when none are given.</summary>
    public static TransportOptions Default { get; } = new();

    /// <summary>Checks every value against its documented range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public void Validate()
    {
        TransportLimits.UdpTimeout.Validate(UdpTimeout);
        TransportLimits.TcpConnectTimeout.Validate(TcpConnectTimeout);
        TransportLimits.TcpReadTimeout.Validate(TcpReadTimeout);
        TransportLimits.TcpIdleTimeout.Validate(TcpIdleTimeout);
        TransportLimits.MaxQueriesPerTcpConnection.Validate(MaxQueriesPerTcpConnection);
    }
}

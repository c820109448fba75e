// TransportOptions: the per-query knobs of the network layer — how long to wait for a UDP answer,
// how long a TCP exchange may take, and whether a truncated UDP answer is retried over TCP. Every
// value has a documented default and range, checked by Validate.
namespace Resolver.Transport;

/// <summary>Timeouts and fallback behaviour of one query sent by an <see cref="IDnsTransport"/>.</summary>
public sealed class TransportOptions
{
    /// <summary>The smallest accepted timeout.</summary>
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>The largest accepted timeout.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long to wait for a matching UDP response. Default 1.5 s; range 10 ms – 60 s. Responses that
    /// do not match (address, port, ID, question) are ignored and do not extend the wait.
    /// </summary>
    public TimeSpan UdpTimeout { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>How long a TCP connect may take. Default 2 s; range 10 ms – 60 s.</summary>
    public TimeSpan TcpConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long sending the query and reading the whole TCP response may take once connected. Default 3 s; range 10 ms – 60 s.</summary>
    public TimeSpan TcpReadTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Retry over TCP when a UDP response has TC=1 (RFC 7766 §5). Default true.</summary>
    public bool RetryTruncatedOverTcp { get; set; } = true;

    /// <summary>Send every query over TCP only (no UDP attempt). Default false.</summary>
    public bool TcpOnly { get; set; }

    /// <summary>These options with another UDP timeout (this instance when it is the same).</summary>
    internal TransportOptions WithUdpTimeout(TimeSpan udpTimeout) => udpTimeout == UdpTimeout
        ? this
        : new TransportOptions
        {
            UdpTimeout = udpTimeout,
            TcpConnectTimeout = TcpConnectTimeout,
            TcpReadTimeout = TcpReadTimeout,
            RetryTruncatedOverTcp = RetryTruncatedOverTcp,
            TcpOnly = TcpOnly,
        };

    /// <summary>The options used when none are given.</summary>
    public static TransportOptions Default { get; } = new();

    /// <summary>Checks every value against its documented range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public void Validate()
    {
        CheckTimeout(UdpTimeout, nameof(UdpTimeout));
        CheckTimeout(TcpConnectTimeout, nameof(TcpConnectTimeout));
        CheckTimeout(TcpReadTimeout, nameof(TcpReadTimeout));
    }

    private static void CheckTimeout(TimeSpan value, string name)
    {
        if (value < MinTimeout || value > MaxTimeout)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {MinTimeout} and {MaxTimeout}.");
        }
    }
}

// TransportLimits: the one declaration of each transport timeout's default and range, read by
// TransportOptions (initial values and Validate) and by the console's --timeout.
using Resolver.Protocol;

namespace Resolver.Transport;

/// <summary>Defaults and ranges of <see cref="TransportOptions"/>.</summary>
public static class TransportLimits
{
    /// <summary>How long to wait for a matching UDP response. Default 1.5 s; range 10 ms – 60 s.</summary>
    public static OptionLimit<TimeSpan> UdpTimeout { get; } = Timeout(nameof(TransportOptions.UdpTimeout), TimeSpan.FromMilliseconds(1500));

    /// <summary>How long a TCP connect may take. Default 2 s; range 10 ms – 60 s.</summary>
    public static OptionLimit<TimeSpan> TcpConnectTimeout { get; } = Timeout(nameof(TransportOptions.TcpConnectTimeout), TimeSpan.FromSeconds(2));

    /// <summary>How long a TCP exchange may take once connected. Default 3 s; range 10 ms – 60 s.</summary>
    public static OptionLimit<TimeSpan> TcpReadTimeout { get; } = Timeout(nameof(TransportOptions.TcpReadTimeout), TimeSpan.FromSeconds(3));

    /// <summary>
    /// How long an unused TCP (or TLS) connection to a server stays open for the next query. Default 10 s
    /// (servers close theirs after 10–30 s; Unbound's tcp-reuse-timeout is 60 s); range 0 (close when
    /// idle at the next sweep) – 10 min.
    /// </summary>
    public static OptionLimit<TimeSpan> TcpIdleTimeout { get; } =
        new(nameof(TransportOptions.TcpIdleTimeout), TimeSpan.FromSeconds(10), TimeSpan.Zero, TimeSpan.FromMinutes(10));

    /// <summary>Queries one TCP (or TLS) connection carries before a new one is opened. Default 200 (Unbound's max-reuse-tcp-queries); range 1 – 65,535.</summary>
    public static OptionLimit<int> MaxQueriesPerTcpConnection { get; } =
        new(nameof(TransportOptions.MaxQueriesPerTcpConnection), 200, 1, 65_535);

    // Every transport timeout shares one range: below 10 ms not even loopback answers reliably;
    // above a minute a resolution would outlive any caller's patience.
    private static OptionLimit<TimeSpan> Timeout(string name, TimeSpan defaultValue) =>
        new(name, defaultValue, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));
}

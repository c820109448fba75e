// TcpLimits: how serve shares its TCP slots, so that clients that open connections and then send
// nothing, or a byte every few seconds (slowloris), cannot lock out honest clients. Each default and
// range is declared once, in ServeLimits; ServeCommand maps its flags onto it.
//   - a total number of connections and a number per client address (one source cannot take them all);
//   - a deadline for a whole message once its first byte has arrived (a slow sender is cut off however
//     often it sends a byte; the idle timer is not restarted per byte);
//   - an idle timeout between messages (RFC 7766 §6.2.3: a few seconds), shortened while more than half
//     of the slots are taken (as Unbound shrinks tcp-idle-timeout under load), and never longer than an
//     edns-tcp-keepalive offer would allow (RFC 7828).
namespace Resolver.Cli.Serve;

internal sealed record TcpLimits
{
    /// <summary>Connections open at once. Default 128; range 1 – 10,000.</summary>
    public int MaxConnections { get; init; } = ServeLimits.MaxConnections.Default;

    /// <summary>Connections open at once from one client address. Default 16; range 1 – <see cref="MaxConnections"/>.</summary>
    public int MaxConnectionsPerClient { get; init; } = ServeLimits.MaxConnectionsPerClient.Default;

    /// <summary>Time between messages before the server closes the connection. Default 10 s; range 100 ms – 5 min.</summary>
    public TimeSpan IdleTimeout { get; init; } = ServeLimits.IdleTimeout.Default;

    /// <summary>Idle timeout while more than half of the connections are in use. Default 1 s; range 100 ms – <see cref="IdleTimeout"/>.</summary>
    public TimeSpan BusyIdleTimeout { get; init; } = ServeLimits.BusyIdleTimeout.Default;

    /// <summary>Time for a whole message (length prefix and body) once its first byte has arrived. Default 2 s; range 100 ms – 1 min.</summary>
    public TimeSpan MessageDeadline { get; init; } = ServeLimits.MessageDeadline.Default;

    /// <summary>Checks every value against its range (declared in <see cref="ServeLimits"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public void Validate()
    {
        ServeLimits.MaxConnections.Validate(MaxConnections);
        ServeLimits.MaxConnectionsPerClient.Validate(MaxConnectionsPerClient, MaxConnections, nameof(MaxConnections));
        ServeLimits.IdleTimeout.Validate(IdleTimeout);
        ServeLimits.BusyIdleTimeout.Validate(BusyIdleTimeout, IdleTimeout, nameof(IdleTimeout));
        ServeLimits.MessageDeadline.Validate(MessageDeadline);
    }
}

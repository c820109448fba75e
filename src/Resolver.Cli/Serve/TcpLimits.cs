// TcpLimits: how serve shares its TCP slots, so that clients that open connections and then send
// nothing, or a byte every few seconds (slowloris), cannot lock out honest clients. Declared once,
// each with its default and range; ServeCommand maps its flags onto it.
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
    public int MaxConnections { get; init; } = 128;

    /// <summary>Connections open at once from one client address. Default 16; range 1 – <see cref="MaxConnections"/>.</summary>
    public int MaxConnectionsPerClient { get; init; } = 16;

    /// <summary>Time between messages before the server closes the connection. Default 10 s; range 100 ms – 5 min.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Idle timeout while more than half of the connections are in use. Default 1 s; range 100 ms – <see cref="IdleTimeout"/>.</summary>
    public TimeSpan BusyIdleTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time for a whole message (length prefix and body) once its first byte has arrived. Default 2 s; range 100 ms – 1 min.</summary>
    public TimeSpan MessageDeadline { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Checks every value against its range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxConnections, 10_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnectionsPerClient, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxConnectionsPerClient, MaxConnections);
        InRange(IdleTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), nameof(IdleTimeout));
        InRange(BusyIdleTimeout, TimeSpan.FromMilliseconds(100), IdleTimeout, nameof(BusyIdleTimeout));
        InRange(MessageDeadline, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), nameof(MessageDeadline));
    }

    private static void InRange(TimeSpan value, TimeSpan min, TimeSpan max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }
    }
}

// ServeLimits: the one declaration of each `serve` setting's default and range — the answer cache,
// the UDP receive loops and the TCP slot sharing (TcpLimits) — read by TcpLimits, by ServeCommand's
// checks and by its help text, so no number is written twice.
using Resolver.Protocol;

namespace Resolver.Cli.Serve;

internal static class ServeLimits
{
    /// <summary>Serialized answers repeated without resolving; 0 turns the cache off.</summary>
    public static OptionLimit<int> AnswerCache { get; } = new("--answer-cache", 10_000, 0, 1_000_000);

    /// <summary>
    /// UDP receive loops on the socket: one per processor by default (capped at the range's top, so a
    /// machine with more processors starts rather than failing its own default).
    /// </summary>
    public static OptionLimit<int> ReceiveLoops { get; } = new("--receive-loops", Math.Clamp(Environment.ProcessorCount, 1, 64), 1, 64);

    /// <summary>TCP connections open at once.</summary>
    public static OptionLimit<int> MaxConnections { get; } = new(nameof(TcpLimits.MaxConnections), 128, 1, 10_000);

    /// <summary>TCP connections open at once from one client address (and at most <see cref="TcpLimits.MaxConnections"/>).</summary>
    public static OptionLimit<int> MaxConnectionsPerClient { get; } = new(nameof(TcpLimits.MaxConnectionsPerClient), 16, 1, 10_000);

    /// <summary>Time between TCP messages before the connection is closed (RFC 7766 §6.2.3).</summary>
    public static OptionLimit<TimeSpan> IdleTimeout { get; } = new(nameof(TcpLimits.IdleTimeout), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));

    /// <summary>The idle timeout while more than half of the slots are taken (and at most <see cref="TcpLimits.IdleTimeout"/>).</summary>
    public static OptionLimit<TimeSpan> BusyIdleTimeout { get; } = new(nameof(TcpLimits.BusyIdleTimeout), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));

    /// <summary>Time for a whole TCP message once its first byte has arrived.</summary>
    public static OptionLimit<TimeSpan> MessageDeadline { get; } = new(nameof(TcpLimits.MessageDeadline), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
}

// DnssecConnectLimits: the one declaration of the connect callback's limits — the Happy Eyeballs
// connection attempt delay (RFC 8305 §5: 250 ms recommended, never below 10 ms, at most 2 s).
using Resolver.Protocol;

namespace Resolver.Http;

/// <summary>Defaults and ranges of <see cref="DnssecConnectOptions"/>.</summary>
public static class DnssecConnectLimits
{
    /// <summary>How long a connection attempt runs before the next address is tried too. Default 250 ms; range 10 ms – 2 s (RFC 8305 §5).</summary>
    public static OptionLimit<TimeSpan> ConnectionAttemptDelay { get; } =
        new(nameof(DnssecConnectOptions.ConnectionAttemptDelay), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(2));
}

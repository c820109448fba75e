// DnssecConnectOptions: what the validating HttpClient connect callback refuses and how it connects —
// Insecure addresses (optionally), DANE for https origins, the Happy Eyeballs delay, the clock.
using Resolver.Dane;

namespace Resolver.Http;

/// <summary>Options of <see cref="DnssecHttp.ConnectCallback"/>.</summary>
public sealed class DnssecConnectOptions
{
    /// <summary>
    /// Refuse addresses whose answer is not Secure (Insecure or Indeterminate), not only Bogus ones.
    /// Default false: Bogus answers are always refused; unsigned names still connect.
    /// </summary>
    public bool RequireSecureAddresses { get; set; }

    /// <summary>
    /// DANE for https origins: <see cref="DaneMode.PkixOnly"/> (default; the handler's own TLS),
    /// <see cref="DaneMode.DaneOrPkix"/>, <see cref="DaneMode.DaneRequired"/> or
    /// <see cref="DaneMode.DaneOpportunistic"/>. In the DANE modes the callback does the TLS handshake
    /// itself (offering HTTP/1.1, and HTTP/2 for HTTP/2 requests), so the handler's
    /// <c>SslOptions</c> (client certificates, its certificate callback) do not apply.
    /// </summary>
    public DaneMode HttpsDane { get; set; } = DaneMode.PkixOnly;

    /// <summary>
    /// RFC 8305 §5 Connection Attempt Delay: how long one attempt runs before the next address is
    /// tried in parallel. Default 250 ms; range 10 ms – 2 s (<see cref="DnssecConnectLimits.ConnectionAttemptDelay"/>).
    /// </summary>
    public TimeSpan ConnectionAttemptDelay { get; set; } = DnssecConnectLimits.ConnectionAttemptDelay.Default;

    /// <summary>The clock for attempt delays and certificate validity; null for the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Throws when a value is out of its range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        DnssecConnectLimits.ConnectionAttemptDelay.Validate(ConnectionAttemptDelay);
        if (!Enum.IsDefined(HttpsDane))
        {
            throw new ArgumentOutOfRangeException(nameof(HttpsDane), HttpsDane, "Unknown DANE mode.");
        }
    }
}

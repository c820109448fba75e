// DnssecHttpClientBuilderExtensions: `AddHttpClient(...).UseDnssecResolver(...)` — the named or typed
// client's primary handler becomes a SocketsHttpHandler whose connections go through the registered
// IDnsResolver (DnssecHttp.ConnectCallback: Bogus refused, Happy Eyeballs, DANE for https when asked).
using Resolver;
using Resolver.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>HttpClientFactory integration of the validating resolver.</summary>
public static class DnssecHttpClientBuilderExtensions
{
    /// <summary>
    /// Makes the client resolve and connect through the registered <see cref="IDnsResolver"/> (see
    /// <c>AddDnssecResolver</c>) with <see cref="DnssecHttp.ConnectCallback"/>; <paramref name="configure"/>
    /// sets what is refused and whether https origins need DANE. The clock is the registered
    /// <see cref="TimeProvider"/> when there is one and the options name none.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (when the handler is built).</exception>
    public static IHttpClientBuilder UseDnssecResolver(this IHttpClientBuilder builder, Action<DnssecConnectOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigurePrimaryHttpMessageHandler(services =>
        {
            var options = new DnssecConnectOptions();
            configure?.Invoke(options);
            options.TimeProvider ??= services.GetService<TimeProvider>();
            return DnssecHttp.CreateHandler(services.GetRequiredService<IDnsResolver>(), options);
        });
    }
}

// DnssecResolverServiceCollectionExtensions: services.AddDnssecResolver(options => …) — registers one
// shared DnsResolver as IDnsResolver (TryAdd*, so an application's own registrations win), taking
// TimeProvider, ILoggerFactory and IMeterFactory from the container when present.
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Resolver;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the DNSSEC-validating resolver.</summary>
public static class DnssecResolverServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="DnsResolver"/>, exposed as <see cref="IDnsResolver"/>, configured by
    /// <paramref name="configure"/>. Existing registrations are kept.
    /// </summary>
    public static IServiceCollection AddDnssecResolver(this IServiceCollection services, Action<ResolverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DnsResolver(
            sp.GetRequiredService<IOptions<ResolverOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(),
            transport: null,
            sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<IDnsResolver>(sp => sp.GetRequiredService<DnsResolver>());
        return services;
    }
}

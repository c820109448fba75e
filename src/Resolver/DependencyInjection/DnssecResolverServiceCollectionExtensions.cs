// DnssecResolverServiceCollectionExtensions: services.AddDnssecResolver(options => …) — registers one
// shared DnsResolver as IDnsResolver (TryAdd*, so an application's own registrations win), taking
// TimeProvider, ILoggerFactory, IMeterFactory and the network (IDnsTransport) from the container.
// The default network is a DnsTransport registered under its own type too, so an application can
// replace IDnsTransport or decorate the default (STYLE §12: behaviour is extended by decorating
// IDnsTransport — logging, metrics, fault injection — as domain's SendRequest layers are).
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Resolver;
using Resolver.DependencyInjection;
using Resolver.Transport;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the DNSSEC-validating resolver.</summary>
public static class DnssecResolverServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="DnsResolver"/>, exposed as <see cref="IDnsResolver"/>, configured by
    /// <paramref name="configure"/>. Existing registrations are kept. The resolver sends its queries
    /// through the container's <see cref="IDnsTransport"/>: by default the singleton
    /// <see cref="DnsTransport"/> (UDP and TCP sockets), which is also registered as itself so that an
    /// application can register its own <see cref="IDnsTransport"/> wrapping it (a decorator), or one
    /// that replaces it.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads",
        Justification = "The configuration overload is the shape every Microsoft.Extensions Add*(IConfiguration) has; code-based changes go through Configure<ResolverOptions>.")]
    public static IServiceCollection AddDnssecResolver(this IServiceCollection services, Action<ResolverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DnsTransport(
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<DnsTransport>(),
            sp.GetRequiredService<IOptions<ResolverOptions>>().Value.Transport));
        services.TryAddSingleton<IDnsTransport>(sp => sp.GetRequiredService<DnsTransport>());
        services.TryAddSingleton(sp => new DnsResolver(
            sp.GetRequiredService<IOptions<ResolverOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetRequiredService<IDnsTransport>(),
            sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<IDnsResolver>(sp => sp.GetRequiredService<DnsResolver>());
        return services;
    }

    /// <summary>
    /// Adds the resolver as <see cref="AddDnssecResolver(IServiceCollection, Action{ResolverOptions}?)"/> does, configured from
    /// <paramref name="configuration"/> (e.g. <c>configuration.GetSection("Dnssec")</c>: RootHintsFile, TrustAnchorFiles,
    /// TrustAnchors, Forwarders, StubZones, ForwardZones, and the limits under Iteration, Transport, Cache and Validation;
    /// see <see cref="ResolverConfiguration"/>); <c>services.Configure&lt;ResolverOptions&gt;(…)</c> afterwards adjusts them in code. The options are validated when the
    /// host starts (ValidateOnStart): an unknown key, a bad or out-of-range value or an unreadable file fails start-up
    /// with an <see cref="OptionsValidationException"/> whose messages name each key.
    /// </summary>
    public static IServiceCollection AddDnssecResolver(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ResolverOptions>()
            .Configure(options => ResolverConfiguration.Apply(configuration, options))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ResolverOptions>>(new ResolverOptionsValidator(configuration));
        return services.AddDnssecResolver();
    }
}

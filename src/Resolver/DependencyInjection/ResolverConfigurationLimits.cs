// ResolverConfigurationLimits: the configuration keys of the limits and switches, one line per
// setting under Iteration:, Transport:, Cache: and Validation: — each key is the options property's
// name and each range the OptionLimit that property declares, so nothing here restates a default
// or a range. An unknown key under a section is reported, as a misspelt limit would otherwise be
// silently ignored.
using Microsoft.Extensions.Configuration;
using Resolver.Transport;

namespace Resolver.DependencyInjection;

internal static class ResolverConfigurationLimits
{
    public static void Read(IConfiguration configuration, ResolverOptions options, ConfigurationValues values)
    {
        IConfigurationSection iteration = configuration.GetSection("Iteration");
        IterationOptions i = options.Iteration;
        Known(iteration, values, IterationKeys);
        values.Int(iteration, IterationLimits.ServerPort, v => i.ServerPort = v);
        values.Int(iteration, IterationLimits.MaxAliasChain, v => i.MaxAliasChain = v);
        values.Int(iteration, IterationLimits.MaxReferrals, v => i.MaxReferrals = v);
        values.Int(iteration, IterationLimits.MaxUpstreamQueries, v => i.MaxUpstreamQueries = v);
        values.Int(iteration, IterationLimits.ForwarderAttempts, v => i.ForwarderAttempts = v);
        values.Int(iteration, IterationLimits.MaxNameServerLookups, v => i.MaxNameServerLookups = v);
        values.Int(iteration, IterationLimits.MaxLookupDepth, v => i.MaxLookupDepth = v);
        values.Int(iteration, IterationLimits.MaxAttemptsPerServer, v => i.MaxAttemptsPerServer = v);
        values.Int(iteration, IterationLimits.MaxMinimiseCount, v => i.MaxMinimiseCount = v);
        values.Int(iteration, IterationLimits.MinimiseOneLabel, v => i.MinimiseOneLabel = v);
        values.UShort(iteration, IterationLimits.UdpPayloadSize, v => i.UdpPayloadSize = v);
        values.Time(iteration, IterationLimits.DeadServerBackoff, v => i.DeadServerBackoff = v);
        values.Time(iteration, IterationLimits.UnknownServerTimeout, v => i.UnknownServerTimeout = v);
        values.Time(iteration, IterationLimits.LameServerTtl, v => i.LameServerTtl = v);
        values.Bool(iteration, nameof(IterationOptions.UseIPv6), v => i.UseIPv6 = v);
        values.Bool(iteration, nameof(IterationOptions.QnameMinimisation), v => i.QnameMinimisation = v);

        IConfigurationSection transport = configuration.GetSection("Transport");
        TransportOptions t = options.Transport;
        Known(transport, values, TransportKeys);
        values.Time(transport, TransportLimits.UdpTimeout, v => t.UdpTimeout = v);
        values.Time(transport, TransportLimits.TcpConnectTimeout, v => t.TcpConnectTimeout = v);
        values.Time(transport, TransportLimits.TcpReadTimeout, v => t.TcpReadTimeout = v);
        values.Time(transport, TransportLimits.TcpIdleTimeout, v => t.TcpIdleTimeout = v);
        values.Int(transport, TransportLimits.MaxQueriesPerTcpConnection, v => t.MaxQueriesPerTcpConnection = v);
        values.Bool(transport, nameof(TransportOptions.RetryTruncatedOverTcp), v => t.RetryTruncatedOverTcp = v);
        values.Bool(transport, nameof(TransportOptions.TcpOnly), v => t.TcpOnly = v);

        IConfigurationSection cache = configuration.GetSection("Cache");
        DnsCacheOptions c = options.Cache;
        Known(cache, values, CacheKeys);
        values.Long(cache, DnsCacheLimits.SizeLimit, v => c.SizeLimit = v);
        values.Time(cache, DnsCacheLimits.MaxTtl, v => c.MaxTtl = v);
        values.Time(cache, DnsCacheLimits.MinTtl, v => c.MinTtl = v);
        values.Time(cache, DnsCacheLimits.MinNegativeTtl, v => c.MinNegativeTtl = v);
        values.Time(cache, DnsCacheLimits.MaxNegativeTtl, v => c.MaxNegativeTtl = v);
        values.Int(cache, DnsCacheLimits.MaxDenialRecords, v => c.MaxDenialRecords = v);
        values.Int(cache, DnsCacheLimits.AggressiveNsecMaxIterations, v => c.AggressiveNsecMaxIterations = v);
        values.Time(cache, DnsCacheLimits.MaxStale, v => c.MaxStale = v);
        values.Time(cache, DnsCacheLimits.StaleAnswerTtl, v => c.StaleAnswerTtl = v);
        values.Time(cache, DnsCacheLimits.StaleRefreshInterval, v => c.StaleRefreshInterval = v);
        values.Time(cache, DnsCacheLimits.StaleClientTimeout, v => c.StaleClientTimeout = v);
        values.Bool(cache, nameof(DnsCacheOptions.AggressiveNsec), v => c.AggressiveNsec = v);
        values.Bool(cache, nameof(DnsCacheOptions.ServeStale), v => c.ServeStale = v);
        values.Bool(cache, nameof(DnsCacheOptions.Prefetch), v => c.Prefetch = v);

        IConfigurationSection validation = configuration.GetSection("Validation");
        ValidatorOptions a = options.Validation;
        Known(validation, values, ValidationKeys);
        values.Int(validation, ValidatorLimits.MaxSignatureValidations, v => a.MaxSignatureValidations = v);
        values.Int(validation, ValidatorLimits.MaxNsec3Hashes, v => a.MaxNsec3Hashes = v);
        values.Int(validation, ValidatorLimits.MaxKeyImports, v => a.MaxKeyImports = v);
        values.Int(validation, ValidatorLimits.MaxKeysPerSignature, v => a.MaxKeysPerSignature = v);
        values.Int(validation, ValidatorLimits.Nsec3InsecureIterations, v => a.Nsec3InsecureIterations = v);
        values.Int(validation, ValidatorLimits.Nsec3BogusIterations, v => a.Nsec3BogusIterations = v);
        values.Int(validation, ValidatorLimits.KeyCacheCapacity, v => a.KeyCacheCapacity = v);
        values.Int(validation, ValidatorLimits.MaxRestarts, v => a.MaxRestarts = v);
        values.Time(validation, ValidatorLimits.ClockSkew, v => a.ClockSkew = v);
        values.Time(validation, ValidatorLimits.BogusTtl, v => a.BogusTtl = v);
        values.Bool(validation, nameof(ValidatorOptions.RootKeySentinel), v => a.RootKeySentinel = v);
        values.Bool(validation, nameof(ValidatorOptions.HardenAlgorithmDowngrade), v => a.HardenAlgorithmDowngrade = v);
    }

    private static readonly string[] IterationKeys =
    [
        IterationLimits.ServerPort.Name, IterationLimits.MaxAliasChain.Name, IterationLimits.MaxReferrals.Name,
        IterationLimits.MaxUpstreamQueries.Name, IterationLimits.ForwarderAttempts.Name, IterationLimits.MaxNameServerLookups.Name,
        IterationLimits.MaxLookupDepth.Name, IterationLimits.MaxAttemptsPerServer.Name, IterationLimits.MaxMinimiseCount.Name,
        IterationLimits.MinimiseOneLabel.Name, IterationLimits.UdpPayloadSize.Name, IterationLimits.DeadServerBackoff.Name,
        IterationLimits.UnknownServerTimeout.Name, IterationLimits.LameServerTtl.Name,
        nameof(IterationOptions.UseIPv6), nameof(IterationOptions.QnameMinimisation),
    ];

    private static readonly string[] TransportKeys =
    [
        TransportLimits.UdpTimeout.Name, TransportLimits.TcpConnectTimeout.Name, TransportLimits.TcpReadTimeout.Name,
        TransportLimits.TcpIdleTimeout.Name, TransportLimits.MaxQueriesPerTcpConnection.Name,
        nameof(TransportOptions.RetryTruncatedOverTcp), nameof(TransportOptions.TcpOnly),
    ];

    private static readonly string[] CacheKeys =
    [
        DnsCacheLimits.SizeLimit.Name, DnsCacheLimits.MaxTtl.Name, DnsCacheLimits.MinTtl.Name, DnsCacheLimits.MinNegativeTtl.Name,
        DnsCacheLimits.MaxNegativeTtl.Name, DnsCacheLimits.MaxDenialRecords.Name, DnsCacheLimits.AggressiveNsecMaxIterations.Name,
        DnsCacheLimits.MaxStale.Name, DnsCacheLimits.StaleAnswerTtl.Name, DnsCacheLimits.StaleRefreshInterval.Name,
        DnsCacheLimits.StaleClientTimeout.Name,
        nameof(DnsCacheOptions.AggressiveNsec), nameof(DnsCacheOptions.ServeStale), nameof(DnsCacheOptions.Prefetch),
    ];

    private static readonly string[] ValidationKeys =
    [
        ValidatorLimits.MaxSignatureValidations.Name, ValidatorLimits.MaxNsec3Hashes.Name, ValidatorLimits.MaxKeyImports.Name,
        ValidatorLimits.MaxKeysPerSignature.Name, ValidatorLimits.Nsec3InsecureIterations.Name, ValidatorLimits.Nsec3BogusIterations.Name,
        ValidatorLimits.KeyCacheCapacity.Name, ValidatorLimits.MaxRestarts.Name, ValidatorLimits.ClockSkew.Name, ValidatorLimits.BogusTtl.Name,
        nameof(ValidatorOptions.RootKeySentinel), nameof(ValidatorOptions.HardenAlgorithmDowngrade),
    ];

    private static void Known(IConfigurationSection section, ConfigurationValues values, string[] keys)
    {
        foreach (IConfigurationSection child in section.GetChildren())
        {
            if (!keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                values.Problems.Add($"{child.Path}: not a {section.Key} setting (known: {string.Join(", ", keys)}).");
            }
        }
    }
}

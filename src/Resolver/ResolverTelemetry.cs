// ResolverTelemetry: the System.Diagnostics.Metrics instruments of one resolver — resolutions by
// outcome, their duration, cache hits, resolutions in flight, cache size, upstream queries and
// signature validations — and the ActivitySource whose spans wrap each resolution, each upstream
// query (UpstreamTelemetry) and each chain-of-trust step (ChainWalker). Names follow the OpenTelemetry
// semantic-convention style: dotted lowercase, units in UCUM ("s", "{query}"), attributes namespaced
// (cf. http.client.request.duration, http.server.active_requests). The meter and the activity source
// carry the assembly's version; the meter comes from IMeterFactory when DI provides one.
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Resolver;

internal sealed class ResolverTelemetry : IDisposable
{
    /// <summary>The name of the meter and the activity source.</summary>
    public const string Name = DnsResolver.TelemetryName;

    /// <summary>Attribute: how a resolution ended (secure, insecure, bogus, indeterminate, failed).</summary>
    public const string OutcomeTag = "dns.resolver.outcome";

    /// <summary>Attribute: true when the resolution asked no upstream server.</summary>
    public const string CacheHitTag = "dns.resolver.cache_hit";

    /// <summary>Attribute: udp, tcp, tls or https.</summary>
    public const string TransportTag = "dns.resolver.transport";

    /// <summary>The version the meter and activity source carry: the assembly's informational version.</summary>
    public static readonly string Version =
        typeof(ResolverTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ??
        typeof(ResolverTelemetry).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    // Stateless and thread-safe; one per process is the documented pattern for ActivitySource.
    public static readonly ActivitySource ActivitySource = new(Name, Version);

    private static readonly KeyValuePair<string, object?> s_hit = new(CacheHitTag, true);
    private static readonly KeyValuePair<string, object?> s_miss = new(CacheHitTag, false);

    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    /// <param name="meterFactory">DI's factory; a private meter when null.</param>
    /// <param name="cacheSize">Reads the cache's entry count (for the observable gauge).</param>
    public ResolverTelemetry(IMeterFactory? meterFactory, Func<int> cacheSize)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(new MeterOptions(Name) { Version = Version }) ?? new Meter(Name, Version);
        Resolutions = _meter.CreateCounter<long>("dns.resolver.resolutions", "{resolution}",
            "Resolutions by outcome (secure, insecure, bogus, indeterminate, failed).");
        Duration = _meter.CreateHistogram<double>("dns.resolver.duration", "s",
            "How long resolutions took, by outcome and cache hit.",
            advice: new InstrumentAdvice<double>
            {
                // Warm answers take microseconds, cold ones up to the resolution deadline.
                HistogramBucketBoundaries = [0.000_01, 0.000_1, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
            });
        CacheHits = _meter.CreateCounter<long>("dns.resolver.cache.hits", "{resolution}",
            "Resolutions answered without any upstream query.");
        ActiveResolutions = _meter.CreateUpDownCounter<long>("dns.resolver.active_resolutions", "{resolution}",
            "Resolutions in flight (started, not yet answered).");
        _meter.CreateObservableGauge("dns.resolver.cache.size", cacheSize, "{entry}",
            "Entries in the resolver's record cache (live and not yet collected).");
        UpstreamQueries = _meter.CreateCounter<long>("dns.resolver.upstream.queries", "{query}",
            "Queries sent to other servers, by transport (each counted once, however many resolutions shared it).");
        SignatureValidations = _meter.CreateCounter<long>("dns.resolver.signature.validations", "{validation}",
            "Cryptographic signature verifications.");
    }

    public Counter<long> Resolutions { get; }

    public Histogram<double> Duration { get; }

    public Counter<long> CacheHits { get; }

    public UpDownCounter<long> ActiveResolutions { get; }

    public Counter<long> UpstreamQueries { get; }

    public Counter<long> SignatureValidations { get; }

    /// <summary>The outcome attribute's value for <paramref name="result"/>.</summary>
    public static string Outcome(ResolveResult result) => result.IsResolutionFailure ? "failed" : result.Status switch
    {
        SecurityStatus.Secure => "secure",
        SecurityStatus.Insecure => "insecure",
        SecurityStatus.Bogus => "bogus",
        _ => "indeterminate",
    };

    /// <summary>
    /// Records one finished resolution. Upstream queries are not counted here: a resolution that
    /// joined another's work reports that work's queries, which were sent once (UpstreamTelemetry
    /// counts them as they are sent).
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="startTimestamp">The resolver clock's timestamp when it started; null when the duration was not measured.</param>
    /// <param name="time">The resolver's clock.</param>
    public void Record(ResolveResult result, long? startTimestamp, TimeProvider time)
    {
        var outcome = new KeyValuePair<string, object?>(OutcomeTag, Outcome(result));
        Resolutions.Add(1, outcome);
        bool hit = result.Work.UpstreamQueries == 0 && !result.IsResolutionFailure;
        if (hit)
        {
            CacheHits.Add(1);
        }

        if (startTimestamp is { } start)
        {
            Duration.Record(time.GetElapsedTime(start).TotalSeconds, outcome, hit ? s_hit : s_miss);
        }

        if (result.Work.SignatureValidations > 0)
        {
            SignatureValidations.Add(result.Work.SignatureValidations);
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}

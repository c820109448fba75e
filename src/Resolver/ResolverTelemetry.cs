// ResolverTelemetry: the System.Diagnostics.Metrics counters (resolutions by outcome, cache hits,
// upstream queries, signature validations) and the ActivitySource whose span wraps each resolution.
// Instrument names follow OpenTelemetry conventions; the meter comes from IMeterFactory when DI
// provides one.
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Resolver;

internal sealed class ResolverTelemetry : IDisposable
{
    /// <summary>The name of the meter and the activity source.</summary>
    public const string Name = "Resolver";

    // Stateless and thread-safe; one per process is the documented pattern for ActivitySource.
    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public ResolverTelemetry(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        Resolutions = _meter.CreateCounter<long>("dns.resolver.resolutions", "{resolution}",
            "Resolutions by outcome (secure, insecure, bogus, indeterminate, failed).");
        CacheHits = _meter.CreateCounter<long>("dns.resolver.cache.hits", "{resolution}",
            "Resolutions answered without any upstream query.");
        UpstreamQueries = _meter.CreateCounter<long>("dns.resolver.upstream.queries", "{query}",
            "Queries sent to other servers.");
        SignatureValidations = _meter.CreateCounter<long>("dns.resolver.signature.validations", "{validation}",
            "Cryptographic signature verifications.");
    }

    public Counter<long> Resolutions { get; }

    public Counter<long> CacheHits { get; }

    public Counter<long> UpstreamQueries { get; }

    public Counter<long> SignatureValidations { get; }

    public void Record(ResolveResult result)
    {
        string outcome = result.IsResolutionFailure ? "failed" : result.Status.ToString().ToLowerInvariant();
        Resolutions.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (result.Work.UpstreamQueries == 0 && !result.IsResolutionFailure)
        {
            CacheHits.Add(1);
        }

        UpstreamQueries.Add(result.Work.UpstreamQueries);
        SignatureValidations.Add(result.Work.SignatureValidations);
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}

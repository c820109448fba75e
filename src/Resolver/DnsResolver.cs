// DnsResolver: the public resolver. Wires the layers (transport → iterator or forwarder → cache →
// validator) and runs one resolution: question → (serve-stale and prefetch glue,
// DnsResolver.Background.cs) → iterator → validator (Validation/Validator.cs, which owns every
// verdict and what follows from it) → ResolveResult, reported with a log line, metrics and a trace
// span. It never touches a cache entry itself.
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Transport;
using Resolver.Validation;

namespace Resolver;

/// <summary>
/// A validating DNS resolver: resolves from the root (or through forwarders) and validates every
/// answer with DNSSEC. Thread-safe; create one and share it. Dispose it to release its caches.
/// </summary>
public sealed partial class DnsResolver : IDnsResolver, IDisposable
{
    /// <summary>
    /// The name of the resolver's <see cref="System.Diagnostics.Metrics.Meter"/> and
    /// <see cref="ActivitySource"/>: subscribe to it (OpenTelemetry <c>AddMeter</c>, <c>AddSource</c>)
    /// to receive its metrics (<c>dns.resolver.*</c>) and spans (<c>dns.resolve</c>,
    /// <c>dns.upstream.query</c>, <c>dns.dnssec.chain_step</c>).
    /// </summary>
    public const string TelemetryName = "Resolver";

    private readonly ResolverOptions _options;
    private readonly TimeProvider _time;
    private readonly DnsCache _cache;

    // The RRset cache, for tests and the memory-bound benchmark (its charged size against the heap).
    internal DnsCache Cache => _cache;
    private readonly IteratorBase _iterator;
    private readonly Validator _validator;
    private readonly ResolverTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly DnsTransport? _ownedTransport;
    private readonly UpstreamRouter? _router;
    private int _disposed;

    /// <summary>Creates a resolver.</summary>
    /// <param name="options">Configuration; validated here.</param>
    /// <param name="timeProvider">The clock (TTLs, signature validity); <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="transport">The network; UDP/TCP sockets when null. Replace it to test or replay.</param>
    /// <param name="meterFactory">Metrics; a private meter when null.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public DnsResolver(
        ResolverOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        IDnsTransport? transport = null,
        IMeterFactory? meterFactory = null)
    {
        _options = options ?? new ResolverOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<DnsResolver>();
        if (transport is null)
        {
            // Created here, so closed here (its pooled TCP connections); a caller's transport is the caller's.
            _ownedTransport = new DnsTransport(_time, loggerFactory.CreateLogger<DnsTransport>(), _options.Transport);
            transport = _ownedTransport;
        }

        // Forwarders configured as DNS-over-TLS or DNS-over-HTTPS upstreams are reached that way.
        transport = UpstreamRouter.For(transport, _options, _time, loggerFactory);
        _router = transport as UpstreamRouter;

        _cache = new DnsCache(_options.Cache, _time);
        DnsCache cache = _cache;
        _telemetry = new ResolverTelemetry(meterFactory, () => cache.Count);
        // Below the iterator's coalescing: each query really sent is counted and traced once.
        transport = new UpstreamTelemetry(transport, _telemetry, _options);
        _iterator = _options.Iteration.Forwarders.Count > 0
            ? new ForwardingIterator(transport, _cache, _options.Iteration, _options.Transport, loggerFactory.CreateLogger<ForwardingIterator>())
            : new RecursiveIterator(
                transport, _cache, _options.Iteration, _options.Transport, loggerFactory.CreateLogger<RecursiveIterator>(), new DelegationProofs(_cache, _options.Validation));
        _validator = new Validator(_iterator, _cache, _options.Validation, _options.Cache.MaxTtl, _time, _logger);
    }

    /// <inheritdoc/>
    public Task<ResolveResult> ResolveAsync(DnsName name, RrType type, CancellationToken cancellationToken) =>
        ResolveAsync(name, type, ResolveBehavior.Default, cancellationToken);

    /// <inheritdoc/>
    public Task<ResolveResult> ResolveAsync(DnsName name, RrType type, ResolveBehavior behavior, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        // The warm fast path: a result the validator still holds exactly as it would give it again
        // (Validator.Recall), handed back without assembling it — unless a trace is being recorded.
        long? start = _telemetry.Duration.Enabled ? _time.GetTimestamp() : null;
        if (behavior == ResolveBehavior.Default && !cancellationToken.IsCancellationRequested && !ResolverTelemetry.ActivitySource.HasListeners() &&
            _validator.TryRecall(name, type, _time.GetUtcNow(), _options.Cache.Prefetch) is { } recalled)
        {
            Report(name, type, recalled.Result, start);
            return recalled;
        }

        return ResolveCoreAsync(name, type, behavior, start, cancellationToken);
    }

    private async Task<ResolveResult> ResolveCoreAsync(DnsName name, RrType type, ResolveBehavior behavior, long? start, CancellationToken cancellationToken)
    {
        _telemetry.ActiveResolutions.Add(1);
        try
        {
            return await ResolveTracedAsync(name, type, behavior, start, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _telemetry.ActiveResolutions.Add(-1);
        }
    }

    private async Task<ResolveResult> ResolveTracedAsync(DnsName name, RrType type, ResolveBehavior behavior, long? start, CancellationToken cancellationToken)
    {
        var question = new DnsQuestion(name, type);
        using Activity? activity = ResolverTelemetry.ActivitySource.StartActivity("dns.resolve");
        activity?.SetTag("dns.question.name", name.ToString());
        activity?.SetTag("dns.question.type", Protocol.Text.RrTypeText.Format(type));

        // RFC 8767 §5: within the failure recheck timer after the authorities failed, stale data is
        // answered at once (and refreshed in the background when the timer has run out).
        ResolveResult? result = _options.Cache.ServeStale ? StaleAfterRecentFailure(question) : null;
        if (result is null && _options.Cache.ServeStale && HasExpiredData(question))
        {
            // RFC 8767 §5 client response timer: slow authorities get StaleClientTimeout, then the
            // stale answer is given and the resolution goes on (under the resolver's lifetime) to
            // refresh the cache.
            result = await StaleOnTimeoutAsync(question, behavior, cancellationToken).ConfigureAwait(false);
        }

        if (result is null)
        {
            IterationResult iteration = await _iterator.ResolveAsync(question, cancellationToken).ConfigureAwait(false);
            result = await _validator.CompleteAsync(question, iteration, behavior, cancellationToken).ConfigureAwait(false);
            if (result.IsResolutionFailure && _options.Cache.ServeStale && StaleAfterFailure(question, result) is { } stale)
            {
                result = stale;
            }
            else if (_options.Cache.Prefetch && iteration.UpstreamQueries == 0 && !result.IsResolutionFailure)
            {
                PrefetchIfDue(iteration);
            }
        }

        activity?.SetTag(ResolverTelemetry.OutcomeTag, ResolverTelemetry.Outcome(result));
        activity?.SetTag("dns.response_code", DnsMessage.FormatRcode(result.ResponseCode));
        if (result.IsResolutionFailure)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.ResolutionError);
        }

        Report(name, type, result, start);
        return result;
    }

    // Metrics and the resolution's one log entry: Information only for a failure or a Bogus answer
    // (what an operator must look at), Debug for everything else.
    private void Report(DnsName name, RrType type, ResolveResult result, long? start)
    {
        _telemetry.Record(result, start, _time);
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;   // nothing is logged: no reason text is built (the warm path is ~50 ns)
        }

        if (result.IsResolutionFailure)
        {
            Log.ResolutionFailed(_logger, name, type, result.ResolutionError ?? DnsMessage.FormatRcode(result.ResponseCode));
        }
        else if (result.Status == SecurityStatus.Bogus)
        {
            Log.BogusAnswer(_logger, name, type, result.DataWithheld ? "withheld" : "given: checking disabled", result.Reason?.ToString() ?? "bogus");
        }
        else if (_logger.IsEnabled(LogLevel.Debug))
        {
            string rcode = DnsMessage.FormatRcode(result.ResponseCode);
            if (result.Reason is { } reason)
            {
                Log.ResolvedWithReason(_logger, name, type, rcode, reason.ToString());
            }
            else
            {
                Log.Resolved(_logger, name, type, rcode, result.Status);
            }
        }
    }

    /// <summary>Forgets cached answers and key entries (for tests and operators after a zone repair).</summary>
    public void ClearCache()
    {
        _cache.Clear();
        _validator.ClearKeys();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // Idempotent (IDisposable contract): a container that registers the resolver both as itself
        // and as IDnsResolver disposes the same instance twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _background.Cancel();
        _iterator.Dispose();
        _cache.Dispose();
        _validator.Dispose();
        _telemetry.Dispose();
        _background.Dispose();
        _ownedTransport?.Dispose();
        _router?.Dispose();
    }
}

// Validator: the one owner of every verdict between the iterator and the public result. For an
// iteration result it reuses the verdicts its cache entries still carry (each RRset of an alias
// chain and the denial on their own, as Unbound's rrset_update_sec_status; Validator.Verdicts.cs),
// validates the rest (ResponseValidator, ChainWalker), recovers from Bogus data by asking other
// servers (BogusRecovery: the same policy and loop as the chain walk's DS and DNSKEY re-fetches),
// decides how long Bogus data and keys are kept (BogusLifetime; Validator.Cache.cs), feeds and prunes
// the RFC 8198 aggressive-NSEC index, says why signatures are missing from a server that cannot be
// asked with EDNS, applies the root key sentinel (RFC 8509) and maps the outcome to a ResolveResult
// (ResultMapping). DnsResolver only hands it the question and the iteration result.
using Microsoft.Extensions.Logging;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;

namespace Resolver.Validation;

internal sealed partial class Validator : IKnownVerdicts, IDisposable
{
    private readonly IDnsIterator _iterator;
    private readonly DnsCache _cache;
    private readonly ValidatorOptions _options;
    private readonly TimeSpan _maxCacheTtl;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly KeyEntryCache _keyEntries;
    private readonly PublicKeyCache _publicKeys;
    private readonly ResponseValidator _responses;
    private readonly BogusLifetime _bogus;
    private readonly TrustAnchorManager? _managedAnchors;

    public Validator(IDnsIterator iterator, DnsCache cache, ValidatorOptions options, TimeSpan maxCacheTtl, TimeProvider time, ILogger logger)
    {
        _iterator = iterator;
        _cache = cache;
        _options = options;
        _maxCacheTtl = maxCacheTtl;
        _time = time;
        _logger = logger;
        _bogus = new BogusLifetime(options.BogusTtl);
        _keyEntries = new KeyEntryCache(time, options.KeyCacheCapacity, options.BogusTtl, maxCacheTtl);
        _publicKeys = new PublicKeyCache();
        // RFC 5011: with automated updates on, the anchors come from (and are kept in) the state file;
        // an unreadable file throws TrustAnchorStateException here, at start-up.
        _managedAnchors = options.AutomatedTrustAnchorUpdates || options.TrustAnchorStateFile is not null
            ? TrustAnchorManager.Create(options.TrustAnchors, options.TrustAnchorStateFile, new(options.TrustAnchorAddHoldDown, options.TrustAnchorRemoveHoldDown), time.GetUtcNow())
            : null;
        _responses = new ResponseValidator(new ChainWalker(iterator, options, _keyEntries, _publicKeys, _managedAnchors));
    }

    /// <summary>Validates an iteration's answer (asking other servers for a Bogus one), records the verdict and gives the result.</summary>
    public async Task<ResolveResult> CompleteAsync(DnsQuestion question, IterationResult iteration, ResolveBehavior behavior, CancellationToken cancellationToken)
    {
        var budget = WorkBudget.For(_options);
        var context = _responses.Begin(_time.GetUtcNow(), budget, _options.MaxRestarts);
        budget.AddUpstreamQueries(iteration.UpstreamQueries);
        ValidationOutcome outcome;
        int attempt = 0;
        while (true)
        {
            outcome = await JudgeAsync(iteration, context, cancellationToken).ConfigureAwait(false);
            Remember(iteration, outcome, context.Now);
            // Secure, Insecure, unresolved — or Bogus keys, for which the chain walker has already
            // asked the zone's other servers (and which stay Bogus for BogusTtl) — end here. Bogus
            // data: the server that gave it is distrusted for its zone and the others are asked,
            // within the resolution's restart allowance; with no other server, or nothing better
            // from them, the verdict on this answer stands.
            if (outcome.DataFailed && context.HasRestartsLeft)
            {
                Log.RetryingBogus(_logger, question.Name, question.Type, attempt + 1, outcome.Failure?.ToString() ?? "bogus");
                Forget(iteration);
            }

            if (await context.RetryAsync(iteration, outcome.DataFailed, cancellationToken).ConfigureAwait(false) is not { } again)
            {
                break;
            }

            attempt++;
            iteration = again;
        }

        outcome = ExplainMissingSignatures(outcome, iteration);
        if (outcome.Status == SecurityStatus.Bogus)
        {
            ForgetKeyData(outcome);
            KeepBogusBriefly(iteration, outcome, context.Now);
        }
        else if (outcome.IsResolutionFailure)
        {
            Unmark(iteration);
        }

        if (_options.RootKeySentinel)
        {
            outcome = RootKeySentinel.Apply(question.Name, question.Type, outcome, context.TrustAnchors, context.Now);
        }

        bool checkingDisabled = (behavior & ResolveBehavior.CheckingDisabled) != 0;
        ResolveResult result = ResultMapping.ToResult(question, iteration, outcome, budget.Snapshot(), checkingDisabled, _time.GetUtcNow());
        RememberDenials(iteration, outcome);
        KeepForRecall(question, iteration, result, checkingDisabled);
        return result;
    }

    /// <summary>Forgets every key entry (the RRset cache is the resolver's to clear).</summary>
    public void ClearKeys() => _keyEntries.Clear();

    public void Dispose() => _publicKeys.Dispose();

    // A warm answer whose every part still carries a verdict is not validated again: the RRSIGs were
    // checked when the data entered the cache. Otherwise the parts without one are validated. An
    // Indeterminate answer is always judged afresh (no signature is checked for it): the verdict on a
    // question no trust anchor covers is about the question's name, not about the data's.
    private async ValueTask<ValidationOutcome> JudgeAsync(IterationResult iteration, ValidationContext context, CancellationToken cancellationToken)
    {
        if (Known(iteration, context.Now) is { Status: not SecurityStatus.Indeterminate } known)
        {
            return known;
        }

        return await _responses.ValidateAsync(iteration, context, this, cancellationToken).ConfigureAwait(false);
    }

    // Issue 14 item 6: signatures are missing because the server cannot be asked for them.
    private ValidationOutcome ExplainMissingSignatures(ValidationOutcome outcome, IterationResult iteration)
    {
        if (outcome is not { Status: SecurityStatus.Bogus, Failure: { Kind: ValidationFailureKind.MissingSignatures } missing } ||
            iteration.Server is not { } source || !_iterator.AnswersOnlyWithoutEdns(source))
        {
            return outcome;
        }

        return outcome with
        {
            Failure = new ValidationFailure(missing.Kind, missing.Zone,
                $"{missing.Detail}; {source} answers only queries without EDNS (RFC 6891 §7), so it sends no DNSSEC records",
                missing.KeyTag, missing.Algorithm),
        };
    }
}

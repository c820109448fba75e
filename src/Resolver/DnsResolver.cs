// DnsResolver: the public resolver. Wires the layers (transport → iterator or forwarder → cache →
// validator), runs one resolution end to end — iterate, validate, ask other servers for a Bogus
// answer a bounded number of times (distrusting the server that gave it), clamp TTLs, withhold
// Bogus data — and reports the verdict, the reason, the chain and the work, with a log line,
// metrics and a trace span.
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Transport;
using Resolver.Validation;

namespace Resolver;

/// <summary>
/// A validating DNS resolver: resolves from the root (or through forwarders) and validates every
/// answer with DNSSEC. Thread-safe; create one and share it. Dispose it to release its caches.
/// </summary>
public sealed partial class DnsResolver : IDnsResolver, IDisposable
{
    private readonly ResolverOptions _options;
    private readonly TimeProvider _time;
    private readonly DnsCache _cache;
    private readonly IteratorBase _iterator;
    private readonly KeyEntryCache _keyEntries;
    private readonly PublicKeyCache _publicKeys;
    private readonly ResponseValidator _validator;
    private readonly ResolverTelemetry _telemetry;
    private readonly ILogger _logger;
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
        transport ??= new DnsTransport(_time, loggerFactory.CreateLogger<DnsTransport>());
        _cache = new DnsCache(_options.Cache, _time);
        _iterator = _options.Iteration.Forwarders.Count > 0
            ? new ForwardingIterator(transport, _cache, _options.Iteration, _options.Transport, loggerFactory.CreateLogger<ForwardingIterator>())
            : new RecursiveIterator(
                transport, _cache, _options.Iteration, _options.Transport, loggerFactory.CreateLogger<RecursiveIterator>(), new DelegationProofs(_cache, _options.Validation));
        ValidatorOptions validation = _options.Validation;
        _keyEntries = new KeyEntryCache(_time, validation.KeyCacheCapacity, validation.BogusTtl, _options.Cache.MaxTtl);
        _publicKeys = new PublicKeyCache();
        _validator = new ResponseValidator(new ChainWalker(_iterator, validation, _keyEntries, _publicKeys));
        _telemetry = new ResolverTelemetry(meterFactory);
    }

    /// <inheritdoc/>
    public Task<ResolveResult> ResolveAsync(DnsName name, RrType type, CancellationToken cancellationToken) =>
        ResolveAsync(name, type, ResolveBehavior.Default, cancellationToken);

    /// <inheritdoc/>
    public async Task<ResolveResult> ResolveAsync(DnsName name, RrType type, ResolveBehavior behavior, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
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
            result = await CompleteAsync(question, iteration, behavior, cancellationToken).ConfigureAwait(false);
            if (result.IsResolutionFailure && _options.Cache.ServeStale && StaleAfterFailure(question, result) is { } stale)
            {
                result = stale;
            }
            else if (_options.Cache.Prefetch && iteration.UpstreamQueries == 0 && !result.IsResolutionFailure)
            {
                PrefetchIfDue(iteration);
            }
        }

        _telemetry.Record(result);
        activity?.SetTag("dns.dnssec.status", result.IsResolutionFailure ? "failed" : result.Status.ToString().ToLowerInvariant());
        if (result.IsResolutionFailure)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.ResolutionError);
        }

        Log.Resolved(_logger, name, type, result.ResponseCode, result.Status, result.Reason?.ToString() ?? result.ResolutionError ?? string.Empty);
        return result;
    }

    // Validates an iteration's answer (asking other servers for a Bogus one), and caches the verdict.
    private async Task<ResolveResult> CompleteAsync(DnsQuestion question, IterationResult iteration, ResolveBehavior behavior, CancellationToken cancellationToken)
    {
        var budget = WorkBudget.For(_options.Validation);
        var scope = new ValidationScope(_time.GetUtcNow(), budget, _options.Validation.MaxRestarts);
        budget.AddUpstreamQueries(iteration.UpstreamQueries);
        ValidationOutcome outcome;
        int attempt = 0;
        while (true)
        {
            if (ReuseVerdict(iteration, scope.Now) is { } known)
            {
                outcome = known;
                break;
            }

            outcome = await _validator.ValidateAsync(iteration, scope, cancellationToken).ConfigureAwait(false);
            RememberVerdict(iteration, outcome, scope.Now);
            if (!outcome.DataFailed || !scope.HasRestartsLeft)
            {
                // Secure, Insecure, unresolved — or Bogus keys, for which the chain walker has
                // already asked the zone's other servers (and which stay Bogus for BogusTtl).
                break;
            }

            // Recovery: the server that gave this answer is distrusted for its zone and the others
            // are asked, within the resolution's restart allowance (cf. Unbound val-max-restart).
            // With no other server, or nothing better from them, the verdict on this answer stands.
            Log.RetryingBogus(_logger, question.Name, question.Type, attempt + 1, outcome.Failure?.ToString() ?? "bogus");
            Forget(iteration);
            if (await scope.RefetchAsync(_iterator, iteration, cancellationToken).ConfigureAwait(false) is not { } again)
            {
                break;
            }

            attempt++;
            iteration = again;
        }

        if (outcome is { Status: SecurityStatus.Bogus, Failure: { Kind: ValidationFailureKind.MissingSignatures } missing } &&
            iteration.Server is { } source && _iterator.AnswersOnlyWithoutEdns(source))
        {
            // Issue 14 item 6: the signatures are missing because the server cannot be asked for them.
            outcome = outcome with
            {
                Failure = new ValidationFailure(missing.Kind, missing.Zone,
                    $"{missing.Detail}; {source} answers only queries without EDNS (RFC 6891 §7), so it sends no DNSSEC records",
                    missing.KeyTag, missing.Algorithm),
            };
        }

        if (outcome.Status == SecurityStatus.Bogus)
        {
            ForgetKeyData(outcome);
            KeepBogusBriefly(iteration);
        }

        if (_options.Validation.RootKeySentinel)
        {
            outcome = RootKeySentinel.Apply(question.Name, question.Type, outcome, _options.Validation.TrustAnchors, scope.Now);
        }

        ResolveResult result = Build(question, iteration, outcome, budget, behavior);
        MarkCache(iteration, result.Status);
        RememberDenials(iteration, outcome);
        return result;
    }

    /// <summary>Forgets cached answers and key entries (for tests and operators after a zone repair).</summary>
    public void ClearCache()
    {
        _cache.Clear();
        _keyEntries.Clear();
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
        _publicKeys.Dispose();
        _telemetry.Dispose();
        _background.Dispose();
    }

    private ResolveResult Build(DnsQuestion question, IterationResult iteration, ValidationOutcome outcome, WorkBudget budget, ResolveBehavior behavior)
    {
        if (iteration.Status == IterationStatus.ServerFailure || outcome.Unresolved is not null)
        {
            return new ResolveResult
            {
                Question = question,
                Status = SecurityStatus.Unchecked,
                ResponseCode = ResponseCode.ServFail,
                ResolutionError = iteration.FailureReason ?? outcome.Unresolved ?? "resolution failed",
                ResolutionErrorCode = iteration.Status == IterationStatus.ServerFailure ? iteration.FailureCode : outcome.UnresolvedCode,
                Work = budget.Snapshot(),
            };
        }

        DateTimeOffset now = _time.GetUtcNow();
        bool withhold = outcome.Status == SecurityStatus.Bogus && (behavior & ResolveBehavior.CheckingDisabled) == 0;
        return ResolveResult.FromValidation(question, iteration, outcome, budget.Snapshot(), withhold, now);
    }

    // The cache entry whose validator slot holds the verdict on the whole answer, and every cache
    // entry the answer was built from: a single RRset, a negative entry, or an alias chain (the slot
    // is then the alias at the question's name; a chain that starts with a DNAME above it, or has a
    // link not in the cache — a CNAME synthesized from a DNAME — has no slot).
    private static (CacheEntryBase Slot, CacheEntryBase[] Parts)? VerdictSlot(IterationResult iteration)
    {
        if (iteration.Aliases.IsEmpty)
        {
            CacheEntryBase? single = iteration switch
            {
                { Status: IterationStatus.Answer, Answers.Length: 1 } => iteration.Answers[0].CacheEntry,
                { Status: IterationStatus.NoData or IterationStatus.NxDomain, Answers.IsEmpty: true } => iteration.NegativeEntry,
                _ => null,
            };
            return single is null ? null : (single, [single]);
        }

        if (iteration.Answers.IsEmpty || iteration.Answers[0].CacheEntry is not { } first || first.RrSet.RrSet.Name != iteration.Question.Name)
        {
            return null;
        }

        var parts = new CacheEntryBase[iteration.Answers.Length + (iteration.NegativeEntry is null ? 0 : 1)];
        for (int i = 0; i < iteration.Answers.Length; i++)
        {
            if (iteration.Answers[i].CacheEntry is not { } entry)
            {
                return null;
            }

            parts[i] = entry;
        }

        if (iteration.NegativeEntry is { } negative)
        {
            parts[^1] = negative;
        }

        return (first, parts);
    }

    // A warm cache hit whose verdict is known (and still within its validated lifetime) is not
    // validated again: the RRSIGs were checked when the data entered the cache. For a chain, the
    // verdict holds only while the answer is built from the very cache entries it was given for
    // (entries are replaced, never changed, when data is refreshed). Bogus is never reused (it is
    // retried), so stale trouble cannot stick.
    private static ValidationOutcome? ReuseVerdict(IterationResult iteration, DateTimeOffset now)
    {
        if (iteration.UpstreamQueries != 0 || VerdictSlot(iteration) is not { } found ||
            found.Slot.ValidatorState is not CachedVerdict verdict || now >= verdict.ValidUntil ||
            !SameEntries(verdict.Parts, found.Parts))
        {
            return null;
        }

        return verdict.Outcome with { MaxTtl = (uint)Math.Max(0, (verdict.ValidUntil - now).TotalSeconds) };
    }

    private static bool SameEntries(CacheEntryBase[] a, CacheEntryBase[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (!ReferenceEquals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static void RememberVerdict(IterationResult iteration, ValidationOutcome outcome, DateTimeOffset now)
    {
        if (outcome.Unresolved is null && outcome.Status is not (SecurityStatus.Bogus or SecurityStatus.Unchecked) &&
            VerdictSlot(iteration) is { } found)
        {
            // RFC 4035 §5.3.3: no longer than the validated TTL (original TTL, signature expiry), nor
            // than any entry the answer was built from lives.
            DateTimeOffset validUntil = outcome.MaxTtl is uint ttl ? now.AddSeconds(ttl) : found.Slot.Expires;
            foreach (CacheEntryBase part in found.Parts)
            {
                validUntil = part.Expires < validUntil ? part.Expires : validUntil;
            }

            found.Slot.ValidatorState = new CachedVerdict(outcome, validUntil, found.Parts);
        }
    }

    internal sealed record CachedVerdict(ValidationOutcome Outcome, DateTimeOffset ValidUntil, CacheEntryBase[] Parts);

    // The validator's verdict goes into the cache entries' status slots.
    private static void MarkCache(IterationResult iteration, SecurityStatus status)
    {
        foreach (ZonedRrSet set in iteration.Answers)
        {
            if (set.CacheEntry is { } entry)
            {
                entry.Status = status;
            }
        }

        if (iteration.NegativeEntry is { } negative)
        {
            negative.Status = status;
        }
    }

    // True when the validator checked the signature over the RRset (owner, type) in reaching the outcome.
    private static Func<DnsName, RrType, bool> Validated(ValidationOutcome outcome) =>
        (owner, type) => outcome.Chain.Signatures.Any(s => s.Owner.Equals(owner) && s.TypeCovered == type);

    // RFC 8198 §5.1-5.3: the NSEC/NSEC3 records of a Secure negative answer — those whose
    // signatures the validator checked — and the wildcards of Secure wildcard answers, with their
    // proofs, may answer later questions they also cover. Only data that came with a cache entry is
    // used (a synthesized answer has none and is not fed back), and it lives no longer than that entry.
    private void RememberDenials(IterationResult iteration, ValidationOutcome outcome)
    {
        if (_cache.Denials is not { } denials || outcome.Status != SecurityStatus.Secure || outcome.Unresolved is not null)
        {
            return;
        }

        foreach (ZonedRrSet set in iteration.Answers)
        {
            if (set.CacheEntry is { } cached && !set.ProofRecords.IsEmpty && set.RrSet.Signatures is [RrsigData sig, ..] &&
                sig.Labels < set.RrSet.RrSet.Name.SignatureLabelCount)
            {
                denials.AddWildcard(sig.SignerName, set.RrSet, _options.Cache.MaxTtl, cached.Expires);
                denials.Add(sig.SignerName, set.ProofRecords, Validated(outcome), cached.Expires);
            }
        }

        if (iteration.Status is IterationStatus.NoData or IterationStatus.NxDomain &&
            iteration.NegativeEntry is { } entry && outcome.Chain.Denials.Count > 0)
        {
            denials.Add(outcome.Chain.Denials[^1].Zone, iteration.Authority, Validated(outcome), entry.Expires);
        }
    }

    // The Bogus key entry stands for a broken zone for BogusTtl only; the DNSKEY/DS data that failed
    // must not outlive it in the RRset cache, or a repaired zone stays Bogus for the data's whole
    // TTL (cf. Unbound val-bogus-ttl). A DS RRset that validated is the parent's good data and stays
    // for its TTL: only the child's DNSKEY failed, and the parent need not be asked again.
    private void ForgetKeyData(ValidationOutcome outcome)
    {
        foreach (ZoneCutLink cut in outcome.Chain.ZoneCuts)
        {
            if (cut.Status == SecurityStatus.Bogus)
            {
                _cache.Remove(cut.Zone, RrType.DNSKEY);
                if (cut.DsSignature is null)
                {
                    _cache.Remove(cut.Zone, RrType.DS);
                }
            }
        }
    }

    // Bogus data stays in the cache no longer than BogusTtl (Unbound's val-bogus-ttl): long enough
    // that a flood of queries for it does not reach the network each time, short enough that a
    // repaired zone is seen soon. Negative answers that failed are simply dropped.
    private void KeepBogusBriefly(IterationResult iteration)
    {
        uint cap = (uint)_options.Validation.BogusTtl.TotalSeconds;
        foreach (ZonedRrSet set in iteration.Answers)
        {
            RrSet rrset = set.RrSet.RrSet;
            if (rrset.Ttl <= cap || set.CacheEntry is null)
            {
                // Short enough already, or never cached (TTL 0, or a CNAME synthesized from a
                // DNAME, which must not enter the cache as data of its own).
                continue;
            }

            _cache.Remove(rrset.Name, rrset.Type, rrset.Class);
            if (cap > 0)
            {
                var shortened = new SignedRrSet(new RrSet(rrset.Name, rrset.Class, rrset.Type, cap, rrset.Data), set.RrSet.Signatures);
                if (_cache.SetRrSet(shortened, set.Zone, set.CacheEntry?.Trust ?? CacheTrust.Authority, set.ProofRecords) is { } entry)
                {
                    entry.Status = SecurityStatus.Bogus;
                }
            }
        }

        if (iteration.NegativeEntry is not null)
        {
            _cache.Remove(iteration.FinalName, iteration.Question.Type, iteration.Question.Class);
        }

        ForgetDenials(iteration);
    }

    // Data the validator found Bogus must not be synthesized again from the aggressive cache
    // (RFC 8198): the denial records and wildcards it was built from are dropped with it.
    private void ForgetDenials(IterationResult iteration)
    {
        if (_cache.Denials is not { } denials)
        {
            return;
        }

        denials.Remove(iteration.Authority);
        foreach (ZonedRrSet set in iteration.Answers)
        {
            denials.Remove(set.ProofRecords);
            denials.RemoveWildcard(set.RrSet);
        }
    }

    private void Forget(IterationResult iteration)
    {
        foreach (ZonedRrSet set in iteration.Answers)
        {
            _cache.Remove(set.RrSet.RrSet.Name, set.RrSet.RrSet.Type, set.RrSet.RrSet.Class);
        }

        _cache.Remove(iteration.FinalName, iteration.Question.Type, iteration.Question.Class);
        ForgetDenials(iteration);
    }
}

// IteratorBase: the iteration pipeline shared by the recursive iterator and the forwarder. A
// question is answered from the cache when it can be (CacheLookup), else joins or starts one
// resolution in flight (InFlightRequests: coalescing, cancelled when its last waiter cancels), which
// follows the alias chain (AliasChain) asking one name at a time — from the cache, else the network
// (QueryNetworkAsync, the subclass's part), whose zone servers or upstreams are asked by the one
// ServerLoop (queries built and coalesced by QuerySender) — and takes responses into the cache
// through ResponseAcceptor (referrals: ReferralAcceptor).
using System.Net;
using Microsoft.Extensions.Logging;
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Transport;

namespace Resolver.Iteration;

/// <summary>Shared machinery of iteration and forwarding.</summary>
internal abstract class IteratorBase : IDnsIterator, IDisposable
{
    private readonly InFlightRequests<DnsQuestion, IterationResult> _resolutions;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly CancellationToken _lifetimeToken;

    protected IteratorBase(IDnsTransport transport, DnsCache cache, IterationOptions options, TransportOptions transportOptions, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transportOptions);
        options.Validate();
        transportOptions.Validate();
        Transport = transport;
        Cache = cache;
        Options = options;
        TransportOptions = transportOptions;
        Logger = logger;
        // Shared work runs until its last waiter cancels, or until this iterator is disposed.
        _lifetimeToken = _lifetime.Token;
        _resolutions = new InFlightRequests<DnsQuestion, IterationResult>(lifetime: _lifetimeToken);
        Lookup = new CacheLookup(cache, options);
        Acceptor = new ResponseAcceptor(cache);
        Servers = new ServerSelector(cache.TimeProvider, options.DeadServerBackoff, options.UnknownServerTimeout, options.LameServerTtl);
        Loop = new ServerLoop(new QuerySender(transport, options, transportOptions, _lifetimeToken), Servers, options, transportOptions, logger);
    }

    protected IDnsTransport Transport { get; }

    protected DnsCache Cache { get; }

    protected IterationOptions Options { get; }

    protected TransportOptions TransportOptions { get; }

    protected ILogger Logger { get; }

    /// <summary>Answers one name from the cache.</summary>
    protected CacheLookup Lookup { get; }

    /// <summary>Takes classified responses into the cache.</summary>
    protected ResponseAcceptor Acceptor { get; }

    /// <summary>Asks a zone's servers or upstreams in rounds.</summary>
    protected ServerLoop Loop { get; }

    /// <summary>Server ordering and back-off (instance state, shared by all resolutions).</summary>
    internal ServerSelector Servers { get; }

    /// <inheritdoc/>
    public Task<IterationResult> ResolveAsync(DnsQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        cancellationToken.ThrowIfCancellationRequested();
        // Warm cache: answer synchronously, without touching the in-flight table.
        IterationResult? cached = TryResolveFromCache(question);
        return cached is not null
            ? Task.FromResult(cached)
            : _resolutions.RunAsync(question, ResolveUncachedAsync, cancellationToken);
    }

    // The cache is asked again once this resolution owns the in-flight slot: an identical resolution
    // may have finished, cached its answer and left the table between the caller's cache miss and
    // now (check-then-act), and would otherwise be repeated upstream.
    // The work runs under the in-flight table's token: cancelled when every waiter has cancelled.
    private Task<IterationResult> ResolveUncachedAsync(DnsQuestion question, CancellationToken cancellationToken) =>
        TryResolveFromCache(question) is { } cached ? Task.FromResult(cached) : ResolveChainAsync(question, ResolutionContext.Start(question), cancellationToken);

    /// <inheritdoc/>
    public bool AnswersOnlyWithoutEdns(IPEndPoint server) => Servers.RejectsEdns(server);

    /// <inheritdoc/>
    public Task<IterationResult?> RefetchAsync(DnsQuestion question, ServerDistrust distrust, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(distrust);
        cancellationToken.ThrowIfCancellationRequested();
        // Not shared with an ordinary resolution of the same question in flight: that one may still
        // be reading the cached data this one replaces, and asks servers this one must not.
        return RefetchCoreAsync(question, distrust, cancellationToken);
    }

    /// <summary>
    /// Asks the network for <paramref name="question"/>'s chain although the cache may hold it (a
    /// background refresh: prefetch, serve-stale). The cached data stays until the answer replaces it.
    /// The work runs for the iterator's lifetime: <paramref name="cancellationToken"/> ends only the
    /// wait (the answer a waiter gave up on still refreshes the cache for the next one).
    /// </summary>
    public Task<IterationResult> RefreshAsync(DnsQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        return ResolveChainAsync(question, ResolutionContext.StartRefresh(question), _lifetimeToken).WaitAsync(cancellationToken);
    }

    private async Task<IterationResult?> RefetchCoreAsync(DnsQuestion question, ServerDistrust distrust, CancellationToken cancellationToken)
    {
        // The cached copy is what failed validation: the re-fetch replaces it, an alias at the name
        // included — a forged CNAME at a delegation (Unbound ds_wildcard_cname) would otherwise keep
        // redirecting the zone's own lookups (its DNSKEY) to the zone above.
        Cache.Remove(question.Name, question.Type, question.Class);
        Cache.Remove(question.Name, RrType.CNAME, question.Class);
        return await ResolveChainAsync(question, ResolutionContext.StartRefetch(question, distrust), cancellationToken).ConfigureAwait(false);
    }

    // The whole answer from the cache — a single RRset, a negative answer, or an alias chain whose
    // every link is cached — or null when any part of it is missing. A warm chain is assembled here,
    // synchronously, as the general loop (ResolveChainAsync) would assemble it from the same cache
    // lookups, without entering the in-flight table.
    private IterationResult? TryResolveFromCache(DnsQuestion question)
    {
        IterationResult? single = Lookup.TryResolve(question, ZonesFromSignersFor(question.Name), out NameOutcome? alias);
        if (single is not null || alias is null)
        {
            return single;
        }

        var chain = new AliasChain(question);
        NameOutcome? outcome = alias;
        while (true)
        {
            chain.ZonesFromSigners |= ZonesFromSignersFor(chain.Name);
            chain.Add(outcome);
            if (outcome.Kind != OutcomeKind.Alias)
            {
                return chain.Result(outcome, upstreamQueries: 0);
            }

            if (chain.Follow(outcome, Cache.TimeProvider.GetUtcNow(), Options.MaxAliasChain) is not null)
            {
                return null;   // too long or a loop: the general loop reports it
            }

            outcome = Lookup.Find(chain.Step);
            if (outcome is null || outcome.Kind == OutcomeKind.Failure)
            {
                return null;
            }
        }
    }

    /// <summary>Completes when the resolutions running now have ended (for tests).</summary>
    internal Task WhenIdleAsync() => _resolutions.WhenIdleAsync();

    /// <summary>Cancels work still running for any caller.</summary>
    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    /// <summary>Asks the network about exactly this name and type (no alias following).</summary>
    protected abstract Task<NameOutcome> QueryNetworkAsync(DnsQuestion question, ResolutionContext context, CancellationToken cancellationToken);

    /// <summary>
    /// True when no referral shows where zones are cut for <paramref name="name"/> (it is forwarded):
    /// the zone given to an answer's RRset is then its RRSIG signer's name — a claim the validator has
    /// to check (RFC 4035 §5.3.1).
    /// </summary>
    protected virtual bool ZonesFromSignersFor(DnsName name) => false;

    /// <summary>Resolves a question and its alias chain within <paramref name="context"/>'s budget.</summary>
    protected async Task<IterationResult> ResolveChainAsync(DnsQuestion question, ResolutionContext context, CancellationToken cancellationToken)
    {
        var chain = new AliasChain(question);
        while (true)
        {
            chain.ZonesFromSigners |= ZonesFromSignersFor(chain.Name);
            DnsQuestion step = chain.Step;
            NameOutcome outcome = (context.Refetch ? null : Lookup.Find(step)) ?? await QueryNetworkAsync(step, context, cancellationToken).ConfigureAwait(false);
            chain.Add(outcome);
            switch (outcome.Kind)
            {
                case OutcomeKind.Alias:
                    Log.FollowingAlias(Logger, outcome.AliasKind, chain.Name, outcome.Target!);
                    if (chain.Follow(outcome, Cache.TimeProvider.GetUtcNow(), Options.MaxAliasChain) is { } broken)
                    {
                        return Fail(chain, context, broken);
                    }

                    continue;
                case OutcomeKind.Failure:
                    return Fail(chain, context, outcome.Reason ?? "resolution failed", outcome.FailureCode);
                default:
                    return chain.Result(outcome, context.Queries);
            }
        }
    }

    /// <summary>
    /// Asks upstream resolvers (RD=1, DO=1, CD=1) for a name at or below <paramref name="zone"/>
    /// (<see cref="ForwarderRounds"/>). Used for every name in forwarding mode and for the names of a
    /// <see cref="ForwardZone"/> when iterating.
    /// </summary>
    protected async Task<NameOutcome> ForwardAsync(IEnumerable<IPEndPoint> upstreams, DnsName zone, DnsQuestion question, ResolutionContext context, CancellationToken cancellationToken)
    {
        var rounds = new ForwarderRounds(upstreams, zone, question, context, Options.ForwarderAttempts, Servers, Logger);
        ZoneReply reply = await Loop.RunAsync(rounds, cancellationToken).ConfigureAwait(false);
        return reply.Failure is not null
            ? NameOutcome.Failure(reply.Failure, reply.FailureCode)
            : Acceptor.Accept(reply.Response!, reply.Classification, question, zone: null, reply.Server!);
    }

    private IterationResult Fail(AliasChain chain, ResolutionContext context, string reason, ExtendedErrorCode? code = null)
    {
        if (context.Depth == 0)
        {
            Log.IterationFailed(Logger, chain.Question.Name, chain.Question.Type, reason);
        }

        return chain.Failure(reason, code, context.Queries);
    }
}

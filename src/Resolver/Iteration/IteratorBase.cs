// IteratorBase: what the recursive iterator and the forwarder share — coalescing of identical
// questions in flight and of identical upstream queries, the cache lookups that short-cut the network,
// following CNAME and DNAME chains (bounded, loops detected), and turning a classified response into a
// cached outcome. Subclasses supply only "ask the network about this one name".
using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.Logging;
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Transport;

namespace Resolver.Iteration;

/// <summary>Shared machinery of iteration and forwarding.</summary>
internal abstract partial class IteratorBase : IDnsIterator, IDisposable
{
    private readonly InFlightRequests<DnsQuestion, IterationResult> _resolutions;
    private readonly InFlightRequests<(IPEndPoint Server, DnsQuestion Question, bool Edns), TransportResult> _queries;
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
        _queries = new InFlightRequests<(IPEndPoint, DnsQuestion, bool), TransportResult>(lifetime: _lifetimeToken);
        Servers = new ServerSelector(cache.TimeProvider, options.DeadServerBackoff, options.UnknownServerTimeout, options.LameServerTtl);
    }

    protected IDnsTransport Transport { get; }

    protected DnsCache Cache { get; }

    protected IterationOptions Options { get; }

    protected TransportOptions TransportOptions { get; }

    protected ILogger Logger { get; }

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

    // The whole chain from the cache, or null when any link is missing.
    private IterationResult? TryResolveFromCache(DnsQuestion question)
    {
        NameOutcome? outcome = FromCache(question);
        if (outcome is null)
        {
            return null;
        }

        if (outcome.Kind != OutcomeKind.Alias)
        {
            return new IterationResult
            {
                Question = question,
                Status = outcome.Kind switch
                {
                    OutcomeKind.Answer => IterationStatus.Answer,
                    OutcomeKind.NxDomain => IterationStatus.NxDomain,
                    OutcomeKind.YxDomain => IterationStatus.YxDomain,
                    _ => IterationStatus.NoData,
                },
                Answers = outcome.Data is null ? [] : [outcome.Data, .. outcome.MoreData],
                Authority = outcome.Authority,
                NegativeEntry = outcome.NegativeEntry,
                Zone = outcome.Zone,
                ZonesFromSigners = ZonesFromSignersFor(question.Name),
            };
        }

        // Chains are rarer; the general loop handles them (cache hits cost no queries there either).
        return null;
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
        var answers = ImmutableArray.CreateBuilder<ZonedRrSet>();
        var aliases = ImmutableArray.CreateBuilder<AliasLink>();
        var visited = new HashSet<DnsName> { question.Name };
        DnsName name = question.Name;
        bool zonesFromSigners = false;
        while (true)
        {
            zonesFromSigners |= ZonesFromSignersFor(name);
            var step = new DnsQuestion(name, question.Type, question.Class);
            NameOutcome outcome = (context.Refetch ? null : FromCache(step)) ?? await QueryNetworkAsync(step, context, cancellationToken).ConfigureAwait(false);
            if (outcome.Data is not null && !(outcome.AliasKind == RrType.DNAME && Contains(answers, outcome.Data)))
            {
                // A DNAME that redirects several links of the chain is listed once.
                answers.Add(outcome.Data);
            }

            answers.AddRange(outcome.MoreData);
            switch (outcome.Kind)
            {
                case OutcomeKind.Alias:
                    if (outcome.AliasKind == RrType.DNAME)
                    {
                        // RFC 6672 §3.1: the answer carries the CNAME the DNAME synthesizes for this name.
                        answers.Add(DnameSynthesis.Cname(outcome.Data!, name, outcome.Target!, Cache.TimeProvider.GetUtcNow()));
                    }

                    aliases.Add(new AliasLink(outcome.AliasKind, outcome.AliasOwner!, name, outcome.Target!, outcome.Zone));
                    Log.FollowingAlias(Logger, outcome.AliasKind, name, outcome.Target!);
                    if (aliases.Count > Options.MaxAliasChain)
                    {
                        return Fail(question, context, $"alias chain longer than {Options.MaxAliasChain} links", answers, aliases);
                    }

                    if (!visited.Add(outcome.Target!))
                    {
                        return Fail(question, context, "alias loop at " + outcome.Target, answers, aliases);
                    }

                    name = outcome.Target!;
                    continue;
                case OutcomeKind.Failure:
                    return Fail(question, context, outcome.Reason ?? "resolution failed", answers, aliases, outcome.FailureCode);
                default:
                    return new IterationResult
                    {
                        Question = question,
                        Status = outcome.Kind switch
                        {
                            OutcomeKind.Answer => IterationStatus.Answer,
                            OutcomeKind.NxDomain => IterationStatus.NxDomain,
                            OutcomeKind.YxDomain => IterationStatus.YxDomain,
                            _ => IterationStatus.NoData,
                        },
                        Answers = answers.ToImmutable(),
                        Aliases = aliases.ToImmutable(),
                        Authority = outcome.Authority,
                        NegativeEntry = outcome.NegativeEntry,
                        Zone = outcome.Zone,
                        Server = outcome.Server,
                        UpstreamQueries = context.Queries,
                        ZonesFromSigners = zonesFromSigners,
                    };
            }
        }
    }

    /// <summary>
    /// Sends one query, sharing it with identical queries to the same server in flight. Without
    /// <paramref name="edns"/> the query carries no OPT record (and so no DO bit): the RFC 6891 §7
    /// fallback for a server that answered an EDNS query with FORMERR. The query is cancelled when
    /// every resolution waiting for it has been, or when the iterator is disposed.
    /// </summary>
    protected Task<TransportResult> SendAsync(
        IPEndPoint server, DnsQuestion question, bool forwarding, CancellationToken cancellationToken, TransportOptions? transportOptions = null, bool edns = true)
    {
        TransportOptions options = transportOptions ?? TransportOptions;
        return _queries.RunAsync((server, question, edns), (key, token) =>
        {
            DnsMessage query = DnsMessage.CreateQuery(0, key.Question.Name, key.Question.Type, recursionDesired: forwarding, dnssecOk: key.Edns);
            query.Questions[0] = key.Question;
            if (!key.Edns)
            {
                query.Edns = null;
                query.CheckingDisabled = forwarding;
                return Transport.QueryAsync(key.Server, query, options, token);
            }

            query.Edns!.UdpPayloadSize = Options.UdpPayloadSize;
            // Forwarding: CD=1 so the upstream hands over data even when its own validation fails; we
            // validate ourselves (RFC 4035 §3.2.2, PITFALLS "Insecure zones and forwarding").
            query.CheckingDisabled = forwarding;
            return Transport.QueryAsync(key.Server, query, options, token);
        }, cancellationToken);
    }

    /// <summary>Turns a classified response into an outcome and caches what it teaches.</summary>
    protected NameOutcome Accept(DnsMessage scrubbed, Classification classification, DnsQuestion question, DnsName? zone, IPEndPoint server)
    {
        CacheTrust trust = scrubbed.IsAuthoritativeAnswer ? CacheTrust.Answer : CacheTrust.Authority;
        switch (classification.Kind)
        {
            case ResponseKind.Answer:
            case ResponseKind.Cname:
            case ResponseKind.Dname:
            case ResponseKind.YxDomain:
            {
                ZonedRrSet? wanted = null;
                RrType wantedType = classification.Kind switch
                {
                    ResponseKind.Cname => RrType.CNAME,
                    ResponseKind.Dname or ResponseKind.YxDomain => RrType.DNAME,
                    _ => question.Type,
                };
                DnsName wantedOwner = classification.Owner ?? question.Name;
                bool dname = classification.Kind is ResponseKind.Dname or ResponseKind.YxDomain;
                ImmutableArray<ResourceRecord> proof = NsecRecords.Select(scrubbed.Authorities);
                // RFC 8482 / RFC 1035: an ANY answer is every RRset at the name, each validated on its own.
                bool any = wantedType == RrType.ANY;
                var others = ImmutableArray.CreateBuilder<ZonedRrSet>();
                if (wantedType == RrType.RRSIG && SignaturesAsData(scrubbed.Answers, wantedOwner) is { } signatures)
                {
                    DnsName? signer = zone ?? ((RrsigData)signatures.RrSet.Data[0]).SignerName;
                    CachedRrSet? entry = Cache.SetRrSet(signatures, signer, trust, []);
                    wanted = new ZonedRrSet(entry?.RrSet ?? signatures, signer, entry, []);
                }

                foreach (SignedRrSet set in RrSet.Group(scrubbed.Answers).RrSets)
                {
                    DnsName? setZone = zone ?? SignerOf(set);
                    bool atOwner = set.RrSet.Name.Equals(wantedOwner);
                    bool isWanted = wanted is null && atOwner && (any || set.RrSet.Type == wantedType);
                    if (dname && !isWanted)
                    {
                        // Of a DNAME response only the DNAME is taken: the CNAME beside it is its
                        // unsigned synthesis, made again from the DNAME (RFC 6672 §3.1, §5.3.1), and
                        // what follows is the rest of the chain, for which AA does not speak (RFC 1035
                        // §4.1.1: AA is for the query name); the target is asked for in its own right.
                        continue;
                    }

                    // A wildcard expansion further down an in-zone chain (RFC 1034 §4.3.2 step 3a: the
                    // server follows CNAMEs inside its zone) keeps the response's proof too: the link is
                    // later taken from the cache, and RFC 4035 §5.3.4 wants its own proof then.
                    CachedRrSet? entry = Cache.SetRrSet(set, setZone, trust, isWanted || IsExpanded(set) ? proof : []);
                    if (isWanted)
                    {
                        wanted = new ZonedRrSet(entry?.RrSet ?? set, setZone, entry, proof);
                    }
                    else if (any && atOwner)
                    {
                        others.Add(new ZonedRrSet(entry?.RrSet ?? set, setZone, entry, proof));
                    }
                }

                if (wanted is null)
                {
                    return NameOutcome.Failure("answer RRset missing after scrubbing");
                }

                if (classification.Kind == ResponseKind.YxDomain)
                {
                    return new NameOutcome(OutcomeKind.YxDomain) { Data = wanted, Zone = wanted.Zone, Server = server };
                }

                if (dname && question.Type == RrType.CNAME && scrubbed.ResponseCode != ResponseCode.NXDomain)
                {
                    // RFC 6672 §3.1: the synthesized CNAME answers a question for type CNAME; it is not
                    // followed — unless the server followed it to a name error (RFC 6604 §3).
                    ZonedRrSet cname = DnameSynthesis.Cname(wanted, question.Name, classification.Target!, Cache.TimeProvider.GetUtcNow());
                    return new NameOutcome(OutcomeKind.Answer) { Data = wanted, MoreData = [cname], Zone = wanted.Zone, Server = server };
                }

                return classification.Kind == ResponseKind.Answer
                    ? new NameOutcome(OutcomeKind.Answer) { Data = wanted, MoreData = others.ToImmutable(), Zone = wanted.Zone, Server = server }
                    : new NameOutcome(OutcomeKind.Alias)
                    {
                        Data = wanted,
                        Zone = wanted.Zone,
                        Server = server,
                        Target = classification.Target,
                        AliasOwner = classification.Owner,
                        AliasKind = wantedType,
                    };
            }

            case ResponseKind.NxDomain:
            case ResponseKind.NoData:
            {
                ImmutableArray<ResourceRecord> authority = [.. scrubbed.Authorities.Where(r => r.Data is not NsData)];
                DnsName? negativeZone = zone ?? authority.FirstOrDefault(r => r.Data is SoaData)?.Name;
                NegativeKind kind = classification.Kind == ResponseKind.NxDomain ? NegativeKind.NxDomain : NegativeKind.NoData;
                CachedNegative? stored = Cache.SetNegative(question.Name, question.Type, question.Class, kind, negativeZone, authority);
                return new NameOutcome(kind == NegativeKind.NxDomain ? OutcomeKind.NxDomain : OutcomeKind.NoData)
                {
                    Authority = authority,
                    Zone = negativeZone,
                    Server = server,
                    NegativeEntry = stored,
                };
            }

            default:
                return NameOutcome.Failure("unexpected " + classification.Kind);
        }
    }

    // A query for type RRSIG is answered with the signatures themselves (RFC 4035 §3.1.1 puts them
    // with the RRsets they cover, so the grouping leaves them unmatched): one RRset of type RRSIG,
    // which nothing signs (RFC 4034 §3: RRSIGs are not signed), for the validator to judge as such.
    private static SignedRrSet? SignaturesAsData(IEnumerable<ResourceRecord> answers, DnsName owner)
    {
        ResourceRecord[] records = [.. answers.Where(r => r.Data is RrsigData && r.Name.Equals(owner))];
        return records.Length == 0
            ? null
            : new SignedRrSet(new RrSet(owner, records[0].Class, RrType.RRSIG, records.Min(r => r.Ttl), records.Select(r => r.Data)), []);
    }

    // True when an RRSIG's labels field is below the owner's label count: the set was expanded from
    // a wildcard (RFC 4035 §5.3.2) — a hint only; the validator decides with the signature it verifies.
    private static bool IsExpanded(SignedRrSet set) =>
        set.Signatures.Any(s => s.Labels < set.RrSet.Name.SignatureLabelCount);

    // In forwarding mode the zone cut is unknown; an RRSIG's signer name is the best hint there is.
    private static DnsName? SignerOf(SignedRrSet set) => set.Signatures.IsEmpty ? null : set.Signatures[0].SignerName;

    private NameOutcome? FromCache(DnsQuestion question)
    {
        CachedRrSet? hit = Cache.GetRrSet(question.Name, question.Type, question.Class);
        if (hit is not null && hit.Trust >= CacheTrust.Authority)
        {
            return new NameOutcome(OutcomeKind.Answer) { Data = new ZonedRrSet(hit.RrSet, hit.Zone, hit, hit.Proof), Zone = hit.Zone };
        }

        // DS is parent-side data (RFC 4035 §2.4, §3.1.4.1): the parent zone's own answer decides, not
        // a CNAME cached from whatever zone served the name (as Unbound's cache lookup skips it).
        if (question.Type is not (RrType.CNAME or RrType.DS))
        {
            CachedRrSet? cname = Cache.GetRrSet(question.Name, RrType.CNAME, question.Class);
            if (cname is not null && cname.Trust >= CacheTrust.Authority && cname.RrSet.RrSet.Data[0] is CnameData data)
            {
                return new NameOutcome(OutcomeKind.Alias)
                {
                    Data = new ZonedRrSet(cname.RrSet, cname.Zone, cname, cname.Proof),
                    Zone = cname.Zone,
                    Target = data.Target,
                    AliasOwner = question.Name,
                    AliasKind = RrType.CNAME,
                };
            }
        }

        if (DnameSynthesis.FindCached(Cache, question.Name, question.Class) is ({ } dname, var target))
        {
            // RFC 6672 §3.4: a cached DNAME answers for every name below it without asking again.
            var data = new ZonedRrSet(dname.RrSet, dname.Zone, dname, dname.Proof);
            if (target is null)
            {
                return new NameOutcome(OutcomeKind.YxDomain) { Data = data, Zone = dname.Zone };
            }

            if (question.Type == RrType.CNAME)
            {
                ZonedRrSet cname = DnameSynthesis.Cname(data, question.Name, target, Cache.TimeProvider.GetUtcNow());
                return new NameOutcome(OutcomeKind.Answer) { Data = data, MoreData = [cname], Zone = dname.Zone };
            }

            return new NameOutcome(OutcomeKind.Alias)
            {
                Data = data,
                Zone = dname.Zone,
                Target = target,
                AliasOwner = dname.RrSet.RrSet.Name,
                AliasKind = RrType.DNAME,
            };
        }

        CachedNegative? negative = Cache.GetNegative(question.Name, question.Type, question.Class);
        if (negative is not null)
        {
            return new NameOutcome(negative.Kind == NegativeKind.NxDomain ? OutcomeKind.NxDomain : OutcomeKind.NoData)
            {
                Authority = negative.Authority,
                Zone = negative.Zone,
                NegativeEntry = negative,
            };
        }

        // RFC 8198: validated NSEC/NSEC3 records and wildcards may prove the answer without asking
        // (the validator still checks a synthesized answer like any other; it has no verdict slot
        // to reuse). A wildcard expansion first: where one exists, the name cannot be denied.
        if (question.Class == RrClass.IN && Cache.Denials?.SynthesizeWildcard(question.Name, question.Type, ClosestConfiguredZone(question)) is { } wildcard &&
            RrSet.Group(wildcard.Records).RrSets is [SignedRrSet expanded])
        {
            var data = new ZonedRrSet(expanded, wildcard.Zone, null, wildcard.Proof);
            return expanded.RrSet.Type == question.Type || expanded.RrSet.Data[0] is not CnameData alias
                ? new NameOutcome(OutcomeKind.Answer) { Data = data, Zone = wildcard.Zone }
                : new NameOutcome(OutcomeKind.Alias)
                {
                    Data = data,
                    Zone = wildcard.Zone,
                    Target = alias.Target,
                    AliasOwner = question.Name,
                    AliasKind = RrType.CNAME,
                };
        }

        if (question.Class == RrClass.IN && Cache.Denials?.Synthesize(question.Name, question.Type, ClosestConfiguredZone(question)) is { } synthesized)
        {
            return new NameOutcome(synthesized.Kind == NegativeKind.NxDomain ? OutcomeKind.NxDomain : OutcomeKind.NoData)
            {
                Authority = synthesized.Authority,
                Zone = synthesized.Zone,
            };
        }

        return null;
    }

    private static bool Contains(ImmutableArray<ZonedRrSet>.Builder answers, ZonedRrSet set)
    {
        RrSet wanted = set.RrSet.RrSet;
        foreach (ZonedRrSet answer in answers)
        {
            RrSet known = answer.RrSet.RrSet;
            if (known.Type == wanted.Type && known.Class == wanted.Class && known.Name.Equals(wanted.Name))
            {
                return true;
            }
        }

        return false;
    }

    // The deepest configured stub or forward zone holding the question (for DS, holding its parent
    // side): the floor for RFC 8198 synthesis. A configured zone is answered by its own servers (a
    // private zone under a public name, say), so the public parent's NSEC records saying the name
    // does not exist must not deny it. Forward zones count only when iterating (with whole-resolver
    // forwarders they are not used).
    private DnsName? ClosestConfiguredZone(DnsQuestion question)
    {
        DnsName name = question.Type == RrType.DS && !question.Name.IsRoot ? question.Name.Parent : question.Name;
        IEnumerable<DnsName> zones = Options.StubZones.Select(s => s.Zone);
        if (Options.Forwarders.Count == 0)
        {
            zones = zones.Concat(Options.ForwardZones.Select(f => f.Zone));
        }

        DnsName? closest = null;
        foreach (DnsName zone in zones)
        {
            if (name.IsSubdomainOf(zone) && (closest is null || zone.LabelCount > closest.LabelCount))
            {
                closest = zone;
            }
        }

        return closest;
    }

    private IterationResult Fail(
        DnsQuestion question, ResolutionContext context, string reason, ImmutableArray<ZonedRrSet>.Builder answers, ImmutableArray<AliasLink>.Builder aliases,
        ExtendedErrorCode? code = null)
    {
        if (context.Depth == 0)
        {
            Log.ResolutionFailed(Logger, question.Name, question.Type, reason);
        }

        return new IterationResult
        {
            Question = question,
            Status = IterationStatus.ServerFailure,
            Answers = answers.ToImmutable(),
            Aliases = aliases.ToImmutable(),
            FailureReason = reason,
            FailureCode = code,
            UpstreamQueries = context.Queries,
        };
    }
}

/// <summary>What one name-level step found.</summary>
internal enum OutcomeKind
{
    Answer,
    Alias,
    NxDomain,
    YxDomain,
    NoData,
    Failure,
}

/// <summary>The outcome of resolving one name (no alias following).</summary>
internal sealed class NameOutcome(OutcomeKind kind)
{
    public OutcomeKind Kind { get; } = kind;

    /// <summary>The answer RRset, or the alias RRset (CNAME/DNAME).</summary>
    public ZonedRrSet? Data { get; init; }

    /// <summary>For ANY: the other RRsets at the name.</summary>
    public ImmutableArray<ZonedRrSet> MoreData { get; init; } = [];

    public DnsName? Target { get; init; }

    public DnsName? AliasOwner { get; init; }

    public RrType AliasKind { get; init; }

    public ImmutableArray<ResourceRecord> Authority { get; init; } = [];

    public CachedNegative? NegativeEntry { get; init; }

    public DnsName? Zone { get; init; }

    public IPEndPoint? Server { get; init; }

    public string? Reason { get; init; }

    /// <summary>For a failure: the RFC 8914 code that describes it, if one does.</summary>
    public ExtendedErrorCode? FailureCode { get; init; }

    public static NameOutcome Failure(string reason, ExtendedErrorCode? code = null) => new(OutcomeKind.Failure) { Reason = reason, FailureCode = code };
}

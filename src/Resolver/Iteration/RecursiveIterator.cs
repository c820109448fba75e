// RecursiveIterator: iterative resolution from the root (RFC 1034 §5.3.3). For one name it starts at
// the closest cached delegation (else the root hints) — for a DS question at the parent of the name,
// since the DS lives on the parent side of the cut (RFC 4035 §3.1.4.1, PITFALLS) — asks that zone's
// servers in RTT order, scrubs each response to the zone's bailiwick, skips lame, REFUSED, SERVFAIL,
// timed-out and unreachable servers, follows referrals with their glue and looks up glueless server
// names (bounded, cycles broken), until an answer, alias, NODATA or NXDOMAIN. QNAME minimisation
// (RFC 9156) is optional, relaxed: the full name is sent on NXDOMAIN, REFUSED, SERVFAIL or no answer
// to a minimised query (§3), and a long name reveals several labels per step after the first few
// (§2.3 MAX_MINIMISE_COUNT, MINIMISE_ONE_LAB).
using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Transport;

namespace Resolver.Iteration;

/// <summary>Resolves questions by iterating from the root servers.</summary>
internal sealed class RecursiveIterator : IteratorBase
{
    // Where the denial records seen at zone cuts go (the validator side reads them); null: nowhere.
    private readonly IDelegationProofs? _delegationProofs;

    public RecursiveIterator(
        IDnsTransport transport, DnsCache cache, IterationOptions options, TransportOptions? transportOptions = null, ILogger<RecursiveIterator>? logger = null,
        IDelegationProofs? delegationProofs = null)
        : base(transport, cache, options, transportOptions ?? TransportOptions.Default, logger ?? NullLogger<RecursiveIterator>.Instance)
    {
        _delegationProofs = delegationProofs;
    }

    /// <inheritdoc/>
    protected override async Task<NameOutcome> QueryNetworkAsync(DnsQuestion question, ResolutionContext context, CancellationToken cancellationToken)
    {
        DnsName searchFrom = question.Type == RrType.DS && !question.Name.IsRoot ? question.Name.Parent : question.Name;
        if (ForwardZoneFor(searchFrom) is { } forward)
        {
            // Unbound's forward-zone: the name goes to the zone's upstreams (RD=1), whatever
            // delegations are cached; a DS is looked up where its parent side lives, so a DS at the
            // forward zone's own apex is iterated (as Unbound's iterator strips a label for DS).
            NameOutcome forwarded = await ForwardAsync(forward.Servers, forward.Zone, question, context, cancellationToken).ConfigureAwait(false);
            if (forwarded.Kind != OutcomeKind.Failure || !forward.ForwardFirst)
            {
                return forwarded;
            }

            // forward-first: the upstreams failed, so the name is iterated as if not forwarded.
            Log.ForwardFirstFallback(Logger, forward.Zone, forwarded.Reason ?? "no answer");
        }

        DelegationPoint zone = DelegationPoint.Find(Cache, searchFrom, Options.RootHints, Options.ServerPort, Options.UseIPv6, Options.StubZones);
        bool minimise = Options.QnameMinimisation;
        int minimisedLabels = 0;
        int minimiseSteps = 0;
        bool parentLocated = false;
        bool fromCache = !zone.Zone.IsRoot && !IsStub(zone.Zone);
        while (true)
        {
            DnsQuestion asked = question;
            int labels = Math.Max(zone.Zone.LabelCount + 1, minimisedLabels);
            if (minimise && labels < question.Name.LabelCount)
            {
                labels = MinimisedLabelCount(labels, question.Name.LabelCount, ++minimiseSteps);
            }

            if (minimise && labels < question.Name.LabelCount)
            {
                // RFC 9156 §3: ask for the next label(s) down, type A (the most common and least revealing).
                asked = new DnsQuestion(question.Name.GetSuffix(labels), RrType.A, question.Class);
            }

            bool minimised = !ReferenceEquals(asked, question);
            ZoneReply reply = await QueryZoneAsync(zone, asked, context, fromCache, minimised, cancellationToken).ConfigureAwait(false);
            if (reply.Failure is not null)
            {
                if (minimised)
                {
                    // RFC 9156 §3 (relaxed, as Unbound's qname-minimisation-strict: no): REFUSED,
                    // SERVFAIL or silence for a minimised name — servers and middleboxes that mishandle
                    // empty non-terminals or the A query type exist — and the full name is sent to the
                    // same zone's servers (the failed minimised question does not bar them from it).
                    minimise = false;
                    continue;
                }

                if (fromCache)
                {
                    // Every server of a delegation taken from the cache failed — typically its glue
                    // expired and the server names lie inside the zone, so their addresses cannot be
                    // looked up without a server that answers. The parent is asked again for a fresh
                    // referral with glue, once (Unbound's processLastResort fetches parent-side NS
                    // and glue; RFC 1034 §5.3.3 step 4: a bad server is dropped and the search backs up).
                    fromCache = false;
                    DelegationPoint parent = DelegationPoint.Find(Cache, zone.Zone.Parent, Options.RootHints, Options.ServerPort, Options.UseIPv6, Options.StubZones);
                    Log.RefetchingDelegation(Logger, zone.Zone, parent.Zone, reply.Failure);
                    zone = parent;
                    minimisedLabels = 0;
                    continue;
                }

                return NameOutcome.Failure(reply.Failure, reply.FailureCode);
            }

            Classification classification = reply.Classification;
            if (classification.Kind == ResponseKind.Referral)
            {
                if (context.CountReferral() > Options.MaxReferrals)
                {
                    return NameOutcome.Failure($"more than {Options.MaxReferrals} referrals");
                }

                DnsName child = classification.Owner!;
                Log.FollowingReferral(Logger, zone.Zone, child);
                CacheReferral(reply.Response!, child, zone.Zone);
                zone = DelegationPoint.FromReferral(reply.Response!, child, Options.ServerPort, Options.UseIPv6);
                fromCache = false;
                zone.AddCachedAddresses(Cache, Options.ServerPort, Options.UseIPv6);
                minimisedLabels = 0;
                continue;
            }

            if (minimised)
            {
                if (classification.Kind == ResponseKind.NxDomain)
                {
                    minimise = false;   // RFC 9156 §2.3 relaxed mode: confirm with the full name
                }
                else
                {
                    minimisedLabels = asked.Name.LabelCount + 1;   // no cut at this name: one label deeper
                }

                continue;
            }

            if (question.Type == RrType.DS && classification.Kind is ResponseKind.Cname or ResponseKind.Dname &&
                !parentLocated && !zone.Zone.Equals(searchFrom) && !question.Name.IsRoot)
            {
                // An alias for a DS question from a zone above the parent is the child side answering
                // (a server authoritative for both): the DS lives in the parent (RFC 4035 §3.1.4.1),
                // so its delegation is looked up and the question asked there (Unbound's DSNS_FIND).
                parentLocated = true;
                DelegationPoint? parent = await LocateParentAsync(searchFrom, zone.Zone, context, cancellationToken).ConfigureAwait(false);
                if (parent is not null)
                {
                    zone = parent;
                    minimisedLabels = 0;
                    continue;
                }
            }

            if (question.Type == RrType.DS && classification.Kind == ResponseKind.NoData && IsReferralTo(reply.Response!, question.Name))
            {
                return AcceptDsReferral(reply.Response!, question, zone.Zone, reply.Server!);
            }

            if (classification.Kind is ResponseKind.Answer or ResponseKind.Cname or ResponseKind.Dname)
            {
                _delegationProofs?.FromAnswer(reply.Response!, question, zone.Zone);
            }

            return Accept(reply.Response!, classification, question, zone.Zone, reply.Server!);
        }
    }

    private bool IsStub(DnsName zone) => Options.StubZones.Any(s => s.Zone.Equals(zone));

    // RFC 9156 §2.3: how many labels of the name the `step`th minimised query (1-based, counted over
    // the whole resolution) reveals, at least `next`. The first MinimiseOneLabel steps add one label
    // each; after them the labels still hidden are spread evenly over the steps left, so that by step
    // MaxMinimiseCount the full name is sent (a name of 30 labels would otherwise cost 30 queries).
    private int MinimisedLabelCount(int next, int full, int step)
    {
        if (step <= Options.MinimiseOneLabel)
        {
            return next;
        }

        if (step >= Options.MaxMinimiseCount)
        {
            return full;
        }

        int revealed = next - 1;
        int stepsLeft = Options.MaxMinimiseCount - step + 1;
        int add = (full - revealed + stepsLeft - 1) / stepsLeft;
        return Math.Min(full, Math.Max(next, revealed + add));
    }

    /// <inheritdoc/>
    protected override bool ZonesFromSignersFor(DnsName name) => ForwardZoneFor(name) is not null;

    // The deepest forward zone at or above `name`, unless a stub zone deeper than it holds the name
    // (the deepest configured zone wins, as in Unbound: a stub-zone inside a forward-zone is iterated).
    private ForwardZone? ForwardZoneFor(DnsName name)
    {
        ForwardZone? forward = null;
        foreach (ForwardZone zone in Options.ForwardZones)
        {
            if (name.IsSubdomainOf(zone.Zone) && (forward is null || zone.Zone.LabelCount > forward.Zone.LabelCount))
            {
                forward = zone;
            }
        }

        return forward is not null && Options.StubZones.Any(s => name.IsSubdomainOf(s.Zone) && s.Zone.LabelCount > forward.Zone.LabelCount)
            ? null
            : forward;
    }

    // The delegation of `parent` (the zone that should hold a DS), found by resolving its NS RRset,
    // when it is a zone below `asked`; null when no deeper cut is known.
    private async Task<DelegationPoint?> LocateParentAsync(DnsName parent, DnsName asked, ResolutionContext context, CancellationToken cancellationToken)
    {
        var nsQuestion = new DnsQuestion(parent, RrType.NS);
        if (context.Depth >= Options.MaxLookupDepth || context.Stack.Contains(nsQuestion))
        {
            return null;
        }

        await ResolveChainAsync(nsQuestion, context.Nested(nsQuestion), cancellationToken).ConfigureAwait(false);
        DelegationPoint found = DelegationPoint.Find(Cache, parent, Options.RootHints, Options.ServerPort, Options.UseIPv6, Options.StubZones);
        return found.Zone.IsStrictSubdomainOf(asked) ? found : null;
    }

    // A server asked for a DS that answers with the referral to that very child (no SOA) is
    // answering from the parent side all the same (RFC 4035 §3.1.4.1): the DS RRset in the referral,
    // or the NSEC/NSEC3 records proving there is none.
    private static bool IsReferralTo(DnsMessage response, DnsName child) =>
        ResponseClassifier.ParentSideCut(response, child.Equals) is not null;

    private NameOutcome AcceptDsReferral(DnsMessage referral, DnsQuestion question, DnsName parent, IPEndPoint server)
    {
        CacheReferral(referral, question.Name, parent);
        SignedRrSet? ds = RrSet.Group(referral.Authorities).RrSets
            .FirstOrDefault(set => set.RrSet.Type == RrType.DS && set.RrSet.Name.Equals(question.Name) && set.RrSet.Class == question.Class);
        if (ds is not null)
        {
            CachedRrSet? entry = Cache.GetRrSet(question.Name, RrType.DS, question.Class);
            return new NameOutcome(OutcomeKind.Answer)
            {
                Data = new ZonedRrSet(entry?.RrSet ?? ds, parent, entry),
                Zone = parent,
                Server = server,
            };
        }

        ImmutableArray<ResourceRecord> proof = ReferralDenial(referral);
        return new NameOutcome(OutcomeKind.NoData)
        {
            Authority = proof,
            Zone = parent,
            Server = server,
            NegativeEntry = Cache.GetNegative(question.Name, RrType.DS, question.Class),
        };
    }

    // Asks the zone's servers in turn until one gives a usable (non-lame) response. A server that does
    // not answer is not given up at once: UDP loses packets (RFC 1035 §4.2.1 expects retransmission),
    // so once every server of the zone had its turn, the ones that timed out are asked again, each
    // with a doubled timeout (ServerSelector.Timeout), up to MaxAttemptsPerServer times in all. A
    // server that refused the connection, answered lame, or used up its attempts is not asked again
    // by this resolution (ResolutionContext.MarkDead for the unreachable ones).
    // A minimised question (RFC 9156) gets one round: a server that does not answer it may be one that
    // drops such queries, and the caller sends the full name next, with the retransmissions.
    private async Task<ZoneReply> QueryZoneAsync(DelegationPoint zone, DnsQuestion question, ResolutionContext context, bool cachedDelegation, bool minimised, CancellationToken cancellationToken)
    {
        int rounds = minimised ? 1 : Options.MaxAttemptsPerServer;
        var done = new HashSet<IPEndPoint>();
        var timeouts = new Dictionary<IPEndPoint, int>();
        int round = 1;
        int lookups = 0;
        string lastFailure = "no address for any name server of " + zone.Zone;
        ZoneReply? recursiveAnswer = null;
        while (true)
        {
            // A server whose data for this zone failed validation is not asked again in a re-fetch
            // (Unbound's blacklist); with no other server left the re-fetch fails and the caller keeps
            // its verdict on what it had.
            // Only the re-fetched question itself avoids them: looking up a server's addresses is no
            // DNSSEC data of the zone, and may need the distrusted server (its own zone's glue).
            // In round N a server is a candidate when it timed out fewer than N times so far.
            int currentRound = round;
            IEnumerable<IPEndPoint> candidates = zone.Addresses.Select(a => a.EndPoint)
                .Where(e => !done.Contains(e) && timeouts.GetValueOrDefault(e) < currentRound && !context.IsDead(e) && !context.HasFailed(e, question)
                    && (context.Depth > 0 || context.Distrust?.Distrusts(zone.Zone, e) != true));
            foreach (IPEndPoint server in Servers.Order(candidates, zone.Zone))
            {
                if (!context.TryCountQuery(Options.MaxUpstreamQueries))
                {
                    return recursiveAnswer ?? ZoneReply.Failed($"more than {Options.MaxUpstreamQueries} upstream queries");
                }

                Log.SendingQuery(Logger, server, zone.Zone, question.Name, question.Type);
                TransportOptions attempt = TransportOptions.WithUdpTimeout(Servers.Timeout(server, TransportOptions.UdpTimeout));
                bool edns = !Servers.RejectsEdns(server);
                TransportResult result = await SendAsync(server, question, forwarding: false, cancellationToken, attempt, edns).ConfigureAwait(false);
                if (edns && result.HasResponse && result.Response!.ResponseCode is ResponseCode.FormErr or ResponseCode.NotImp
                    && context.TryCountQuery(Options.MaxUpstreamQueries))
                {
                    // RFC 6891 §7: a server that does not understand OPT answers FORMERR (some NOTIMP);
                    // the query is repeated to it without EDNS, and the server remembered as EDNS-less
                    // (Unbound's serviced-query fallback, kept in its infra cache). Its answers carry no
                    // signatures, so a signed zone's data from it cannot validate.
                    Servers.RecordNoEdns(server);
                    Log.SendingQuery(Logger, server, zone.Zone, question.Name, question.Type);
                    result = await SendAsync(server, question, forwarding: false, cancellationToken, attempt, edns: false).ConfigureAwait(false);
                }

                if (!result.HasResponse)
                {
                    if (result.Status == TransportStatus.Timeout)
                    {
                        // A server that has not answered its last MaxAttemptsPerServer queries, in this
                        // resolution or before, is down: one probe per resolution is all it gets until it
                        // answers again (and it is asked last while its back-off lasts).
                        int inARow = Servers.RecordFailure(server);
                        int count = timeouts[server] = timeouts.GetValueOrDefault(server) + 1;
                        if (count >= Options.MaxAttemptsPerServer || inARow >= Options.MaxAttemptsPerServer)
                        {
                            context.MarkDead(server);
                            done.Add(server);
                        }
                    }
                    else
                    {
                        // A refused connection or an unreachable network does not heal in a retry.
                        if (result.Status == TransportStatus.NetworkError)
                        {
                            context.MarkDead(server);
                            Servers.RecordFailure(server);
                        }

                        done.Add(server);
                    }

                    lastFailure = $"{server}: {result.Status}";
                    Log.SkippingServer(Logger, server, zone.Zone, lastFailure);
                    continue;
                }

                done.Add(server);
                Servers.RecordResponse(server, result.RoundTripTime);
                DnsMessage scrubbed = ResponseScrubber.Scrub(result.Response!, question, zone.Zone, out int dropped);
                if (dropped > 0)
                {
                    Log.ScrubbedRecords(Logger, dropped, server, zone.Zone);
                }

                Classification classification = ResponseClassifier.IsUpwardReferral(result.Response!, zone.Zone)
                    ? new Classification(ResponseKind.Lame, Reason: "upward referral")
                    : ResponseClassifier.Classify(scrubbed, question, zone.Zone, requireAuthoritative: true);
                if (classification.Kind == ResponseKind.Lame)
                {
                    context.MarkFailed(server, question);
                    // A refusal of a minimised name is not remembered as lameness for the zone: the
                    // server may serve the zone and only mishandle the minimised query (RFC 9156 §3);
                    // the full name, asked next, tells.
                    if (!minimised && scrubbed.ResponseCode is not (ResponseCode.ServFail or ResponseCode.FormErr))
                    {
                        Servers.RecordLame(server, zone.Zone);
                    }

                    lastFailure = $"{server}: {classification.Reason}";
                    Log.SkippingServer(Logger, server, zone.Zone, classification.Reason ?? "lame");
                    continue;
                }

                if (classification.Kind is ResponseKind.Answer or ResponseKind.Cname or ResponseKind.Dname &&
                    scrubbed.RecursionAvailable && !scrubbed.IsAuthoritativeAnswer && !IsStub(zone.Zone) && recursiveAnswer is null)
                {
                    // RA set and AA clear: a recursor answering from its cache, not the zone's server
                    // (Unbound's recursion-lame, iter_ranoaa_lame). Its data may be stale or wrong, so
                    // it is the last resort, as Unbound's server selection uses rec-lame servers only
                    // when nothing else is left: the zone's other servers are asked first, and this
                    // answer is taken only if none of them gives one.
                    recursiveAnswer = new ZoneReply(scrubbed, classification, server, null);
                    lastFailure = $"{server}: answer with RA but without AA (recursive lame)";
                    continue;
                }

                return new ZoneReply(scrubbed, classification, server, null);
            }

            // Every known address failed or none is known: find addresses of more server names, and
            // then the full address sets of names known only by glue (Unbound fetches such missing
            // targets when it runs out of servers: an IPv6-only address of a server with IPv4 glue).
            // A minimised question whose servers were all tried does not look up more of them: the
            // caller sends the full name next, which does so if it needs to (the lookups would only
            // ask the same silent servers, spending their retransmissions).
            DnsName? next = minimised && (done.Count > 0 || timeouts.Count > 0) ? null : zone.NextToLookUp() ?? zone.NextToLookUp(alsoKnown: true);
            if (next is null || lookups >= Options.MaxNameServerLookups)
            {
                // No more servers to find: retransmit to the ones that timed out, if any attempts remain.
                if (recursiveAnswer is null && round < rounds && timeouts.Any(t => !done.Contains(t.Key) && !context.IsDead(t.Key)))
                {
                    round++;
                    continue;
                }

                if (done.Count == 0 && timeouts.Count == 0 && context.Distrust is { } distrust && zone.Addresses.Any(a => distrust.Distrusts(zone.Zone, a.EndPoint)))
                {
                    return ZoneReply.Failed($"every other server of {zone.Zone} supplied data that failed validation");
                }

                // RFC 8914 §4.23: no server of the zone could be reached or gave a usable answer.
                return recursiveAnswer ?? ZoneReply.Failed(lastFailure, ExtendedErrorCode.NoReachableAuthority);
            }

            zone.MarkLookedUp(next);
            if (cachedDelegation && next.IsSubdomainOf(zone.Zone))
            {
                // A server named inside a cached zone whose address is gone (its glue expired) can
                // only be looked up through the zone's own servers, which have just failed: the
                // lookup would recurse into the same zone for nothing. The caller asks the parent
                // for fresh glue instead (Unbound's parent-side last resort).
                continue;
            }

            lookups++;
            foreach (IPEndPoint address in await LookUpAddressesAsync(next, context, cancellationToken).ConfigureAwait(false))
            {
                zone.AddAddress(next, address);
            }
        }
    }

    private async Task<List<IPEndPoint>> LookUpAddressesAsync(DnsName server, ResolutionContext context, CancellationToken cancellationToken)
    {
        var found = new List<IPEndPoint>();
        if (context.Depth >= Options.MaxLookupDepth)
        {
            return found;
        }

        RrType[] types = Options.UseIPv6 ? [RrType.A, RrType.AAAA] : [RrType.A];
        foreach (RrType type in types)
        {
            var question = new DnsQuestion(server, type);
            if (context.Stack.Contains(question))
            {
                continue;   // we are already resolving it further up: a delegation cycle
            }

            IterationResult result = await ResolveChainAsync(question, context.Nested(question), cancellationToken).ConfigureAwait(false);
            if (result.Status != IterationStatus.Answer)
            {
                continue;
            }

            foreach (RecordData data in result.Answers[^1].RrSet.RrSet.Data)
            {
                if (DelegationPoint.AddressOf(data, Options.UseIPv6) is IPAddress address)
                {
                    found.Add(new IPEndPoint(address, Options.ServerPort));
                }
            }
        }

        return found;
    }

    // The parent's NS RRset and glue are cached below answer trust, so they guide iteration but are
    // never handed out as answers (RFC 2181 §5.4.1); a DS in the referral is the parent's own data.
    // A signed parent's referral without a DS proves its absence with NSEC/NSEC3 (RFC 4035 §3.1.4.1):
    // those records go to the delegation proofs (the validator side), not read here.
    private void CacheReferral(DnsMessage referral, DnsName child, DnsName parent)
    {
        bool hasDs = false;
        RrClass @class = referral.Questions.Count > 0 ? referral.Questions[0].Class : RrClass.IN;
        foreach (SignedRrSet set in RrSet.Group(referral.Authorities).RrSets)
        {
            if (set.RrSet.Name.Equals(child) && set.RrSet.Type == RrType.NS)
            {
                Cache.SetRrSet(set, parent, CacheTrust.Referral);
                @class = set.RrSet.Class;
            }
            else if (set.RrSet.Name.Equals(child) && set.RrSet.Type == RrType.DS)
            {
                Cache.SetRrSet(set, parent, CacheTrust.Authority);
                hasDs = true;
            }
        }

        if (!hasDs)
        {
            _delegationProofs?.FromReferral(child, @class, parent, ReferralDenial(referral));
        }

        foreach (SignedRrSet set in RrSet.Group(referral.Additionals).RrSets)
        {
            Cache.SetRrSet(set, parent, CacheTrust.Glue);
        }
    }

    // The records of a referral that speak to the absence of a DS: NSEC/NSEC3 with their RRSIGs,
    // and an SOA with its RRSIGs should a server add one.
    private static ImmutableArray<ResourceRecord> ReferralDenial(DnsMessage referral) =>
    [
        .. NsecRecords.Select(referral.Authorities),
        .. referral.Authorities.Where(r => r.Type == RrType.SOA || r.Data is RrsigData { TypeCovered: RrType.SOA }),
    ];

    private readonly record struct ZoneReply(DnsMessage? Response, Classification Classification, IPEndPoint? Server, string? Failure)
    {
        public ExtendedErrorCode? FailureCode { get; init; }

        public static ZoneReply Failed(string reason, ExtendedErrorCode? code = null) => new(null, default, null, reason) { FailureCode = code };
    }
}

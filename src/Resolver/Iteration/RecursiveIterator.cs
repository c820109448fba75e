// RecursiveIterator: iterative resolution from the root (RFC 1034 §5.3.3). For one name it starts at
// the closest cached delegation (else the root hints) — for a DS question at the parent of the name,
// since the DS lives on the parent side of the cut (RFC 4035 §3.1.4.1, PITFALLS) — asks that zone's
// servers in RTT order, scrubs each response to the zone's bailiwick, skips lame, REFUSED, SERVFAIL,
// timed-out and unreachable servers, follows referrals with their glue and looks up glueless server
// names (bounded, cycles broken), until an answer, alias, NODATA or NXDOMAIN. QNAME minimisation
// (RFC 9156) is optional, relaxed: the full name is sent on NXDOMAIN, REFUSED, SERVFAIL or no answer
// to a minimised query (§3), and a long name reveals several labels per step after the first few
// (§2.3 MAX_MINIMISE_COUNT, MINIMISE_ONE_LAB).
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Transport;

namespace Resolver.Iteration;

/// <summary>Resolves questions by iterating from the root servers.</summary>
internal sealed class RecursiveIterator : IteratorBase
{
    // Where the denial records seen at zone cuts go (the validator side reads them); null: nowhere.
    private readonly IDelegationProofs? _delegationProofs;
    private readonly ReferralAcceptor _referrals;

    public RecursiveIterator(
        IDnsTransport transport, DnsCache cache, IterationOptions options, TransportOptions? transportOptions = null, ILogger<RecursiveIterator>? logger = null,
        IDelegationProofs? delegationProofs = null)
        : base(transport, cache, options, transportOptions ?? TransportOptions.Default, logger ?? NullLogger<RecursiveIterator>.Instance)
    {
        _delegationProofs = delegationProofs;
        _referrals = new ReferralAcceptor(cache, delegationProofs);
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

        DelegationPoint zone = DelegationPoint.Find(Cache, searchFrom, Options.RootHints, Options.ServerPort, Options.Families, Options.StubZones);
        bool minimise = Options.QnameMinimisation;
        int minimisedLabels = 0;
        int minimiseSteps = 0;
        bool parentLocated = false;
        bool fromCache = !zone.Zone.IsRoot && !IsStub(zone.Zone);
        // The other NS RRset of a cut is tried once when one set's servers all fail (ApexNsSets): a
        // delegation from the cache is already the child's set when one is known.
        bool childSideTried = fromCache;
        bool childSide = false;
        DnsName? refetched = null;
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
            ZoneReply reply = await QueryZoneAsync(zone, asked, context, fromCache || childSide, minimised, cancellationToken).ConfigureAwait(false);
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
                    refetched = zone.Zone;
                    DelegationPoint parent = DelegationPoint.Find(Cache, zone.Zone.Parent, Options.RootHints, Options.ServerPort, Options.Families, Options.StubZones);
                    Log.RefetchingDelegation(Logger, zone.Zone, parent.Zone, reply.Failure);
                    zone = parent;
                    minimisedLabels = 0;
                    continue;
                }

                if (!childSideTried && ApexNsSets.ChildSide(Cache, zone, Options.ServerPort, Options.Families) is { } child)
                {
                    // Every server of the parent's referral failed, and the zone's own NS RRset (from
                    // an earlier authoritative response) names others: they are asked too (RFC 1034
                    // §5.3.3 step 4 backs up to other servers; RFC 2181 §5.4.1 ranks the child's set
                    // higher). Its in-zone names are not looked up through the failing zone.
                    childSideTried = true;
                    childSide = true;
                    Log.TryingChildNsSet(Logger, zone.Zone, reply.Failure);
                    zone = child;
                    continue;
                }

                return NameOutcome.Failure(reply.Failure, reply.FailureCode);
            }

            Classification classification = reply.Classification;
            if (classification.Kind != ResponseKind.Referral)
            {
                ApexNsSets.LearnFromAuthoritative(Cache, reply.Response!, zone.Zone);
            }

            if (classification.Kind == ResponseKind.Referral)
            {
                if (context.CountReferral() > Options.MaxReferrals)
                {
                    return NameOutcome.Failure($"more than {Options.MaxReferrals} referrals");
                }

                DnsName child = classification.Owner!;
                Log.FollowingReferral(Logger, zone.Zone, child);
                if (child.Equals(refetched))
                {
                    // The cached NS RRset of this zone (maybe the child's own, ranked above this
                    // referral) failed with every server: the parent's fresh copy takes its place.
                    ApexNsSets.ForgetFailed(Cache, child);
                }

                _referrals.CacheReferral(reply.Response!, child, zone.Zone);
                DnsName referring = zone.Zone;
                zone = DelegationPoint.FromReferral(reply.Response!, child, Options.ServerPort, Options.Families);
                if (reply.Received is { } received)
                {
                    zone.KeepLastResortGlue(received, referring, Options.ServerPort, Options.Families);
                }

                fromCache = false;
                childSide = false;
                childSideTried = false;
                zone.AddCachedAddresses(Cache, Options.ServerPort, Options.Families);
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

            if (question.Type == RrType.DS && classification.Kind == ResponseKind.NoData && ReferralAcceptor.IsReferralTo(reply.Response!, question.Name))
            {
                return _referrals.AcceptDsReferral(reply.Response!, question, zone.Zone, reply.Server!);
            }

            if (classification.Kind is ResponseKind.Answer or ResponseKind.Cname or ResponseKind.Dname)
            {
                _delegationProofs?.FromAnswer(reply.Response!, question, zone.Zone);
            }

            return Acceptor.Accept(reply.Response!, classification, question, zone.Zone, reply.Server!);
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
        DelegationPoint found = DelegationPoint.Find(Cache, parent, Options.RootHints, Options.ServerPort, Options.Families, Options.StubZones);
        return found.Zone.IsStrictSubdomainOf(asked) ? found : null;
    }

    // Asks the zone's servers in turn until one gives a usable (non-lame) response (AuthorityRounds).
    private Task<ZoneReply> QueryZoneAsync(DelegationPoint zone, DnsQuestion question, ResolutionContext context, bool cachedDelegation, bool minimised, CancellationToken cancellationToken) =>
        Loop.RunAsync(
            new AuthorityRounds(zone, question, context, cachedDelegation, minimised, IsStub(zone.Zone), Options, Servers, LookUpAddressesAsync, Cache, Logger),
            cancellationToken);

    private async Task<List<IPEndPoint>> LookUpAddressesAsync(DnsName server, ResolutionContext context, CancellationToken cancellationToken)
    {
        var found = new List<IPEndPoint>();
        if (context.Depth >= Options.MaxLookupDepth)
        {
            return found;
        }

        // The A and AAAA lookups of one name run at once (Unbound sends both target queries together):
        // a server with only one of them costs one round trip, not two.
        // A name whose A or AAAA is already being resolved further up is a delegation cycle: neither is
        // looked up again (the other type would only walk the same cycle once more before failing).
        RrType[] types = Options.Families.AddressTypes;
        if (context.Stack.Contains(new DnsQuestion(server, RrType.A)) || context.Stack.Contains(new DnsQuestion(server, RrType.AAAA)))
        {
            return found;
        }

        var lookups = new List<Task<IterationResult>>(types.Length);
        foreach (RrType type in types)
        {
            var question = new DnsQuestion(server, type);
            lookups.Add(ResolveChainAsync(question, context.Nested(question), cancellationToken));
        }

        foreach (IterationResult result in await Task.WhenAll(lookups).ConfigureAwait(false))
        {
            if (result.Status != IterationStatus.Answer)
            {
                continue;
            }

            foreach (RecordData data in result.Answers[^1].RrSet.RrSet.Data)
            {
                if (DelegationPoint.AddressOf(data, Options.Families) is IPAddress address)
                {
                    found.Add(new IPEndPoint(address, Options.ServerPort));
                }
            }
        }

        return found;
    }
}

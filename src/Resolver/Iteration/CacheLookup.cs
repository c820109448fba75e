// CacheLookup: the iterator's first stop for one name — the cached RRset (answer or authority
// trust, never glue or referral data: RFC 2181 §5.4.1), a CNAME at the name (not for DS, which is
// parent-side data), a DNAME above it (RFC 6672 §3.4), a cached NXDOMAIN/NODATA (RFC 2308), and,
// when the aggressive-NSEC index is on, an answer or denial synthesized from validated NSEC/NSEC3
// records and wildcards (RFC 8198), floored at configured stub and forward zones.
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Iteration;

/// <summary>Answers one name from the cache, without following aliases.</summary>
internal sealed class CacheLookup(DnsCache cache, IterationOptions options)
{
    private DnsCache Cache { get; } = cache;

    private IterationOptions Options { get; } = options;

    /// <summary>
    /// The whole answer for <paramref name="question"/> from the cache when it needs no alias to be
    /// followed; else null, with <paramref name="alias"/> set when the cache holds an alias at the name
    /// (the chain is followed by the caller).
    /// </summary>
    public IterationResult? TryResolve(DnsQuestion question, bool zonesFromSigners, out NameOutcome? alias)
    {
        NameOutcome? outcome = Find(question);
        alias = outcome is { Kind: OutcomeKind.Alias } ? outcome : null;
        if (outcome is null || outcome.Kind is OutcomeKind.Alias or OutcomeKind.Failure)
        {
            return null;
        }

        return new IterationResult
        {
            Question = question,
            Status = outcome.Status,
            Answers = outcome.Data is null ? [] : [outcome.Data, .. outcome.MoreData],
            Authority = outcome.Authority,
            NegativeEntry = outcome.NegativeEntry,
            Zone = outcome.Zone,
            ZonesFromSigners = zonesFromSigners,
        };
    }

    /// <summary>What the cache knows of exactly this name and type (an alias at it included); null when nothing.</summary>
    public NameOutcome? Find(DnsQuestion question)
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
}

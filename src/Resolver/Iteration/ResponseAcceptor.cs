// ResponseAcceptor: turns one classified, scrubbed response into the outcome for the name asked and
// caches what it teaches — the answer RRset (with the response's NSEC/NSEC3 records as its proof),
// the other RRsets of an ANY answer, a DNAME and the CNAME it synthesizes (RFC 6672), the signatures
// asked for as data (type RRSIG), and NXDOMAIN/NODATA with their authority section (RFC 2308). Trust
// follows the AA bit (RFC 2181 §5.4.1). It judges nothing: the validator decides what the data is worth.
using System.Collections.Immutable;
using System.Net;
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Iteration;

/// <summary>Accepts classified responses into the cache.</summary>
internal sealed class ResponseAcceptor(DnsCache cache)
{
    private DnsCache Cache { get; } = cache;

    /// <summary>Turns a classified response into an outcome and caches what it teaches.</summary>
    public NameOutcome Accept(DnsMessage scrubbed, Classification classification, DnsQuestion question, DnsName? zone, IPEndPoint server)
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
}

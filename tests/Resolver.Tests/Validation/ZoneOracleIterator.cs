// ZoneOracleIterator: an IDnsIterator that answers from a signed ZoneHierarchy as a perfect
// iterator over perfect authoritative servers would — the final RRset with its RRSIGs and the zone
// it came from, CNAME chains, wildcard synthesis, NODATA/NXDOMAIN with SOA and the zone's NSEC or
// NSEC3 records — so validator tests need no network. Denial sections carry every denial record
// of the zone (a superset of a minimal proof; proofs must cope with extra records anyway).
using System.Collections.Immutable;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;

namespace Resolver.Tests.Validation;

internal sealed class ZoneOracleIterator(ZoneHierarchy hierarchy) : IDnsIterator
{
    private int _queries;

    /// <summary>Questions asked so far, in order.</summary>
    public List<DnsQuestion> Asked { get; } = [];

    /// <summary>Zones whose servers are "down": questions they would answer fail.</summary>
    public HashSet<DnsName> DeadZones { get; } = [];

    public ZoneHierarchy Hierarchy { get; set; } = hierarchy;

    public Task<IterationResult> ResolveAsync(DnsQuestion question, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (Asked)
        {
            Asked.Add(question);
        }

        return Task.FromResult(Resolve(question));
    }

    private IterationResult Resolve(DnsQuestion question)
    {
        var answers = ImmutableArray.CreateBuilder<ZonedRrSet>();
        var aliases = ImmutableArray.CreateBuilder<AliasLink>();
        DnsName name = question.Name;
        for (int link = 0; link < 12; link++)
        {
            Interlocked.Increment(ref _queries);
            SignedZone? zone = ZoneFor(name, question.Type);
            if (zone is null || DeadZones.Contains(zone.Origin))
            {
                return Failure(question, "no server answers for " + name);
            }

            if (Find(zone, name, question.Type) is { } exact)
            {
                answers.Add(new ZonedRrSet(exact, zone.Origin, null));
                return Result(question, IterationStatus.Answer, answers, aliases, [], zone.Origin);
            }

            if (question.Type != RrType.CNAME && Find(zone, name, RrType.CNAME) is { } cname)
            {
                answers.Add(new ZonedRrSet(cname, zone.Origin, null));
                DnsName target = ((CnameData)cname.RrSet.Data[0]).Target;
                aliases.Add(new AliasLink(RrType.CNAME, name, name, target, zone.Origin));
                name = target;
                continue;
            }

            bool exists = zone.Records.Any(r => r.Name.IsSubdomainOf(name));
            if (exists)
            {
                return Result(question, IterationStatus.NoData, answers, aliases, Denial(zone), zone.Origin);
            }

            if (Wildcard(zone, name, question.Type) is { } synthesized)
            {
                answers.Add(new ZonedRrSet(synthesized, zone.Origin, null, Denial(zone, includeSoa: false)));
                return Result(question, IterationStatus.Answer, answers, aliases, [], zone.Origin);
            }

            return Result(question, IterationStatus.NxDomain, answers, aliases, Denial(zone), zone.Origin);
        }

        return Failure(question, "CNAME chain too long");
    }

    // The deepest zone holding the name; DS lives on the parent side of a cut (RFC 4035 §5.2).
    private SignedZone? ZoneFor(DnsName name, RrType type) => Hierarchy.Zones
        .Where(z => name.IsSubdomainOf(z.Origin) && !(type == RrType.DS && z.Origin == name && !name.IsRoot))
        .OrderByDescending(z => z.Origin.LabelCount)
        .FirstOrDefault();

    private static SignedRrSet? Find(SignedZone zone, DnsName name, RrType type) =>
        zone.Grouping.RrSets.FirstOrDefault(s => s.RrSet.Name == name && s.RrSet.Type == type);

    private static SignedRrSet? Wildcard(SignedZone zone, DnsName name, RrType type)
    {
        for (int labels = name.LabelCount - 1; labels >= zone.Origin.LabelCount; labels--)
        {
            DnsName encloser = name.GetSuffix(labels);
            if (!zone.Records.Any(r => r.Name.IsSubdomainOf(encloser)))
            {
                continue;
            }

            SignedRrSet? wild = Find(zone, encloser.Prepend("*"), type);
            if (wild is null)
            {
                return null;
            }

            // RFC 4592: the answer carries the query name as owner and the wildcard's signatures.
            RrSet rrset = wild.RrSet;
            return new SignedRrSet(new RrSet(name, rrset.Class, rrset.Type, rrset.Ttl, rrset.Data), wild.Signatures);
        }

        return null;
    }

    private static ImmutableArray<ResourceRecord> Denial(SignedZone zone, bool includeSoa = true)
    {
        var records = ImmutableArray.CreateBuilder<ResourceRecord>();
        foreach (ResourceRecord rr in zone.Records)
        {
            bool soa = includeSoa && rr.Name == zone.Origin && (rr.Type == RrType.SOA || rr.Data is RrsigData { TypeCovered: RrType.SOA });
            bool denial = rr.Type is RrType.NSEC or RrType.NSEC3 || rr.Data is RrsigData { TypeCovered: RrType.NSEC or RrType.NSEC3 };
            if (soa || denial)
            {
                records.Add(rr);
            }
        }

        return records.ToImmutable();
    }

    private IterationResult Result(
        DnsQuestion question, IterationStatus status, ImmutableArray<ZonedRrSet>.Builder answers,
        ImmutableArray<AliasLink>.Builder aliases, ImmutableArray<ResourceRecord> authority, DnsName zone) => new()
        {
            Question = question,
            Status = status,
            Answers = answers.ToImmutable(),
            Aliases = aliases.ToImmutable(),
            Authority = authority,
            Zone = zone,
            UpstreamQueries = 1,
        };

    private static IterationResult Failure(DnsQuestion question, string reason) => new()
    {
        Question = question,
        Status = IterationStatus.ServerFailure,
        FailureReason = reason,
        UpstreamQueries = 1,
    };
}

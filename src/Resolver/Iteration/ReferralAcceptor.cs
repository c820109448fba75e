// ReferralAcceptor: takes a referral into the cache (RFC 1034 §4.3.2 step 3b) — the child's NS
// RRset and the glue below answer trust, so they guide iteration but are never handed out as
// answers (RFC 2181 §5.4.1), a DS RRset as the parent's own data — and answers a DS question that a
// parent answered with the referral to that very child (RFC 4035 §3.1.4.1). The NSEC/NSEC3 records
// of a referral without a DS go to the delegation proofs (the validator side) unread.
using System.Collections.Immutable;
using System.Net;
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Iteration;

/// <summary>Caches referrals and answers DS questions from them.</summary>
internal sealed class ReferralAcceptor(DnsCache cache, IDelegationProofs? delegationProofs)
{
    // A server asked for a DS that answers with the referral to that very child (no SOA) is
    // answering from the parent side all the same (RFC 4035 §3.1.4.1): the DS RRset in the referral,
    // or the NSEC/NSEC3 records proving there is none.
    public static bool IsReferralTo(DnsMessage response, DnsName child) =>
        ResponseClassifier.ParentSideCut(response, child.Equals) is not null;

    public NameOutcome AcceptDsReferral(DnsMessage referral, DnsQuestion question, DnsName parent, IPEndPoint server)
    {
        CacheReferral(referral, question.Name, parent);
        SignedRrSet? ds = RrSet.Group(referral.Authorities).RrSets
            .FirstOrDefault(set => set.RrSet.Type == RrType.DS && set.RrSet.Name.Equals(question.Name) && set.RrSet.Class == question.Class);
        if (ds is not null)
        {
            CachedRrSet? entry = cache.GetRrSet(question.Name, RrType.DS, question.Class);
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
            NegativeEntry = cache.GetNegative(question.Name, RrType.DS, question.Class),
        };
    }

    // The parent's NS RRset and glue are cached below answer trust, so they guide iteration but are
    // never handed out as answers (RFC 2181 §5.4.1); a DS in the referral is the parent's own data.
    // A signed parent's referral without a DS proves its absence with NSEC/NSEC3 (RFC 4035 §3.1.4.1):
    // those records go to the delegation proofs (the validator side), not read here.
    public void CacheReferral(DnsMessage referral, DnsName child, DnsName parent)
    {
        bool hasDs = false;
        RrClass @class = referral.Questions.Count > 0 ? referral.Questions[0].Class : RrClass.IN;
        foreach (SignedRrSet set in RrSet.Group(referral.Authorities).RrSets)
        {
            if (set.RrSet.Name.Equals(child) && set.RrSet.Type == RrType.NS)
            {
                cache.SetRrSet(set, parent, CacheTrust.Referral);
                @class = set.RrSet.Class;
            }
            else if (set.RrSet.Name.Equals(child) && set.RrSet.Type == RrType.DS)
            {
                cache.SetRrSet(set, parent, CacheTrust.Authority);
                hasDs = true;
            }
        }

        if (!hasDs)
        {
            delegationProofs?.FromReferral(child, @class, parent, ReferralDenial(referral));
        }

        foreach (SignedRrSet set in RrSet.Group(referral.Additionals).RrSets)
        {
            cache.SetRrSet(set, parent, CacheTrust.Glue);
            if (set.RrSet.Type is RrType.A or RrType.AAAA)
            {
                cache.SetParentSide(set, parent);   // kept should the child's own answer for the name replace it
            }
        }
    }

    // The records of a referral that speak to the absence of a DS: NSEC/NSEC3 with their RRSIGs,
    // and an SOA with its RRSIGs should a server add one.
    private static ImmutableArray<ResourceRecord> ReferralDenial(DnsMessage referral) =>
    [
        .. NsecRecords.Select(referral.Authorities),
        .. referral.Authorities.Where(r => r.Type == RrType.SOA || r.Data is RrsigData { TypeCovered: RrType.SOA }),
    ];
}

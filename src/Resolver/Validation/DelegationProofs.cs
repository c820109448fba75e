// DelegationProofs: reads the NSEC/NSEC3 records the iterator saw at zone cuts and caches those that
// speak to a child's DS as the NODATA answer to that DS (DnsCache.SetDsDenial), so the chain walk
// finds the delegation insecure (RFC 4035 §5.2) without asking the parent again — parents that do not
// answer DS queries, or answer them with the referral again, exist. What is cached is not trusted:
// the validator checks it like any NODATA. Owns the DNSSEC reading the iterator must not do: type
// bitmaps (NS without DS or SOA), NSEC3 owner hashing bounded by ValidatorOptions.Nsec3InsecureIterations
// (RFC 9276 §3.2), and wildcard-expanded denial records (RFC 4035 §5.3.4), which are no proof.
using System.Collections.Immutable;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;

namespace Resolver.Validation;

/// <summary>Caches the DS denials found in referrals and answers.</summary>
internal sealed class DelegationProofs : IDelegationProofs
{
    // Names on an answer's chain whose delegation proofs are looked for.
    private const int MaxCandidates = 16;

    private readonly DnsCache _cache;
    private readonly int _maxNsec3Iterations;

    public DelegationProofs(DnsCache cache, ValidatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        _cache = cache;
        // RFC 9276 §3.2: more iterations than a proof may have to count as more than Insecure are not
        // worth hashing for a cache shortcut.
        _maxNsec3Iterations = options.Nsec3InsecureIterations;
    }

    /// <inheritdoc/>
    public void FromReferral(DnsName child, RrClass @class, DnsName parent, ImmutableArray<ResourceRecord> denial)
    {
        // A signed parent's referral without a DS proves its absence with NSEC/NSEC3 (RFC 4035 §3.1.4.1).
        if (!denial.IsEmpty && !denial.Any(IsWildcardExpansion))
        {
            _cache.SetDsDenial(child, @class, parent, denial);
        }
    }

    // A signed zone also proves an unsigned delegation outside referrals: an answer whose CNAME leads
    // into an unsigned child carries, in its authority section, the parent's NSEC/NSEC3 matching the
    // child with NS but neither DS nor SOA in its bitmap (RFC 4035 §3.1.4.1, §5.2; Unbound's
    // val_cnametonsec and val_cnametooptin). That record is cached as the NODATA answer to the
    // child's DS, as a referral's would be. Only names on the answer's chain (and their ancestors
    // below the zone) are considered, and NSEC3 hashing is bounded.

    /// <inheritdoc/>
    public void FromAnswer(DnsMessage response, DnsQuestion question, DnsName zone)
    {
        ImmutableArray<ResourceRecord> denial = NsecRecords.Select(response.Authorities);
        if (denial.IsEmpty || denial.Any(IsWildcardExpansion))
        {
            return;
        }

        var candidates = new List<DnsName>();
        IEnumerable<DnsName> chain = response.Answers.Select(r => r.Data).OfType<CnameData>().Select(c => c.Target).Prepend(question.Name);
        foreach (DnsName name in chain)
        {
            for (DnsName n = name; n.IsStrictSubdomainOf(zone) && candidates.Count < MaxCandidates; n = n.Parent)
            {
                if (!candidates.Contains(n))
                {
                    candidates.Add(n);
                }
            }
        }

        foreach (SignedRrSet set in RrSet.Group(denial).RrSets)
        {
            DnsName? child = set.RrSet.Data[0] switch
            {
                NsecData nsec when IsUnsignedDelegation(nsec.TypeBitmap) && candidates.Contains(set.RrSet.Name) => set.RrSet.Name,
                Nsec3Data nsec3 when IsUnsignedDelegation(nsec3.TypeBitmap) => MatchNsec3(set.RrSet.Name, nsec3, candidates, zone),
                _ => null,
            };
            if (child is null || _cache.GetRrSet(child, RrType.DS, question.Class) is not null || _cache.GetNegative(child, RrType.DS, question.Class) is not null)
            {
                continue;
            }

            _cache.SetDsDenial(child, question.Class, zone, [.. denial.Where(r => r.Name.Equals(set.RrSet.Name))]);
        }
    }

    // The parent side of a cut (ZoneCuts.IsParentSide: NS, no SOA) without a DS: an unsigned delegation (RFC 4035 §5.2).
    private static bool IsUnsignedDelegation(TypeBitmap types) =>
        ZoneCuts.IsParentSide(types) && !types.Contains(RrType.DS);

    private DnsName? MatchNsec3(DnsName owner, Nsec3Data nsec3, List<DnsName> candidates, DnsName zone)
    {
        if (nsec3.HashAlgorithm != 1 || nsec3.Iterations > _maxNsec3Iterations || !owner.Parent.Equals(zone))
        {
            return null;
        }

        foreach (DnsName candidate in candidates)
        {
            if (Nsec3Hash.ComputeOwnerName(candidate, zone, nsec3.Salt, nsec3.Iterations).Equals(owner))
            {
                return candidate;
            }
        }

        return null;
    }

    // An NSEC/NSEC3 signed with fewer labels than its owner has was synthesized from a wildcard
    // (RFC 4035 §5.3.4): the delegation came from a wildcard NS and the record describes the
    // wildcard, not a real zone cut, so it is no proof about the child's DS and is not cached as one
    // (Unbound's val_wcnsec_nods; CVE-2017-15105 is the same misuse in a NODATA).
    private static bool IsWildcardExpansion(ResourceRecord record) =>
        record.Data is RrsigData { TypeCovered: RrType.NSEC or RrType.NSEC3 } sig && sig.Labels < record.Name.SignatureLabelCount;
}

// ResultMapping: the one mapping from a validation outcome to the public ResolveResult. A resolution
// failure has no verdict: SERVFAIL, Status Unchecked, the reason and its RFC 8914 code (RFC 4035
// §4.3: what could not be fetched is no DNSSEC verdict). A verdict gives the answer RRsets with their
// RRSIGs, TTLs clamped to the validated TTL and to what is left in the cache, the RCODE the proofs
// establish, the reason and the chain; Bogus data is withheld unless checking was disabled.
using Resolver.Iteration;
using Resolver.Protocol;

namespace Resolver.Validation;

internal static class ResultMapping
{
    public static ResolveResult ToResult(
        DnsQuestion question, IterationResult iteration, ValidationOutcome outcome, ValidationWork work, bool checkingDisabled, DateTimeOffset now)
    {
        if (outcome.Unresolved is { } failure)
        {
            return new ResolveResult
            {
                Question = question,
                Status = SecurityStatus.Unchecked,
                ResponseCode = ResponseCode.ServFail,
                ResolutionError = failure.Reason,
                ResolutionErrorCode = failure.Code,
                Work = work,
            };
        }

        bool withhold = outcome.Status == SecurityStatus.Bogus && !checkingDisabled;
        uint maxTtl = outcome.MaxTtl ?? uint.MaxValue;
        var answers = new List<ResourceRecord>();
        if (!withhold)
        {
            foreach (ZonedRrSet set in iteration.Answers)
            {
                RrSet rrset = set.RrSet.RrSet;
                uint ttl = Math.Min(set.CacheEntry?.RemainingTtl(now) ?? rrset.Ttl, maxTtl);
                answers.AddRange(rrset.ToRecords().Select(rr => rr with { Ttl = ttl }));
                answers.AddRange(set.RrSet.Signatures.Select(sig => new ResourceRecord(rrset.Name, rrset.Class, ttl, sig)));
            }
        }

        return new ResolveResult
        {
            Question = question,
            Status = outcome.Status,
            ResponseCode = outcome.ProvenResponseCode ?? iteration.ResponseCode,
            Answers = answers,
            Authority = withhold ? [] : iteration.Status == IterationStatus.Answer ? WildcardProofs(iteration) : [.. iteration.Authority],
            DataWithheld = withhold,
            Reason = outcome.Failure,
            Chain = outcome.Chain,
            Work = work,
            CanonicalName = iteration.FinalName,
        };
    }

    // The proofs that came with the wildcard-expanded RRsets of an answer (RRSIG labels fewer than
    // the owner's, RFC 4035 §5.3.4), each record once.
    private static List<ResourceRecord> WildcardProofs(IterationResult iteration)
    {
        var proofs = new List<ResourceRecord>();
        foreach (ZonedRrSet set in iteration.Answers)
        {
            if (set.RrSet.Signatures.Any(sig => sig.Labels < set.RrSet.RrSet.Name.SignatureLabelCount))
            {
                proofs.AddRange(set.ProofRecords.Where(r => !proofs.Contains(r)));
            }
        }

        return proofs;
    }
}

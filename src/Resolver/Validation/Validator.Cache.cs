// Validator.Cache: what a verdict does to the RRset cache and the aggressive-NSEC index. Bogus data
// is kept no longer than BogusLifetime allows (Unbound's val-bogus-ttl) and marked Bogus; the DNSKEY
// and DS data of a zone whose keys failed leave with it; data dropped before asking other servers
// is dropped from the index too. RFC 8198 §5.1-5.3: the NSEC/NSEC3 records of a Secure negative
// answer — those whose signatures the validator checked — and the wildcards of Secure wildcard
// answers, with their proofs, may answer later questions they also cover.
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Validation;

internal sealed partial class Validator
{
    // Only data that came with a cache entry is fed (a synthesized answer has none and is not fed
    // back), and it lives no longer than that entry.
    private void RememberDenials(IterationResult iteration, ValidationOutcome outcome)
    {
        if (_cache.Denials is not { } denials || outcome.Status != SecurityStatus.Secure || outcome.IsResolutionFailure)
        {
            return;
        }

        foreach (ZonedRrSet set in iteration.Answers)
        {
            if (set.CacheEntry is { } cached && !set.ProofRecords.IsEmpty && set.RrSet.Signatures is [RrsigData sig, ..] &&
                sig.Labels < set.RrSet.RrSet.Name.SignatureLabelCount)
            {
                denials.AddWildcard(sig.SignerName, set.RrSet, _maxCacheTtl, cached.Expires);
                denials.Add(sig.SignerName, set.ProofRecords, Validated(outcome), cached.Expires);
            }
        }

        if (iteration.Status is IterationStatus.NoData or IterationStatus.NxDomain &&
            iteration.NegativeEntry is { } entry && outcome.Chain.Denials.Count > 0)
        {
            denials.Add(outcome.Chain.Denials[^1].Zone, iteration.Authority, Validated(outcome), entry.Expires);
        }
    }

    // True when the validator checked the signature over the RRset (owner, type) in reaching the outcome.
    private static Func<DnsName, RrType, bool> Validated(ValidationOutcome outcome) =>
        (owner, type) => outcome.Chain.Signatures.Any(s => s.Owner.Equals(owner) && s.TypeCovered == type);

    // The Bogus key entry stands for a broken zone for BogusTtl only; the DNSKEY/DS data that failed
    // must not outlive it in the RRset cache, or a repaired zone stays Bogus for the data's whole TTL.
    private void ForgetKeyData(ValidationOutcome outcome)
    {
        foreach ((DnsName zone, RrType type) in BogusLifetime.KeyDataToForget(outcome.Chain))
        {
            _cache.Remove(zone, type);
        }
    }

    // Bogus answer data stays in the cache no longer than the bogus TTL, marked Bogus (never reused,
    // never served stale). Negative answers that failed are simply dropped.
    private void KeepBogusBriefly(IterationResult iteration, ValidationOutcome outcome, DateTimeOffset now)
    {
        var bogus = new RrSetSecurity(SecurityStatus.Bogus, outcome.Failure, outcome.Chain, now);
        Mark(iteration, bogus);
        uint cap = _bogus.DataTtl;
        foreach (ZonedRrSet set in iteration.Answers)
        {
            RrSet rrset = set.RrSet.RrSet;
            if (rrset.Ttl <= cap || set.CacheEntry is null)
            {
                // Short enough already, or never cached (TTL 0, or a CNAME synthesized from a
                // DNAME, which must not enter the cache as data of its own).
                continue;
            }

            _cache.Remove(rrset.Name, rrset.Type, rrset.Class);
            if (cap > 0)
            {
                var shortened = new SignedRrSet(new RrSet(rrset.Name, rrset.Class, rrset.Type, cap, rrset.Data), set.RrSet.Signatures);
                if (_cache.SetRrSet(shortened, set.Zone, set.CacheEntry?.Trust ?? CacheTrust.Authority, set.ProofRecords) is { } entry)
                {
                    entry.Security = bogus;
                }
            }
        }

        if (iteration.NegativeEntry is not null)
        {
            _cache.Remove(iteration.FinalName, iteration.Question.Type, iteration.Question.Class);
        }

        ForgetDenials(iteration);
    }

    // Data the validator found Bogus must not be synthesized again from the aggressive cache
    // (RFC 8198): the denial records and wildcards it was built from are dropped with it.
    private void ForgetDenials(IterationResult iteration)
    {
        if (_cache.Denials is not { } denials)
        {
            return;
        }

        denials.Remove(iteration.Authority);
        foreach (ZonedRrSet set in iteration.Answers)
        {
            denials.Remove(set.ProofRecords);
            denials.RemoveWildcard(set.RrSet);
        }
    }

    // Before other servers are asked for an answer whose data failed: the answer leaves the cache.
    private void Forget(IterationResult iteration)
    {
        foreach (ZonedRrSet set in iteration.Answers)
        {
            _cache.Remove(set.RrSet.RrSet.Name, set.RrSet.RrSet.Type, set.RrSet.RrSet.Class);
        }

        _cache.Remove(iteration.FinalName, iteration.Question.Type, iteration.Question.Class);
        ForgetDenials(iteration);
    }
}

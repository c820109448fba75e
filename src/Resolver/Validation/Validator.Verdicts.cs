// Validator.Verdicts: the verdicts the validator keeps with cache entries (RrSetSecurity, the typed
// per-RRset status of Unbound's rrset_update_sec_status) and hands back: on a warm hit each part of
// the answer — an RRset, every link of a CNAME/DNAME chain, the denial of a negative answer — whose
// verdict still holds is not validated again. A verdict holds only for the very entry it was given
// for (entries are replaced, never changed, when data is refreshed), and for the entries it rested
// on; within the validated lifetime (RFC 4035 §5.3.3: RRSIG original TTL, signature expiry, the
// entries' TTLs); and never when Bogus (Bogus is retried, so stale trouble cannot stick). Serve-stale
// (RFC 8767) asks here whether expired entries validated, and what their verdict was.
using System.Collections.Immutable;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol.Records;

namespace Resolver.Validation;

internal sealed partial class Validator
{
    /// <inheritdoc/>
    public PartVerdict? Find(IterationResult result, int index, DateTimeOffset now) =>
        Usable(result, index, now) is { } known ? ToPart(known, now) : null;

    private static PartVerdict ToPart(RrSetSecurity known, DateTimeOffset now) =>
        new(known.Status, known.Reason, known.Chain, VerdictTtlLeft(known.ValidUntil, now), known.DependsOn.IsEmpty)
        {
            ProvenResponseCode = known.ProvenResponseCode,
            FromCache = true,
        };

    // The verdict part `index` of the answer still carries, if it may be reused now.
    private static RrSetSecurity? Usable(IterationResult result, int index, DateTimeOffset now)
    {
        CacheEntryBase? entry = index < result.Answers.Length ? result.Answers[index].CacheEntry : result.NegativeEntry;
        return entry?.Security is { } known && known.ReusableAt(now) &&
            (known.DependsOn.IsEmpty || SameEntries(known.DependsOn, result))
            ? known
            : null;
    }

    /// <summary>
    /// The verdict on stale entries (an answer's links in order, then its final RRset or denial)
    /// when each validated Secure or Insecure — and, when Secure, every signature is still within
    /// its validity period (the verdict held only within it, RFC 4035 §5.3.1, §5.3.3); else null.
    /// </summary>
    public static ValidationOutcome? StaleVerdict(IReadOnlyList<CacheEntryBase> entries, DateTimeOffset now)
    {
        var parts = new PartVerdict?[entries.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            if (entries[i].Security is not { Status: SecurityStatus.Secure or SecurityStatus.Insecure } known)
            {
                return null;
            }

            parts[i] = new PartVerdict(known.Status, known.Reason, known.Chain, null, true) { ProvenResponseCode = known.ProvenResponseCode };
        }

        ValidationOutcome outcome = ValidationOutcome.Merge(parts);
        return outcome.Status == SecurityStatus.Secure && !entries.All(e => SignaturesStillValid(e, now)) ? null : outcome;
    }

    // The TTL a reused verdict still allows at `now` (RFC 4035 §5.3.3): whole seconds left of its
    // validated lifetime. One formula for warm reuse and for Validator.Recall, which must agree.
    private static uint VerdictTtlLeft(DateTimeOffset validUntil, DateTimeOffset now) =>
        (uint)Math.Max(0, (validUntil - now).TotalSeconds);

    // The answer's verdict when every part of it carries one that still holds; null otherwise. The
    // warm path: a single part's verdict is the answer's as it is; the parts of a chain are joined
    // once and the join kept with the first part (AnswerVerdict) while the parts stay the same.
    private static ValidationOutcome? Known(IterationResult iteration, DateTimeOffset now)
    {
        if (iteration.Status == IterationStatus.ServerFailure)
        {
            return null;
        }

        int count = PartCount(iteration);
        RrSetSecurity? first = null;
        int known = 0;
        DateTimeOffset validUntil = DateTimeOffset.MaxValue;
        for (int i = 0; i < count; i++)
        {
            if (IsSynthesized(iteration, i))
            {
                continue;
            }

            if (Usable(iteration, i, now) is not { } part)
            {
                return null;
            }

            first ??= part;
            known++;
            validUntil = part.ValidUntil < validUntil ? part.ValidUntil : validUntil;
        }

        if (first is null)
        {
            return null;
        }

        uint maxTtl = VerdictTtlLeft(validUntil, now);
        if (known == 1)
        {
            return new ValidationOutcome(first.Status, first.Status == SecurityStatus.Secure ? null : first.Reason, first.Chain, maxTtl, null, first.ProvenResponseCode);
        }

        AnswerVerdict joined = first.Joined is { } memo && SameVerdicts(memo.Parts, iteration) ? memo : Join(iteration, first, now);
        return new ValidationOutcome(joined.Status, joined.Reason, joined.Chain, maxTtl, null, joined.ProvenResponseCode);
    }

    private static AnswerVerdict Join(IterationResult iteration, RrSetSecurity first, DateTimeOffset now)
    {
        int count = PartCount(iteration);
        var parts = new PartVerdict?[count];
        var verdicts = ImmutableArray.CreateBuilder<RrSetSecurity>(count);
        for (int i = 0; i < count; i++)
        {
            if (!IsSynthesized(iteration, i) && Usable(iteration, i, now) is { } known)
            {
                parts[i] = ToPart(known, now);
                verdicts.Add(known);
            }
        }

        ValidationOutcome merged = ValidationOutcome.Merge(parts);
        var joined = new AnswerVerdict(verdicts.DrainToImmutable(), merged.Status, merged.Failure, merged.Chain, merged.ProvenResponseCode);
        first.Joined = joined;
        return joined;
    }

    // True when the answer's parts carry exactly these verdicts, in order.
    private static bool SameVerdicts(ImmutableArray<RrSetSecurity> verdicts, IterationResult iteration)
    {
        int count = PartCount(iteration);
        int k = 0;
        for (int i = 0; i < count; i++)
        {
            if (IsSynthesized(iteration, i))
            {
                continue;
            }

            CacheEntryBase? entry = i < iteration.Answers.Length ? iteration.Answers[i].CacheEntry : iteration.NegativeEntry;
            if (k >= verdicts.Length || !ReferenceEquals(entry?.Security, verdicts[k++]))
            {
                return false;
            }
        }

        return k == verdicts.Length;
    }

    private static int PartCount(IterationResult iteration) =>
        iteration.Answers.Length + (iteration.Status is IterationStatus.NoData or IterationStatus.NxDomain ? 1 : 0);

    private static bool IsSynthesized(IterationResult iteration, int index) =>
        index < iteration.Answers.Length && ResponseValidator.IsSynthesized(iteration.Answers, index);

    // Each part of an answer that is not Bogus keeps the verdict it was given with its cache entry,
    // unless the answer as a whole is Bogus (its entries are then kept briefly, as Bogus).
    private static void Remember(IterationResult iteration, ValidationOutcome outcome, DateTimeOffset now)
    {
        if (outcome.IsResolutionFailure || outcome.Parts.IsDefault || outcome.Status == SecurityStatus.Bogus)
        {
            return;
        }

        ImmutableArray<CacheEntryBase> all = default;
        for (int i = 0; i < outcome.Parts.Length; i++)
        {
            CacheEntryBase? entry = i < iteration.Answers.Length ? iteration.Answers[i].CacheEntry : iteration.NegativeEntry;
            if (outcome.Parts[i] is not { FromCache: false } part || entry is null)
            {
                continue;
            }

            ImmutableArray<CacheEntryBase> dependsOn = [];
            if (!part.SelfContained)
            {
                all = all.IsDefault ? AllEntries(iteration) : all;
                if (all.IsEmpty)
                {
                    continue;   // a part of the answer was never cached: nothing to tie the verdict to
                }

                dependsOn = all;
            }

            // RFC 4035 §5.3.3: no longer than the validated TTL (original TTL, signature expiry), nor
            // than the entry, or any entry the verdict rests on, lives.
            DateTimeOffset validUntil = part.MaxTtl is uint ttl ? now.AddSeconds(ttl) : entry.Expires;
            validUntil = entry.Expires < validUntil ? entry.Expires : validUntil;
            foreach (CacheEntryBase other in dependsOn)
            {
                validUntil = other.Expires < validUntil ? other.Expires : validUntil;
            }

            entry.Security = new RrSetSecurity(part.Status, part.Status == SecurityStatus.Secure ? null : part.Failure, part.Chain, validUntil)
            {
                ProvenResponseCode = part.ProvenResponseCode,
                DependsOn = dependsOn,
            };
        }
    }

    // Every entry an answer was built from, in order; empty when a part has none (a CNAME
    // synthesized from a DNAME, data with TTL 0).
    private static ImmutableArray<CacheEntryBase> AllEntries(IterationResult iteration)
    {
        var entries = ImmutableArray.CreateBuilder<CacheEntryBase>(iteration.Answers.Length + 1);
        foreach (ZonedRrSet set in iteration.Answers)
        {
            if (set.CacheEntry is not { } entry)
            {
                return [];
            }

            entries.Add(entry);
        }

        if (iteration.NegativeEntry is { } negative)
        {
            entries.Add(negative);
        }

        return entries.DrainToImmutable();
    }

    private static bool SameEntries(ImmutableArray<CacheEntryBase> known, IterationResult result)
    {
        int count = result.Answers.Length + (result.NegativeEntry is null ? 0 : 1);
        if (known.Length != count)
        {
            return false;
        }

        for (int i = 0; i < result.Answers.Length; i++)
        {
            if (!ReferenceEquals(known[i], result.Answers[i].CacheEntry))
            {
                return false;
            }
        }

        return result.NegativeEntry is null || ReferenceEquals(known[^1], result.NegativeEntry);
    }

    // A resolution that failed leaves its entries unjudged: whatever verdict they carried is dropped.
    private static void Unmark(IterationResult iteration) => Mark(iteration, null);

    private static void Mark(IterationResult iteration, RrSetSecurity? security)
    {
        foreach (ZonedRrSet set in iteration.Answers)
        {
            if (set.CacheEntry is { } entry)
            {
                entry.Security = security;
            }
        }

        if (iteration.NegativeEntry is { } negative)
        {
            negative.Security = security;
        }
    }

    // True when every RRSIG the entry holds is still within its validity period at now (RRSIG times
    // are seconds modulo 2^32 compared in serial-number arithmetic, RFC 4034 §3.1.5, RFC 1982).
    private static bool SignaturesStillValid(CacheEntryBase entry, DateTimeOffset now)
    {
        uint serialNow = unchecked((uint)now.ToUnixTimeSeconds());
        IEnumerable<RrsigData> signatures = entry is CachedRrSet set
            ? set.RrSet.Signatures
            : ((CachedNegative)entry).Authority.Select(rr => rr.Data).OfType<RrsigData>();
        return signatures.All(sig => unchecked((int)(sig.SignatureExpiration - serialNow)) > 0);
    }
}

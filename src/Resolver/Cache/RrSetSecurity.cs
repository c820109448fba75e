// RrSetSecurity: the security status the validator gave one cache entry — an RRset (each link of a
// CNAME/DNAME chain has its own) or a negative answer — as Unbound's rrset_update_sec_status stores a
// status with every cached RRset. The validator writes it after judging the entry and reads it back
// to reuse the verdict on a warm hit; serve-stale (RFC 8767) reads it to serve only data that
// validated. An entry nobody has judged yet holds none (null), never a status.
// The type lives in Cache, not Validation, because the cache stores it on every entry and may not
// depend on the validator (ARCHITECTURE: Validation → Cache, never back): it holds only the public
// verdict vocabulary (SecurityStatus, ValidationFailure, ChainOfTrust) and other cache entries.
using System.Collections.Immutable;
using Resolver.Protocol;

namespace Resolver.Cache;

/// <summary>The validator's verdict on one cache entry, and how long it holds.</summary>
/// <param name="Status">Secure, Insecure, Bogus or Indeterminate.</param>
/// <param name="Reason">Why the entry is not Secure; null when it is.</param>
/// <param name="Chain">The zone cuts, signatures and denial proofs this entry's verdict rests on.</param>
/// <param name="ValidUntil">
/// The end of the validated lifetime (RFC 4035 §5.3.3: no longer than the RRSIG original TTL and
/// signature expiry allow, nor than the entry, or any entry the verdict rests on, lives).
/// </param>
internal sealed record RrSetSecurity(SecurityStatus Status, ValidationFailure? Reason, ChainOfTrust Chain, DateTimeOffset ValidUntil)
{
    /// <summary>For a negative answer: the RCODE its proof establishes when it is not the server's (RFC 8020 §2).</summary>
    public ResponseCode? ProvenResponseCode { get; init; }

    /// <summary>
    /// The other entries of the answer the verdict was reached with (a denial after an alias chain
    /// uses the proofs that came with its links); empty when the entry's own data was enough. The
    /// verdict holds only while the answer is built from these very entries (entries are replaced,
    /// never changed, when data is refreshed).
    /// </summary>
    public ImmutableArray<CacheEntryBase> DependsOn { get; init; } = [];

    /// <summary>
    /// For the first entry of an answer built from several (an alias chain, a chain and its denial):
    /// the verdict last joined from these very verdicts, so a warm hit need not join them again.
    /// A memo of the validator's, valid only while <see cref="AnswerVerdict.Parts"/> are the answer's verdicts.
    /// </summary>
    public AnswerVerdict? Joined
    {
        get => Volatile.Read(ref _joined);
        set => Volatile.Write(ref _joined, value);
    }

    private AnswerVerdict? _joined;

    /// <summary>
    /// The whole result last given for this entry alone (a single-RRset answer reused warm), with the
    /// TTL its records carry: a question answered by this entry at an instant that gives the same TTL
    /// gets the same result, without being assembled again. A memo of the validator's.
    /// </summary>
    public RecalledAnswer? Recall
    {
        get => Volatile.Read(ref _recall);
        set => Volatile.Write(ref _recall, value);
    }

    private RecalledAnswer? _recall;

    /// <summary>True when the verdict may be reused at <paramref name="now"/>: Secure, Insecure or Indeterminate and within its lifetime (Bogus is never reused: it is retried).</summary>
    public bool ReusableAt(DateTimeOffset now) => Status != SecurityStatus.Bogus && now < ValidUntil;
}

/// <summary>The verdict on a whole answer joined from the verdicts on its entries (weakest wins; chains joined in order).</summary>
/// <param name="Parts">The entries' verdicts it was joined from, in answer order.</param>
/// <param name="Status">The answer's status.</param>
/// <param name="Reason">Why it is not Secure.</param>
/// <param name="Chain">The joined chain of trust.</param>
/// <param name="ProvenResponseCode">The RCODE the denial's proof establishes, if not the server's.</param>
internal sealed record AnswerVerdict(
    ImmutableArray<RrSetSecurity> Parts, SecurityStatus Status, ValidationFailure? Reason, ChainOfTrust Chain, ResponseCode? ProvenResponseCode);

/// <summary>A finished warm answer kept with the one entry it was built from.</summary>
/// <param name="Answer">The completed result, as the task callers receive.</param>
/// <param name="Ttl">The TTL of its records (the entry's remaining TTL, clamped to the verdict's validated lifetime).</param>
internal sealed record RecalledAnswer(Task<ResolveResult> Answer, uint Ttl);

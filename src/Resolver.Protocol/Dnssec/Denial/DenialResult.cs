// DenialResult: the outcome of one NSEC or NSEC3 denial-of-existence proof — a status (Secure,
// Insecure, Bogus), the kind of denial established, the closest encloser, which record proved which
// clause, and for a proof that is not Secure why not: the missing clause, the contradicting record,
// an opt-out span or an iteration limit. Also counts the NSEC3 hash computations spent, so a caller
// can cap the work per query (CVE-2023-50868). A failed proof is a value, never an exception.
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Resolver.Protocol.Dnssec.Denial;

/// <summary>How far a denial proof can be trusted (RFC 4035 §4.3 terms).</summary>
public enum DenialStatus
{
    /// <summary>Every clause of the proof holds: the absence is authenticated.</summary>
    Secure,

    /// <summary>
    /// The records prove no more than that nothing <em>signed</em> is there (an NSEC3 opt-out span,
    /// RFC 5155 §9.2), or the NSEC3 iterations are above the insecure limit (RFC 9276 §3.2): the
    /// answer is to be treated as unsigned, neither trusted nor rejected.
    /// </summary>
    Insecure,

    /// <summary>The proof does not hold: a clause is missing, a record contradicts it, or a hard limit was hit.</summary>
    Bogus,
}

/// <summary>What a denial proof established.</summary>
public enum DenialProofKind
{
    /// <summary>Nothing was established (the proof is Bogus, or Insecure because of an iteration limit).</summary>
    None,

    /// <summary>The name does not exist and no wildcard could have produced it (RFC 4035 §5.4, RFC 5155 §8.4).</summary>
    NxDomain,

    /// <summary>The name exists without the type and without a CNAME (RFC 4035 §5.4, RFC 5155 §8.5, §8.6).</summary>
    NoData,

    /// <summary>The name exists only because names below it do, so it has no type at all (RFC 4035 §3.1.3.2, RFC 5155 §7.2.3).</summary>
    EmptyNonTerminal,

    /// <summary>The name does not exist and the answer was rightly synthesized from the wildcard at its closest encloser (RFC 4035 §5.3.4, RFC 5155 §8.8).</summary>
    Wildcard,

    /// <summary>The name does not exist and the wildcard at its closest encloser lacks the type and CNAME (RFC 4035 §3.1.3.4, RFC 5155 §8.7).</summary>
    WildcardNoData,

    /// <summary>The name is a delegation point without DS: the child zone is unsigned (RFC 4035 §5.2, RFC 6840 §4.4).</summary>
    InsecureDelegation,

    /// <summary>
    /// Only the absence of a <em>signed</em> delegation is proven: the next closer name lies in an NSEC3
    /// opt-out span, where unsigned delegations have no NSEC3 (RFC 5155 §6, §8.6, §9.2). The status is Insecure.
    /// </summary>
    OptOutInsecure,
}

/// <summary>One clause of a denial proof.</summary>
public enum DenialClause
{
    /// <summary>A record whose owner is the query name (NSEC) or its hash (NSEC3), lacking the type.</summary>
    QNameMatch,

    /// <summary>An NSEC covering the query name: no name between its owner and next name (RFC 4035 §5.4).</summary>
    QNameCover,

    /// <summary>An NSEC whose next name is below the query name, which is therefore an empty non-terminal (RFC 4035 §3.1.3.2).</summary>
    EmptyNonTerminal,

    /// <summary>An NSEC3 matching the closest encloser (RFC 5155 §8.3).</summary>
    ClosestEncloserMatch,

    /// <summary>A record covering the next closer name, one label longer than the closest encloser (RFC 5155 §8.3, RFC 4035 §5.3.4).</summary>
    NextCloserCover,

    /// <summary>A record covering the wildcard at the closest encloser: no wildcard could have answered (RFC 4035 §5.4, RFC 5155 §8.4).</summary>
    WildcardCover,

    /// <summary>A record matching the wildcard at the closest encloser, lacking the type (RFC 4035 §3.1.3.4, RFC 5155 §8.7).</summary>
    WildcardMatch,
}

/// <summary>Why a denial proof is not Secure.</summary>
public enum DenialFailure
{
    /// <summary>The proof is Secure.</summary>
    None,

    /// <summary>No record satisfies <see cref="DenialResult.MissingClause"/>.</summary>
    MissingProof,

    /// <summary>A record shows that the name (or, for a wildcard answer, the next closer name) exists.</summary>
    NameExists,

    /// <summary>A record shows that the wildcard at the closest encloser exists, so the name could not be NXDOMAIN.</summary>
    WildcardExists,

    /// <summary>The matching record lists the queried type (for a referral: lists DS).</summary>
    TypeExists,

    /// <summary>The matching record lists CNAME: the answer should have been the alias (RFC 6840 §4.3).</summary>
    CnameExists,

    /// <summary>
    /// The record is from the parent side of a delegation (NS without SOA) or has a DNAME: it cannot
    /// deny names below its owner nor types other than DS at it (RFC 6840 §4.1, RFC 5155 §8.3).
    /// </summary>
    DelegationRecord,

    /// <summary>A DS question was answered with the child's apex record (SOA set): DS lives in the parent (RFC 4035 §5.2).</summary>
    ChildApexRecord,

    /// <summary>The record matching a referral's delegation name lacks the NS type (RFC 6840 §4.4).</summary>
    NotADelegation,

    /// <summary>The RRSIG labels of a wildcard answer are not fewer than the owner's labels, or fewer than the zone's.</summary>
    InvalidWildcardLabels,

    /// <summary>The query name is not at or below the zone.</summary>
    NameNotInZone,

    /// <summary>Insecure: the proof relies on an NSEC3 opt-out span (RFC 5155 §9.2).</summary>
    OptOut,

    /// <summary>Insecure: an NSEC3 record's iterations exceed <see cref="Nsec3ProofOptions.InsecureIterationLimit"/> (RFC 9276 §3.2).</summary>
    IterationsAboveInsecureLimit,

    /// <summary>An NSEC3 record's iterations exceed <see cref="Nsec3ProofOptions.BogusIterationLimit"/> (RFC 9276 §3.2).</summary>
    IterationsAboveBogusLimit,

    /// <summary>The proof needed more NSEC3 hash computations than <see cref="Nsec3ProofOptions.MaxHashComputations"/> (CVE-2023-50868).</summary>
    HashBudgetExhausted,
}

/// <summary>A record that satisfied one clause of a proof.</summary>
/// <param name="Clause">The clause.</param>
/// <param name="Name">The name the clause is about (the query name, closest encloser, next closer name or wildcard).</param>
/// <param name="Record">The NSEC or NSEC3 record that satisfied it.</param>
public readonly record struct DenialEvidence(DenialClause Clause, DnsName Name, ResourceRecord Record);

/// <summary>The outcome of a denial-of-existence proof. Immutable.</summary>
public sealed class DenialResult
{
    private DenialResult(
        DenialStatus status,
        DenialProofKind kind,
        DenialFailure failure,
        DenialClause? missingClause,
        ResourceRecord? conflict,
        DnsName? closestEncloser,
        DnsName? nextCloser,
        ImmutableArray<DenialEvidence> evidence,
        int hashComputations,
        int ignoredRecords)
    {
        Status = status;
        Kind = kind;
        Failure = failure;
        MissingClause = missingClause;
        Conflict = conflict;
        ClosestEncloser = closestEncloser;
        NextCloser = nextCloser;
        Evidence = evidence;
        HashComputations = hashComputations;
        IgnoredRecords = ignoredRecords;
    }

    /// <summary>Secure, Insecure or Bogus.</summary>
    public DenialStatus Status { get; }

    /// <summary>What was established; <see cref="DenialProofKind.None"/> when nothing was.</summary>
    public DenialProofKind Kind { get; }

    /// <summary>Why the result is not Secure; <see cref="DenialFailure.None"/> when it is.</summary>
    public DenialFailure Failure { get; }

    /// <summary>The clause no record satisfied, when <see cref="Failure"/> is <see cref="DenialFailure.MissingProof"/>
    /// or a record contradicted it; otherwise null.</summary>
    public DenialClause? MissingClause { get; }

    /// <summary>The record that contradicts the proof (e.g. one matching a name claimed not to exist), or null.</summary>
    public ResourceRecord? Conflict { get; }

    /// <summary>The closest encloser (the longest existing ancestor of the query name), when the proof determined it.</summary>
    public DnsName? ClosestEncloser { get; }

    /// <summary>The next closer name (one label longer than the closest encloser), when the proof used it.</summary>
    public DnsName? NextCloser { get; }

    /// <summary>Which record proved which clause, in the order the clauses were checked.</summary>
    public ImmutableArray<DenialEvidence> Evidence { get; }

    /// <summary>NSEC3 hash computations spent (0 for NSEC). Each distinct name and parameter set is hashed once per proof.</summary>
    public int HashComputations { get; }

    /// <summary>Records that were ignored: outside the zone, NSEC3 with an unknown hash algorithm or flags, or an owner that is not one base32hex hash label under the zone.</summary>
    public int IgnoredRecords { get; }

    /// <summary>True when <see cref="Status"/> is <see cref="DenialStatus.Secure"/>.</summary>
    public bool IsSecure => Status == DenialStatus.Secure;

    /// <summary>A one-line description: status, kind, closest encloser, evidence or what is missing.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Status);
        if (Kind != DenialProofKind.None)
        {
            sb.Append(' ').Append(Kind);
        }

        if (Failure != DenialFailure.None)
        {
            sb.Append(" (").Append(Failure);
            if (MissingClause is { } clause)
            {
                sb.Append(": ").Append(clause);
            }

            sb.Append(')');
        }

        if (ClosestEncloser is not null)
        {
            sb.Append(" closest encloser ").Append(ClosestEncloser);
        }

        foreach (DenialEvidence e in Evidence)
        {
            sb.Append("; ").Append(e.Clause).Append(' ').Append(e.Name).Append(" by ").Append(e.Record.Name);
        }

        if (Conflict is not null)
        {
            sb.Append("; conflict ").Append(Conflict.Name);
        }

        if (HashComputations > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; {HashComputations} hashes");
        }

        return sb.ToString();
    }

    /// <summary>This result with <see cref="HashComputations"/> replaced (the total of several attempts over one hash cache).</summary>
    internal DenialResult WithHashComputations(int hashComputations) =>
        new(Status, Kind, Failure, MissingClause, Conflict, ClosestEncloser, NextCloser, Evidence, hashComputations, IgnoredRecords);

    internal static DenialResult Proven(DenialProofKind kind, ProofState state) =>
        new(DenialStatus.Secure, kind, DenialFailure.None, null, null, state.ClosestEncloser, state.NextCloser,
            state.Evidence.ToImmutable(), state.HashComputations, state.IgnoredRecords);

    internal static DenialResult Insecure(DenialProofKind kind, DenialFailure reason, ProofState state) =>
        new(DenialStatus.Insecure, kind, reason, null, null, state.ClosestEncloser, state.NextCloser,
            state.Evidence.ToImmutable(), state.HashComputations, state.IgnoredRecords);

    internal static DenialResult Bogus(DenialFailure failure, DenialClause? missing, ResourceRecord? conflict, ProofState state) =>
        new(DenialStatus.Bogus, DenialProofKind.None, failure, missing, conflict, state.ClosestEncloser, state.NextCloser,
            state.Evidence.ToImmutable(), state.HashComputations, state.IgnoredRecords);
}

/// <summary>What a proof has gathered so far; turned into a <see cref="DenialResult"/> at the end.</summary>
internal sealed class ProofState
{
    public ImmutableArray<DenialEvidence>.Builder Evidence { get; } = ImmutableArray.CreateBuilder<DenialEvidence>(3);

    public DnsName? ClosestEncloser { get; set; }

    public DnsName? NextCloser { get; set; }

    /// <summary>The NSEC3 records and hash cache of the proof, whose hash count the result reports (null for NSEC).</summary>
    public Nsec3Chain? Chain { get; set; }

    public int HashComputations => Chain?.HashComputations ?? 0;

    public int IgnoredRecords { get; set; }

    public void Add(DenialClause clause, DnsName name, ResourceRecord record) => Evidence.Add(new(clause, name, record));
}

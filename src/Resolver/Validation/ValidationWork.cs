// ValidationWork: the work one resolution cost — reported in every result — and the budget that
// caps it (KeyTrap CVE-2023-50387: signature validations; CVE-2023-50868: NSEC3 hashes; upstream
// queries). Exceeding a cap makes the answer Bogus with WorkLimitExceeded, never a hang.
namespace Resolver;

/// <summary>The work one resolution cost.</summary>
/// <param name="SignatureValidations">Cryptographic signature verifications performed.</param>
/// <param name="Nsec3Hashes">NSEC3 hash computations performed.</param>
/// <param name="UpstreamQueries">Queries sent to other servers.</param>
public readonly record struct ValidationWork(int SignatureValidations, int Nsec3Hashes, int UpstreamQueries);

/// <summary>Mutable per-resolution counters with limits. Thread-safe.</summary>
internal sealed class WorkBudget(int maxSignatureValidations, int maxNsec3Hashes)
{
    private int _signatureValidations;
    private int _nsec3Hashes;
    private int _upstreamQueries;

    public int MaxSignatureValidations { get; } = maxSignatureValidations;

    public int MaxNsec3Hashes { get; } = maxNsec3Hashes;

    public int SignatureValidationsLeft => Math.Max(0, MaxSignatureValidations - Volatile.Read(ref _signatureValidations));

    public int Nsec3HashesLeft => Math.Max(0, MaxNsec3Hashes - Volatile.Read(ref _nsec3Hashes));

    public bool SignatureBudgetExhausted => Volatile.Read(ref _signatureValidations) >= MaxSignatureValidations;

    public bool Nsec3BudgetExhausted => Volatile.Read(ref _nsec3Hashes) >= MaxNsec3Hashes;

    public void AddSignatureValidations(int count) => Interlocked.Add(ref _signatureValidations, count);

    public void AddNsec3Hashes(int count) => Interlocked.Add(ref _nsec3Hashes, count);

    public void AddUpstreamQueries(int count) => Interlocked.Add(ref _upstreamQueries, count);

    public ValidationWork Snapshot() => new(
        Volatile.Read(ref _signatureValidations), Volatile.Read(ref _nsec3Hashes), Volatile.Read(ref _upstreamQueries));
}

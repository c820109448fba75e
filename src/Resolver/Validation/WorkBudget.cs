// WorkBudget: the counters and caps of one resolution's work (KeyTrap CVE-2023-50387: signature
// validations and DNSKEY key imports; CVE-2023-50868: NSEC3 hashes; upstream queries). One budget per
// resolution: the answer, every chain walk and every re-fetch from another server (Bogus recovery,
// restarts) draw on the same counters, so the bound holds whatever the number of servers an
// attacker lists. Each check is given what is left (SignatureWorkLimit) and stops there, so the
// counts never exceed the limits. Exceeding a cap makes the answer Bogus with WorkLimitExceeded,
// never a hang. What it counted is reported as ValidationWork.
using Resolver.Protocol.Dnssec;

namespace Resolver.Validation;

/// <summary>Mutable per-resolution counters with limits. Thread-safe.</summary>
internal sealed class WorkBudget(int maxSignatureValidations, int maxNsec3Hashes, int maxKeyImports = int.MaxValue)
{
    private int _signatureValidations;
    private int _nsec3Hashes;
    private int _upstreamQueries;
    private int _keyImports;

    /// <summary>The budget <paramref name="options"/> configures for one resolution.</summary>
    public static WorkBudget For(ValidatorOptions options) =>
        new(options.MaxSignatureValidations, options.MaxNsec3Hashes, options.MaxKeyImports);

    public int MaxSignatureValidations { get; } = maxSignatureValidations;

    public int MaxNsec3Hashes { get; } = maxNsec3Hashes;

    public int MaxKeyImports { get; } = maxKeyImports;

    public int SignatureValidationsLeft => Math.Max(0, MaxSignatureValidations - Volatile.Read(ref _signatureValidations));

    public int Nsec3HashesLeft => Math.Max(0, MaxNsec3Hashes - Volatile.Read(ref _nsec3Hashes));

    public int KeyImportsLeft => Math.Max(0, MaxKeyImports - Volatile.Read(ref _keyImports));

    public bool SignatureBudgetExhausted => Volatile.Read(ref _signatureValidations) >= MaxSignatureValidations;

    public bool Nsec3BudgetExhausted => Volatile.Read(ref _nsec3Hashes) >= MaxNsec3Hashes;

    /// <summary>What one signature check may still do. Checks of one resolution run one at a time,
    /// so handing each the remainder keeps the totals within the limits.</summary>
    public SignatureWorkLimit SignatureLimit => new(SignatureValidationsLeft, KeyImportsLeft);

    /// <summary>Why the budget stopped a signature check, for the failure's detail.</summary>
    public string SignatureLimitDetail => SignatureBudgetExhausted
        ? $"more than {MaxSignatureValidations} signature validations"
        : $"more than {MaxKeyImports} DNSKEY imports";

    /// <summary>Charges what one signature check did: its verifications and its key imports.</summary>
    public void Add(SignatureCheckResult check)
    {
        Interlocked.Add(ref _signatureValidations, check.VerificationsPerformed);
        Interlocked.Add(ref _keyImports, check.KeyImportsPerformed);
    }

    public void AddNsec3Hashes(int count) => Interlocked.Add(ref _nsec3Hashes, count);

    public void AddUpstreamQueries(int count) => Interlocked.Add(ref _upstreamQueries, count);

    public ValidationWork Snapshot() => new(
        Volatile.Read(ref _signatureValidations), Volatile.Read(ref _nsec3Hashes), Volatile.Read(ref _upstreamQueries))
    {
        KeyImports = Volatile.Read(ref _keyImports),
    };
}

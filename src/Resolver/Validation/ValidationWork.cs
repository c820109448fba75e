// ValidationWork: the work one resolution cost, reported in every result (KeyTrap CVE-2023-50387:
// signature validations and DNSKEY key imports; CVE-2023-50868: NSEC3 hashes; upstream queries).
// The budget that caps it is Validation/WorkBudget.cs.

namespace Resolver;

/// <summary>The work one resolution cost.</summary>
/// <param name="SignatureValidations">Cryptographic signature verifications performed.</param>
/// <param name="Nsec3Hashes">NSEC3 hash computations performed.</param>
/// <param name="UpstreamQueries">Queries sent to other servers.</param>
public readonly record struct ValidationWork(int SignatureValidations, int Nsec3Hashes, int UpstreamQueries)
{
    /// <summary>DNSKEY public keys imported (keys not already held from earlier resolutions, malformed ones included).</summary>
    public int KeyImports { get; init; }
}

// SignatureWorkLimit: the most work one RRSIG check may do — cryptographic verifications and
// DNSKEY public-key imports — given by a caller that caps the work of a whole resolution (KeyTrap,
// CVE-2023-50387). The check stops at the limit instead of overshooting it, so a per-resolution
// budget holds exactly however many signatures, colliding keys and servers an attacker supplies.
namespace Resolver.Protocol.Dnssec;

/// <summary>
/// The most verifications and key imports one <see cref="SignatureVerifier.Check"/>
/// may perform. A key already in <see cref="SignatureCheckOptions.KeyCache"/> costs no import.
/// </summary>
/// <param name="Verifications">Cryptographic verifications allowed (0 or more).</param>
/// <param name="KeyImports">Public-key imports allowed (0 or more); a malformed key costs one too.</param>
public readonly record struct SignatureWorkLimit(int Verifications, int KeyImports)
{
    /// <summary>No limit beyond <see cref="SignatureCheckOptions.MaxKeysPerSignature"/>.</summary>
    public static SignatureWorkLimit Unlimited { get; } = new(int.MaxValue, int.MaxValue);
}

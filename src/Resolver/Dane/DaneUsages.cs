// DaneUsages: which TLSA certificate usages a client accepts (RFC 6698 §2.1.1, RFC 7218 names).
// Opportunistic DANE for SMTP accepts DANE-TA and DANE-EE only (RFC 7672 §3.1.3); the rest are
// then unusable records (RFC 7671 §4.1), not failures.
namespace Resolver.Dane;

/// <summary>TLSA certificate usages a client accepts.</summary>
[Flags]
public enum DaneUsages
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>PKIX-TA(0): a CA in the PKIX-validated chain (RFC 6698 §2.1.1).</summary>
    PkixTa = 1,

    /// <summary>PKIX-EE(1): the server certificate, which must also pass PKIX validation.</summary>
    PkixEe = 2,

    /// <summary>DANE-TA(2): a trust anchor in the chain the server sent (RFC 7671 §5.2).</summary>
    DaneTa = 4,

    /// <summary>DANE-EE(3): the server certificate or key, names and dates ignored (RFC 7671 §5.1).</summary>
    DaneEe = 8,

    /// <summary>DANE-TA and DANE-EE: what RFC 7672 §3.1.3 (SMTP) uses.</summary>
    DaneOnly = DaneTa | DaneEe,

    /// <summary>All four usages.</summary>
    All = PkixTa | PkixEe | DaneTa | DaneEe,
}

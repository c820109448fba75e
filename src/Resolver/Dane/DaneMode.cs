// DaneMode: how a TLS client combines DANE with PKIX — the policies of RFC 6698 §4 (DANE where
// published, required), RFC 7672 §2.2 (SMTP's opportunistic DANE: DANE-TA/DANE-EE only, no PKIX
// fallback when TLSA is Secure, unauthenticated TLS otherwise), PKIX alone, and DANE-or-PKIX for
// HTTPS origins that publish TLSA only sometimes.
namespace Resolver.Dane;

/// <summary>How DANE and PKIX decide whether a TLS server is accepted.</summary>
public enum DaneMode
{
    /// <summary>No TLSA lookup: the certificate must pass PKIX validation (the platform's usual check).</summary>
    PkixOnly,

    /// <summary>
    /// RFC 7672 §2.2 (SMTP): only DANE-TA(2) and DANE-EE(3) records are usable. With a Secure usable
    /// TLSA RRset the server must match it — no PKIX fallback. Without one (Insecure, no records,
    /// only unusable records) the connection proceeds unauthenticated. Bogus, Indeterminate or a
    /// failed TLSA lookup refuse the connection.
    /// </summary>
    DaneOpportunistic,

    /// <summary>A Secure TLSA RRset must exist and one of its usable records (any usage) must match; otherwise the connection is refused.</summary>
    DaneRequired,

    /// <summary>
    /// With a Secure usable TLSA RRset the server must match it (any usage); without one the certificate
    /// must pass PKIX validation. Bogus, Indeterminate or a failed TLSA lookup refuse the connection.
    /// </summary>
    DaneOrPkix,
}

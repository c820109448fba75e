// TlsaMatcher: the pure half of DANE — whether a TLSA record is usable (RFC 7671 §4.1: a known
// usage the client accepts, selector Cert(0) or SPKI(1), matching Full(0), SHA2-256(1) or
// SHA2-512(2), and a digest of the right length) and whether its association data matches a
// certificate given as DER and SubjectPublicKeyInfo bytes (RFC 6698 §2.1.2–2.1.4). No I/O, no clock.
using System.Security.Cryptography;
using Resolver.Protocol.Records;

namespace Resolver.Dane;

internal static class TlsaMatcher
{
    /// <summary>Why <paramref name="record"/> is unusable for a client accepting <paramref name="accepted"/>; null when usable.</summary>
    public static string? Unusable(TlsaData record, DaneUsages accepted)
    {
        if (record.CertificateUsage > 3)
        {
            return $"unknown certificate usage {record.CertificateUsage}";
        }

        if ((accepted & UsageFlag(record.CertificateUsage)) == 0)
        {
            // RFC 7672 §3.1.3: an SMTP client treats PKIX-TA(0)/PKIX-EE(1) as unusable.
            return $"certificate usage {UsageName(record.CertificateUsage)} not accepted in this mode";
        }

        if (record.Selector > 1)
        {
            return $"unknown selector {record.Selector}";
        }

        int expected = record.MatchingType switch { 0 => -1, 1 => 32, 2 => 64, _ => -2 };
        return expected switch
        {
            -2 => $"unknown matching type {record.MatchingType}",
            -1 when record.AssociationData.IsEmpty => "empty association data",
            > 0 when record.AssociationData.Length != expected =>
                $"{record.AssociationData.Length}-byte association data for a {expected}-byte digest",
            _ => null,
        };
    }

    /// <summary>True when <paramref name="record"/>'s data matches the certificate (<paramref name="der"/>) or its key (<paramref name="spki"/>).</summary>
    public static bool Matches(TlsaData record, ReadOnlySpan<byte> der, ReadOnlySpan<byte> spki)
    {
        ReadOnlySpan<byte> selected = record.Selector == 0 ? der : spki;
        Span<byte> digest = stackalloc byte[64];
        ReadOnlySpan<byte> candidate = record.MatchingType switch
        {
            1 => digest[..SHA256.HashData(selected, digest)],
            2 => digest[..SHA512.HashData(selected, digest)],
            _ => selected,
        };
        return CryptographicOperations.FixedTimeEquals(candidate, record.AssociationData) && !candidate.IsEmpty;
    }

    public static DaneUsages UsageFlag(byte usage) => usage switch
    {
        0 => DaneUsages.PkixTa,
        1 => DaneUsages.PkixEe,
        2 => DaneUsages.DaneTa,
        3 => DaneUsages.DaneEe,
        _ => DaneUsages.None,
    };

    /// <summary>RFC 7218 §2.1 mnemonics.</summary>
    public static string UsageName(byte usage) => usage switch
    {
        0 => "PKIX-TA(0)",
        1 => "PKIX-EE(1)",
        2 => "DANE-TA(2)",
        3 => "DANE-EE(3)",
        _ => $"({usage})",
    };
}

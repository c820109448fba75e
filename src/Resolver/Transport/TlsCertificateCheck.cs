// TlsCertificateCheck: whether a DNS-over-TLS server's certificate authenticates it under the RFC 8310
// strict profile, and if not, why in words. With SPKI pins (RFC 7858 §4.2) the certificate's key must
// match one of them, and chain errors are forgiven (the pin is the trust; self-signed is fine); without
// pins the certificate must chain to a trusted root. With an authentication name (RFC 8310 §8.1) the
// certificate must be valid for it, pins or not.
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Resolver.Transport;

internal static class TlsCertificateCheck
{
    /// <summary>
    /// Null when <paramref name="certificate"/> authenticates a server known by <paramref name="authenticationName"/>
    /// and/or <paramref name="spkiPins"/>; else the reason it does not.
    /// </summary>
    public static string? Refusal(string? authenticationName, IReadOnlyList<string> spkiPins, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return "the server sent no certificate";
        }

        if (authenticationName is { } name && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return $"the certificate is not valid for '{name}'";
        }

        if (spkiPins.Count > 0)
        {
            string pin = SpkiPin(certificate);
            return spkiPins.Contains(pin, StringComparer.Ordinal)
                ? null
                : $"the certificate's key (SPKI pin {pin}) matches none of the {spkiPins.Count} configured pin(s)";
        }

        return (errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0 ? ChainProblem(chain) : null;
    }

    // The chain's first problem in words.
    private static string ChainProblem(X509Chain? chain)
    {
        X509ChainStatusFlags flags = X509ChainStatusFlags.NoError;
        foreach (X509ChainStatus status in chain?.ChainStatus ?? [])
        {
            flags |= status.Status;
        }

        return flags switch
        {
            _ when (flags & X509ChainStatusFlags.NotTimeValid) != 0 => "the certificate (or one above it) has expired or is not yet valid",
            _ when (flags & X509ChainStatusFlags.Revoked) != 0 => "the certificate (or one above it) is revoked",
            _ when (flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0 =>
                "the certificate does not chain to a trusted root (self-signed or an unknown issuer)",
            _ => $"the certificate chain does not validate ({flags})",
        };
    }

    /// <summary>
    /// The chain policy for <paramref name="trustedRoots"/>: trust only them (a private PKI), revocation
    /// unchecked as SslStream's default is (private roots rarely publish CRLs); null (the system's
    /// store and defaults) when there are none.
    /// </summary>
    public static X509ChainPolicy? ChainPolicy(X509Certificate2Collection? trustedRoots)
    {
        if (trustedRoots is not { Count: > 0 })
        {
            return null;
        }

        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(trustedRoots);
        return policy;
    }

    /// <summary>Throws when a pin is not a base64 SHA-256 digest.</summary>
    /// <exception cref="ArgumentException">A pin is malformed.</exception>
    public static void CheckPins(IReadOnlyList<string> spkiPins, string upstream)
    {
        Span<byte> digest = stackalloc byte[64];
        foreach (string pin in spkiPins)
        {
            if (!Convert.TryFromBase64String(pin, digest, out int length) || length != SHA256.HashSizeInBytes)
            {
                throw new ArgumentException($"{upstream}: SPKI pin '{pin}' is not a base64 SHA-256 digest.", nameof(spkiPins));
            }
        }
    }

    /// <summary>The RFC 7858 §4.2 / RFC 7469 pin of a certificate: base64 SHA-256 of its SubjectPublicKeyInfo.</summary>
    public static string SpkiPin(X509Certificate certificate)
    {
        using var x509 = new X509Certificate2(certificate);
        return Convert.ToBase64String(SHA256.HashData(x509.PublicKey.ExportSubjectPublicKeyInfo()));
    }
}

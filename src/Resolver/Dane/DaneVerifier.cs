// DaneVerifier: decides DANE for a TLS server (RFC 6698 §2, RFC 7671 §5) from a TLSA RRset and the
// certificate chain the server sent — per record: usable or not (RFC 7671 §4.1; unusable records are
// skipped, never fatal), then by usage: DANE-EE(3) matches the server certificate and ignores names
// and dates (§5.1); DANE-TA(2) matches a certificate the server sent, which then anchors an X509Chain
// built with custom root trust, with the names checked (§5.2); PKIX-EE(1) and PKIX-TA(0) need the
// PKIX chain to validate too (RFC 6698 §2.1.1). The TLSA answer's DNSSEC verdict comes first
// (RFC 6698 §4.1): Secure records are used, Insecure or a Secure denial mean no DANE, Bogus,
// Indeterminate or a failed lookup fail. The matching itself is TlsaMatcher's (pure).
using System.Security.Cryptography.X509Certificates;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Dane;

/// <summary>DANE authentication of a TLS server's certificate chain against TLSA records.</summary>
public static class DaneVerifier
{
    /// <summary>
    /// Applies the TLSA answer <paramref name="tlsa"/> (its DNSSEC verdict first, RFC 6698 §4.1) to
    /// the chain the server sent.
    /// </summary>
    /// <param name="tlsa">The TLSA answer for <c>_port._tcp.host</c>.</param>
    /// <param name="chain">The certificates the server sent, its own first.</param>
    /// <param name="referenceNames">The names the certificate must carry for usages 0–2 (RFC 7671 §5.2; DANE-EE ignores them).</param>
    /// <param name="now">The instant for certificate validity (usages 0–2).</param>
    /// <param name="accepted">The usages accepted; others are unusable records.</param>
    /// <param name="pkixRoots">Roots for usages 0 and 1; null for the system's trust store.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DaneResult Verify(ResolveResult tlsa, IReadOnlyList<X509Certificate2> chain, IReadOnlyList<string> referenceNames, DateTimeOffset now,
        DaneUsages accepted = DaneUsages.All, X509Certificate2Collection? pkixRoots = null)
    {
        ArgumentNullException.ThrowIfNull(tlsa);
        return FromDns(tlsa) ?? VerifyRecords(Records(tlsa), chain, referenceNames, now, accepted, pkixRoots);
    }

    /// <summary>
    /// Matches Secure TLSA records (the caller vouches for their DNSSEC status) against the chain the
    /// server sent.
    /// </summary>
    /// <param name="records">The TLSA records (DNSSEC Secure).</param>
    /// <param name="chain">The certificates the server sent, its own first.</param>
    /// <param name="referenceNames">The names the certificate must carry for usages 0–2.</param>
    /// <param name="now">The instant for certificate validity (usages 0–2).</param>
    /// <param name="accepted">The usages accepted; others are unusable records.</param>
    /// <param name="pkixRoots">Roots for usages 0 and 1; null for the system's trust store.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DaneResult VerifyRecords(IEnumerable<TlsaData> records, IReadOnlyList<X509Certificate2> chain, IReadOnlyList<string> referenceNames, DateTimeOffset now,
        DaneUsages accepted = DaneUsages.All, X509Certificate2Collection? pkixRoots = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(referenceNames);
        TlsaData[] all = [.. records];
        if (all.Length == 0)
        {
            return new(DaneStatus.NotApplicable, DaneReason.NoTlsaRecords, "no TLSA records (RFC 6698 §4.1: proceed without DANE)");
        }

        string?[] unusable = [.. all.Select(r => TlsaMatcher.Unusable(r, accepted))];
        if (unusable.All(u => u is not null))
        {
            return new(DaneStatus.NoUsableRecords, DaneReason.NoUsableRecords,
                $"none of the {all.Length} TLSA record(s) is usable (RFC 7671 §4.1)", [.. all.Select((r, i) => new TlsaRecordCheck(r, unusable[i], null, "unusable: " + unusable[i]))]);
        }

        if (chain.Count == 0)
        {
            return new(DaneStatus.Failed, DaneReason.NoCertificate, "the server sent no certificate");
        }

        var context = new ChainContext(chain, referenceNames, now, pkixRoots);
        var checks = new List<TlsaRecordCheck>(all.Length);
        for (int i = 0; i < all.Length; i++)
        {
            checks.Add(unusable[i] is { } why ? new(all[i], why, null, "unusable: " + why) : Check(all[i], context));
        }

        TlsaRecordCheck? match = checks.FirstOrDefault(c => c.MatchedCertificate is not null);
        return match is not null
            ? new(DaneStatus.Authenticated, DaneReason.Matched, $"TLSA {match.Record} {match.Note}", checks)
            : new(DaneStatus.Failed, DaneReason.NoMatch,
                $"no usable TLSA record matches the server's chain of {chain.Count} certificate(s) (RFC 6698 §2.1.1, RFC 7671 §5): " +
                string.Join("; ", checks.Where(c => c.Unusable is null).Select(c => $"{c.Record}: {c.Note}")), checks);
    }

    /// <summary>The DANE outcome decided by the TLSA answer's DNSSEC verdict alone (RFC 6698 §4.1); null when its records are to be used.</summary>
    internal static DaneResult? FromDns(ResolveResult tlsa)
    {
        if (tlsa.IsResolutionFailure)
        {
            return new(DaneStatus.Failed, DaneReason.TlsaLookupFailed, $"the TLSA lookup for {tlsa.Question.Name} failed: {tlsa.ResolutionError} (RFC 7672 §2.2.2)");
        }

        return tlsa.Status switch
        {
            SecurityStatus.Bogus => new(DaneStatus.Failed, DaneReason.TlsaBogus, $"the TLSA answer for {tlsa.Question.Name} is bogus: {tlsa.Reason} (RFC 6698 §4.1)"),
            SecurityStatus.Indeterminate => new(DaneStatus.Failed, DaneReason.TlsaIndeterminate, $"the TLSA answer for {tlsa.Question.Name} is indeterminate: {tlsa.Reason} (RFC 6698 §4.1)"),
            SecurityStatus.Insecure => new(DaneStatus.NotApplicable, DaneReason.TlsaInsecure, $"the TLSA answer for {tlsa.Question.Name} is insecure: {tlsa.Reason} (RFC 6698 §4.1: no DANE)"),
            SecurityStatus.Secure when !Records(tlsa).Any() => new(DaneStatus.NotApplicable, DaneReason.NoTlsaRecords,
                $"{tlsa.Question.Name} has no TLSA records ({DnsMessage.FormatRcode(tlsa.ResponseCode)}, proven Secure; RFC 6698 §4.1: no DANE)"),
            SecurityStatus.Secure => null,
            _ => new(DaneStatus.Failed, DaneReason.TlsaLookupFailed, $"the TLSA answer for {tlsa.Question.Name} has no verdict"),
        };
    }

    internal static IEnumerable<TlsaData> Records(ResolveResult tlsa) => tlsa.Records.Select(r => r.Data).OfType<TlsaData>();

    private static TlsaRecordCheck Check(TlsaData record, ChainContext context)
    {
        IReadOnlyList<X509Certificate2> chain = context.Chain;
        switch (record.CertificateUsage)
        {
            case 3:
                // RFC 7671 §5.1: DANE-EE binds the server's certificate or key; names, dates and the rest of the chain are ignored.
                return context.Matches(record, 0)
                    ? new(record, null, 0, "matches certificate 0 (DANE-EE: names and dates ignored, RFC 7671 §5.1)")
                    : new(record, null, null, "matches no certificate (DANE-EE compares the server's own certificate only)");
            case 2:
                {
                    // RFC 7671 §5.2: the trust anchor must be in the chain the server sent (§5.2.2); the
                    // chain below it must verify, and the server certificate must carry a reference name.
                    string? problem = null;
                    for (int i = 0; i < chain.Count; i++)
                    {
                        if (!context.Matches(record, i))
                        {
                            continue;
                        }

                        problem = context.ChainToAnchor(i) ?? context.NameProblem();
                        if (problem is null)
                        {
                            return new(record, null, i, $"matches certificate {i}, the trust anchor of a verified chain (DANE-TA, RFC 7671 §5.2)");
                        }

                        problem = $"matches certificate {i}, but {problem}";
                    }

                    return new(record, null, null, problem ?? "matches no certificate the server sent (DANE-TA needs the anchor in the chain, RFC 7671 §5.2.2)");
                }

            default:
                {
                    // RFC 6698 §2.1.1: PKIX-EE(1) the server certificate, PKIX-TA(0) any CA of the chain, and PKIX validation must pass too.
                    (X509Certificate2[] validated, string? pkixProblem) = context.Pkix();
                    int limit = record.CertificateUsage == 1 ? 1 : validated.Length;
                    for (int i = record.CertificateUsage == 1 ? 0 : 1; i < limit; i++)
                    {
                        if (TlsaMatcher.Matches(record, validated[i].RawData, validated[i].PublicKey.ExportSubjectPublicKeyInfo()))
                        {
                            return pkixProblem is null
                                ? new(record, null, i, $"matches certificate {i} of the PKIX-validated chain ({TlsaMatcher.UsageName(record.CertificateUsage)})")
                                : new(record, null, null, $"matches certificate {i}, but PKIX validation fails: {pkixProblem}");
                        }
                    }

                    return new(record, null, null, $"matches no certificate of the PKIX chain ({TlsaMatcher.UsageName(record.CertificateUsage)})");
                }
        }
    }

    // The chain the server sent, with its certificates' SPKI bytes computed once and the PKIX chain built at most once.
    private sealed class ChainContext(IReadOnlyList<X509Certificate2> chain, IReadOnlyList<string> names, DateTimeOffset now, X509Certificate2Collection? pkixRoots)
    {
        private readonly byte[]?[] _spki = new byte[chain.Count][];
        private (X509Certificate2[], string?)? _pkix;

        public IReadOnlyList<X509Certificate2> Chain => chain;

        public bool Matches(TlsaData record, int index) =>
            TlsaMatcher.Matches(record, chain[index].RawData, _spki[index] ??= chain[index].PublicKey.ExportSubjectPublicKeyInfo());

        public string? NameProblem()
        {
            foreach (string name in names)
            {
                if (chain[0].MatchesHostname(name.TrimEnd('.')))
                {
                    return null;
                }
            }

            return names.Count == 0
                ? "no reference name to check the certificate against"
                : $"the server certificate is not valid for {string.Join(" or ", names)} (RFC 7671 §5.2)";
        }

        // DANE-TA: certificate `anchor` of the sent chain is the only trusted root. It need not be
        // self-signed (RFC 7671 §5.2: often an intermediate), and X509Chain on some platforms then
        // reports a partial chain; so the chain is built forgiving an unknown root, and accepted when
        // it runs from the server certificate to the anchor with no error on the way but that one.
        public string? ChainToAnchor(int anchor)
        {
            using var x509 = new X509Chain();
            x509.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            x509.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            x509.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            x509.ChainPolicy.VerificationTime = now.UtcDateTime;
            x509.ChainPolicy.CustomTrustStore.Add(chain[anchor]);
            for (int i = 1; i < chain.Count; i++)
            {
                x509.ChainPolicy.ExtraStore.Add(chain[i]);
            }

            x509.Build(chain[0]);
            X509ChainStatusFlags forgiven = X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain;
            X509ChainStatusFlags flags = X509ChainStatusFlags.NoError;
            for (int i = 0; i < x509.ChainElements.Count; i++)
            {
                X509ChainElement element = x509.ChainElements[i];
                foreach (X509ChainStatus status in element.ChainElementStatus)
                {
                    flags |= status.Status;
                }

                if (element.Certificate.RawDataMemory.Span.SequenceEqual(chain[anchor].RawDataMemory.Span))
                {
                    return (flags & ~forgiven) == 0 ? null : $"the chain up to it does not verify ({flags & ~forgiven})";
                }
            }

            return $"the chain does not verify to it ({Flags(x509)})";
        }

        public (X509Certificate2[] Validated, string? Problem) Pkix() => _pkix ??= BuildPkix();

        private (X509Certificate2[], string?) BuildPkix()
        {
            using var x509 = new X509Chain();
            if (pkixRoots is { Count: > 0 })
            {
                x509.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                x509.ChainPolicy.CustomTrustStore.AddRange(pkixRoots);
            }

            x509.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            x509.ChainPolicy.VerificationTime = now.UtcDateTime;
            for (int i = 1; i < chain.Count; i++)
            {
                x509.ChainPolicy.ExtraStore.Add(chain[i]);
            }

            bool valid = x509.Build(chain[0]);
            X509Certificate2[] built = [.. x509.ChainElements.Select(e => e.Certificate)];
            string? problem = valid ? NameProblem() : "the chain does not validate: " + Flags(x509);
            return (built.Length == 0 ? [chain[0]] : built, problem);
        }

        private static string Flags(X509Chain x509)
        {
            X509ChainStatusFlags flags = X509ChainStatusFlags.NoError;
            foreach (X509ChainStatus status in x509.ChainStatus)
            {
                flags |= status.Status;
            }

            return flags.ToString();
        }
    }
}

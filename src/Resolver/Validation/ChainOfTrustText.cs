// ChainOfTrustText: the chain of trust as text people read — what ChainOfTrust.ToString() gives, so an
// app can log why a verdict is what it is: the trust anchor, each zone cut from it down (status, the
// DS or anchor that matched, the keys, the signatures over the DS and DNSKEY RRsets, the proof of an
// unsigned delegation, the reason it failed), the signatures over the answer and the denial proofs.
// One line per fact, indented by level; the console prefixes each with ";; " for --trace.
using System.Globalization;
using System.Text;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Validation;

internal static class ChainOfTrustText
{
    public static string Format(ChainOfTrust chain)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"CHAIN OF TRUST (anchor: {chain.Anchor?.ToString() ?? "none"}):\n");
        if (chain.ZoneCuts.Count == 0)
        {
            sb.Append("  (no zone cut was validated)\n");
        }

        foreach (ZoneCutLink cut in chain.ZoneCuts)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {cut.Zone} {cut.Status.ToString().ToLowerInvariant()}\n");
            if (cut.MatchedDs.Count > 0)
            {
                string source = cut.FromTrustAnchor ? "trust anchor" : "DS at the parent";
                sb.Append(CultureInfo.InvariantCulture, $"    {source}: {string.Join(", ", cut.MatchedDs.Select(Describe))}\n");
            }

            if (cut.DsSignature is { } dsSig)
            {
                sb.Append("    DS RRset ").Append(Describe(dsSig)).Append('\n');
            }

            if (cut.Keys.Count > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"    DNSKEY: {string.Join(", ", cut.Keys.Select(Describe))}\n");
            }

            if (cut.KeySetSignature is { } keySig)
            {
                sb.Append("    DNSKEY RRset ").Append(Describe(keySig)).Append('\n');
            }

            if (cut.Denial is { } denial)
            {
                sb.Append("    ").Append(Describe(denial)).Append('\n');
            }

            if (cut.Failure is { } failure)
            {
                sb.Append("    reason: ").Append(failure).Append('\n');
            }
        }

        if (chain.Signatures.Count > 0)
        {
            sb.Append("SIGNATURES OVER THE ANSWER:\n");
            foreach (SignatureInfo sig in chain.Signatures)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {sig.Owner} {RrTypeText.Format(sig.TypeCovered)} ").Append(Describe(sig)).Append('\n');
            }
        }

        if (chain.Denials.Count > 0)
        {
            sb.Append("DENIAL PROOFS:\n");
            foreach (DenialInfo denial in chain.Denials)
            {
                sb.Append("  ").Append(Describe(denial)).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string Describe(DsData ds) =>
        string.Create(CultureInfo.InvariantCulture, $"DS {ds.KeyTag} alg {(byte)ds.Algorithm} ({ds.Algorithm}) digest {(byte)ds.DigestType} ({ds.DigestType})");

    private static string Describe(DnskeyData key) =>
        string.Create(CultureInfo.InvariantCulture, $"{key.KeyTag} alg {(byte)key.Algorithm} {(key.IsSecureEntryPoint ? "KSK" : "ZSK")}{(key.IsRevoked ? " REVOKED" : string.Empty)} (flags {key.Flags})");

    private static string Describe(SignatureInfo sig) =>
        string.Create(CultureInfo.InvariantCulture,
            $"signed by {sig.Signer} key {sig.KeyTag} alg {(byte)sig.Algorithm} ({sig.Algorithm}), valid {Time(sig.Inception)} .. {Time(sig.Expiration)}");

    private static string Describe(DenialInfo denial) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{denial.Kind} proven by {denial.Mechanism} in {denial.Zone}: {string.Join(", ", denial.Records)}");

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

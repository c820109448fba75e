// ResultText: a ResolveResult as text for people — dig-like answer and authority sections, a status
// line (security status and RCODE), the reason with its EDE code when not Secure, and with --trace
// the chain of authentication: zone cuts from the anchor (DS and DNSKEY key tags, algorithms,
// signature windows, insecure-delegation proofs), the signatures over the answer, the denial proofs.
using System.Globalization;
using System.Text;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Cli.Output;

internal static class ResultText
{
    /// <summary>The lower-case status word: secure, insecure, bogus, indeterminate, or failed (no answer).</summary>
    public static string StatusWord(ResolveResult result) =>
        result.IsResolutionFailure ? "failed" : result.Status.ToString().ToLowerInvariant();

    public static string Format(ResolveResult result, bool trace)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $";; QUESTION: {result.Question.Name} {RrTypeText.Format(result.Question.Class)} {RrTypeText.Format(result.Question.Type)}\n");
        if (result.CanonicalName is { } canonical && canonical != result.Question.Name)
        {
            sb.Append(CultureInfo.InvariantCulture, $";; CANONICAL NAME: {canonical}\n");
        }

        AppendSection(sb, "ANSWER", result.Answers);
        AppendSection(sb, "AUTHORITY", result.Authority);
        if (result.DataWithheld)
        {
            sb.Append("\n;; (bogus data withheld; use --cd to see it)\n");
        }

        if (trace)
        {
            AppendTrace(sb, result);
        }

        sb.Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $";; STATUS: {StatusWord(result)}, rcode: {DnsMessage.FormatRcode(result.ResponseCode)}\n");
        if (result.ResolutionError is { } error)
        {
            sb.Append(CultureInfo.InvariantCulture, $";; ERROR: {error}\n");
            if (result.ResolutionErrorCode is { } failureEde)
            {
                // RFC 8914: e.g. 22 No Reachable Authority, as serve sends it with the SERVFAIL.
                sb.Append(CultureInfo.InvariantCulture, $";; EDE: {(ushort)failureEde} ({failureEde})\n");
            }
        }

        if (result.StaleErrorCode is { } staleEde)
        {
            // RFC 8767: answered from expired cache data because the authorities failed.
            sb.Append(CultureInfo.InvariantCulture, $";; STALE: EDE: {(ushort)staleEde} ({staleEde})\n");
        }

        if (result.Reason is { } reason)
        {
            sb.Append(CultureInfo.InvariantCulture, $";; REASON: {reason}\n");
            // RFC 8914: an EDE only where there is an error to report (none for a proven unsigned zone).
            if (reason.ExtendedErrorCode is { } ede)
            {
                sb.Append(CultureInfo.InvariantCulture, $";; EDE: {(ushort)ede} ({ede})\n");
            }
        }

        ValidationWork work = result.Work;
        sb.Append(CultureInfo.InvariantCulture,
            $";; WORK: {work.UpstreamQueries} upstream queries, {work.SignatureValidations} signature validations, {work.KeyImports} key imports, {work.Nsec3Hashes} NSEC3 hashes\n");
        return sb.ToString();
    }

    private static void AppendSection(StringBuilder sb, string title, IReadOnlyList<ResourceRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        sb.Append("\n;; ").Append(title).Append(" SECTION:\n");
        foreach (ResourceRecord rr in records)
        {
            sb.Append(rr).Append('\n');
        }
    }

    // --trace: the library's text of the chain of trust, each line a ";; " comment as dig prints.
    private static void AppendTrace(StringBuilder sb, ResolveResult result)
    {
        sb.Append('\n');
        foreach (string line in result.Chain.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            sb.Append(";; ").Append(line).Append('\n');
        }
    }

    public static string Describe(DnskeyData key) =>
        string.Create(CultureInfo.InvariantCulture, $"{key.KeyTag} alg {(byte)key.Algorithm} {(key.IsSecureEntryPoint ? "KSK" : "ZSK")}{(key.IsRevoked ? " REVOKED" : string.Empty)} (flags {key.Flags})");

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

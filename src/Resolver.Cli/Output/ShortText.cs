// ShortText: a ResolveResult as `--short` (`+short`) prints it, as dig, kdig and delv do — the data
// of each answer record, one per line, aliases first (a CNAME's target, then the addresses), no
// signatures and no comments. What would hide a problem goes to stderr instead, in one line: a Bogus
// answer (its data withheld), a resolution failure, an Indeterminate answer. The exit code still
// carries the verdict (0 secure or insecure, 1 bogus, 2 failure or indeterminate).
using System.Text;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Cli.Output;

internal static class ShortText
{
    /// <summary>The data lines for stdout (possibly empty: NXDOMAIN, NODATA, withheld data).</summary>
    public static string Format(ResolveResult result)
    {
        var sb = new StringBuilder();
        foreach (ResourceRecord rr in result.Answers)
        {
            if (rr.Data is not RrsigData)
            {
                sb.Append(rr.Data).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The one line for stderr when the answer is not to be trusted or there is none (bogus, failed,
    /// indeterminate); null for a Secure or Insecure answer.
    /// </summary>
    public static string? Problem(ResolveResult result)
    {
        string question = $"{result.Question.Name} {RrTypeText.Format(result.Question.Type)}";
        if (result.ResolutionError is { } error)
        {
            return $"{question}: resolution failed: {error}";
        }

        return result.Status is SecurityStatus.Bogus or SecurityStatus.Indeterminate
            ? $"{question}: {result.Reason?.ToString() ?? ResultText.StatusWord(result)}"
            : null;
    }
}

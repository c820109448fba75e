// BatchInput: the questions of a batch file (`query -f FILE`, `-f -` for standard input), one per
// line as on the command line — "NAME [TYPE]" or "-x ADDR" — as dig's -f reads them. Blank lines and
// lines starting with '#' or ';' are skipped. A line that is not a question is an error that names
// its line number; the lines around it are still asked.
using Resolver.Protocol;

namespace Resolver.Cli.Commands;

/// <summary>One line of a batch: a question, or why the line is not one.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Question">The question, when the line is one.</param>
/// <param name="Error">Why it is not, otherwise.</param>
internal sealed record BatchLine(int Line, DnsQuestion? Question, string? Error);

internal static class BatchInput
{
    /// <summary>The lines of <paramref name="reader"/> that hold something, in order.</summary>
    public static IEnumerable<BatchLine> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            string text = line.Trim();
            if (text.Length == 0 || text[0] is '#' or ';')
            {
                continue;
            }

            yield return Parse(number, text);
        }
    }

    /// <summary>Parses one non-empty line.</summary>
    public static BatchLine Parse(int number, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        try
        {
            return words switch
            {
                ["-x", string address] => new BatchLine(number, new DnsQuestion(ReverseName.Parse(address), RrType.PTR), null),
                [string name] when name[0] != '-' => new BatchLine(number, new DnsQuestion(ResolverSettings.ParseName(name), RrType.A), null),
                [string name, string type] when name[0] != '-' =>
                    new BatchLine(number, new DnsQuestion(ResolverSettings.ParseName(name), ResolverSettings.ParseType(type)), null),
                _ => new BatchLine(number, null, $"expected NAME [TYPE] or -x ADDR, not '{text}'"),
            };
        }
        catch (UsageException e)
        {
            return new BatchLine(number, null, e.Message);
        }
    }
}

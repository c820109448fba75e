// QueryCommand: `dnssec-resolve query NAME [TYPE]` — resolves questions through the library (from the
// root, or through --forward) and prints each dig-like with a security status line, as JSON
// (--json), or as its data alone (--short, dig's +short). The question comes from the arguments, a
// reverse lookup (-x ADDR: PTR under in-addr.arpa. or ip6.arpa.), or a batch file (-f FILE, -f - for
// standard input; one question per line, asked in order through one resolver and its cache). The
// verdict is the exit code: 0 secure/insecure (NXDOMAIN and NODATA included), 1 bogus, 2
// indeterminate or resolution failure, 64 bad usage; a batch exits with the highest of its lines'.
using System.CommandLine;
using Resolver.Cli.Output;
using Resolver.Protocol;

namespace Resolver.Cli.Commands;

internal static class QueryCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string?>("name") { Description = "The domain name (the final dot may be omitted). Not with -x or -f.", Arity = ArgumentArity.ZeroOrOne };
        var type = new Argument<string>("type") { Description = "The record type (default A; PTR with -x).", Arity = ArgumentArity.ZeroOrOne };
        var reverse = new Option<string?>("-x")
        {
            Description = "Reverse lookup: ask PTR for this IPv4 or IPv6 address (its name under in-addr.arpa. or ip6.arpa.), as dig -x.",
            HelpName = "ADDR",
        };
        var batch = new Option<string?>("-f", "--file")
        {
            Description = "Batch mode: read questions from FILE ('-' for standard input), one per line — NAME [TYPE] or -x ADDR; blank lines and lines starting with # or ; are skipped. " +
                "Asked in order through one resolver (its cache shared); text results are separated by a blank line, JSON results are one document each. Exit code: the highest of the lines'.",
            HelpName = "FILE",
        };
        var cd = new Option<bool>("--cd") { Description = "Checking disabled: show the data of a bogus answer too (the verdict is still given). Also +cd." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of text." };
        var trace = new Option<bool>("--trace") { Description = "Print the chain of authentication: zone cuts, DS and DNSKEY key tags and algorithms, signature windows, denial proofs." };
        var brief = new Option<bool>("--short")
        {
            Description = "Print only the answer's data, one record per line (no signatures, no comments), as dig +short; +short is accepted too. " +
                "A bogus, failed or indeterminate answer prints one line on stderr instead; the exit code gives the verdict.",
        };
        var command = new Command("query", "Resolve a name from the root (or through --forward), validate it with DNSSEC and print the answer with its security status.\n" +
            "Exit codes: 0 secure or insecure (NXDOMAIN and NODATA included), 1 bogus, 2 resolution failure or indeterminate, 64 bad usage; with -f, the highest of the lines'.")
        {
            name,
            type,
        };
        ResolverSettings settings = ResolverSettings.AddTo(command);
        command.Options.Add(reverse);
        command.Options.Add(batch);
        command.Options.Add(cd);
        command.Options.Add(json);
        command.Options.Add(trace);
        command.Options.Add(brief);
        command.SetAction((parsed, cancellationToken) => CommandGuard.RunAsync(environment.Error, async () =>
        {
            if (parsed.GetValue(brief) && (parsed.GetValue(json) || parsed.GetValue(trace)))
            {
                throw new UsageException("--short prints the data alone: it does not combine with --json or --trace.");
            }

            var output = new Output(environment, parsed.GetValue(json), parsed.GetValue(trace), parsed.GetValue(brief));
            ResolveBehavior behavior = parsed.GetValue(cd) ? ResolveBehavior.CheckingDisabled : ResolveBehavior.Default;
            string? batchPath = parsed.GetValue(batch);
            // Everything about the question is checked before the resolver is created.
            DnsQuestion? single = batchPath is null ? Question(parsed.GetValue(name), parsed.GetValue(type), parsed.GetValue(reverse)) : null;
            if (batchPath is not null && (parsed.GetValue(name) is not null || parsed.GetValue(reverse) is not null))
            {
                throw new UsageException("-f reads the questions from its file: give no NAME and no -x beside it.");
            }

            ResolverOptions options = settings.Build(parsed);
            TextReader? input = batchPath is null ? null : OpenBatch(batchPath, environment);
            IDnsResolver resolver = environment.ResolverFactory(options);
            try
            {
                if (single is not null)
                {
                    return await output.ResolveAsync(resolver, single, behavior, first: true, cancellationToken).ConfigureAwait(false);
                }

                int exitCode = ExitCodes.Ok;
                bool first = true;
                foreach (BatchLine line in BatchInput.Read(input!))
                {
                    if (line.Question is null)
                    {
                        await environment.Error.WriteLineAsync($"{CliApp.Name}: {batchPath} line {line.Line}: {line.Error}").ConfigureAwait(false);
                        exitCode = Math.Max(exitCode, ExitCodes.Usage);
                        continue;
                    }

                    int lineExit = await output.ResolveAsync(resolver, line.Question, behavior, first, cancellationToken).ConfigureAwait(false);
                    exitCode = Math.Max(exitCode, lineExit);
                    first = false;
                }

                return exitCode;
            }
            finally
            {
                (resolver as IDisposable)?.Dispose();
                if (!ReferenceEquals(input, environment.Input))
                {
                    input?.Dispose();
                }
            }
        }));
        return command;
    }

    /// <summary>The exit code of a result: 0 secure/insecure, 1 bogus, 2 indeterminate or no answer.</summary>
    public static int ExitCodeOf(ResolveResult result) => result switch
    {
        { IsResolutionFailure: true } => ExitCodes.RuntimeFailure,
        { Status: SecurityStatus.Secure or SecurityStatus.Insecure } => ExitCodes.Ok,
        { Status: SecurityStatus.Bogus } => ExitCodes.Failed,
        _ => ExitCodes.RuntimeFailure,
    };

    // The one question of the command line: NAME [TYPE], or -x ADDR [TYPE].
    private static DnsQuestion Question(string? name, string? type, string? reverse)
    {
        if (reverse is not null)
        {
            if (name is not null && type is not null)
            {
                throw new UsageException("-x gives the name to ask: give at most a TYPE beside it.");
            }

            // "query -x ADDR TYPE" parses TYPE as the name argument.
            string? reverseType = type ?? name;
            return new DnsQuestion(ReverseName.Parse(reverse), reverseType is null ? RrType.PTR : ResolverSettings.ParseType(reverseType));
        }

        return name is null
            ? throw new UsageException($"query: give a NAME, -x ADDR or -f FILE.\nTry '{CliApp.Name} --help'.")
            : new DnsQuestion(ResolverSettings.ParseName(name), ResolverSettings.ParseType(type ?? "A"));
    }

    private static TextReader OpenBatch(string path, CliEnvironment environment)
    {
        if (path == "-")
        {
            return environment.Input;
        }

        try
        {
            return new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string problem = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            throw new UsageException($"-f: batch file '{Path.GetFullPath(path)}': {problem}", e);
        }
    }

    // How results are printed: text, JSON or --short, each result as it comes.
    private sealed class Output(CliEnvironment environment, bool json, bool trace, bool brief)
    {
        public async Task<int> ResolveAsync(IDnsResolver resolver, DnsQuestion question, ResolveBehavior behavior, bool first, CancellationToken cancellationToken)
        {
            ResolveResult result = await resolver.ResolveAsync(question.Name, question.Type, behavior, cancellationToken).ConfigureAwait(false);
            int exitCode = ExitCodeOf(result);
            if (brief)
            {
                await environment.Output.WriteAsync(ShortText.Format(result)).ConfigureAwait(false);
                if (ShortText.Problem(result) is { } problem)
                {
                    await environment.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
                    await environment.Error.WriteLineAsync($"{CliApp.Name}: {problem}").ConfigureAwait(false);
                }
            }
            else
            {
                string text = json ? ResultJson.Format(result, trace, exitCode) + "\n" : ResultText.Format(result, trace);
                // Text results of a batch are separated by a blank line, as dig separates its answers.
                await environment.Output.WriteAsync(first || json ? text : "\n" + text).ConfigureAwait(false);
            }

            await environment.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return exitCode;
        }
    }
}

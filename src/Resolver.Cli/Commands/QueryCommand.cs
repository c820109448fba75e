// QueryCommand: `dnssec-resolve query NAME [TYPE]` — resolves one question through the library
// (from the root, or through --forward), prints it dig-like with a security status line (or as
// JSON), and maps the verdict to the exit code: 0 secure/insecure (NXDOMAIN and NODATA included),
// 1 bogus, 2 indeterminate or resolution failure.
using System.CommandLine;
using Resolver.Cli.Output;
using Resolver.Protocol;

namespace Resolver.Cli.Commands;

internal static class QueryCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "The domain name (the final dot may be omitted)." };
        var type = new Argument<string>("type") { Description = "The record type (default A).", DefaultValueFactory = _ => "A" };
        var cd = new Option<bool>("--cd") { Description = "Checking disabled: show the data of a bogus answer too (the verdict is still given)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of text." };
        var trace = new Option<bool>("--trace") { Description = "Print the chain of authentication: zone cuts, DS and DNSKEY key tags and algorithms, signature windows, denial proofs." };
        var command = new Command("query", "Resolve a name from the root (or through --forward), validate it with DNSSEC and print the answer with its security status.\n" +
            "Exit codes: 0 secure or insecure (NXDOMAIN and NODATA included), 1 bogus, 2 resolution failure or indeterminate, 64 bad usage.")
        {
            name,
            type,
        };
        ResolverSettings settings = ResolverSettings.AddTo(command);
        command.Options.Add(cd);
        command.Options.Add(json);
        command.Options.Add(trace);
        command.SetAction((parsed, cancellationToken) => CommandGuard.RunAsync(environment.Error, async () =>
        {
            DnsName qname = ResolverSettings.ParseName(parsed.GetRequiredValue(name));
            RrType qtype = ResolverSettings.ParseType(parsed.GetRequiredValue(type));
            ResolverOptions options = settings.Build(parsed);
            IDnsResolver resolver = environment.ResolverFactory(options);
            try
            {
                ResolveBehavior behavior = parsed.GetValue(cd) ? ResolveBehavior.CheckingDisabled : ResolveBehavior.Default;
                ResolveResult result = await resolver.ResolveAsync(qname, qtype, behavior, cancellationToken).ConfigureAwait(false);
                int exitCode = ExitCodeOf(result);
                bool withTrace = parsed.GetValue(trace);
                string text = parsed.GetValue(json) ? ResultJson.Format(result, withTrace, exitCode) + "\n" : ResultText.Format(result, withTrace);
                await environment.Output.WriteAsync(text).ConfigureAwait(false);
                await environment.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
                return exitCode;
            }
            finally
            {
                (resolver as IDisposable)?.Dispose();
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
}

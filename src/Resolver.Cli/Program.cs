// dnssec-resolve: the sample console of the Resolver library. Each subcommand lives in Commands/.
using System.CommandLine;
using Resolver.Cli;
using Resolver.Cli.Commands;

var root = new RootCommand(
    "dnssec-resolve: DNS and DNSSEC from the command line.\n\n" +
    "Exit codes: 0 success; 1 bogus answer or failed check; 2 resolution or runtime failure; 64 bad usage.")
{
    DecodeCommand.Create(),
};

ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var parseError in parsed.Errors)
    {
        Console.Error.WriteLine($"dnssec-resolve: {parseError.Message}");
    }

    Console.Error.WriteLine("Try 'dnssec-resolve --help'.");
    return ExitCodes.Usage;
}

return await parsed.InvokeAsync().ConfigureAwait(false);

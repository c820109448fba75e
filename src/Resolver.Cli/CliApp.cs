// CliApp: builds the dnssec-resolve command tree and runs it. Everything a command touches from
// outside — the output and error writers and the way a resolver is created — comes in through
// CliEnvironment, so tests run the real commands in-process with a fake resolver and no network.
using System.CommandLine;
using Resolver.Cli.Commands;

namespace Resolver.Cli;

/// <summary>What the commands get from outside: writers and a resolver factory.</summary>
/// <param name="Output">Where results go (stdout).</param>
/// <param name="Error">Where diagnostics and serve's query log go (stderr).</param>
/// <param name="ResolverFactory">Creates the resolver from the parsed options (a real DnsResolver by default).</param>
/// <param name="ServeStarted">Told the endpoint `serve` listens on once it is bound (tests listen on port 0).</param>
/// <param name="Time">The clock; <see cref="TimeProvider.System"/> when null.</param>
/// <param name="StandardInput">What `query -f -` reads; the process's standard input when null.</param>
internal sealed record CliEnvironment(
    TextWriter Output,
    TextWriter Error,
    Func<ResolverOptions, IDnsResolver> ResolverFactory,
    Action<System.Net.IPEndPoint>? ServeStarted = null,
    TimeProvider? Time = null,
    TextReader? StandardInput = null)
{
    /// <summary>Standard input (batch questions from `-f -`).</summary>
    public TextReader Input => StandardInput ?? System.Console.In;

    /// <summary>The clock (signature windows in check-ds, log timestamps): <see cref="TimeProvider.System"/> unless a test injects one.</summary>
    public TimeProvider Clock => Time ?? TimeProvider.System;

    /// <summary>The process's console and a real resolver.</summary>
    public static CliEnvironment Console { get; } =
        new(System.Console.Out, System.Console.Error, options => new DnsResolver(options));
}

internal static class CliApp
{
    public const string Name = "dnssec-resolve";

    public static RootCommand CreateRoot(CliEnvironment environment) => new(
        "dnssec-resolve: resolve and validate DNSSEC from the root, serve a local validating resolver, check a zone's DS records, check a TLS server against its TLSA records.\n\n" +
        "Exit codes: 0 secure or insecure answer (NXDOMAIN and NODATA included), or check passed; " +
        "1 bogus answer or failed check; 2 resolution failure, indeterminate answer or runtime failure; 64 bad usage.")
    {
        QueryCommand.Create(environment),
        ServeCommand.Create(environment),
        CheckDsCommand.Create(environment),
        TlsaCommand.Create(environment),
        DecodeCommand.Create(),
    };

    /// <summary>
    /// dig's and kdig's +options that have a flag here, accepted as those flags (+short → --short,
    /// +tcp → --tcp, +cd → --cd), so that an operator's habits work. Other +words are left alone.
    /// </summary>
    public static string[] DigStyle(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return [.. args.Select(a => a.ToLowerInvariant() switch
        {
            "+short" => "--short",
            "+tcp" or "+vc" => "--tcp",
            "+cd" or "+cdflag" => "--cd",
            _ => a,
        })];
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. Parse errors print one line each and return 64.
    /// <paramref name="handleSignals"/> makes Ctrl+C/SIGTERM cancel the running command (the process);
    /// tests pass false and cancel through <paramref name="cancellationToken"/>.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, bool handleSignals, CancellationToken cancellationToken)
    {
        RootCommand root = CreateRoot(environment);
        ParseResult parsed = root.Parse(DigStyle(args));
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                environment.Error.WriteLine($"{Name}: {parseError.Message}");
            }

            environment.Error.WriteLine($"Try '{Name} --help'.");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = environment.Output,
            Error = environment.Error,
            // Our actions report their own failures in one line (CommandGuard); the default handler prints stack traces.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = handleSignals ? TimeSpan.FromSeconds(5) : null,
        };
        return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}

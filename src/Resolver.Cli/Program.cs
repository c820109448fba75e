// dnssec-resolve: the sample console of the Resolver library. The command tree is built in CliApp;
// each subcommand lives in Commands/.
using Resolver.Cli;

return await CliApp.RunAsync(args, CliEnvironment.Console, handleSignals: true, CancellationToken.None).ConfigureAwait(false);

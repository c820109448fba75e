// CommandGuard: the one place where a command's failure becomes one line on stderr and an exit
// code — bad usage or bad input (UsageException, or options the library rejects) is 64, anything
// else at run time is 2 — so the
// user never sees a stack trace. Cancellation (Ctrl+C) is a normal end, not a failure.
namespace Resolver.Cli;

/// <summary>Bad usage or bad input: reported in one line, exit 64.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message) : base(message) { }

    public UsageException(string message, Exception innerException) : base(message, innerException) { }

    public UsageException() { }
}

internal static class CommandGuard
{
    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> action, bool cancellationIsSuccess = false)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"{CliApp.Name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (ArgumentException e)
        {
            // Options the library rejects (its Validate): bad usage, said without .NET's "(Parameter 'x')".
            await error.WriteLineAsync($"{CliApp.Name}: {MessageOf(e)}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationIsSuccess)
        {
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync($"{CliApp.Name}: cancelled").ConfigureAwait(false);
            return ExitCodes.RuntimeFailure;
        }
#pragma warning disable CA1031 // the command line's last line of defence: one line, exit 2, never a stack trace
        catch (Exception e)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"{CliApp.Name}: error: {MessageOf(e)}").ConfigureAwait(false);
            return ExitCodes.RuntimeFailure;
        }
    }

    /// <summary>
    /// An exception's message for a person: an ArgumentException's without the "(Parameter 'name')"
    /// .NET appends, which names a C# parameter the user never saw.
    /// </summary>
    public static string MessageOf(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e is ArgumentException { ParamName: { } param } argument
            ? argument.Message.Replace($" (Parameter '{param}')", string.Empty, StringComparison.Ordinal)
            : e.Message;
    }
}

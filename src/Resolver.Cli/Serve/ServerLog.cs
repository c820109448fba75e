// ServerLog: serve's log — one line per query at Information level, plus start/stop and errors —
// written to a TextWriter (stderr). Microsoft.Extensions.Logging.Console is not a dependency of this
// tool, and a line-per-event writer is all serve needs; the writer is synchronized because queries
// are answered concurrently.
using System.Globalization;

namespace Resolver.Cli.Serve;

internal enum ServerLogLevel
{
    Information,
    Warning,
    Error,
}

internal sealed class ServerLog(TextWriter writer, TimeProvider time)
{
    private readonly TextWriter _writer = TextWriter.Synchronized(writer);

    public void Information(string message) => Write(ServerLogLevel.Information, message);

    public void Warning(string message) => Write(ServerLogLevel.Warning, message);

    public void Error(string message) => Write(ServerLogLevel.Error, message);

    private void Write(ServerLogLevel level, string message)
    {
        string tag = level switch
        {
            ServerLogLevel.Information => "info",
            ServerLogLevel.Warning => "warn",
            _ => "fail",
        };
        string stamp = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        _writer.WriteLine($"{stamp} {tag}: {message}");
        _writer.Flush();
    }
}

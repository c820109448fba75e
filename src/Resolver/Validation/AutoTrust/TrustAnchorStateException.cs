// TrustAnchorStateException: the one error a trust anchor state file (RFC 5011 automated updates)
// can raise at start-up — unreadable, truncated or malformed — naming the file, so a resolver never
// silently runs without the anchors it had learnt.
namespace Resolver;

/// <summary>The trust anchor state file cannot be read or written; the message names the file and the reason.</summary>
public sealed class TrustAnchorStateException : Exception
{
    /// <summary>Creates the error for <paramref name="filePath"/>.</summary>
    public TrustAnchorStateException(string filePath, string reason, Exception? innerException = null)
        : base($"Trust anchor state file '{filePath}': {reason}", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The state file at fault.</summary>
    public string FilePath { get; }
}

// DnsFormatException: the one exception type for malformed DNS input, wire or text. It says what
// was wrong and where (a byte offset in a message, or a line in presentation text).
namespace Resolver.Protocol;

/// <summary>
/// Thrown when DNS input — a wire-format message, record data, a name or zone-file text — is
/// malformed. It is the only exception the parsing APIs throw for bad input; the <c>Try…</c>
/// APIs return <see langword="false"/> instead.
/// </summary>
public sealed class DnsFormatException : FormatException
{
    /// <summary>Creates an exception with a message.</summary>
    public DnsFormatException() : this("Malformed DNS data.") { }

    /// <summary>Creates an exception with a message.</summary>
    public DnsFormatException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public DnsFormatException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates an exception for wire data at a byte offset.</summary>
    public DnsFormatException(string message, int offset) : base($"{message} (at byte offset {offset})")
    {
        Offset = offset;
    }

    /// <summary>Creates an exception for presentation text at a line number (1-based).</summary>
    public DnsFormatException(string message, int line, bool isTextLine) : base(isTextLine ? $"{message} (line {line})" : message)
    {
        Line = line;
    }

    /// <summary>The byte offset in wire data where the problem was found, or -1.</summary>
    public int Offset { get; } = -1;

    /// <summary>The 1-based line in presentation text where the problem was found, or 0.</summary>
    public int Line { get; }
}

// ThrowHelper: keeps throw sites out of hot parsing loops (they stay small and inlinable).
using System.Diagnostics.CodeAnalysis;

namespace Resolver.Protocol;

internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Format(string message, int offset) => throw new DnsFormatException(message, offset);

    [DoesNotReturn]
    public static T Format<T>(string message, int offset) => throw new DnsFormatException(message, offset);

    [DoesNotReturn]
    public static void Text(string message, int line) => throw new DnsFormatException(message, line, isTextLine: true);

    [DoesNotReturn]
    public static T Text<T>(string message, int line) => throw new DnsFormatException(message, line, isTextLine: true);

    [DoesNotReturn]
    public static void Name(string message) => throw new DnsFormatException(message);

    [DoesNotReturn]
    public static void BufferTooSmall() => throw new InvalidOperationException("The destination buffer is too small for the DNS message (limit 65,535 bytes).");
}

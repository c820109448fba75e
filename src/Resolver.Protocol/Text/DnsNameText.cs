// DnsNameText: presentation text of domain names into wire form (RFC 1035 §5.1: labels separated by
// unescaped dots, \X and \DDD escapes), enforcing the 63-byte label and 255-byte name limits.
// DnsName owns the result; this file owns only the parsing.
namespace Resolver.Protocol;

internal static class DnsNameText
{
    // Parses presentation text into wire form in `buffer`; returns the wire length. Label length
    // bytes are part of the output, so the buffer holds a complete uncompressed name.
    public static int ParseLabels(string text, Span<byte> buffer, out int labels, out bool absolute)
    {
        labels = 0;
        absolute = false;
        if (text.Length == 0)
        {
            ThrowHelper.Name("A name cannot be empty.");
        }

        if (text == ".")
        {
            absolute = true;
            buffer[0] = 0;
            return 1;
        }

        int pos = 0;          // write position of the current label's length byte
        int labelLength = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '.')
            {
                if (labelLength == 0)
                {
                    ThrowHelper.Name($"Empty label in '{text}'.");
                }

                buffer[pos] = (byte)labelLength;
                pos += labelLength + 1;
                labelLength = 0;
                labels++;
                i++;
                if (i == text.Length)
                {
                    absolute = true;
                }

                continue;
            }

            int value;
            bool fromDecimal = false;
            if (c == '\\')
            {
                if (DecodeEscape(text, i, out value, out int length, out fromDecimal) is { } problem)
                {
                    ThrowHelper.Name($"{problem} in '{text}'.");
                }

                i += length;
            }
            else
            {
                value = c;
                i++;
            }

            if (value > 0x7F && !fromDecimal)
            {
                ThrowHelper.Name($"Non-ASCII character in '{text}' (use IDNA A-labels or \\DDD escapes).");
            }

            labelLength++;
            if (labelLength > DnsName.MaxLabelLength)
            {
                ThrowHelper.Name($"A label exceeds {DnsName.MaxLabelLength} bytes in '{text}'.");
            }

            if (pos + labelLength + 1 >= DnsName.MaxWireLength)
            {
                ThrowHelper.Name($"The name '{text}' exceeds {DnsName.MaxWireLength} bytes.");
            }

            buffer[pos + labelLength] = (byte)value;
        }

        if (labelLength > 0)
        {
            buffer[pos] = (byte)labelLength;
            pos += labelLength + 1;
            labels++;
        }

        buffer[pos] = 0;
        return pos + 1;
    }

    /// <summary>
    /// Decodes the RFC 1035 §5.1 escape that starts at <paramref name="text"/>[<paramref name="start"/>]
    /// (a backslash): <c>\X</c> is the character X, <c>\DDD</c> the byte with that decimal value. Returns
    /// null and the value, the characters used and whether it was <c>\DDD</c>; or what is wrong.
    /// </summary>
    public static string? DecodeEscape(string text, int start, out int value, out int length, out bool isDecimal)
    {
        value = 0;
        length = 0;
        isDecimal = false;
        if (start + 1 >= text.Length)
        {
            return "Dangling escape";
        }

        if (!char.IsAsciiDigit(text[start + 1]))
        {
            value = text[start + 1];
            length = 2;
            return null;
        }

        if (start + 3 >= text.Length || !char.IsAsciiDigit(text[start + 2]) || !char.IsAsciiDigit(text[start + 3]))
        {
            return "A \\DDD escape needs three digits";
        }

        value = ((text[start + 1] - '0') * 100) + ((text[start + 2] - '0') * 10) + (text[start + 3] - '0');
        if (value > 255)
        {
            return "A \\DDD escape is above 255";
        }

        length = 4;
        isDecimal = true;
        return null;
    }
}

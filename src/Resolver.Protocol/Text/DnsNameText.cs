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
                if (i + 1 >= text.Length)
                {
                    ThrowHelper.Name($"Dangling escape in '{text}'.");
                }

                if (char.IsAsciiDigit(text[i + 1]))
                {
                    if (i + 3 >= text.Length || !char.IsAsciiDigit(text[i + 2]) || !char.IsAsciiDigit(text[i + 3]))
                    {
                        ThrowHelper.Name($"A \\DDD escape needs three digits in '{text}'.");
                    }

                    value = ((text[i + 1] - '0') * 100) + ((text[i + 2] - '0') * 10) + (text[i + 3] - '0');
                    if (value > 255)
                    {
                        ThrowHelper.Name($"A \\DDD escape is above 255 in '{text}'.");
                    }

                    i += 4;
                    fromDecimal = true;
                }
                else
                {
                    value = text[i + 1];
                    i += 2;
                }
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
}

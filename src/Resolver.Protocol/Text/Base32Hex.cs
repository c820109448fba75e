// Base32Hex: RFC 4648 §7 "base32 with extended hex alphabet", without padding, as NSEC3 uses it
// (RFC 5155 §3.3). Written here because the BCL has no base32 of any kind. Decoding ignores case:
// NSEC3 owner labels may arrive in upper case (hickory-dns #2714).
namespace Resolver.Protocol.Text;

/// <summary>Base32hex encoding without padding (RFC 4648 §7), as used by NSEC3.</summary>
public static class Base32Hex
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuv";

    /// <summary>Encodes bytes as lowercase base32hex without padding.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        int chars = ((data.Length * 8) + 4) / 5;
        return string.Create(chars, data.ToArray(), static (dest, bytes) => EncodeTo(bytes, dest));
    }

    /// <summary>Encodes bytes into <paramref name="destination"/>; returns the number of characters.</summary>
    public static int EncodeTo(ReadOnlySpan<byte> data, Span<char> destination)
    {
        int chars = ((data.Length * 8) + 4) / 5;
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, chars);
        int buffer = 0;
        int bits = 0;
        int o = 0;
        foreach (byte b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                destination[o++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            destination[o++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return o;
    }

    /// <summary>Decodes base32hex (either case, no padding). Returns false for bad characters or
    /// lengths, or non-zero trailing bits.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] data)
    {
        data = [];
        int bytes = text.Length * 5 / 8;
        // Valid unpadded lengths leave fewer than 5 spare bits, all zero.
        if ((text.Length * 5) - (bytes * 8) >= 5)
        {
            return false;
        }

        byte[] result = new byte[bytes];
        int buffer = 0;
        int bits = 0;
        int o = 0;
        foreach (char c in text)
        {
            int v = DecodeChar(c);
            if (v < 0)
            {
                return false;
            }

            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8)
            {
                result[o++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }

        if (buffer != 0)
        {
            return false;
        }

        data = result;
        return true;
    }

    /// <summary>Decodes base32hex, throwing <see cref="DnsFormatException"/> on bad input.</summary>
    public static byte[] Decode(ReadOnlySpan<char> text) =>
        TryDecode(text, out byte[] data) ? data : throw new DnsFormatException("Invalid base32hex text.");

    private static int DecodeChar(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'v' => c - 'a' + 10,
        >= 'A' and <= 'V' => c - 'A' + 10,
        _ => -1,
    };
}

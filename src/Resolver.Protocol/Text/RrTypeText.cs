// RrTypeText: RR type and class mnemonics in presentation text, including the generic TYPEnnn and
// CLASSnnn forms of RFC 3597 §5.
using System.Globalization;

namespace Resolver.Protocol.Text;

/// <summary>Converts RR types and classes to and from their presentation mnemonics.</summary>
public static class RrTypeText
{
    /// <summary>The mnemonic of a type (<c>A</c>, <c>NSEC3</c>), or <c>TYPEnnn</c> for unnamed ones.</summary>
    public static string Format(RrType type) =>
        Enum.IsDefined(type) ? type.ToString() : "TYPE" + ((ushort)type).ToString(CultureInfo.InvariantCulture);

    /// <summary>The mnemonic of a class (<c>IN</c>), or <c>CLASSnnn</c>.</summary>
    public static string Format(RrClass rrClass) =>
        Enum.IsDefined(rrClass) ? rrClass.ToString() : "CLASS" + ((ushort)rrClass).ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a type mnemonic or <c>TYPEnnn</c>, ignoring case.</summary>
    public static bool TryParseType(string text, out RrType type)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("TYPE", StringComparison.OrdinalIgnoreCase) &&
            ushort.TryParse(text.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out ushort value))
        {
            type = (RrType)value;
            return true;
        }

        // Enum.TryParse also accepts numbers and comma lists ("A,CNAME"); a mnemonic is letters and digits only.
        if (IsMnemonic(text) && Enum.TryParse(text, ignoreCase: true, out type) && Enum.IsDefined(type))
        {
            return true;
        }

        type = default;
        return false;
    }

    /// <summary>Parses a class mnemonic or <c>CLASSnnn</c>, ignoring case.</summary>
    public static bool TryParseClass(string text, out RrClass rrClass)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("CLASS", StringComparison.OrdinalIgnoreCase) &&
            ushort.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out ushort value))
        {
            rrClass = (RrClass)value;
            return true;
        }

        if (IsMnemonic(text) && Enum.TryParse(text, ignoreCase: true, out rrClass) && Enum.IsDefined(rrClass))
        {
            return true;
        }

        rrClass = default;
        return false;
    }

    private static bool IsMnemonic(string text) =>
        text.Length > 0 && char.IsAsciiLetter(text[0]) && text.AsSpan().IndexOfAnyExcept(s_mnemonicChars) < 0;

    private static readonly System.Buffers.SearchValues<char> s_mnemonicChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");
}

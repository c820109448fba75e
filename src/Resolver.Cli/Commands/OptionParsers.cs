// OptionParsers: the parsers of the console's numeric options, so that a value that is not a number
// is reported in words ("--timeout: 'abc' is not a number of seconds") instead of System.CommandLine's
// default, which names the .NET type (System.Nullable`1[System.Double]). Invariant culture: "0.5"
// means half a second on every machine. Ranges are checked afterwards against the library's
// declarations (ResolverSettings.InRange).
using System.CommandLine.Parsing;
using System.Globalization;

namespace Resolver.Cli.Commands;

internal static class OptionParsers
{
    /// <summary>A finite decimal number (e.g. seconds, hours) for <paramref name="flag"/>; <paramref name="unit"/> names what it counts.</summary>
    public static Func<ArgumentResult, double?> Number(string flag, string unit) => result =>
    {
        string text = Token(result);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }

        result.AddError($"{flag}: '{text}' is not a number of {unit}.");
        return null;
    };

    /// <summary>A whole number for <paramref name="flag"/>.</summary>
    public static Func<ArgumentResult, int> Integer(string flag) => result =>
    {
        string text = Token(result);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        result.AddError($"{flag}: '{text}' is not a whole number.");
        return 0;
    };

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
}

// ConfigurationValues: reads one IConfiguration value as a typed setting — an integer, a time span
// (TimeSpan text, "00:00:02"), a bool — checks it against the setting's declared OptionLimit, and
// on failure records one message that names the full configuration key, the value and what was
// expected ("Dnssec:Iteration:MaxReferrals: 500 is out of range; MaxReferrals must be between 1 and
// 128."). Nothing here throws: ResolverConfiguration gathers every problem, and the options
// validator reports them together at start-up.
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Resolver.Protocol;

namespace Resolver.DependencyInjection;

internal sealed class ConfigurationValues(ICollection<string> problems)
{
    private delegate bool Parser<T>(string text, out T value);

    public ICollection<string> Problems { get; } = problems;

    public static string PathOf(IConfiguration configuration, string key) =>
        configuration is IConfigurationSection section && section.Path.Length > 0 ? section.Path + ":" + key : key;

    public void Int(IConfiguration section, OptionLimit<int> limit, Action<int> set) =>
        Limit(section, limit, set, (string s, out int v) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out v), "an integer");

    public void Long(IConfiguration section, OptionLimit<long> limit, Action<long> set) =>
        Limit(section, limit, set, (string s, out long v) => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out v), "an integer");

    public void UShort(IConfiguration section, OptionLimit<ushort> limit, Action<ushort> set) =>
        Limit(section, limit, set, (string s, out ushort v) => ushort.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out v), "an integer from 0 to 65535");

    public void Time(IConfiguration section, OptionLimit<TimeSpan> limit, Action<TimeSpan> set) =>
        Limit(section, limit, set, (string s, out TimeSpan v) => TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out v), "a time span such as 00:00:02 (hh:mm:ss) or 1.00:00:00 (a day)");

    public void Bool(IConfiguration section, string key, Action<bool> set)
    {
        if (section[key] is not { } text)
        {
            return;
        }

        if (bool.TryParse(text, out bool value))
        {
            set(value);
        }
        else
        {
            Problems.Add($"{PathOf(section, key)}: '{text}' is not true or false.");
        }
    }

    private void Limit<T>(IConfiguration section, OptionLimit<T> limit, Action<T> set, Parser<T> parse, string expected)
        where T : struct, IComparable<T>, IFormattable
    {
        if (section[limit.Name] is not { } text)
        {
            return;
        }

        string path = PathOf(section, limit.Name);
        if (!parse(text.Trim(), out T value))
        {
            Problems.Add($"{path}: '{text}' is not {expected}; {limit.Describe()}");
        }
        else if (!limit.Contains(value))
        {
            Problems.Add($"{path}: {OptionLimit.Format(value)} is out of range; {limit.Name} must be between {OptionLimit.Format(limit.Min)} and {OptionLimit.Format(limit.Max)}.");
        }
        else
        {
            set(value);
        }
    }
}

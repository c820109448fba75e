// OptionLimit: the one declaration of a setting's default and inclusive range (the idea of
// NLnetLabs/domain's DefMinMax). Every options class — here and in Resolver — initialises its
// property from Default and checks it with Validate, and the console prints Describe() in its help,
// so a default or range is written once (ARCHITECTURE "every limit is declared once"). A value out of
// range is a bad argument, not a verdict: Validate throws ArgumentOutOfRangeException naming the
// setting and its range, so a misconfiguration fails at start-up (STYLE §11).
using System.Globalization;

namespace Resolver.Protocol;

/// <summary>A setting's name, default and inclusive range: declared once, read by its options class, its checks and its documentation.</summary>
/// <typeparam name="T">The setting's type (an integer or a <see cref="TimeSpan"/>).</typeparam>
public sealed record OptionLimit<T>
    where T : struct, IComparable<T>, IFormattable
{
    /// <summary>Declares a setting.</summary>
    /// <param name="name">The setting's name, as the options property is called.</param>
    /// <param name="defaultValue">The value used when the setting is not given.</param>
    /// <param name="min">The smallest accepted value.</param>
    /// <param name="max">The largest accepted value.</param>
    /// <exception cref="ArgumentException">The default is outside [<paramref name="min"/>, <paramref name="max"/>].</exception>
    public OptionLimit(string name, T defaultValue, T min, T max)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (min.CompareTo(defaultValue) > 0 || defaultValue.CompareTo(max) > 0)
        {
            throw new ArgumentException($"{name}: the default {OptionLimit.Format(defaultValue)} is outside {OptionLimit.Format(min)} – {OptionLimit.Format(max)}.", nameof(defaultValue));
        }

        Name = name;
        Default = defaultValue;
        Min = min;
        Max = max;
    }

    /// <summary>The setting's name, used in messages (another setting sharing these numbers takes its own with <c>with { Name = … }</c>).</summary>
    public string Name { get; init; }

    /// <summary>The value used when the setting is not given.</summary>
    public T Default { get; }

    /// <summary>The smallest accepted value.</summary>
    public T Min { get; }

    /// <summary>The largest accepted value.</summary>
    public T Max { get; }

    /// <summary>The range as text, e.g. "1 – 10,000" or "1 s – 7 days".</summary>
    public string RangeText => $"{OptionLimit.Format(Min)} – {OptionLimit.Format(Max)}";

    /// <summary>True when <paramref name="value"/> is within [<see cref="Min"/>, <see cref="Max"/>].</summary>
    /// <param name="value">The value.</param>
    public bool Contains(T value) => value.CompareTo(Min) >= 0 && value.CompareTo(Max) <= 0;

    /// <summary>Returns <paramref name="value"/> when it is within the range.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentOutOfRangeException">It is not; the message names the setting and its range.</exception>
    public T Validate(T value) =>
        Contains(value) ? value : throw new ArgumentOutOfRangeException(Name, value, $"{Name} must be between {OptionLimit.Format(Min)} and {OptionLimit.Format(Max)}.");

    /// <summary>Returns <paramref name="value"/> when it is within the range and at most another setting's value.</summary>
    /// <param name="value">The value.</param>
    /// <param name="atMost">The other setting's value, a further upper bound.</param>
    /// <param name="atMostName">The other setting's name, for the message.</param>
    /// <exception cref="ArgumentOutOfRangeException">It is not.</exception>
    public T Validate(T value, T atMost, string atMostName) =>
        Contains(value) && value.CompareTo(atMost) <= 0
            ? value
            : throw new ArgumentOutOfRangeException(Name, value, $"{Name} must be between {OptionLimit.Format(Min)} and {OptionLimit.Format(Max)}, and at most {atMostName}.");

    /// <summary>"Default D; range MIN – MAX." — the text documentation and help print.</summary>
    public string Describe() => $"Default {OptionLimit.Format(Default)}; range {RangeText}.";

    /// <summary>The name and <see cref="Describe"/>.</summary>
    public override string ToString() => $"{Name}: {Describe()}";
}

/// <summary>How <see cref="OptionLimit{T}"/> values are written in messages and help.</summary>
public static class OptionLimit
{
    /// <summary>
    /// Writes a setting's value for people: integers with thousands separators ("10,000"), times in
    /// the largest unit that keeps them short ("376 ms", "1.5 s", "15 minutes", "1 day").
    /// </summary>
    /// <param name="value">The value.</param>
    public static string Format<T>(T value)
        where T : struct, IFormattable
    {
        if (value is TimeSpan time)
        {
            return FormatTime(time);
        }

        return value.ToString("#,0", CultureInfo.InvariantCulture);
    }

    private static string FormatTime(TimeSpan time)
    {
        if (time == TimeSpan.Zero)
        {
            return "0";
        }

        return time switch
        {
            _ when time.Ticks % TimeSpan.TicksPerDay == 0 => Count(time.TotalDays, "day"),
            _ when time.Ticks % TimeSpan.TicksPerHour == 0 => Count(time.TotalHours, "hour"),
            _ when time.Ticks % TimeSpan.TicksPerMinute == 0 => Count(time.TotalMinutes, "minute"),
            _ when time < TimeSpan.FromSeconds(1) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:0.###} ms"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.###} s"),
        };

        static string Count(double n, string unit) =>
            string.Create(CultureInfo.InvariantCulture, $"{n:#,0} {unit}{(n == 1 ? string.Empty : "s")}");
    }
}

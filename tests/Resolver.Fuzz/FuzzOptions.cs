// FuzzOptions: the fuzzer's settings, each with its default and range, and the command line that sets them.
using System.Globalization;
using System.Security.Cryptography;

namespace Resolver.Fuzz;

/// <summary>How long and from what the fuzzer runs.</summary>
internal sealed record FuzzOptions
{
    /// <summary>Wall-clock budget for the mutation loop, seconds (0–86,400; default 60). 0 runs only the seeds and corpus.</summary>
    public int Seconds { get; init; } = 60;

    /// <summary>Stop after this many mutated inputs (default: no limit); the test project uses it for a fixed-size run.</summary>
    public long? MaxIterations { get; init; }

    /// <summary>The random seed; every input follows from it (default: a fresh random one, printed).</summary>
    public int Seed { get; init; } = RandomNumberGenerator.GetInt32(int.MaxValue);

    /// <summary>Extra seed files (raw DNS messages, e.g. saved findings) run as they are, then mutated; null for none.</summary>
    public string? CorpusDirectory { get; init; }

    /// <summary>Where failing inputs are written (default <c>fuzz-findings</c>); null to keep none.</summary>
    public string? FindingsDirectory { get; init; } = "fuzz-findings";

    /// <summary>An input taking longer than this (twice in a row) is a finding (issue 12: 1 s).</summary>
    public TimeSpan SlowInput { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>An input still running after this is reported as a hang and the run stops.</summary>
    public TimeSpan HangInput { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Parses <c>--seconds N --seed N --iterations N --corpus DIR --findings DIR</c>.</summary>
    /// <exception cref="ArgumentException">An unknown option or a value out of range.</exception>
    public static FuzzOptions Parse(IReadOnlyList<string> args)
    {
        var options = new FuzzOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number(int max)
            {
                string text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n <= max
                    ? n : throw new ArgumentException($"{args[i - 1]} takes a number from 0 to {max}, not '{text}'");
            }

            options = args[i] switch
            {
                "--seconds" => options with { Seconds = Number(86_400) },
                "--seed" => options with { Seed = Number(int.MaxValue) },
                "--iterations" => options with { MaxIterations = Number(int.MaxValue) },
                "--corpus" => options with { CorpusDirectory = Value() },
                "--findings" => options with { FindingsDirectory = Value() },
                _ => throw new ArgumentException($"unknown option '{args[i]}'"),
            };
        }

        return options;
    }
}

// The conformance runner: `dotnet run -c Release --project tests/Resolver.Conformance -- DIR...`
// replays every .rpl file under the given directories (or the files given) and prints one line
// per file — PASS / FAIL / SKIP with the reason — then `N passed, N failed, N skipped`. A pass is
// the *verdict* figure (rcode, flags, answer RRsets, EDE, and sections the entry names); the strict
// figure (every MATCH keyword as written) is reported alongside. Exit code 0 only when nothing failed.
using System.Globalization;
using Resolver.Conformance.Replay;
using Resolver.Conformance.Rpl;

namespace Resolver.Conformance;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "--generate")
        {
            // Writes the project's own scenarios (Generator/ScenarioCatalog.cs) into the directory.
            Directory.CreateDirectory(args[1]);
            foreach ((string file, string text) in Generator.ScenarioCatalog.All())
            {
                await File.WriteAllTextAsync(Path.Combine(args[1], file), text).ConfigureAwait(false);
                Console.WriteLine($"wrote {file}");
            }

            return 0;
        }

        bool verbose = args.Contains("-v") || args.Contains("--verbose");
        var files = new List<string>();
        foreach (string arg in args.Where(a => !a.StartsWith('-')))
        {
            if (Directory.Exists(arg))
            {
                files.AddRange(Directory.EnumerateFiles(arg, "*.rpl", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(arg))
            {
                files.Add(arg);
            }
            else
            {
                await Console.Error.WriteLineAsync($"no such file or directory: {arg}").ConfigureAwait(false);
                return 2;
            }
        }

        if (files.Count == 0)
        {
            await Console.Error.WriteLineAsync("usage: Resolver.Conformance [-v] DIR|FILE...").ConfigureAwait(false);
            return 2;
        }

        int passed = 0, failed = 0, skipped = 0, strict = 0;
        foreach (string file in files)
        {
            ScenarioResult result;
            try
            {
                RplScenario scenario = RplReader.ReadFile(file);
                result = await ScenarioRunner.RunAsync(scenario).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is FormatException or IOException or ArgumentException or InvalidOperationException or Protocol.DnsFormatException)
            {
                result = new ScenarioResult(ScenarioOutcome.Fail, false, $"{ex.GetType().Name}: {ex.Message}", 0);
            }

            string name = Path.GetRelativePath(Environment.CurrentDirectory, file);
            string notes = result.Notes.Count == 0 ? string.Empty : " {" + string.Join("; ", result.Notes) + "}";
            switch (result.Outcome)
            {
                case ScenarioOutcome.Pass:
                    passed++;
                    strict += result.StrictPass ? 1 : 0;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PASS {name} ({result.Checks} checks{(result.StrictPass ? string.Empty : "; strict: differs")}){notes}"));
                    break;
                case ScenarioOutcome.Fail:
                    failed++;
                    Console.WriteLine($"FAIL {name}: {result.Reason}{notes}");
                    if (verbose)
                    {
                        foreach (SentQuery q in result.Trace)
                        {
                            Console.WriteLine("    " + q);
                        }
                    }

                    break;
                default:
                    skipped++;
                    Console.WriteLine($"SKIP {name}: {result.Reason}");
                    break;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"verdict figure; strict figure: {strict} of {passed} passes also match every MATCH keyword"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{passed} passed, {failed} failed, {skipped} skipped"));
        return failed == 0 ? 0 : 1;
    }
}

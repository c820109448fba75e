// Program: the fuzzer's command line. Prints the seed (so any run can be repeated with --seed), a
// summary line, and each finding; exit code 0 when no oracle failed, 1 on a finding, 2 on bad usage.
using Resolver.Fuzz;

FuzzOptions options;
try
{
    options = FuzzOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"fuzz: {e.Message}");
    Console.Error.WriteLine("usage: Resolver.Fuzz [--seconds N] [--seed N] [--iterations N] [--corpus DIR] [--findings DIR]");
    return 2;
}

Console.WriteLine($"fuzz: seed {options.Seed}, {options.Seconds} s{(options.MaxIterations is { } n ? $", at most {n} inputs" : "")}");
FuzzReport report = FuzzLoop.Run(options, Console.Out);
string verdicts = string.Join(", ", report.Verdicts.OrderBy(v => v.Key).Select(v => $"{v.Key} {v.Value}"));
Console.WriteLine($"fuzz: seed {options.Seed}: {report.Inputs} inputs, {report.Parsed} parsed, verdicts: {verdicts}; slowest {report.Slowest.TotalMilliseconds:F0} ms; {report.Findings.Count} finding(s)");
if (report.Findings.Count > 0 && options.FindingsDirectory is not null)
{
    Console.WriteLine($"fuzz: failing inputs saved in {Path.GetFullPath(options.FindingsDirectory)}");
}

return report.Findings.Count == 0 ? 0 : 1;

// Entry point: BenchmarkDotNet's switcher, so `-- --filter '*'` (or a class name) picks benchmarks.
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

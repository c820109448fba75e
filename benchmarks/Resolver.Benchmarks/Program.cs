// Entry point: BenchmarkDotNet's switcher, so `-- --filter '*'` (or a class name) picks benchmarks;
// `-- keytrap-cpu [N [SIGS IMPORTS]]` prints (optionally with another budget) KeyTrapBenchmarks' CPU time per operation and the KeyTrap/Secure ratio;
// `-- lab-pass cold|warm ROUNDS HINTS ANCHOR NAMES` is the library's side of benchmarks/compare-libunbound.sh;
// `-- memory-bound HINTS ANCHOR [NAMES EVERY PARALLEL]` prints the heap after full GCs while resolving many distinct names (issue 15 item 5);
// `-- tcp-attack SERVER:PORT SECONDS SLOW NAMES` is the load generator of benchmarks/compare-under-attack.sh.
using System.Globalization;
using BenchmarkDotNet.Running;
using Resolver.Benchmarks.Validation;

if (args.Length > 0 && args[0] == "keytrap-cpu")
{
    int Arg(int i, int otherwise) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : otherwise;
    KeyTrapBenchmarks.PrintCpuRatio(Arg(1, 50), args.Length > 3 ? Arg(2, 0) : null, args.Length > 3 ? Arg(3, 0) : null);
    return;
}

if (args.Length > 0 && args[0] == "lab-pass")
{
    Environment.ExitCode = await Resolver.Benchmarks.LabPass.RunAsync(args);
    return;
}

if (args.Length > 0 && args[0] == "memory-bound")
{
    Environment.ExitCode = await Resolver.Benchmarks.MemoryBound.RunAsync(args);
    return;
}

if (args.Length > 0 && args[0] == "tcp-attack")
{
    Environment.ExitCode = await Resolver.Benchmarks.TcpAttack.RunAsync(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

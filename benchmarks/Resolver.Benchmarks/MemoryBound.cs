// MemoryBound: issue 15 item 5 — does the default cache limit bound the heap? One DnsResolver with
// default options resolves NAMES distinct names against the lab (PARALLEL in flight): in turn a
// wildcard expansion under wild.feat.lab. (a Secure positive answer with its NSEC proof), a name that
// does not exist in feat.n3. (NSEC3 NXDOMAIN) — both of which RFC 8198 and wildcard synthesis may answer
// from records already cached — and, half of the names, one that does not exist in one of the
// registry's unsigned hosted zones (an Insecure NXDOMAIN: a new negative cache entry per name). Every EVERY names it prints the
// managed heap after a full, compacting collection, so growth past the cache's limit shows:
//   memory-bound NAMES heap-MB secure insecure bogus failed seconds
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Resolver.Iteration;
using Resolver.Protocol;

namespace Resolver.Benchmarks;

internal static class MemoryBound
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 3)
        {
            await Console.Error.WriteLineAsync("usage: memory-bound ROOT-HINTS TRUST-ANCHOR [NAMES=300000] [EVERY=50000] [PARALLEL=32]").ConfigureAwait(false);
            return 64;
        }

        int Arg(int i, int otherwise) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : otherwise;
        int total = Arg(3, 300_000), every = Arg(4, 50_000), parallel = Arg(5, 32);
        var options = new ResolverOptions { Iteration = new IterationOptions { RootHints = RootHints.Parse(await File.ReadAllTextAsync(args[1]).ConfigureAwait(false)) } };
        options.Validation.TrustAnchors = TrustAnchorStore.Create(TrustAnchorStore.ParseZoneText(await File.ReadAllTextAsync(args[2]).ConfigureAwait(false)));
        using var resolver = new DnsResolver(options);

        Console.WriteLine($"memory-bound: cache limit {options.Cache.SizeLimit / (1024 * 1024)} MB (size units), {total:N0} names, heap after a full GC every {every:N0}");
        Console.WriteLine($"memory-bound {0,8} {Heap(),8:F1} MB (before any resolution)");
        int secure = 0, insecure = 0, bogus = 0, failed = 0, next = 0;
        var clock = Stopwatch.StartNew();
        for (int done = 0; done < total;)
        {
            int batch = Math.Min(every, total - done);
            await Parallel.ForAsync(0, batch, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (_, cancellationToken) =>
            {
                int i = Interlocked.Increment(ref next);
                DnsName name = (i % 4) switch
                {
                    0 => DnsName.Parse($"w{i}.wild.feat.lab."),
                    1 => DnsName.Parse($"nx{i}.feat.n3."),
                    _ => DnsName.Parse($"h{i}.d{1 + (i % 99):D4}.reg."),
                };
                ResolveResult result = await resolver.ResolveAsync(name, RrType.A, cancellationToken).ConfigureAwait(false);
                if (result.IsResolutionFailure)
                {
                    if (Interlocked.Increment(ref failed) <= 5)
                    {
                        Console.WriteLine($"  failed: {name} {result.ResolutionError}");
                    }
                }
                else if (result.Status == SecurityStatus.Secure)
                {
                    Interlocked.Increment(ref secure);
                }
                else if (result.Status == SecurityStatus.Bogus)
                {
                    Interlocked.Increment(ref bogus);
                }
                else
                {
                    Interlocked.Increment(ref insecure);
                }
            }).ConfigureAwait(false);
            done += batch;
            Console.WriteLine($"memory-bound {done,8} {Heap(),8:F1} MB  cache {resolver.Cache.Count,7} entries charged {resolver.Cache.ChargedSize / (1024.0 * 1024.0),6:F1} MB  secure {secure} insecure {insecure} bogus {bogus} failed {failed}  {clock.Elapsed.TotalSeconds:F0} s");
        }

        // What the RRset cache itself holds: the heap again once it is emptied.
        resolver.Cache.Clear();
        Console.WriteLine($"memory-bound after clearing the RRset cache: {Heap(),8:F1} MB");
        return failed + bogus == 0 ? 0 : 1;
    }

    // The managed heap after a full blocking compacting collection, in MiB.
    private static double Heap()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024.0);
    }
}

// LabPass: the library's side of benchmarks/compare-libunbound.sh — the same measurement as
// benchmarks/libunbound/ub-pass.c, through the public DnsResolver: every name of a list ("NAME TYPE"
// a line) in flight at once per round, from the given root hints and trust anchor; cold = a fresh
// resolver per round (created outside the timing), warm = one resolver warmed by untimed rounds. Prints
//   lab-pass MODE ROUNDS NAMES ns-per-answer secure insecure bogus failed
using System.Diagnostics;
using System.Globalization;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Text;

namespace Resolver.Benchmarks;

internal static class LabPass
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 6 || args[1] is not ("cold" or "warm"))
        {
            await Console.Error.WriteLineAsync("usage: lab-pass cold|warm ROUNDS ROOT-HINTS TRUST-ANCHOR NAMES-FILE").ConfigureAwait(false);
            return 64;
        }

        bool warm = args[1] == "warm";
        int rounds = int.Parse(args[2], CultureInfo.InvariantCulture);
        (DnsName Name, RrType Type)[] names = [.. File.ReadLines(args[5])
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length == 2)
            .Select(p => (DnsName.Parse(p[0]), RrTypeText.TryParseType(p[1], out RrType t) ? t : throw new FormatException(p[1])))];
        var options = new ResolverOptions { Iteration = new IterationOptions { RootHints = RootHints.Parse(await File.ReadAllTextAsync(args[3]).ConfigureAwait(false)) } };
        options.Validation.TrustAnchors = TrustAnchorStore.Create(TrustAnchorStore.ParseZoneText(await File.ReadAllTextAsync(args[4]).ConfigureAwait(false)));

        int secure = 0, insecure = 0, bogus = 0, failed = 0;
        void Count(ResolveResult r)
        {
            if (r.IsResolutionFailure)
            {
                failed++;
            }
            else if (r.Status == SecurityStatus.Secure)
            {
                secure++;
            }
            else if (r.Status == SecurityStatus.Bogus)
            {
                bogus++;
            }
            else
            {
                insecure++;
            }
        }

        async Task Round(DnsResolver resolver, bool count)
        {
            ResolveResult[] results = await Task.WhenAll(names.Select(n => resolver.ResolveAsync(n.Name, n.Type, CancellationToken.None))).ConfigureAwait(false);
            if (count)
            {
                Array.ForEach(results, Count);
            }
        }

        long spent = 0;
        if (warm)
        {
            using var resolver = new DnsResolver(options);
            // Untimed rounds first: the cache fills, and the JIT's tiered compilation settles (a warm
            // process, as the C side is from its first instruction).
            for (int r = 0; r < Math.Max(50, rounds / 10); r++)
            {
                await Round(resolver, count: false).ConfigureAwait(false);
            }

            long start = Stopwatch.GetTimestamp();
            for (int r = 0; r < rounds; r++)
            {
                await Round(resolver, count: true).ConfigureAwait(false);
            }

            spent = Stopwatch.GetTimestamp() - start;
        }
        else
        {
            // One untimed round first, so the JIT is not what the first cold round measures.
            using (var first = new DnsResolver(options))
            {
                await Round(first, count: false).ConfigureAwait(false);
            }

            for (int r = 0; r < rounds; r++)
            {
                using var resolver = new DnsResolver(options);
                long start = Stopwatch.GetTimestamp();
                await Round(resolver, count: true).ConfigureAwait(false);
                spent += Stopwatch.GetTimestamp() - start;
            }
        }

        double ns = spent * (1e9 / Stopwatch.Frequency) / ((double)rounds * names.Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lab-pass {args[1]} {rounds} {names.Length} {ns:0} {secure} {insecure} {bogus} {failed}"));
        return 0;
    }
}

// FuzzLoop: the engine. It runs every seed (and corpus file) unmutated first — which also warms the
// JIT so timing starts fair — then mutated inputs until the time or iteration budget is spent. Each
// input runs on the thread pool under a watchdog: past SlowInput it is run again (a slow input must
// be slow twice, so one scheduling hiccup on a loaded machine is not a finding); past HangInput the
// run stops. Findings are deduplicated by their message and written to the findings folder as the
// input's bytes (.bin) plus what happened (.txt).
using System.Diagnostics;
using System.Security.Cryptography;
using Resolver.Testing;

namespace Resolver.Fuzz;

/// <summary>One oracle failure.</summary>
/// <param name="Seed">The seed the input came from.</param>
/// <param name="Mutation">What the mutator did ("" for an unmutated seed).</param>
/// <param name="Message">What went wrong.</param>
/// <param name="Wire">The input.</param>
internal sealed record Finding(string Seed, string Mutation, string Message, byte[] Wire);

/// <summary>What a run did.</summary>
internal sealed record FuzzReport(long Inputs, long Parsed, IReadOnlyDictionary<SecurityStatus, long> Verdicts, TimeSpan Slowest, IReadOnlyList<Finding> Findings);

/// <summary>Runs the mutation loop.</summary>
internal static class FuzzLoop
{
    /// <summary>The seeds: the captured packets, the signed-zone responses, and the corpus folder's files.</summary>
    public static IReadOnlyList<FuzzSeed> Seeds(FuzzOptions options)
    {
        var seeds = new List<FuzzSeed>(SignedSeeds.Build());
        seeds.AddRange(PacketFixtures.Names.Select(n => new FuzzSeed("packet:" + n, PacketFixtures.Load(n), null)));
        if (options.CorpusDirectory is { } dir && Directory.Exists(dir))
        {
            seeds.AddRange(Directory.EnumerateFiles(dir, "*.bin").Order(StringComparer.Ordinal)
                .Select(f => new FuzzSeed("corpus:" + Path.GetFileName(f), File.ReadAllBytes(f), null)));
        }

        return seeds;
    }

    /// <summary>Runs seeds, then mutations, reporting progress lines to <paramref name="log"/>.</summary>
    public static FuzzReport Run(FuzzOptions options, TextWriter log)
    {
        IReadOnlyList<FuzzSeed> seeds = Seeds(options);
        ValidationContext context = seeds.First(s => s.Validation is not null).Validation!;

        // A corpus file that answers one of the signed seeds' questions is judged against that seed
        // (a saved soundness finding replays as one); anything else against itself.
        var bySignedQuestion = seeds.Where(s => s.Validation is not null && s.Original is not null)
            .ToDictionary(s => Question(s.Original!), s => s, StringComparer.Ordinal);
        var random = new Random(options.Seed);
        var mutator = new Mutator(random, seeds);
        var findings = new Dictionary<string, Finding>(StringComparer.Ordinal);
        var verdicts = new Dictionary<SecurityStatus, long>();
        long inputs = 0, parsed = 0;
        TimeSpan slowest = TimeSpan.Zero;
        bool hung = false;

        void One(FuzzSeed seed, byte[] wire, string mutation)
        {
            FuzzSeed judge = seed.Validation is null && seed.Original is { } m && bySignedQuestion.TryGetValue(Question(m), out FuzzSeed? s) ? s : seed;
            (TargetOutcome? outcome, TimeSpan elapsed) = Timed(wire, judge, context, options.HangInput);
            if (outcome is not null && elapsed > options.SlowInput)
            {
                GC.Collect();
                (outcome, elapsed) = Timed(wire, judge, context, options.HangInput);
                if (outcome is not null && elapsed > options.SlowInput)
                {
                    outcome = outcome with { Finding = outcome.Finding ?? $"input took {elapsed.TotalMilliseconds:F0} ms twice (limit {options.SlowInput.TotalMilliseconds:F0} ms)" };
                }
            }

            inputs++;
            if (outcome is null)
            {
                hung = true;
                outcome = new TargetOutcome(false, null, $"input still running after {options.HangInput.TotalSeconds:F0} s (hang)");
            }

            slowest = elapsed > slowest ? elapsed : slowest;
            parsed += outcome.Parsed ? 1 : 0;
            if (outcome.Status is { } status)
            {
                verdicts[status] = verdicts.GetValueOrDefault(status) + 1;
            }

            if (outcome.Finding is { } message && !findings.ContainsKey(message))
            {
                var finding = new Finding(seed.Name, mutation, message, wire);
                findings[message] = finding;
                log.WriteLine($"fuzz: FINDING {message}\n      seed {seed.Name}; mutation: {(mutation.Length == 0 ? "none" : mutation)}");
                Save(options.FindingsDirectory, finding);
            }
        }

        foreach (FuzzSeed seed in seeds)
        {
            One(seed, seed.Wire, "");
        }

        var baseline = string.Join(", ", verdicts.OrderBy(v => v.Key).Select(v => $"{v.Key} {v.Value}"));
        log.WriteLine($"fuzz: {seeds.Count} seeds run unmutated ({baseline})");
        var clock = Stopwatch.StartNew();
        var budget = TimeSpan.FromSeconds(options.Seconds);
        long mutated = 0;
        while (!hung && clock.Elapsed < budget && (options.MaxIterations is not { } max || mutated < max))
        {
            FuzzSeed seed = seeds[random.Next(seeds.Count)];
            (byte[] wire, string what) = mutator.Mutate(seed);
            One(seed, wire, what);
            mutated++;
        }

        return new FuzzReport(inputs, parsed, verdicts, slowest, [.. findings.Values]);
    }

    private static (TargetOutcome? Outcome, TimeSpan Elapsed) Timed(byte[] wire, FuzzSeed seed, ValidationContext context, TimeSpan hang)
    {
        var watch = Stopwatch.StartNew();
        var task = Task.Run(() => Targets.Run(wire, seed, context));
        bool done = task.Wait(hang);
        return (done ? task.Result : null, watch.Elapsed);
    }

    private static string Question(Resolver.Protocol.DnsMessage m) =>
        m.Questions.Count == 1 ? $"{m.Questions[0].Name.ToLowerInvariant()}/{m.Questions[0].Type}" : "";

    private static void Save(string? directory, Finding finding)
    {
        if (directory is null)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        string name = Convert.ToHexStringLower(SHA256.HashData(finding.Wire))[..16];
        File.WriteAllBytes(Path.Combine(directory, name + ".bin"), finding.Wire);
        File.WriteAllText(Path.Combine(directory, name + ".txt"),
            $"{finding.Message}\nseed: {finding.Seed}\nmutation: {finding.Mutation}\n");
    }
}

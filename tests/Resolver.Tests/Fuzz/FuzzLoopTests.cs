// FuzzLoopTests: `dotnet test` covers the fuzzer (tests/Resolver.Fuzz) — a few hundred mutated
// inputs from a fixed seed must raise no finding and must reach every verdict the oracle judges —
// and pins the oracle's reading of the canonical form (RFC 4034 §6.2, RFC 6840 §5.1).
using Resolver.Fuzz;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Tests.Fuzz;

public sealed class FuzzLoopTests
{
    [Fact]
    public void A_fixed_seed_run_of_400_inputs_has_no_finding()
    {
        var log = new StringWriter();
        // The 1 s limit is the CI fuzz step's to judge; under a parallel test run a 5 s bound keeps this test from flaking.
        var options = new FuzzOptions { Seed = 12, Seconds = 120, MaxIterations = 400, FindingsDirectory = null, SlowInput = TimeSpan.FromSeconds(5) };
        FuzzReport report = FuzzLoop.Run(options, log);

        Assert.True(report.Findings.Count == 0, log.ToString());
        Assert.True(report.Inputs >= 400);
        Assert.True(report.Verdicts.GetValueOrDefault(SecurityStatus.Secure) > 0, "no input reached a Secure verdict");
        Assert.True(report.Verdicts.GetValueOrDefault(SecurityStatus.Bogus) > 0, "no input reached a Bogus verdict");
        Assert.True(report.Parsed < report.Inputs, "no input was rejected by the parser");
    }

    [Fact]
    public void The_same_seed_gives_the_same_inputs()
    {
        IReadOnlyList<FuzzSeed> seeds = FuzzLoop.Seeds(new FuzzOptions());
        string Run() => string.Join("\n", Enumerable.Range(0, 50).Select(i =>
        {
            var mutator = new Mutator(new Random(7 + i), seeds);
            (byte[] wire, string what) = mutator.Mutate(seeds[i % seeds.Count]);
            return what + Convert.ToHexString(wire);
        }));

        Assert.Equal(Run(), Run());
    }

    [Theory]
    [InlineData("www.example.test. 300 IN A 192.0.2.1", "WwW.Example.TEST. 60 IN A 192.0.2.1", true)]                 // owner case, TTL
    [InlineData("a.example.test. 300 IN CNAME www.example.test.", "a.example.test. 300 IN CNAME WWW.example.test.", true)]   // §6.2 type: lowercased
    [InlineData("a.example.test. 300 IN NSEC b.example.test. A", "a.example.test. 300 IN NSEC B.example.test. A", false)]   // RFC 6840 §5.1: NSEC keeps case
    [InlineData("a.example.test. 300 IN TXT \"x\"", "a.example.test. 300 IN TXT \"X\"", false)]
    [InlineData("www.example.test. 300 IN A 192.0.2.1", "www.example.test. 300 IN A 192.0.2.2", false)]
    public void The_oracle_reads_the_canonical_form_of_Rfc4034Section6_2(string original, string changed, bool same)
    {
        ResourceRecord a = ZoneFileReader.ParseRecord(original), b = ZoneFileReader.ParseRecord(changed);
        var before = CanonicalRrsets.Of([a]);
        var after = CanonicalRrsets.Of([b]);

        Assert.Equal(same, before.SameAs(after, CanonicalRrsets.Key(a)));
    }

    // Regression (CI, seed 809210379): a byte splice that keeps 5 header bytes of the test./SOA seed and
    // the rest of the alias.example.test./A seed is the alias seed's genuine response; the oracle took
    // its Secure CNAME for data "not in the original response". Genuine zone data is not a finding.
    [Fact]
    public void A_splice_that_makes_another_seeds_genuine_response_is_not_a_finding()
    {
        IReadOnlyList<FuzzSeed> seeds = SignedSeeds.Build();
        FuzzSeed soa = seeds.Single(s => s.Name == "signed:test./SOA");
        FuzzSeed alias = seeds.Single(s => s.Name == "signed:alias.example.test./A");
        byte[] spliced = [.. soa.Wire.Take(5), .. alias.Wire.Skip(5)];

        TargetOutcome outcome = Targets.Run(spliced, soa, soa.Validation!);

        Assert.Equal(SecurityStatus.Secure, outcome.Status);
        Assert.Null(outcome.Finding);
    }
}

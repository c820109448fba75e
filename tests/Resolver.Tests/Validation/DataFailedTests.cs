// DataFailedTests: ValidationOutcome.DataFailed tells the resolver whether asking another server for
// the answer can help — true when the answer's own signatures or proofs failed against
// authenticated keys, false when the keys are Bogus (the chain walker has already tried other
// servers for those) or when the work budget ran out (no server's data is at fault).
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Testing.Signing;
using Resolver.Validation;

namespace Resolver.Tests.Validation;

public sealed class DataFailedTests
{
    private static readonly DnsName Example = DnsName.Parse("example.test.");
    private static readonly DnsName Www = DnsName.Parse("www.example.test.");

    private static readonly Lazy<ZoneHierarchy> s_hierarchy = new(() => new ZoneHierarchyBuilder()
        .AddZone(".")
        .AddZone("test.")
        .AddZone("example.test.", text: "www A 192.0.2.10\n")
        .Build());

    [Fact]
    public async Task CorruptAnswerSignature_IsTheDatasFault()
    {
        ZoneHierarchy good = s_hierarchy.Value;
        ValidationOutcome outcome = await Validate(good.With(good["example.test."].CorruptSignature(Www, RrType.A)));
        Assert.Equal(SecurityStatus.Bogus, outcome.Status);
        Assert.True(outcome.DataFailed);
    }

    [Fact]
    public async Task MissingNxdomainProof_IsTheDatasFault()
    {
        ZoneHierarchy good = s_hierarchy.Value;
        SignedZone zone = good["example.test."];
        SignedZone noDenial = zone.WithRecords(zone.Records.Where(r =>
            r.Type != RrType.NSEC && r.Data is not Protocol.Records.RrsigData { TypeCovered: RrType.NSEC }));
        ValidationOutcome outcome = await Validate(good.With(noDenial), "nope.example.test.");
        Assert.Equal(SecurityStatus.Bogus, outcome.Status);
        Assert.True(outcome.DataFailed);
    }

    [Fact]
    public async Task BogusKeys_AreNotTheAnswersFault()
    {
        ZoneHierarchy good = s_hierarchy.Value;
        ValidationOutcome outcome = await Validate(good.With(good["example.test."].CorruptSignature(Example, RrType.DNSKEY)));
        Assert.Equal(SecurityStatus.Bogus, outcome.Status);
        Assert.False(outcome.DataFailed);
    }

    [Fact]
    public async Task SpentWorkBudget_IsNoDatasFault()
    {
        ValidationOutcome outcome = await Validate(s_hierarchy.Value, budget: 1);
        Assert.Equal(SecurityStatus.Bogus, outcome.Status);
        Assert.Equal(ValidationFailureKind.WorkLimitExceeded, outcome.Failure!.Kind);
        Assert.False(outcome.DataFailed);
    }

    private static async Task<ValidationOutcome> Validate(ZoneHierarchy hierarchy, string name = "www.example.test.", int budget = 200)
    {
        var iterator = new ZoneOracleIterator(hierarchy);
        var validator = new ResponseValidator(TestWalkers.Create(hierarchy, iterator));
        IterationResult result = await iterator.ResolveAsync(new DnsQuestion(DnsName.Parse(name), RrType.A), CancellationToken.None);
        return await validator.ValidateAsync(result, validator.Begin(ZoneSigningOptions.ValidAt, new WorkBudget(budget, 1000)), CancellationToken.None);
    }
}

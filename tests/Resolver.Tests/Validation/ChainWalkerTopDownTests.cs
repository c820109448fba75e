// Regression (conformance scenarios unbound/val_twocname.rpl, val_cnametocloser_nosig.rpl): through a
// forwarder an unsigned RRset or denial names no zone (no signer, no zone cut seen), and the walker
// asked for the DS at the owner name itself first — a name deep below an unsigned delegation, whose
// DS query the forwarder never answers, so the answer failed instead of being Insecure (or Bogus for
// the anchor's own failure). The walk now goes down from the trust anchor and stops at the first
// entry that is not Secure (RFC 4035 §5.2; Unbound's processFindKey walks the same way).
using System.Net;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using Resolver.Validation;

namespace Resolver.Tests.Validation;

public sealed class ChainWalkerTopDownTests
{
    private static readonly DnsName s_deep = DnsName.Parse("www.deep.insecure.example.");

    private static ZoneHierarchy Hierarchy() => new ZoneHierarchyBuilder()
        .AddZone(".")
        .AddZone("example.", text: "www A 192.0.2.10\n")
        .AddUnsignedZone("insecure.example.", text: "www.deep A 192.0.2.60\n")
        .Build();

    // What a forwarder hands back for www.deep.insecure.example./A: the unsigned RRset, no zone.
    private static IterationResult UnsignedForwardedAnswer() => new()
    {
        Question = new DnsQuestion(s_deep, RrType.A),
        Status = IterationStatus.Answer,
        Answers = [new ZonedRrSet(new SignedRrSet(new RrSet(s_deep, RrClass.IN, RrType.A, 300, [new AData(IPAddress.Parse("192.0.2.60"))]), []), null, null)],
    };

    private static (ResponseValidator Validator, ZoneOracleIterator Iterator) Create(ZoneHierarchy hierarchy)
    {
        var iterator = new ZoneOracleIterator(hierarchy);
        return (new ResponseValidator(TestWalkers.Create(hierarchy, iterator)), iterator);
    }

    [Fact]
    public async Task Unsigned_data_without_a_zone_below_an_unsigned_delegation_is_insecure_without_asking_its_own_DS()
    {
        ZoneHierarchy hierarchy = Hierarchy();
        var (validator, iterator) = Create(hierarchy);
        // The unsigned zone's servers are unreachable: a DS question at a name inside it cannot be answered.
        iterator.DeadZones.Add(DnsName.Parse("insecure.example."));

        ValidationOutcome outcome = await validator.ValidateAsync(
            UnsignedForwardedAnswer(), validator.Begin(ZoneSigningOptions.ValidAt, new WorkBudget(200, 1000)), CancellationToken.None);

        Assert.Null(outcome.Unresolved);
        Assert.Equal(SecurityStatus.Insecure, outcome.Status);
        Assert.Equal(ValidationFailureKind.UnsignedDelegation, outcome.Failure!.Kind);
        Assert.Equal(DnsName.Parse("insecure.example."), outcome.Failure.Zone);
        Assert.DoesNotContain(iterator.Asked, q => q.Type == RrType.DS && q.Name.IsStrictSubdomainOf(DnsName.Parse("insecure.example.")));
    }

    [Fact]
    public async Task Unsigned_data_without_a_zone_in_a_signed_zone_is_bogus()
    {
        ZoneHierarchy hierarchy = Hierarchy();
        var (validator, _) = Create(hierarchy);
        DnsName name = DnsName.Parse("www.example.");
        var result = new IterationResult
        {
            Question = new DnsQuestion(name, RrType.A),
            Status = IterationStatus.Answer,
            Answers = [new ZonedRrSet(new SignedRrSet(new RrSet(name, RrClass.IN, RrType.A, 300, [new AData(IPAddress.Parse("192.0.2.10"))]), []), null, null)],
        };

        ValidationOutcome outcome = await validator.ValidateAsync(
            result, validator.Begin(ZoneSigningOptions.ValidAt, new WorkBudget(200, 1000)), CancellationToken.None);

        Assert.Equal(SecurityStatus.Bogus, outcome.Status);
    }
}

// DnameAndUnsignedAliasValidationTests: verdicts on answers whose alias records carry no RRSIG of
// their own — the CNAME a signed DNAME synthesizes (RFC 6672 §5.3.1: secure only as the exact
// substitution of the validated DNAME), and an unsigned CNAME in an unsigned child zone that the
// parent's servers answered for without a referral (its zone is found by walking down from the
// cut, RFC 4035 §5.2; Deckard's world_mx_nic_www). Results are built by hand over the standard
// scenario hierarchy; DS and DNSKEY lookups go to the zone oracle.
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using Resolver.Validation;
using static Resolver.Tests.Scenarios.ScenarioZones;

namespace Resolver.Tests.Validation;

public sealed class DnameAndUnsignedAliasValidationTests
{
    private static ResponseValidator Validator() => new(TestWalkers.Create(Standard, new ZoneOracleIterator(Standard)));

    private static Task<ValidationOutcome> Validate(IterationResult result)
    {
        ResponseValidator validator = Validator();
        return validator.ValidateAsync(result, validator.Begin(ZoneSigningOptions.ValidAt, new WorkBudget(200, 1000)), CancellationToken.None);
    }

    private static ZonedRrSet Signed(string zone, string owner, RrType type) =>
        new(Standard[zone].Find(N(owner), type) ?? throw new InvalidOperationException($"{owner} {type} not in {zone}"), N(zone), null);

    private static ZonedRrSet Cname(string owner, string target, string zone) =>
        new(new SignedRrSet(new RrSet(N(owner), RrClass.IN, RrType.CNAME, 3600, [new CnameData(N(target))]), []), N(zone), null);

    private static IterationResult DnameAnswer(ZonedRrSet cname) => new()
    {
        Question = new DnsQuestion(N("www.old.example.test."), RrType.A),
        Status = IterationStatus.Answer,
        Answers = [Signed("example.test.", "old.example.test.", RrType.DNAME), cname, Signed("n3.test.", "www.n3.test.", RrType.A)],
        Aliases = [new AliasLink(RrType.DNAME, N("old.example.test."), N("www.old.example.test."), N("www.n3.test."), N("example.test."))],
        Zone = N("n3.test."),
    };

    [Fact]
    public async Task UnsignedCname_SynthesizedExactlyFromValidatedDname_IsSecure_Rfc6672Section5_3_1()
    {
        ValidationOutcome outcome = await Validate(DnameAnswer(Cname("www.old.example.test.", "www.n3.test.", "example.test.")));
        Assert.Equal(SecurityStatus.Secure, outcome.Status);
        Assert.Contains(outcome.Chain.Signatures, s => s.TypeCovered == RrType.DNAME);
    }

    [Fact]
    public async Task UnsignedCname_NotTheDnameSubstitution_IsBogus_Rfc6672Section5_3_1()
    {
        ValidationOutcome outcome = await Validate(DnameAnswer(Cname("www.old.example.test.", "www.example.test.", "example.test.")));
        Assert.Equal(SecurityStatus.Bogus, outcome.Status);
        Assert.Equal(ValidationFailureKind.MissingSignatures, outcome.Failure!.Kind);
    }

    [Fact]
    public async Task UnsignedCname_InUnsignedChildAnsweredByParentServers_IsInsecure_NotBogus_Rfc4035Section5_2()
    {
        // The servers of test. answered for the unsigned child unsigned.test. themselves: the cut
        // iteration saw is test., which is signed; the CNAME's own zone is insecure.
        var result = new IterationResult
        {
            Question = new DnsQuestion(N("tosec.unsigned.test."), RrType.A),
            Status = IterationStatus.Answer,
            Answers = [Cname("tosec.unsigned.test.", "www.example.test.", "test."), Signed("example.test.", "www.example.test.", RrType.A)],
            Aliases = [new AliasLink(RrType.CNAME, N("tosec.unsigned.test."), N("tosec.unsigned.test."), N("www.example.test."), N("test."))],
            Zone = N("example.test."),
        };
        ValidationOutcome outcome = await Validate(result);
        Assert.Equal(SecurityStatus.Insecure, outcome.Status);
        Assert.Equal(N("unsigned.test."), outcome.Failure!.Zone);
    }

    [Fact]
    public async Task UnsignedCname_InSignedZoneBelowTheCut_StaysBogus_Rfc4035Section5_3()
    {
        // Walking down from the cut finds example.test. signed: an unsigned alias in it is Bogus.
        var result = new IterationResult
        {
            Question = new DnsQuestion(N("forged.example.test."), RrType.A),
            Status = IterationStatus.Answer,
            Answers = [Cname("forged.example.test.", "www.example.test.", "test."), Signed("example.test.", "www.example.test.", RrType.A)],
            Aliases = [new AliasLink(RrType.CNAME, N("forged.example.test."), N("forged.example.test."), N("www.example.test."), N("test."))],
            Zone = N("example.test."),
        };
        ValidationOutcome outcome = await Validate(result);
        Assert.Equal(SecurityStatus.Bogus, outcome.Status);
        Assert.Equal(N("example.test."), outcome.Failure!.Zone);
    }
}

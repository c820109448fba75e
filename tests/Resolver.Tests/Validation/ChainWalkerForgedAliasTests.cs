// ChainWalkerForgedAliasTests: a DS question answered with a CNAME (Unbound ds_wildcard_cname). An
// alias at a name says there is no zone cut there (RFC 1034 §3.6.2), so it must itself be authentic
// first: a parent server that injects a wildcard-synthesized CNAME at a real delegation, without the
// proof that the name does not exist (RFC 4035 §5.3.4), would hide the child's DS. The walker finds
// the alias Bogus and asks the parent's other source; a wildcard CNAME with its proof is accepted.
using System.Collections.Immutable;
using System.Net;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using Resolver.Validation;

namespace Resolver.Tests.Validation;

public sealed class ChainWalkerForgedAliasTests
{
    private static readonly DnsName Test = DnsName.Parse("test.");
    private static readonly DnsName Example = DnsName.Parse("example.test.");
    private static readonly DnsName Target = DnsName.Parse("tgt.test.");

    // test. has a wildcard CNAME; example.test. is a signed delegation below it.
    private static readonly Lazy<ZoneHierarchy> s_zones = new(() => new ZoneHierarchyBuilder()
        .AddZone(".")
        .AddZone("test.", text: "* CNAME tgt\ntgt A 192.0.2.1\n")
        .AddZone("example.test.", text: "www A 192.0.2.10\n")
        .Build());

    [Fact]
    public async Task WildcardCnameInjectedAtADelegation_IsBogus_AndTheDsIsFetchedFromTheOtherSource()
    {
        ZoneHierarchy zones = s_zones.Value;
        var iterator = new InjectingIterator(new ZoneOracleIterator(zones), zones);
        ChainWalker walker = Create(zones, iterator);

        KeyEntry entry = await walker.GetKeyEntryAsync(Example, walker.Begin(ZoneSigningOptions.ValidAt, new WorkBudget(1000, 1000), 2), CancellationToken.None);

        Assert.Equal(KeyEntryState.Secure, entry.State);
        Assert.Equal(Example, entry.Zone);
        Assert.Equal([new DnsQuestion(Example, RrType.DS)], iterator.Refetched);
    }

    [Fact]
    public async Task WildcardCnameInjectedAtADelegation_WithoutRestarts_IsBogus_NotANonCut()
    {
        ZoneHierarchy zones = s_zones.Value;
        var iterator = new InjectingIterator(new ZoneOracleIterator(zones), zones);
        ChainWalker walker = Create(zones, iterator);

        KeyEntry entry = await walker.GetKeyEntryAsync(Example, walker.Begin(ZoneSigningOptions.ValidAt, new WorkBudget(1000, 1000), 0), CancellationToken.None);

        Assert.Equal(KeyEntryState.Bogus, entry.State);
        Assert.Equal(ValidationFailureKind.MissingWildcardProof, entry.Failure!.Kind);
    }

    private static ChainWalker Create(ZoneHierarchy zones, IDnsIterator iterator) =>
        TestWalkers.Create(zones, iterator, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ZoneSigningOptions.ValidAt));

    /// <summary>Answers DS example.test. with the wildcard CNAME of test. replayed at that name (no proof); a re-fetch gets the truth.</summary>
    private sealed class InjectingIterator(ZoneOracleIterator good, ZoneHierarchy zones) : IDnsIterator
    {
        private static readonly IPEndPoint BadServer = new(IPAddress.Parse("192.0.2.66"), 53);

        public List<DnsQuestion> Refetched { get; } = [];

        public Task<IterationResult> ResolveAsync(DnsQuestion question, CancellationToken cancellationToken) =>
            question.Name.Equals(Example) && question.Type == RrType.DS
                ? Task.FromResult(Injected(question))
                : good.ResolveAsync(question, cancellationToken);

        public async Task<IterationResult?> RefetchAsync(DnsQuestion question, ServerDistrust distrust, CancellationToken cancellationToken)
        {
            Refetched.Add(question);
            return await good.ResolveAsync(question, cancellationToken);
        }

        private IterationResult Injected(DnsQuestion question)
        {
            SignedRrSet wildcard = zones["test."].Find(DnsName.Parse("*.test."), RrType.CNAME)!;
            var replayed = new SignedRrSet(
                new RrSet(Example, RrClass.IN, RrType.CNAME, wildcard.RrSet.Ttl, wildcard.RrSet.Data), wildcard.Signatures);
            Assert.True(wildcard.Signatures[0].Labels < Example.LabelCount);   // a wildcard expansion's signature
            return new IterationResult
            {
                Question = question,
                Status = IterationStatus.NoData,
                Answers = [new ZonedRrSet(replayed, Test, null, [])],
                Aliases = [new AliasLink(RrType.CNAME, Example, Example, Target, Test)],
                Authority = [],
                Zone = Test,
                Server = BadServer,
            };
        }
    }
}

// ChainWalkerRecoveryTests: a zone served by two sources, one of them serving a broken DNSKEY or DS
// RRset (a stale or unsigned secondary). The chain walker must distrust the source of the RRset
// that failed and ask again (Unbound's DNSKEY/DS blacklist), within ValidatorOptions.MaxRestarts,
// and say Bogus only when the other source cannot do better. Deterministic: the broken source
// always answers first (TwoSourceIterator).
using System.Net;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Testing.Signing;
using Resolver.Validation;

namespace Resolver.Tests.Validation;

public sealed class ChainWalkerRecoveryTests
{
    private static readonly DnsName Example = DnsName.Parse("example.test.");
    private static readonly DnsName Www = DnsName.Parse("www.example.test.");

    private static readonly Lazy<ZoneHierarchy> s_good = new(() => new ZoneHierarchyBuilder()
        .AddZone(".")
        .AddZone("test.")
        .AddZone("example.test.", text: "www A 192.0.2.10\nftp A 192.0.2.11\n")
        .Build());

    [Fact]
    public async Task BrokenDnskeyAtOneSource_IsFetchedAgainFromTheOther_Secure()
    {
        ZoneHierarchy good = s_good.Value;
        ZoneHierarchy bad = good.With(good["example.test."].CorruptSignature(Example, RrType.DNSKEY));
        var (walker, iterator) = Create(good, bad);

        KeyEntry entry = await walker.GetKeyEntryAsync(Example, Scope(walker, restarts: 2), CancellationToken.None);

        Assert.Equal(KeyEntryState.Secure, entry.State);
        Assert.Equal([new DnsQuestion(Example, RrType.DNSKEY)], iterator.Refetched);
    }

    [Fact]
    public async Task BrokenDsAtOneParentSource_IsFetchedAgainFromTheOther_Secure()
    {
        ZoneHierarchy good = s_good.Value;
        ZoneHierarchy bad = good.With(good["test."].CorruptSignature(Example, RrType.DS));
        var (walker, iterator) = Create(good, bad);

        KeyEntry entry = await walker.GetKeyEntryAsync(Example, Scope(walker, restarts: 2), CancellationToken.None);

        Assert.Equal(KeyEntryState.Secure, entry.State);
        Assert.Equal([new DnsQuestion(Example, RrType.DS)], iterator.Refetched);
    }

    [Fact]
    public async Task NoRestartsAllowed_TheBrokenDnskeyIsBogus_NothingFetchedAgain()
    {
        ZoneHierarchy good = s_good.Value;
        ZoneHierarchy bad = good.With(good["example.test."].CorruptSignature(Example, RrType.DNSKEY));
        var (walker, iterator) = Create(good, bad);

        KeyEntry entry = await walker.GetKeyEntryAsync(Example, Scope(walker, restarts: 0), CancellationToken.None);

        Assert.Equal(KeyEntryState.Bogus, entry.State);
        Assert.Empty(iterator.Refetched);
    }

    [Fact]
    public async Task BothSourcesBroken_BogusWithinTheAllowance_AndTheEntryIsCachedForOtherNames()
    {
        // The DNSKEY signature is expired everywhere: the re-fetch reaches the same failure, and the
        // Bogus key entry then answers for the zone for BogusTtl without more queries (RFC 4035 §4.7
        // lets a resolver cache Bogus data briefly; Unbound's val-bogus-ttl), keeping its reason.
        uint past = (uint)ZoneSigningOptions.ValidAt.AddDays(-10).ToUnixTimeSeconds();
        uint expired = (uint)ZoneSigningOptions.ValidAt.AddDays(-1).ToUnixTimeSeconds();
        ZoneHierarchy good = s_good.Value;
        ZoneHierarchy bad = good.With(good["example.test."].ResignRrSet(Example, RrType.DNSKEY, past, expired));
        var (walker, iterator) = Create(bad, bad);

        KeyEntry first = await walker.GetKeyEntryAsync(Example, Scope(walker, restarts: 2), CancellationToken.None);
        Assert.Equal(KeyEntryState.Bogus, first.State);
        Assert.Equal(ValidationFailureKind.SignatureExpired, first.Failure!.Kind);
        Assert.Equal(2, iterator.Refetched.Count);   // both sources distrusted in turn, then the allowance is spent

        int asked = iterator.Asked;
        KeyEntry again = await walker.GetKeyEntryAsync(Example, Scope(walker, restarts: 2), CancellationToken.None);
        Assert.Equal(ValidationFailureKind.SignatureExpired, again.Failure!.Kind);
        Assert.Equal(asked, iterator.Asked);
    }

    [Fact]
    public async Task RestartsAreSharedByTheWholeResolution()
    {
        // DS and DNSKEY both broken at the first source, one restart allowed: the DS is fetched
        // again, the DNSKEY is not, and the verdict is Bogus — the allowance bounds the resolution.
        ZoneHierarchy good = s_good.Value;
        ZoneHierarchy bad = good
            .With(good["test."].CorruptSignature(Example, RrType.DS))
            .With(good["example.test."].CorruptSignature(Example, RrType.DNSKEY));
        var (walker, iterator) = Create(good, bad);

        KeyEntry entry = await walker.GetKeyEntryAsync(Example, Scope(walker, restarts: 1), CancellationToken.None);

        Assert.Equal(KeyEntryState.Bogus, entry.State);
        Assert.Equal([new DnsQuestion(Example, RrType.DS)], iterator.Refetched);
    }

    private static ValidationContext Scope(ChainWalker walker, int restarts) => walker.Begin(ZoneSigningOptions.ValidAt, new WorkBudget(1000, 1000), restarts);

    private static (ChainWalker Walker, TwoSourceIterator Iterator) Create(ZoneHierarchy good, ZoneHierarchy bad)
    {
        var iterator = new TwoSourceIterator(new ZoneOracleIterator(good), new ZoneOracleIterator(bad));
        return (TestWalkers.Create(good, iterator, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ZoneSigningOptions.ValidAt)), iterator);
    }

    /// <summary>Every zone served by a broken source (asked first) and a good one (asked when the broken one is distrusted).</summary>
    private sealed class TwoSourceIterator(ZoneOracleIterator good, ZoneOracleIterator bad) : IDnsIterator
    {
        public static readonly IPEndPoint BadServer = new(IPAddress.Parse("192.0.2.66"), 53);
        public static readonly IPEndPoint GoodServer = new(IPAddress.Parse("192.0.2.77"), 53);

        public List<DnsQuestion> Refetched { get; } = [];

        public int Asked { get; private set; }

        public async Task<IterationResult> ResolveAsync(DnsQuestion question, CancellationToken cancellationToken)
        {
            Asked++;
            return From(await bad.ResolveAsync(question, cancellationToken), BadServer);
        }

        public async Task<IterationResult?> RefetchAsync(DnsQuestion question, ServerDistrust distrust, CancellationToken cancellationToken)
        {
            Asked++;
            Refetched.Add(question);
            IterationResult first = await bad.ResolveAsync(question, cancellationToken);
            return first.Zone is { } zone && distrust.Distrusts(zone, BadServer)
                ? From(await good.ResolveAsync(question, cancellationToken), GoodServer)
                : From(first, BadServer);
        }

        private static IterationResult From(IterationResult result, IPEndPoint server) => new()
        {
            Question = result.Question,
            Status = result.Status,
            Answers = result.Answers,
            Aliases = result.Aliases,
            Authority = result.Authority,
            Zone = result.Zone,
            Server = server,
            UpstreamQueries = result.UpstreamQueries,
            FailureReason = result.FailureReason,
        };
    }
}

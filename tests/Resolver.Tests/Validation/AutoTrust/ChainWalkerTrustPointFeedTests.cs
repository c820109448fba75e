// ChainWalkerTrustPointFeedTests: with RFC 5011 updates on, the chain walk's validated DNSKEY RRset
// at the trust point feeds the trust point's state machine (RFC 5011 §2.4), and validation goes on
// from the anchors the manager serves.
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using Resolver.Validation;

namespace Resolver.Tests.Validation.AutoTrust;

public sealed class ChainWalkerTrustPointFeedTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ta-walk-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task SecureWalkFromTheRoot_PromotesTheRootDsAnchorToItsKey_AndPersistsIt()
    {
        ZoneHierarchy hierarchy = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("example.", text: "www A 192.0.2.10\n")
            .Build();
        var options = new ValidatorOptions
        {
            TrustAnchors = TrustAnchorStore.Create(hierarchy.TrustAnchorDs.Select(r => new TrustAnchor(r.Name, r.Data))),
            TrustAnchorStateFile = Path.Combine(_directory, "root.key"),
        };
        TrustAnchorManager managed = TrustAnchorManager.Create(options.TrustAnchors, options.TrustAnchorStateFile,
            new(options.TrustAnchorAddHoldDown, options.TrustAnchorRemoveHoldDown), ZoneSigningOptions.ValidAt);
        var iterator = new ZoneOracleIterator(hierarchy);
        var walker = new ChainWalker(iterator, options, new KeyEntryCache(TimeProvider.System, 64, options.BogusTtl, TimeSpan.FromDays(1)), new PublicKeyCache(), managed);

        KeyEntry entry = await walker.GetKeyEntryAsync(DnsName.Parse("example."), walker.Begin(ZoneSigningOptions.ValidAt, new WorkBudget(200, 1000)), CancellationToken.None);

        Assert.Equal(KeyEntryState.Secure, entry.State);
        var rootKeys = managed.KeyStates(DnsName.Root);
        var (key, ds, state) = Assert.Single(rootKeys, k => k.State == TrustAnchorKeyState.Valid);
        Assert.Null(ds);
        Assert.True(key!.IsSecureEntryPoint);
        Assert.DoesNotContain(rootKeys, k => k.Ds is not null);
        Assert.Contains(";;state=2 [ VALID ]", File.ReadAllText(options.TrustAnchorStateFile), StringComparison.Ordinal);
        Assert.True(managed.Current.TryFindClosest(DnsName.Parse("www.example."), ZoneSigningOptions.ValidAt, out _, out var anchors));
        Assert.Equal(key, Assert.Single(anchors).Data);
    }
}

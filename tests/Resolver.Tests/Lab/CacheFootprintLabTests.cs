// CacheFootprintLabTests: the cache's size limit bounds memory only if each entry is charged what it
// really holds (issue 15 item 5). Against the lab, a resolver caches a few thousand distinct negative
// answers of one shape — Insecure NXDOMAINs from the registry's unsigned hosted zones (SOA only), or
// Secure NSEC3 NXDOMAINs (SOA, three NSEC3 and their RRSIGs; RFC 8198 off so each name has its entry)
// — and the heap those entries hold (the heap before and after emptying the cache, after full
// collections) is compared with the total the cache charged for them. The collection runs alone
// (no other test allocating meanwhile).
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Testing;
using Xunit;

namespace Resolver.Tests.Lab;

[CollectionDefinition(nameof(CacheFootprintLabTests), DisableParallelization = true)]
public sealed class CacheFootprintCollection;

[Collection(nameof(CacheFootprintLabTests))]
public sealed class CacheFootprintLabTests
{
    [LabTheory(RequiresRunning = true)]
    [InlineData("insecure-nxdomain")]
    [InlineData("secure-nsec3-nxdomain")]
    public async Task Each_entry_is_charged_within_a_band_of_the_heap_it_holds(string shape)
    {
        var options = new ResolverOptions { Iteration = new IterationOptions { RootHints = RootHints.Parse(await File.ReadAllTextAsync(LabState.Current.RootHintsPath)) } };
        options.Validation.TrustAnchors = TrustAnchorStore.Create(TrustAnchorStore.ParseZoneText(await File.ReadAllTextAsync(LabState.Current.TrustAnchorPath)));
        options.Cache.AggressiveNsec = false;
        using var resolver = new DnsResolver(options);
        DnsName Name(int i) => shape == "insecure-nxdomain"
            ? DnsName.Parse($"f{i}.d{1 + (i % 99):D4}.reg.")
            : DnsName.Parse($"f{i}.feat.n3.");

        // Warm the delegations and keys first, so what is measured is the per-name entries.
        await resolver.ResolveAsync(Name(0), RrType.A, default);
        long chargedBefore = resolver.Cache.ChargedSize;
        int entriesBefore = resolver.Cache.Count;
        const int names = 3000;
        await Parallel.ForAsync(1, names + 1, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
        {
            ResolveResult result = await resolver.ResolveAsync(Name(i), RrType.A, token);
            Assert.True(result.ResponseCode == ResponseCode.NXDomain, $"{Name(i)}: {result.ResponseCode} {result.ResolutionError}");
        });

        long withEntries = Heap();
        long charged = resolver.Cache.ChargedSize - chargedBefore;
        int entries = resolver.Cache.Count - entriesBefore;
        resolver.Cache.Clear();
        long without = Heap();
        long held = withEntries - without;

        Assert.InRange(entries, names * 9 / 10, names * 2);
        double ratio = (double)charged / held;
        // Within a fifth either way: the limit is a memory bound, not an order of magnitude off.
        Assert.True(ratio is > 0.8 and < 1.25, $"{shape}: {entries} entries charged {charged:N0} B for {held:N0} B held (ratio {ratio:F2}, {held / entries:N0} B held per entry)");
        GC.KeepAlive(resolver);
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

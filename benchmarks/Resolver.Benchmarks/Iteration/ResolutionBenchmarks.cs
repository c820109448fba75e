// Resolution benchmarks against in-process authoritative servers on loopback: a warm-cache answer
// (target: under 1 µs), a bare cache lookup, and a cold three-level resolution (root → test. →
// example.test., three real UDP exchanges).
using System.Net;
using BenchmarkDotNet.Attributes;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using Resolver.Transport;

namespace Resolver.Benchmarks.Iteration;

[MemoryDiagnoser]
public class ResolutionBenchmarks
{
    private static readonly DnsQuestion Www = new(DnsName.Parse("www.example.test."), RrType.A);
    private TestDnsNetwork _net = null!;
    private DnsCache _cache = null!;
    private RecursiveIterator _iterator = null!;

    [GlobalSetup]
    public void Setup()
    {
        _net = TestDnsNetwork.Start(3);
        const string soa = "@ 3600 IN SOA ns hostmaster 1 7200 3600 1209600 300\n";
        _net[0].AddZone(".", soa + $"test. NS ns1.test.\nns1.test. A {_net[1].Address}\n");
        _net[1].AddZone("test.", soa + $"example NS ns1.example\nns1.example A {_net[2].Address}\n");
        _net[2].AddZone("example.test.", soa + "www A 192.0.2.1\n");
        _cache = new DnsCache();
        var options = new IterationOptions
        {
            RootHints = new RootHints([new RootServer(DnsName.Parse("a.root-servers.test."), _net[0].EndPoint)]),
            ServerPort = _net.Port,
        };
        _iterator = new RecursiveIterator(new DnsTransport(), _cache, options);
        IterationResult warm = _iterator.ResolveAsync(Www, default).GetAwaiter().GetResult();
        if (warm.Status != IterationStatus.Answer)
        {
            throw new InvalidOperationException("setup resolution failed: " + warm);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _iterator.Dispose();
        _cache.Dispose();
        _net.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "warm cache: ResolveAsync answered from the cache")]
    public object WarmCacheAnswer() => _iterator.ResolveAsync(Www, default).GetAwaiter().GetResult();

    [Benchmark(Description = "cache lookup: DnsCache.GetRrSet")]
    public object? CacheLookup() => _cache.GetRrSet(Www.Name, RrType.A);

    [IterationSetup(Target = nameof(ColdThreeLevelResolution))]
    public void ClearCache() => _cache.Clear();

    [Benchmark(Description = "cold: three referrals over loopback UDP")]
    public object ColdThreeLevelResolution() => _iterator.ResolveAsync(Www, default).GetAwaiter().GetResult();
}

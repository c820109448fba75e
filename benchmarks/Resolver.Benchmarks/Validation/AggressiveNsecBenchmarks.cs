// Aggressive NSEC benchmarks (RFC 8198): a validated NXDOMAIN for a name never asked before, in a
// zone whose signed denial records are already cached. With DnsCacheOptions.AggressiveNsec (the
// default) the answer is synthesized from the cached NSEC/NSEC3 records and validated again; the
// baseline, with it off, asks the zone over loopback and validates its answer. NSEC and NSEC3
// (0 additional iterations) zones; the servers answer as signed authoritatives (SignedZoneResponder).
using BenchmarkDotNet.Attributes;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using Resolver.Testing.Signing;
using Resolver.Transport;

namespace Resolver.Benchmarks.Validation;

[MemoryDiagnoser]
public class AggressiveNsecBenchmarks
{
    private TestDnsNetwork _net = null!;
    private DnsResolver _aggressive = null!;
    private DnsResolver _asking = null!;
    private int _next;

    [Params(DenialKind.Nsec, DenialKind.Nsec3)]
    public DenialKind Denial { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _net = TestDnsNetwork.Start(3);
        SignedZone[] zones = SignedChain.Sign(_net, DnssecAlgorithm.EcdsaP256Sha256, Denial);
        for (int i = 0; i < zones.Length; i++)
        {
            var responder = new SignedZoneResponder(zones[i]);
            _net[i].AddZone(zones[i].Origin.ToString(), zones[i].ToString());
            _net[i].Rewrite = responder.Answer;
        }

        ResolverOptions options = SignedChain.Options(_net, zones[0]);
        _aggressive = new DnsResolver(options, new SignedChain.FixedTime(), transport: new DnsTransport());
        ResolverOptions off = SignedChain.Options(_net, zones[0]);
        off.Cache.AggressiveNsec = false;
        _asking = new DnsResolver(off, new SignedChain.FixedTime(), transport: new DnsTransport());

        // Warm both: the chain of trust and, for the aggressive one, the zone's denial records (a few
        // names, so every NSEC3 gap of the small zone is cached).
        foreach (string warm in (string[])["first", "second", "third", "fourth", "fifth", "sixth"])
        {
            Check(_aggressive.ResolveAsync(DnsName.Parse(warm + ".example.test."), RrType.A, default).GetAwaiter().GetResult());
            Check(_asking.ResolveAsync(DnsName.Parse(warm + ".example.test."), RrType.A, default).GetAwaiter().GetResult());
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _aggressive.Dispose();
        _asking.Dispose();
        _net.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "NXDOMAIN for a new name: asked of the zone (AggressiveNsec off)")]
    public ResolveResult AskTheZone() => Check(_asking.ResolveAsync(NextName(), RrType.A, default).GetAwaiter().GetResult());

    [Benchmark(Description = "NXDOMAIN for a new name: from cached NSEC/NSEC3 (RFC 8198)")]
    public ResolveResult FromCachedDenial() => Check(_aggressive.ResolveAsync(NextName(), RrType.A, default).GetAwaiter().GetResult());

    // A fresh name each call (no negative-cache hit), inside the gap the warm-up proved: "example.test."
    // to "ns1.example.test." in canonical order for NSEC; any hash for NSEC3 with few owners.
    private DnsName NextName() => DnsName.Parse($"n{Interlocked.Increment(ref _next)}.example.test.");

    private static ResolveResult Check(ResolveResult result) =>
        result.ResponseCode == ResponseCode.NXDomain && result.Status == SecurityStatus.Secure
            ? result
            : throw new InvalidOperationException("not a Secure NXDOMAIN: " + result);
}

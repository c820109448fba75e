// Validated resolution benchmarks: the public DnsResolver against in-process authoritative servers
// on loopback serving a signed three-level chain (root → test. → example.test.; ECDSA P-256, or
// RSA/SHA-256 with the signer's 1024-bit keys; KSK + ZSK per zone).
// Cold: a fresh resolver (empty caches, no imported keys) resolves and validates www.example.test.
// — three referrals, DS and DNSKEY at each level, about seven signature checks. Warm: the same
// question with everything cached (the validator's verdict is reused from the cache entry), and a
// CNAME → A chain and a three-link CNAME chain in the same zone (each link's verdict is reused while
// its cache entry is the same: no signature is checked on a warm hit).
using System.Net;
using BenchmarkDotNet.Attributes;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using Resolver.Testing.Signing;
using Resolver.Transport;

namespace Resolver.Benchmarks.Validation;

[MemoryDiagnoser]
public class ValidatedResolutionBenchmarks
{
    private static readonly DnsName Www = SignedChain.Www;
    private TestDnsNetwork _net = null!;
    private ResolverOptions _options = null!;
    private DnsResolver _cold = null!;
    private DnsResolver _warm = null!;

    [Params(DnssecAlgorithm.EcdsaP256Sha256, DnssecAlgorithm.RsaSha256)]
    public DnssecAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _net = TestDnsNetwork.Start(3);
        SignedZone[] zones = SignedChain.Sign(_net, Algorithm);
        // The servers' own zone logic suffices here: positive answers, referrals with DS, DNSKEY at apexes.
        for (int i = 0; i < zones.Length; i++)
        {
            _net[i].AddZone(zones[i].Origin.ToString(), zones[i].ToString());
        }

        _options = SignedChain.Options(_net, zones[0]);
        _warm = NewResolver();
        foreach (DnsName name in new[] { Www, SignedChain.Alias, SignedChain.Chain3 })
        {
            ResolveResult first = _warm.ResolveAsync(name, RrType.A, default).GetAwaiter().GetResult();
            if (first.Status != SecurityStatus.Secure)
            {
                throw new InvalidOperationException("setup resolution is not Secure: " + first);
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _warm.Dispose();
        _cold?.Dispose();
        _net.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [IterationSetup(Target = nameof(ColdValidatedResolution))]
    public void FreshResolver()
    {
        _cold?.Dispose();
        _cold = NewResolver();
    }

    [Benchmark(Description = "cold: resolve + validate a 3-level chain over loopback")]
    public ResolveResult ColdValidatedResolution() => Check(_cold.ResolveAsync(Www, RrType.A, default).GetAwaiter().GetResult());

    [Benchmark(Description = "warm: validated answer from the cache")]
    public ResolveResult WarmValidatedAnswer() => Check(_warm.ResolveAsync(Www, RrType.A, default).GetAwaiter().GetResult());

    [Benchmark(Description = "warm: validated CNAME -> A chain from the cache")]
    public ResolveResult WarmValidatedAliasChain() => Check(_warm.ResolveAsync(SignedChain.Alias, RrType.A, default).GetAwaiter().GetResult());

    [Benchmark(Description = "warm: validated 3-link CNAME chain from the cache")]
    public ResolveResult WarmValidatedThreeLinkChain() => Check(_warm.ResolveAsync(SignedChain.Chain3, RrType.A, default).GetAwaiter().GetResult());

    private static ResolveResult Check(ResolveResult result) =>
        result.Status == SecurityStatus.Secure ? result : throw new InvalidOperationException(result.ToString());

    private DnsResolver NewResolver() => new(_options, new SignedChain.FixedTime(), transport: new DnsTransport());
}

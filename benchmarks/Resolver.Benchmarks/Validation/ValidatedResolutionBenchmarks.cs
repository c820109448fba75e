// Validated resolution benchmarks: the public DnsResolver against in-process authoritative servers
// on loopback serving a signed three-level chain (root → test. → example.test.; ECDSA P-256, or
// RSA/SHA-256 with the signer's 1024-bit keys; KSK + ZSK per zone).
// Cold: a fresh resolver (empty caches, no imported keys) resolves and validates www.example.test.
// — three referrals, DS and DNSKEY at each level, about seven signature checks. Warm: the same
// question with everything cached (the validator's verdict is reused from the cache entry).
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
    private static readonly DnsName Www = DnsName.Parse("www.example.test.");
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
        SignedZone example = Sign("example.test.", _net[2].Address, [new ResourceRecord(Www, 3600, new AData(IPAddress.Parse("192.0.2.1")))]);
        SignedZone test = Sign("test.", _net[1].Address, Delegation(example, _net[2].Address));
        SignedZone root = Sign(".", _net[0].Address, Delegation(test, _net[1].Address));
        // The servers' own zone logic suffices here: positive answers, referrals with DS, DNSKEY at apexes.
        _net[0].AddZone(".", root.ToString());
        _net[1].AddZone("test.", test.ToString());
        _net[2].AddZone("example.test.", example.ToString());
        _options = new ResolverOptions
        {
            Iteration = new IterationOptions
            {
                RootHints = new RootHints([new RootServer(DnsName.Parse("ns1."), _net[0].EndPoint)]),
                ServerPort = _net.Port,
            },
        };
        _options.Validation.TrustAnchors = TrustAnchorStore.Create(root.CreateDsRecords().Select(r => new TrustAnchor(r.Name, r.Data)));
        _warm = NewResolver();
        ResolveResult first = _warm.ResolveAsync(Www, RrType.A, default).GetAwaiter().GetResult();
        if (first.Status != SecurityStatus.Secure)
        {
            throw new InvalidOperationException("setup resolution is not Secure: " + first);
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

    private static ResolveResult Check(ResolveResult result) =>
        result.Status == SecurityStatus.Secure ? result : throw new InvalidOperationException(result.ToString());

    private DnsResolver NewResolver() => new(_options, new FixedTime(), transport: new DnsTransport());

    private SignedZone Sign(string origin, IPAddress nsAddress, IEnumerable<ResourceRecord> extra)
    {
        DnsName apex = DnsName.Parse(origin);
        DnsName ns = apex.Prepend("ns1");
        ResourceRecord[] records =
        [
            new(apex, 3600, new SoaData(ns, apex.Prepend("hostmaster"), 1, 7200, 3600, 1_209_600, 300)),
            new(apex, 3600, new NsData(ns)),
            new(ns, 3600, new AData(nsAddress)),
            .. extra,
        ];
        return ZoneSigner.Sign(records, ZoneSigningOptions.For(apex, true, Algorithm));
    }

    private static IEnumerable<ResourceRecord> Delegation(SignedZone child, IPAddress nsAddress)
    {
        DnsName ns = child.Origin.Prepend("ns1");
        return [new(child.Origin, 3600, new NsData(ns)), new(ns, 3600, new AData(nsAddress)), .. child.CreateDsRecords()];
    }

    /// <summary>Signatures are checked at an instant inside the signer's window, whatever the machine's clock says.</summary>
    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => ZoneSigningOptions.ValidAt;
    }
}

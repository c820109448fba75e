// DenialBenchmarks: the denial proofs a validator runs per negative answer, on the records a real
// response carries — an NSEC3 NXDOMAIN (closest-encloser match, next-closer cover, wildcard cover:
// three records, four hashes for a name two labels below the encloser) at 0 and 10 iterations
// (DenialBenchmarks), and an NSEC NODATA with its one matching record (NsecDenialBenchmarks). The
// zones come from the test signer; Setup picks each proof's records from a run over the whole
// chain and checks that the proof holds.
using BenchmarkDotNet.Attributes;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;

namespace Resolver.Benchmarks.Dnssec;

[MemoryDiagnoser]
public class DenialBenchmarks
{
    internal static readonly DnsName s_zone = DnsName.Parse("example.com.");
    private static readonly DnsName s_nxName = DnsName.Parse("www.nothere.sub.example.com.");
    internal static readonly DnsName s_noDataName = DnsName.Parse("mail.example.com.");

    private List<ResourceRecord> _nsec3Proof = [];

    [Params(0, 10)]
    public int Iterations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SignedZone nsec3 = ZoneSigner.Sign(Zone(), ZoneSigningOptions.For(s_zone, splitKeys: false) with
        {
            Denial = DenialKind.Nsec3,
            Nsec3Salt = new byte[] { 0xAA, 0xBB, 0xCC, 0xDD },
            Nsec3Iterations = (ushort)Iterations,
        });
        _nsec3Proof = ProofRecords(Nsec3Proofs.ProveNxDomain(s_nxName, s_zone, Denial(nsec3, RrType.NSEC3)), DenialProofKind.NxDomain);
    }

    [Benchmark(Description = "NSEC3 NXDOMAIN proof (3 records, 4 hashes)")]
    public DenialResult Nsec3NxDomain() => Nsec3Proofs.ProveNxDomain(s_nxName, s_zone, _nsec3Proof);

    internal static List<ResourceRecord> Denial(SignedZone zone, RrType type) => [.. zone.Records.Where(r => r.Type == type)];

    internal static List<ResourceRecord> ProofRecords(DenialResult result, DenialProofKind expected)
    {
        if (!result.IsSecure || result.Kind != expected)
        {
            throw new InvalidOperationException($"The benchmark proof does not hold: {result}");
        }

        return [.. result.Evidence.Select(e => e.Record).Distinct()];
    }

    internal static List<ResourceRecord> Zone()
    {
        DnsName ns1 = DnsName.Parse("ns1.example.com.");
        var records = new List<ResourceRecord>
        {
            new(s_zone, 3600, new SoaData(ns1, DnsName.Parse("hostmaster.example.com."), 1, 7200, 3600, 1_209_600, 300)),
            new(s_zone, 3600, new NsData(ns1)),
            new(ns1, 3600, new AData(System.Net.IPAddress.Parse("192.0.2.53"))),
            new(s_noDataName, 3600, new AData(System.Net.IPAddress.Parse("192.0.2.25"))),
        };
        foreach (string name in new[] { "www", "api", "sub", "a.sub", "b.sub", "cdn", "static", "shop", "blog", "docs" })
        {
            records.Add(new(DnsName.Parse(name, s_zone), 300, new AData(System.Net.IPAddress.Parse("192.0.2.80"))));
        }

        return records;
    }
}

[MemoryDiagnoser]
public class NsecDenialBenchmarks
{
    private List<ResourceRecord> _nsecProof = [];

    [GlobalSetup]
    public void Setup()
    {
        SignedZone nsec = ZoneSigner.Sign(DenialBenchmarks.Zone(), ZoneSigningOptions.For(DenialBenchmarks.s_zone, splitKeys: false));
        _nsecProof = DenialBenchmarks.ProofRecords(
            NsecProofs.ProveNoData(DenialBenchmarks.s_noDataName, RrType.AAAA, DenialBenchmarks.s_zone, DenialBenchmarks.Denial(nsec, RrType.NSEC)),
            DenialProofKind.NoData);
    }

    [Benchmark(Description = "NSEC NODATA proof (1 record)")]
    public DenialResult NsecNoData() => NsecProofs.ProveNoData(DenialBenchmarks.s_noDataName, RrType.AAAA, DenialBenchmarks.s_zone, _nsecProof);
}

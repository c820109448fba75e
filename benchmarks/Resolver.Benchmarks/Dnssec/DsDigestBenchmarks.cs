// DsDigestBenchmarks: matching a DS (SHA-256, RFC 4509) against a 2048-bit RSA DNSKEY, as a
// validator does once per DS at every secure delegation (RFC 4035 §5.2), and the bare digest.
using BenchmarkDotNet.Attributes;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;

namespace Resolver.Benchmarks.Dnssec;

[MemoryDiagnoser]
public class DsDigestBenchmarks
{
    private static readonly DnsName s_owner = DnsName.Parse("Example.COM.");
    private readonly byte[] _digest = new byte[48];
    private DnskeyData _key = null!;
    private DsData _ds = null!;

    [GlobalSetup]
    public void Setup()
    {
        SigningKey ksk = SigningKey.Generate(DnssecAlgorithm.RsaSha256, SigningKey.KskFlags, seed: 1, rsaBits: 2048);
        _key = ksk.Dnskey;
        _ds = ksk.CreateDs(s_owner, DigestType.Sha256);
        if (DsDigest.Match(s_owner, _ds, _key) != DsMatchStatus.Match)
        {
            throw new InvalidOperationException("The benchmark DS does not match its key.");
        }
    }

    [Benchmark(Description = "DS match (SHA-256, RSA-2048 key)")]
    public DsMatchStatus Match() => DsDigest.Match(s_owner, _ds, _key);

    [Benchmark(Description = "DS digest (SHA-256, RSA-2048 key)")]
    public int Compute()
    {
        _ = DsDigest.TryCompute(s_owner, _key, DigestType.Sha256, _digest, out int written);
        return written;
    }
}

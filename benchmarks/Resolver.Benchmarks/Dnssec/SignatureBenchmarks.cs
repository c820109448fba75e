// SignatureBenchmarks: RRSIG verification per algorithm. "check" is the whole RFC 4035 §5.3 path a
// validator takes — field checks, key selection, signed-data construction and the verify — over an
// A RRset of two records with a warm PublicKeyCache; "verify" is the bare cryptography
// (VerificationKey.Verify over prebuilt signed data), the figure benchmarks/compare-openssl.sh sets
// against `openssl speed`; "signed data" and "import" price the two costs around it, so a gap
// between check and verify can be attributed. Keys come from the test signer (RSA 2048 and 4096
// for RSA/SHA-256, 2048 for the other RSA algorithms).
using BenchmarkDotNet.Attributes;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;

namespace Resolver.Benchmarks.Dnssec;

[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private static readonly DnsName s_zone = DnsName.Parse("example.");
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private RrSet _rrset = null!;
    private RrsigData _rrsig = null!;
    private RrSet _keys = null!;
    private DnskeyData _dnskey = null!;
    private ISignatureAlgorithm _algorithm = null!;
    private VerificationKey _key = null!;
    private byte[] _signedData = [];
    private byte[] _signature = [];
    private PublicKeyCache _cache = null!;
    private SignatureCheckOptions _options = null!;

    /// <summary>Algorithm and key size, named as compare-openssl.sh prints them.</summary>
    [Params("rsasha1-2048", "rsasha256-2048", "rsasha256-4096", "rsasha512-2048", "ecdsap256", "ecdsap384", "ed25519", "ed448")]
    public string Algorithm { get; set; } = "ecdsap256";

    [GlobalSetup]
    public void Setup()
    {
        (DnssecAlgorithm algorithm, int bits) = Algorithm switch
        {
            "rsasha1-2048" => (DnssecAlgorithm.RsaSha1, 2048),
            "rsasha256-2048" => (DnssecAlgorithm.RsaSha256, 2048),
            "rsasha256-4096" => (DnssecAlgorithm.RsaSha256, 4096),
            "rsasha512-2048" => (DnssecAlgorithm.RsaSha512, 2048),
            "ecdsap256" => (DnssecAlgorithm.EcdsaP256Sha256, 0),
            "ecdsap384" => (DnssecAlgorithm.EcdsaP384Sha384, 0),
            "ed25519" => (DnssecAlgorithm.Ed25519, 0),
            "ed448" => (DnssecAlgorithm.Ed448, 0),
            _ => throw new InvalidOperationException($"Unknown algorithm parameter {Algorithm}."),
        };
        SigningKey signer = SigningKey.Generate(algorithm, SigningKey.ZskFlags, seed: 1, rsaBits: bits);
        _dnskey = signer.Dnskey;
        _keys = new RrSet(s_zone, RrClass.IN, RrType.DNSKEY, 3600, [_dnskey, SigningKey.Ksk(algorithm, seed: 2).Dnskey]);
        _rrset = new RrSet(DnsName.Parse("www.example."), RrClass.IN, RrType.A, 300,
            [new AData(System.Net.IPAddress.Parse("192.0.2.1")), new AData(System.Net.IPAddress.Parse("192.0.2.2"))]);
        _rrsig = RrsetSigner.Sign(_rrset, signer, s_zone, 1_700_000_000, 1_900_000_000);
        _signedData = SignedData.Create(_rrset, _rrsig);
        _signature = _rrsig.Signature.ToArray();
        _algorithm = SignatureAlgorithms.Get(algorithm)!;
        _key = _algorithm.ImportKey(_dnskey.PublicKey)!;
        _cache = new PublicKeyCache();
        _options = new SignatureCheckOptions { KeyCache = _cache };
        if (!SignatureVerifier.Check(_rrset, _rrsig, _keys, s_zone, s_now, _options).IsValid || !_key.Verify(_signedData, _signature))
        {
            throw new InvalidOperationException("The benchmark signature does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _key.Dispose();
        _cache.Dispose();
    }

    [Benchmark(Description = "check")]
    public SignatureStatus Check() => SignatureVerifier.Check(_rrset, _rrsig, _keys, s_zone, s_now, _options).Status;

    [Benchmark(Description = "verify")]
    public bool Verify() => _key.Verify(_signedData, _signature);

    [Benchmark(Description = "signed data")]
    public int BuildSignedData()
    {
        _ = SignedData.TryCreate(_rrset, _rrsig, out SignedData.Buffer buffer);
        using (buffer)
        {
            return buffer.Length;
        }
    }

    [Benchmark(Description = "import")]
    public bool Import()
    {
        using VerificationKey? key = _algorithm.ImportKey(_dnskey.PublicKey);
        return key is not null;
    }
}

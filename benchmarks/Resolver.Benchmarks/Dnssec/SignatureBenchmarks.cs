// SignatureBenchmarks: RRSIG verification per algorithm. "check" is the whole RFC 4035 §5.3 path a
// validator takes — field checks, key selection, signed-data construction and the verify — over an
// A RRset of two records with a warm PublicKeyCache; "verify" is the bare cryptography
// (VerificationKey.Verify over prebuilt signed data), the figure benchmarks/compare-openssl.sh sets
// against `openssl speed`; "signed data" and "import" price the two costs around it, so a gap
// between check and verify can be attributed. "primitive" is the floor under "verify": the BCL's
// RSA/ECDsa VerifyHash over a precomputed digest, or BouncyCastle's EdDSA verify, called directly
// with no pool, no hashing and no wrapper — what any .NET code calling these libraries pays, and
// the closest .NET analogue of what `openssl speed` times. Keys come from the test signer (RSA 2048 and 4096
// for RSA/SHA-256, 2048 for the other RSA algorithms).
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;
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
    private Func<bool> _primitive = null!;
    private IDisposable? _primitiveKey;

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
        _primitive = CreatePrimitive(algorithm);
        if (!SignatureVerifier.Check(_rrset, _rrsig, _keys, s_zone, s_now, _options).IsValid || !_key.Verify(_signedData, _signature) || !_primitive())
        {
            throw new InvalidOperationException("The benchmark signature does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _key.Dispose();
        _cache.Dispose();
        _primitiveKey?.Dispose();
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

    [Benchmark(Description = "primitive")]
    public bool Primitive() => _primitive();

    // The library call under VerificationKey.Verify, set up once; the digest is computed here, not timed.
    private Func<bool> CreatePrimitive(DnssecAlgorithm algorithm)
    {
        byte[] signature = _signature;
        ReadOnlySpan<byte> publicKey = _dnskey.PublicKey;
        switch (algorithm)
        {
            case DnssecAlgorithm.Ed25519:
            {
                var key = new Ed25519PublicKeyParameters(publicKey);
                byte[] data = _signedData;
                return () => key.Verify(Ed25519.Algorithm.Ed25519, null, data, signature);
            }

            case DnssecAlgorithm.Ed448:
            {
                var key = new Ed448PublicKeyParameters(publicKey);
                byte[] data = _signedData;
                return () => key.Verify(Ed448.Algorithm.Ed448, [], data, signature);
            }

            case DnssecAlgorithm.EcdsaP256Sha256 or DnssecAlgorithm.EcdsaP384Sha384:
            {
                bool p256 = algorithm == DnssecAlgorithm.EcdsaP256Sha256;
                int half = publicKey.Length / 2;
                var ecdsa = ECDsa.Create(new ECParameters
                {
                    Curve = p256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384,
                    Q = new ECPoint { X = publicKey[..half].ToArray(), Y = publicKey[half..].ToArray() },
                });
                _primitiveKey = ecdsa;
                byte[] hash = p256 ? SHA256.HashData(_signedData) : SHA384.HashData(_signedData);
                return () => ecdsa.VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }

            default:
            {
                _ = RsaSignatureAlgorithm.TryParse(publicKey, out byte[]? exponent, out byte[]? modulus);
                var rsa = RSA.Create(new RSAParameters { Exponent = exponent, Modulus = modulus });
                _primitiveKey = rsa;
                (HashAlgorithmName name, byte[] hash) = algorithm switch
                {
                    DnssecAlgorithm.RsaSha256 => (HashAlgorithmName.SHA256, SHA256.HashData(_signedData)),
                    DnssecAlgorithm.RsaSha512 => (HashAlgorithmName.SHA512, SHA512.HashData(_signedData)),
                    _ => (HashAlgorithmName.SHA1, Sha1(_signedData)),
                };
                return () => rsa.VerifyHash(hash, signature, name, RSASignaturePadding.Pkcs1);
            }
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "RSA/SHA-1 (algorithms 5 and 7) is what is being measured.")]
    private static byte[] Sha1(byte[] data) => SHA1.HashData(data);
}

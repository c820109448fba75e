// SigningKey: a DNSSEC key pair for tests — the public DNSKEY data (flags, protocol 3, algorithm,
// public key in the algorithm's DNSKEY encoding) with its key tag, and the private material that
// signs. Every algorithm the Protocol verifies is covered: RSA 5/7/8/10 (BCL; RFC 3110 key field,
// PKCS#1 v1.5 signatures), ECDSA 13/14 (BCL; RFC 6605 raw X‖Y key, raw r‖s signature) and EdDSA
// 15/16 (BouncyCastle, the BCL has none; RFC 8080). ECDSA and EdDSA keys derive from a seed, so a
// property test replays the same keys; RSA keys come from a per-process pool, because generating
// them is slow — the seed picks a pool slot.
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Signing;

/// <summary>A DNSSEC signing key: DNSKEY data plus the private key. Immutable and thread-safe.</summary>
public sealed class SigningKey
{
    /// <summary>Flags of a zone-signing key: Zone Key only (RFC 4034 §2.1.1).</summary>
    public const ushort ZskFlags = DnskeyData.ZoneKeyFlag;

    /// <summary>Flags of a key-signing key (or a combined signing key): Zone Key + SEP.</summary>
    public const ushort KskFlags = DnskeyData.ZoneKeyFlag | DnskeyData.SecureEntryPointFlag;

    /// <summary>Default RSA modulus size: small enough to sign fast, big enough for every RSA algorithm.</summary>
    public const int DefaultRsaBits = 1024;

    /// <summary>Distinct RSA keys per modulus size; a seed picks one (seed mod this).</summary>
    public const int RsaPoolSize = 16;

    // RSA keys, generated on first use per (bits, slot) and kept for the life of the process.
    private static readonly ConcurrentDictionary<(int Bits, int Slot), Lazy<RSAParameters>> s_rsaPool = new();

    private readonly PrivateKey _private;

    private SigningKey(DnskeyData dnskey, PrivateKey privateKey)
    {
        Dnskey = dnskey;
        _private = privateKey;
    }

    /// <summary>The algorithms this type can generate and sign with (all that the Protocol verifies).</summary>
    public static IReadOnlyList<DnssecAlgorithm> SupportedAlgorithms { get; } =
    [
        DnssecAlgorithm.RsaSha1, DnssecAlgorithm.RsaSha1Nsec3Sha1, DnssecAlgorithm.RsaSha256, DnssecAlgorithm.RsaSha512,
        DnssecAlgorithm.EcdsaP256Sha256, DnssecAlgorithm.EcdsaP384Sha384, DnssecAlgorithm.Ed25519, DnssecAlgorithm.Ed448,
    ];

    /// <summary>The public key as DNSKEY record data.</summary>
    public DnskeyData Dnskey { get; }

    /// <summary>The algorithm.</summary>
    public DnssecAlgorithm Algorithm => Dnskey.Algorithm;

    /// <summary>The DNSKEY flags.</summary>
    public ushort Flags => Dnskey.Flags;

    /// <summary>The key tag (RFC 4034 Appendix B).</summary>
    public ushort KeyTag => Dnskey.KeyTag;

    /// <summary>True when the SEP flag is set: the key signs the DNSKEY RRset and a DS points at it.</summary>
    public bool IsKsk => Dnskey.IsSecureEntryPoint;

    /// <summary>
    /// Generates (or, for RSA, takes from the pool) a key. The same algorithm and seed always give
    /// the same key material within a process, and across processes for ECDSA and EdDSA.
    /// </summary>
    /// <param name="algorithm">One of <see cref="SupportedAlgorithms"/>.</param>
    /// <param name="flags">DNSKEY flags, e.g. <see cref="ZskFlags"/> or <see cref="KskFlags"/>.</param>
    /// <param name="seed">Selects the key material.</param>
    /// <param name="rsaBits">RSA modulus size (ignored for other algorithms); 0 for <see cref="DefaultRsaBits"/>.</param>
    public static SigningKey Generate(DnssecAlgorithm algorithm, ushort flags = ZskFlags, int seed = 0, int rsaBits = 0)
    {
        PrivateKey key = algorithm switch
        {
            DnssecAlgorithm.RsaSha1 or DnssecAlgorithm.RsaSha1Nsec3Sha1 or DnssecAlgorithm.RsaSha256 or DnssecAlgorithm.RsaSha512 =>
                new RsaPrivateKey(algorithm, PooledRsa(rsaBits == 0 ? DefaultRsaBits : rsaBits, seed)),
            DnssecAlgorithm.EcdsaP256Sha256 or DnssecAlgorithm.EcdsaP384Sha384 => EcdsaPrivateKey.FromSeed(algorithm, seed),
            DnssecAlgorithm.Ed25519 => new Ed25519PrivateKey(new Ed25519PrivateKeyParameters(SeedBytes(algorithm, seed, Ed25519PrivateKeyParameters.KeySize))),
            DnssecAlgorithm.Ed448 => new Ed448PrivateKey(new Ed448PrivateKeyParameters(SeedBytes(algorithm, seed, Ed448PrivateKeyParameters.KeySize))),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "No signer for this algorithm."),
        };
        return new SigningKey(new DnskeyData(flags, 3, algorithm, key.PublicKey), key);
    }

    /// <summary>A zone-signing key (flags 256).</summary>
    public static SigningKey Zsk(DnssecAlgorithm algorithm, int seed = 0) => Generate(algorithm, ZskFlags, seed);

    /// <summary>A key-signing key (flags 257).</summary>
    public static SigningKey Ksk(DnssecAlgorithm algorithm, int seed = 0) => Generate(algorithm, KskFlags, seed);

    /// <summary>The same key material with other DNSKEY flags (e.g. REVOKE set, or no Zone Key flag).</summary>
    public SigningKey WithFlags(ushort flags) => new(new DnskeyData(flags, Dnskey.Protocol, Algorithm, Dnskey.PublicKey), _private);

    /// <summary>The same key material with another protocol field (anything but 3 makes the key unusable).</summary>
    public SigningKey WithProtocol(byte protocol) => new(new DnskeyData(Flags, protocol, Algorithm, Dnskey.PublicKey), _private);

    /// <summary>Signs <paramref name="data"/> (the RRSIG signed data) and returns the RRSIG signature field.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _private.Sign(data);

    /// <summary>The DNSKEY record for this key at <paramref name="owner"/>.</summary>
    public ResourceRecord ToDnskeyRecord(DnsName owner, uint ttl = 3600) => new(owner, ttl, Dnskey);

    /// <summary>DS data for this key at <paramref name="owner"/> (RFC 4034 §5.1.4).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The digest type is not implemented.</exception>
    public DsData CreateDs(DnsName owner, DigestType digestType = DigestType.Sha256) =>
        DsDigest.CreateDs(owner, Dnskey, digestType)
        ?? throw new ArgumentOutOfRangeException(nameof(digestType), digestType, "Digest type not implemented.");

    /// <inheritdoc/>
    public override string ToString() => $"{Algorithm} {(IsKsk ? "KSK" : "ZSK")} tag {KeyTag} flags {Flags}";

    // Key bytes derived from the algorithm and seed: SHA-512 in counter mode, so every seed gives a
    // different, reproducible value of any length.
    private static byte[] SeedBytes(DnssecAlgorithm algorithm, int seed, int length, int counter = 0)
    {
        byte[] output = new byte[length];
        // "tk01" (test key, derivation 1) ‖ algorithm ‖ seed ‖ counter and block.
        Span<byte> input = stackalloc byte[13];
        "tk01"u8.CopyTo(input);
        input[4] = (byte)algorithm;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(input[5..], seed);
        int pos = 0;
        for (int block = 0; pos < length; block++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(input[9..], (counter << 8) + block);
            byte[] hash = SHA512.HashData(input);
            int n = Math.Min(hash.Length, length - pos);
            hash.AsSpan(0, n).CopyTo(output.AsSpan(pos));
            pos += n;
        }

        return output;
    }

    private static RSAParameters PooledRsa(int bits, int seed)
    {
        int slot = (int)((uint)seed % RsaPoolSize);
        return s_rsaPool.GetOrAdd((bits, slot), static key => new Lazy<RSAParameters>(() =>
        {
            using var rsa = RSA.Create(key.Bits);
            return rsa.ExportParameters(includePrivateParameters: true);
        })).Value;
    }

    private abstract class PrivateKey
    {
        public abstract byte[] PublicKey { get; }

        public abstract byte[] Sign(ReadOnlySpan<byte> data);
    }

    private sealed class RsaPrivateKey(DnssecAlgorithm algorithm, RSAParameters parameters) : PrivateKey
    {
        private readonly HashAlgorithmName _hash = algorithm switch
        {
            DnssecAlgorithm.RsaSha256 => HashAlgorithmName.SHA256,
            DnssecAlgorithm.RsaSha512 => HashAlgorithmName.SHA512,
            _ => HashAlgorithmName.SHA1,
        };

        // RFC 3110 §2: exponent length (one octet, or zero and then two octets), exponent, modulus.
        public override byte[] PublicKey { get; } = EncodeRfc3110(parameters.Exponent!, parameters.Modulus!);

        public override byte[] Sign(ReadOnlySpan<byte> data)
        {
            // A fresh instance per call: RSA objects are not documented as thread-safe.
            using var rsa = RSA.Create(parameters);
            return rsa.SignData(data.ToArray(), _hash, RSASignaturePadding.Pkcs1);
        }

        internal static byte[] EncodeRfc3110(byte[] exponent, byte[] modulus)
        {
            int header = exponent.Length <= byte.MaxValue ? 1 : 3;
            byte[] key = new byte[header + exponent.Length + modulus.Length];
            if (header == 1)
            {
                key[0] = (byte)exponent.Length;
            }
            else
            {
                key[1] = (byte)(exponent.Length >> 8);
                key[2] = (byte)exponent.Length;
            }

            exponent.CopyTo(key, header);
            modulus.CopyTo(key, header + exponent.Length);
            return key;
        }
    }

    private sealed class EcdsaPrivateKey : PrivateKey
    {
        private readonly ECParameters _parameters;
        private readonly HashAlgorithmName _hash;

        private EcdsaPrivateKey(ECParameters parameters, HashAlgorithmName hash)
        {
            _parameters = parameters;
            _hash = hash;
            // RFC 6605 §4: the public key is X ‖ Y, each the field size, no point-format prefix.
            PublicKey = [.. parameters.Q.X!, .. parameters.Q.Y!];
        }

        public override byte[] PublicKey { get; }

        public static EcdsaPrivateKey FromSeed(DnssecAlgorithm algorithm, int seed)
        {
            bool p256 = algorithm == DnssecAlgorithm.EcdsaP256Sha256;
            ECCurve curve = p256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384;
            int size = p256 ? 32 : 48;
            // A private scalar of the field size; the BCL rejects the (astronomically rare) value
            // outside [1, n-1], in which case the next counter is tried.
            for (int counter = 0; ; counter++)
            {
                try
                {
                    using var ecdsa = ECDsa.Create(new ECParameters { Curve = curve, D = SeedBytes(algorithm, seed, size, counter) });
                    return new EcdsaPrivateKey(ecdsa.ExportParameters(includePrivateParameters: true), p256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA384);
                }
                catch (CryptographicException) when (counter < 8)
                {
                }
            }
        }

        public override byte[] Sign(ReadOnlySpan<byte> data)
        {
            using var ecdsa = ECDsa.Create(_parameters);
            return ecdsa.SignData(data, _hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    private sealed class Ed25519PrivateKey(Ed25519PrivateKeyParameters key) : PrivateKey
    {
        public override byte[] PublicKey { get; } = key.GeneratePublicKey().GetEncoded();

        public override byte[] Sign(ReadOnlySpan<byte> data)
        {
            byte[] signature = new byte[Ed25519PrivateKeyParameters.SignatureSize];
            byte[] message = data.ToArray();
            key.Sign(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Algorithm.Ed25519, null, message, 0, message.Length, signature, 0);
            return signature;
        }
    }

    private sealed class Ed448PrivateKey(Ed448PrivateKeyParameters key) : PrivateKey
    {
        public override byte[] PublicKey { get; } = key.GeneratePublicKey().GetEncoded();

        public override byte[] Sign(ReadOnlySpan<byte> data)
        {
            byte[] signature = new byte[Ed448PrivateKeyParameters.SignatureSize];
            byte[] message = data.ToArray();
            // RFC 8080 §4: pure Ed448 with an empty context.
            key.Sign(Org.BouncyCastle.Math.EC.Rfc8032.Ed448.Algorithm.Ed448, [], message, 0, message.Length, signature, 0);
            return signature;
        }
    }
}

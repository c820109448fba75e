// RsaSignatureAlgorithm: RSA/SHA-1 (5), RSASHA1-NSEC3-SHA1 (7), RSA/SHA-256 (8) and RSA/SHA-512
// (10) with PKCS#1 v1.5 signatures (RFC 3110 §2, RFC 5702 §3). The DNSKEY key field is RFC 3110
// §2: exponent length (1 octet, or 0 then 2 octets), exponent, modulus.
using System.Security.Cryptography;

namespace Resolver.Protocol.Dnssec;

/// <summary>RSA signature verification for DNSSEC.</summary>
internal sealed class RsaSignatureAlgorithm(DnssecAlgorithm algorithm) : ISignatureAlgorithm
{
    // RFC 3110 §2 allows 512 to 4096 bits; RFC 5702 §2 the same for SHA-2. Bigger keys are refused
    // (a 16k-bit key makes every verify expensive — a cheap DoS lever).
    private const int MinModulusBits = 512;
    private const int MaxModulusBits = 4096;

    private readonly HashAlgorithmName _hash = algorithm switch
    {
        DnssecAlgorithm.RsaSha256 => HashAlgorithmName.SHA256,
        DnssecAlgorithm.RsaSha512 => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA1,
    };

    public DnssecAlgorithm Algorithm { get; } = algorithm;

    public VerificationKey? ImportKey(ReadOnlySpan<byte> publicKey)
    {
        if (!TryParse(publicKey, out byte[]? exponent, out byte[]? modulus))
        {
            return null;
        }

        var parameters = new RSAParameters { Exponent = exponent, Modulus = modulus };
        RSA first;
        try
        {
            first = RSA.Create(parameters);
        }
        catch (CryptographicException)
        {
            return null;
        }

        return new Key(new KeyInstancePool<RSA>(() => RSA.Create(parameters), first), _hash);
    }

    /// <summary>Splits an RFC 3110 key field into exponent and modulus (leading zeros removed) and checks the sizes.</summary>
    internal static bool TryParse(ReadOnlySpan<byte> key, out byte[]? exponent, out byte[]? modulus)
    {
        exponent = null;
        modulus = null;
        if (key.IsEmpty)
        {
            return false;
        }

        int exponentLength = key[0];
        int pos = 1;
        if (exponentLength == 0)
        {
            if (key.Length < 3)
            {
                return false;
            }

            exponentLength = (key[1] << 8) | key[2];
            pos = 3;
        }

        if (exponentLength == 0 || key.Length - pos <= exponentLength)
        {
            return false;
        }

        ReadOnlySpan<byte> e = key.Slice(pos, exponentLength).TrimStart((byte)0);
        ReadOnlySpan<byte> n = key[(pos + exponentLength)..].TrimStart((byte)0);
        if (e.IsEmpty || n.IsEmpty || e.Length > n.Length)
        {
            return false;
        }

        int bits = ((n.Length - 1) * 8) + (8 - byte.LeadingZeroCount(n[0]));
        if (bits is < MinModulusBits or > MaxModulusBits)
        {
            return false;
        }

        exponent = e.ToArray();
        modulus = n.ToArray();
        return true;
    }

    private sealed class Key(KeyInstancePool<RSA> pool, HashAlgorithmName hash) : VerificationKey
    {
        public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
        {
            RSA rsa = pool.Rent();
            try
            {
                return rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
            }
            catch (CryptographicException)
            {
                return false;
            }
            finally
            {
                pool.Return(rsa);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                pool.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

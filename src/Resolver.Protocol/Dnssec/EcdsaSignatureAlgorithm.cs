// EcdsaSignatureAlgorithm: ECDSA P-256/SHA-256 (13) and P-384/SHA-384 (14), RFC 6605. The DNSKEY
// key field is the raw point X ‖ Y (64 or 96 octets, no 0x04 prefix) and the signature is raw
// r ‖ s — the IEEE P1363 fixed-field form, not DER.
using System.Security.Cryptography;

namespace Resolver.Protocol.Dnssec;

/// <summary>ECDSA signature verification for DNSSEC (RFC 6605).</summary>
internal sealed class EcdsaSignatureAlgorithm : ISignatureAlgorithm
{
    private readonly ECCurve _curve;
    private readonly HashAlgorithmName _hash;
    private readonly int _fieldLength;

    public EcdsaSignatureAlgorithm(DnssecAlgorithm algorithm)
    {
        Algorithm = algorithm;
        (_curve, _hash, _fieldLength) = algorithm == DnssecAlgorithm.EcdsaP256Sha256
            ? (ECCurve.NamedCurves.nistP256, HashAlgorithmName.SHA256, 32)
            : (ECCurve.NamedCurves.nistP384, HashAlgorithmName.SHA384, 48);
    }

    public DnssecAlgorithm Algorithm { get; }

    public VerificationKey? ImportKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != 2 * _fieldLength)
        {
            return null;
        }

        var parameters = new ECParameters
        {
            Curve = _curve,
            Q = new ECPoint { X = publicKey[.._fieldLength].ToArray(), Y = publicKey[_fieldLength..].ToArray() },
        };
        ECDsa first;
        try
        {
            // Import validates that the point lies on the curve.
            first = ECDsa.Create(parameters);
        }
        catch (CryptographicException)
        {
            return null;
        }

        return new Key(new KeyInstancePool<ECDsa>(() => ECDsa.Create(parameters), first), _hash, 2 * _fieldLength);
    }

    private sealed class Key(KeyInstancePool<ECDsa> pool, HashAlgorithmName hash, int signatureLength) : VerificationKey
    {
        public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
        {
            if (signature.Length != signatureLength)
            {
                return false;
            }

            ECDsa ecdsa = pool.Rent();
            try
            {
                return ecdsa.VerifyData(data, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            }
            catch (CryptographicException)
            {
                return false;
            }
            finally
            {
                pool.Return(ecdsa);
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

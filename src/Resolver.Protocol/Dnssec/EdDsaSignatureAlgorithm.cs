// EdDsaSignatureAlgorithm: Ed25519 (15) and Ed448 (16), RFC 8080: the key field is the 32- or
// 57-octet encoded point, the signature the 64- or 114-octet RFC 8032 signature, pure EdDSA with
// an empty context. The BCL has no EdDSA, hence BouncyCastle; its public-key Verify is stateless,
// so one imported key serves every thread.
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Resolver.Protocol.Dnssec;

/// <summary>EdDSA signature verification for DNSSEC (RFC 8080).</summary>
internal sealed class EdDsaSignatureAlgorithm(DnssecAlgorithm algorithm) : ISignatureAlgorithm
{
    private static readonly byte[] s_emptyContext = [];

    public DnssecAlgorithm Algorithm { get; } = algorithm;

    public VerificationKey? ImportKey(ReadOnlySpan<byte> publicKey)
    {
        try
        {
            if (Algorithm == DnssecAlgorithm.Ed25519)
            {
                return publicKey.Length == Ed25519PublicKeyParameters.KeySize ? new Ed25519Key(new Ed25519PublicKeyParameters(publicKey)) : null;
            }

            return publicKey.Length == Ed448PublicKeyParameters.KeySize ? new Ed448Key(new Ed448PublicKeyParameters(publicKey)) : null;
        }
        catch (ArgumentException)
        {
            // Not a point on the curve.
            return null;
        }
    }

    private sealed class Ed25519Key(Ed25519PublicKeyParameters key) : VerificationKey
    {
        public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
            signature.Length == Ed25519.SignatureSize &&
            key.Verify(Ed25519.Algorithm.Ed25519, null, data, signature);
    }

    private sealed class Ed448Key(Ed448PublicKeyParameters key) : VerificationKey
    {
        public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
            signature.Length == Ed448.SignatureSize &&
            key.Verify(Ed448.Algorithm.Ed448, s_emptyContext, data, signature);
    }
}

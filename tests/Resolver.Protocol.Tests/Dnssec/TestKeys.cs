// TestKeys: throwaway ECDSA P-256 and RSA keys that sign RRsets through SignedData, for checks
// that need a signature the tests control (times, flags, tags). Not the shared test signer.
using System.Security.Cryptography;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Dnssec;

internal sealed class TestKey : IDisposable
{
    private readonly ECDsa? _ecdsa;
    private readonly RSA? _rsa;

    private TestKey(DnsName owner, ushort flags, byte protocol, ECDsa? ecdsa, RSA? rsa, DnssecAlgorithm algorithm)
    {
        Owner = owner;
        _ecdsa = ecdsa;
        _rsa = rsa;
        byte[] publicKey;
        if (ecdsa is not null)
        {
            ECParameters p = ecdsa.ExportParameters(false);
            publicKey = [.. p.Q.X!, .. p.Q.Y!];
        }
        else
        {
            RSAParameters p = rsa!.ExportParameters(false);
            publicKey = [(byte)p.Exponent!.Length, .. p.Exponent, .. p.Modulus!];
        }

        Dnskey = new DnskeyData(flags, protocol, algorithm, publicKey);
    }

    public DnsName Owner { get; }

    public DnskeyData Dnskey { get; }

    public static TestKey Ecdsa(string owner, ushort flags = DnskeyData.ZoneKeyFlag, byte protocol = 3) =>
        new(DnsName.Parse(owner), flags, protocol, ECDsa.Create(ECCurve.NamedCurves.nistP256), null, DnssecAlgorithm.EcdsaP256Sha256);

    public static TestKey Rsa(string owner, DnssecAlgorithm algorithm = DnssecAlgorithm.RsaSha256, int bits = 1024) =>
        new(DnsName.Parse(owner), DnskeyData.ZoneKeyFlag, 3, null, RSA.Create(bits), algorithm);

    public RrsigData Sign(RrSet rrset, uint inception, uint expiration, byte? labels = null, ushort? keyTag = null, DnsName? signer = null)
    {
        var unsigned = new RrsigData(rrset.Type, Dnskey.Algorithm, labels ?? (byte)rrset.Name.SignatureLabelCount, rrset.Ttl,
            expiration, inception, keyTag ?? Dnskey.KeyTag, signer ?? Owner, []);
        byte[] data = SignedData.Create(rrset, unsigned);
        byte[] signature = _ecdsa is not null
            ? _ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            : _rsa!.SignData(data, Dnskey.Algorithm == DnssecAlgorithm.RsaSha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return RfcVectorTests.WithSignature(unsigned, signature);
    }

    public RrSet KeySet(params DnskeyData[] extra) =>
        new(Owner, RrClass.IN, RrType.DNSKEY, 3600, [Dnskey, .. extra]);

    public void Dispose()
    {
        _ecdsa?.Dispose();
        _rsa?.Dispose();
    }
}

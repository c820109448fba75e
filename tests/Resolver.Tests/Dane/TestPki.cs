// TestPki: certificates made on the spot for DANE tests — a root CA, an intermediate CA it signs and
// a server certificate the intermediate signs (SAN: the host name given), with CertificateRequest;
// the chain a server sends (server, intermediate, root) and TLSA records built from any of them.
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Resolver.Protocol.Records;

namespace Resolver.Tests.Dane;

internal sealed class TestPki : IDisposable
{
    private TestPki(X509Certificate2 root, X509Certificate2 intermediate, X509Certificate2 server)
    {
        Root = root;
        Intermediate = intermediate;
        Server = server;
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Intermediate { get; }

    public X509Certificate2 Server { get; }

    /// <summary>The chain as a server sends it: its own certificate first, then the intermediate (and the root when <paramref name="withRoot"/>).</summary>
    public IReadOnlyList<X509Certificate2> Sent(bool withRoot = true) => withRoot ? [Server, Intermediate, Root] : [Server, Intermediate];

    /// <summary>A PKI whose server certificate is for <paramref name="host"/> (and <paramref name="otherNames"/>); <paramref name="expired"/> makes the server certificate's validity end yesterday.</summary>
    public static TestPki Create(string host, bool expired = false, params string[] otherNames)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        X509Certificate2 root = Ca("CN=Test Root", null, now.AddDays(-10), now.AddYears(5));
        X509Certificate2 intermediate = Ca("CN=Test Intermediate", root, now.AddDays(-5), now.AddYears(2));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        foreach (string other in otherNames)
        {
            names.AddDnsName(other);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 issued = request.Create(intermediate, expired ? now.AddDays(-3) : now.AddDays(-1), expired ? now.AddDays(-1) : now.AddYears(1), Serial());
        X509Certificate2 server = X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pfx), null);
        return new TestPki(root, intermediate, server);
    }

    /// <summary>A self-signed server certificate for <paramref name="host"/> (with its private key), valid from yesterday for a year.</summary>
    public static X509Certificate2 SelfSigned(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 self = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(self.Export(X509ContentType.Pfx), null);
    }

    /// <summary>The TLSA record of <paramref name="certificate"/> for (usage, selector, matching).</summary>
    public static TlsaData Tlsa(byte usage, byte selector, byte matching, X509Certificate2 certificate)
    {
        byte[] selected = selector == 0 ? certificate.RawData : certificate.PublicKey.ExportSubjectPublicKeyInfo();
        byte[] data = matching switch
        {
            1 => SHA256.HashData(selected),
            2 => SHA512.HashData(selected),
            _ => selected,
        };
        return new TlsaData(usage, selector, matching, data);
    }

    public void Dispose()
    {
        Root.Dispose();
        Intermediate.Dispose();
        Server.Dispose();
    }

    private static X509Certificate2 Ca(string subject, X509Certificate2? issuer, DateTimeOffset from, DateTimeOffset until)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer is null)
        {
            using X509Certificate2 self = request.CreateSelfSigned(from, until);
            return X509CertificateLoader.LoadPkcs12(self.Export(X509ContentType.Pfx), null);
        }

        using X509Certificate2 issued = request.Create(issuer, from, until, Serial());
        return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pfx), null);
    }

    private static byte[] Serial() => RandomNumberGenerator.GetBytes(12);
}

// TlsDnsServer: an in-process DNS-over-TLS server (RFC 7858) on loopback for tests, with a certificate
// made on the spot (self-signed, or issued by a test root) for the names and addresses asked. It answers
// every query with one A record (192.0.2.1) unless told to misbehave: close the connection after the
// first query without answering. It records each query's wire length (padding tests) and counts
// connections (reuse tests).
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Servers;

/// <summary>A DNS-over-TLS server for tests.</summary>
public sealed class TlsDnsServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly X509Certificate2 _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;

    private TlsDnsServer(Socket listener, X509Certificate2 certificate)
    {
        _listener = listener;
        _certificate = certificate;
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The server's address and port.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>The certificate the server presents.</summary>
    public X509Certificate2 Certificate => _certificate;

    /// <summary>The RFC 7858 §4.2 SPKI pin of the server's key.</summary>
    public string SpkiPin => Convert.ToBase64String(SHA256.HashData(_certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    /// <summary>TLS connections accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The wire length of every query received.</summary>
    public ConcurrentQueue<int> QueryLengths { get; } = new();

    /// <summary>When true, the server closes each connection after reading its first query, without answering.</summary>
    public bool CloseWithoutAnswer { get; set; }

    /// <summary>Starts a server presenting <paramref name="certificate"/>.</summary>
    public static TlsDnsServer Start(X509Certificate2 certificate)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(32);
        return new TlsDnsServer(listener, certificate);
    }

    /// <summary>
    /// A certificate for <paramref name="dnsName"/> and 127.0.0.1, valid from yesterday for a year:
    /// self-signed when <paramref name="issuer"/> is null, else issued by it.
    /// </summary>
    public static X509Certificate2 MakeCertificate(string dnsName, X509Certificate2? issuer = null, bool expired = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        DateTimeOffset from = expired ? DateTimeOffset.UtcNow.AddDays(-30) : DateTimeOffset.UtcNow.AddDays(-1);
        DateTimeOffset until = expired ? DateTimeOffset.UtcNow.AddDays(-1) : DateTimeOffset.UtcNow.AddYears(1);
        if (issuer is null)
        {
            using X509Certificate2 self = request.CreateSelfSigned(from, until);
            return X509CertificateLoader.LoadPkcs12(self.Export(X509ContentType.Pfx), null);
        }

        byte[] serial = RandomNumberGenerator.GetBytes(8);
        using X509Certificate2 issued = request.Create(issuer, from, until, serial);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    /// <summary>A CA certificate (with its key) that can issue test server certificates.</summary>
    public static X509Certificate2 MakeRoot(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using X509Certificate2 root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddYears(2));
        return X509CertificateLoader.LoadPkcs12(root.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _loop;
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        try
        {
            await using var tls = new SslStream(new NetworkStream(connection, ownsSocket: true));
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
            byte[] prefix = new byte[2];
            while (!_stop.IsCancellationRequested)
            {
                await tls.ReadExactlyAsync(prefix, _stop.Token);
                byte[] body = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                await tls.ReadExactlyAsync(body, _stop.Token);
                QueryLengths.Enqueue(body.Length);
                if (CloseWithoutAnswer)
                {
                    return;
                }

                DnsMessage query = DnsMessage.Parse(body);
                var answer = new DnsMessage { Id = query.Id, IsResponse = true, RecursionDesired = query.RecursionDesired, RecursionAvailable = true };
                answer.Questions.Add(query.Questions[0]);
                answer.Answers.Add(new ResourceRecord(query.Questions[0].Name, 60, new AData(IPAddress.Parse("192.0.2.1"))));
                byte[] wire = answer.ToWire();
                byte[] framed = new byte[wire.Length + 2];
                BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)wire.Length);
                wire.CopyTo(framed, 2);
                await tls.WriteAsync(framed, _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException
            or System.Security.Authentication.AuthenticationException)
        {
            // the client went away, refused the certificate, or the server is stopping
        }
    }
}

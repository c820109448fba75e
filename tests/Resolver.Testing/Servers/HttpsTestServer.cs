// HttpsTestServer: a minimal HTTPS origin on loopback for connect-callback and DANE tests — an
// SslStream server presenting the certificate (and chain) it is given, answering every HTTP/1.1
// request with 200 and a fixed body, and counting the TCP connections it accepts (a test can show
// that a refused name never reached it).
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Resolver.Testing.Servers;

/// <summary>An HTTPS server for tests.</summary>
public sealed class HttpsTestServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly SslStreamCertificateContext _context;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _accepted;

    private HttpsTestServer(Socket listener, SslStreamCertificateContext context)
    {
        _listener = listener;
        _context = context;
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The body of every response.</summary>
    public const string Body = "hello over DANE";

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>TCP connections accepted.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Starts a server presenting <paramref name="certificate"/> (with its private key) and <paramref name="intermediates"/>.</summary>
    public static HttpsTestServer Start(X509Certificate2 certificate, params X509Certificate2[] intermediates)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(32);
        var context = SslStreamCertificateContext.Create(certificate, [.. intermediates], offline: true);
        return new HttpsTestServer(listener, context);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await using var ssl = new SslStream(new NetworkStream(client, ownsSocket: true));
        try
        {
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = _context,
                ApplicationProtocols = [SslApplicationProtocol.Http11],
            }, timeout.Token);
            var request = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                int n = await ssl.ReadAsync(buffer, timeout.Token);
                if (n == 0)
                {
                    return;
                }

                request.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }

            byte[] response = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {Body.Length}\r\nConnection: close\r\n\r\n{Body}");
            await ssl.WriteAsync(response, timeout.Token);
            await ssl.FlushAsync(timeout.Token);
        }
        catch (Exception)
        {
            // a client that refused our certificate, or went away: nothing to do
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _loop;
        _stop.Dispose();
    }
}

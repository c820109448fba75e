// TestDnsNetwork: a set of in-process authoritative servers on distinct loopback addresses sharing one
// port. Distinct addresses are what let zone data (NS + glue A records) name each server, exactly as on
// the real network; the shared port — chosen by the OS (bind to port 0) for the first server — is what
// the resolver is configured with for servers it learns from referrals (IterationOptions.ServerPort).
// Addresses come from a random 127.x.y.0/24 so parallel test runs rarely meet; a clash is retried.
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Resolver.Testing.Servers;

/// <summary>In-process authoritative servers on 127.x.y.1, 127.x.y.2, … all on one port.</summary>
public sealed class TestDnsNetwork : IAsyncDisposable
{
    private readonly List<AuthoritativeServer> _servers;

    private TestDnsNetwork(List<AuthoritativeServer> servers, int port)
    {
        _servers = servers;
        Port = port;
    }

    /// <summary>The port every server listens on (UDP and TCP).</summary>
    public int Port { get; }

    /// <summary>The servers, in creation order.</summary>
    public IReadOnlyList<AuthoritativeServer> Servers => _servers;

    /// <summary>Server <paramref name="index"/>.</summary>
    public AuthoritativeServer this[int index] => _servers[index];

    /// <summary>Every query received by every server.</summary>
    public IEnumerable<ReceivedQuery> AllQueries => _servers.SelectMany(s => s.Queries);

    /// <summary>Starts <paramref name="count"/> servers.</summary>
    public static TestDnsNetwork Start(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 250);
        for (int attempt = 0; ; attempt++)
        {
            byte b1 = (byte)RandomNumberGenerator.GetInt32(1, 250);
            byte b2 = (byte)RandomNumberGenerator.GetInt32(1, 250);
            var servers = new List<AuthoritativeServer>();
            try
            {
                servers.Add(AuthoritativeServer.Start(new IPAddress([127, b1, b2, 1])));
                int port = servers[0].EndPoint.Port;
                for (int i = 1; i < count; i++)
                {
                    servers.Add(AuthoritativeServer.Start(new IPAddress([127, b1, b2, (byte)(i + 1)]), port));
                }

                return new TestDnsNetwork(servers, port);
            }
            catch (SocketException) when (attempt < 20)
            {
                foreach (AuthoritativeServer s in servers)
                {
                    s.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
            }
        }
    }

    /// <summary>A free loopback endpoint where nothing listens (bound once, then closed).</summary>
    public static IPEndPoint ClosedEndPoint()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (IPEndPoint)probe.LocalEndPoint!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (AuthoritativeServer server in _servers)
        {
            await server.DisposeAsync();
        }
    }
}

// AuthoritativeServer: an in-process authoritative DNS server on a real loopback socket pair (UDP and
// TCP on one address and port) serving AuthoritativeZones. It logs every query it receives (so tests
// can count upstream queries), truncates UDP answers larger than the client's EDNS payload (or 512
// bytes) with TC=1, and can misbehave on purpose: stay silent (a black hole), truncate every UDP answer,
// rewrite its answers (e.g. inject out-of-bailiwick records), or send decoy datagrams (wrong ID, wrong
// question, wrong source port) before the real answer.
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Resolver.Protocol;

namespace Resolver.Testing.Servers;

/// <summary>Decoys an <see cref="AuthoritativeServer"/> sends before its real UDP answer.</summary>
[Flags]
public enum DecoyKind
{
    None = 0,
    WrongId = 1,
    WrongQuestion = 2,
    WrongSourcePort = 4,
}

/// <summary>A query as a test server received it.</summary>
public sealed record ReceivedQuery(DnsQuestion Question, bool OverTcp, IPEndPoint Client, DnsMessage Message);

/// <summary>An authoritative DNS server for tests, listening on loopback UDP and TCP.</summary>
public sealed class AuthoritativeServer : IAsyncDisposable
{
    private readonly Socket _udp;
    private readonly Socket _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<AuthoritativeZone> _zones = [];
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;
    private int _disposed;

    private AuthoritativeServer(Socket udp, Socket tcp)
    {
        _udp = udp;
        _tcp = tcp;
        EndPoint = (IPEndPoint)udp.LocalEndPoint!;
        _udpLoop = Task.Run(UdpLoopAsync);
        _tcpLoop = Task.Run(TcpLoopAsync);
    }

    /// <summary>Starts a server on <paramref name="address"/>:<paramref name="port"/> (port 0: any free port).</summary>
    /// <exception cref="SocketException">The address and port are in use (for UDP or TCP).</exception>
    public static AuthoritativeServer Start(IPAddress address, int port = 0)
    {
        var udp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        var tcp = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            udp.Bind(new IPEndPoint(address, port));
            tcp.Bind(new IPEndPoint(address, ((IPEndPoint)udp.LocalEndPoint!).Port));
            tcp.Listen(128);
            return new AuthoritativeServer(udp, tcp);
        }
        catch
        {
            udp.Dispose();
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>The address and port (the same for UDP and TCP).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The server's address.</summary>
    public IPAddress Address => EndPoint.Address;

    /// <summary>Every query received, in arrival order.</summary>
    public ConcurrentQueue<ReceivedQuery> Queries { get; } = new();

    /// <summary>Never answer (a black hole). Queries are still logged.</summary>
    public bool Silent { get; set; }

    /// <summary>
    /// A lossy path: when it returns true for a UDP query (logged first), the query is dropped as a lost
    /// packet would be — no answer. Called on the server's receive loop, one query at a time.
    /// </summary>
    public Func<DnsMessage, bool>? DropUdp { get; set; }

    /// <summary>Answer every UDP query with TC=1 and empty sections.</summary>
    public bool TruncateAllUdp { get; set; }

    /// <summary>Decoy datagrams to send before each real UDP answer.</summary>
    public DecoyKind Decoys { get; set; }

    /// <summary>Rewrites each answer before it is sent (the query, the answer; return the answer to send).</summary>
    public Func<DnsMessage, DnsMessage, DnsMessage>? Rewrite { get; set; }

    /// <summary>The RCODE to answer every query with instead of looking at the zones (e.g. REFUSED), or null.</summary>
    public ResponseCode? ForcedResponseCode { get; set; }

    /// <summary>Adds a zone given as zone-file text, replacing any zone with the same origin.</summary>
    public AuthoritativeServer AddZone(string origin, string text)
    {
        AuthoritativeZone zone = AuthoritativeZone.Parse(origin, text);
        lock (_zones)
        {
            _zones.RemoveAll(z => z.Origin.Equals(zone.Origin));
            _zones.Add(zone);
        }

        return this;
    }

    /// <summary>How many queries for this name and type arrived.</summary>
    public int CountQueries(string name, RrType type)
    {
        DnsName n = DnsName.Parse(name);
        return Queries.Count(q => q.Question.Name.Equals(n) && q.Question.Type == type);
    }

    /// <summary>Computes the answer to <paramref name="query"/> (without transport limits).</summary>
    public DnsMessage Answer(DnsMessage query)
    {
        var response = new DnsMessage
        {
            Id = query.Id,
            IsResponse = true,
            OpCode = query.OpCode,
            RecursionDesired = query.RecursionDesired,
            CheckingDisabled = query.CheckingDisabled,
        };
        foreach (DnsQuestion q in query.Questions)
        {
            response.Questions.Add(q);
        }

        if (query.Edns is not null)
        {
            response.Edns = new EdnsRecord { DnssecOk = query.Edns.DnssecOk, UdpPayloadSize = 1232 };
        }

        if (query.Questions.Count != 1)
        {
            response.ResponseCode = ResponseCode.FormErr;
            return response;
        }

        if (ForcedResponseCode is ResponseCode forced)
        {
            response.ResponseCode = forced;
            return response;
        }

        DnsQuestion question = query.Questions[0];
        AuthoritativeZone? zone;
        lock (_zones)
        {
            zone = _zones.Where(z => question.Name.IsSubdomainOf(z.Origin)).MaxBy(z => z.Origin.LabelCount);
        }

        if (zone is null)
        {
            response.ResponseCode = ResponseCode.Refused;
            return response;
        }

        zone.Answer(question, query.Edns?.DnssecOk == true, response);
        return Rewrite is null ? response : Rewrite(query, response);
    }

    private async Task UdpLoopAsync()
    {
        byte[] buffer = new byte[65535];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                continue;   // e.g. ICMP port unreachable reported for an earlier reply
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var client = (IPEndPoint)received.RemoteEndPoint;
            if (!DnsMessage.TryParse(buffer.AsSpan(0, received.ReceivedBytes), out DnsMessage? query) || query.IsResponse)
            {
                continue;
            }

            if (query.Questions.Count == 1)
            {
                Queries.Enqueue(new ReceivedQuery(query.Questions[0], false, client, query));
            }

            if (Silent || DropUdp?.Invoke(query) == true)
            {
                continue;
            }

            DnsMessage response = Answer(query);
            int limit = query.Edns is null ? 512 : Math.Max((int)query.Edns.UdpPayloadSize, 512);
            byte[] wire = response.ToWire();
            if (TruncateAllUdp || wire.Length > limit)
            {
                response.IsTruncated = true;
                response.Answers.Clear();
                response.Authorities.Clear();
                response.Additionals.Clear();
                wire = response.ToWire();
            }

            try
            {
                await SendDecoysAsync(query, wire, client);
                await _udp.SendToAsync(wire, SocketFlags.None, client);
            }
            catch (SocketException)
            {
                // the client went away: nothing to do
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task SendDecoysAsync(DnsMessage query, byte[] realAnswer, IPEndPoint client)
    {
        if (Decoys.HasFlag(DecoyKind.WrongId))
        {
            byte[] copy = (byte[])realAnswer.Clone();
            BinaryPrimitives.WriteUInt16BigEndian(copy, (ushort)(query.Id ^ 0x5a5a));
            await _udp.SendToAsync(copy, SocketFlags.None, client);
        }

        if (Decoys.HasFlag(DecoyKind.WrongQuestion))
        {
            var spoof = new DnsMessage { Id = query.Id, IsResponse = true, IsAuthoritativeAnswer = true };
            var name = DnsName.Parse("decoy.invalid.");
            spoof.Questions.Add(new DnsQuestion(name, query.Questions[0].Type));
            spoof.Answers.Add(new ResourceRecord(query.Questions[0].Name, 60, new Resolver.Protocol.Records.AData(IPAddress.Parse("192.0.2.66"))));
            await _udp.SendToAsync(spoof.ToWire(), SocketFlags.None, client);
        }

        if (Decoys.HasFlag(DecoyKind.WrongSourcePort))
        {
            using var other = new Socket(Address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            other.Bind(new IPEndPoint(Address, 0));
            await other.SendToAsync(realAnswer, SocketFlags.None, client);
        }
    }

    private async Task TcpLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _tcp.AcceptAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            _ = Task.Run(() => ServeTcpAsync(connection));
        }
    }

    private async Task ServeTcpAsync(Socket connection)
    {
        using Socket socket = connection;
        using var stream = new NetworkStream(socket, ownsSocket: false);
        byte[] lengthBytes = new byte[2];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await stream.ReadExactlyAsync(lengthBytes, _stop.Token);
                byte[] body = new byte[BinaryPrimitives.ReadUInt16BigEndian(lengthBytes)];
                await stream.ReadExactlyAsync(body, _stop.Token);
                if (!DnsMessage.TryParse(body, out DnsMessage? query) || query.Questions.Count != 1)
                {
                    return;
                }

                Queries.Enqueue(new ReceivedQuery(query.Questions[0], true, (IPEndPoint)socket.RemoteEndPoint!, query));
                if (Silent)
                {
                    continue;
                }

                byte[] wire = Answer(query).ToWire();
                byte[] framed = new byte[wire.Length + 2];
                BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)wire.Length);
                wire.CopyTo(framed, 2);
                await stream.WriteAsync(framed, _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // connection closed or server stopping
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp.Dispose();
        try
        {
            await Task.WhenAll(_udpLoop, _tcpLoop);
        }
        catch (Exception)
        {
            // loops end with whatever the closed sockets threw
        }

        _stop.Dispose();
    }
}

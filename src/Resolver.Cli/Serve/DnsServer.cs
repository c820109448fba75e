// DnsServer: serve's sockets — one UDP socket and one TCP listener on the same address and port.
// Several receive loops share the UDP socket (one per core by default), and each datagram is
// answered on the loop's own thread until the answer has to wait (a cache hit is sent before the
// loop receives again; a resolution continues on its own task); at most MaxConcurrentQueries are in
// flight (a loop waits for a slot, so a flood queues in the kernel instead of in memory). Queries
// are logged one line each only when asked (a synchronous line per query costs more than a cached
// answer). TCP connections (RFC 7766: 2-byte length prefix, several queries per connection) share
// their slots by TcpLimits: a cap per client address, a deadline per message, an idle timeout that
// shrinks when the slots fill up — so slow or silent connections cannot lock honest clients out. TCP
// connections (RFC 7766: 2-byte length prefix, several queries per connection, idle timeout) are
// bounded too. Shutdown cancels the loops and waits for the queries in flight.
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Resolver.Cli.Serve;

internal sealed class DnsServer : IDisposable
{
    public const int MaxConcurrentQueries = 256;

    private readonly Socket _udp;
    private readonly TcpListener _tcp;
    private readonly QueryHandler _handler;
    private readonly ServerLog _log;
    private readonly SemaphoreSlim _queries = new(MaxConcurrentQueries, MaxConcurrentQueries);
    private readonly SemaphoreSlim _connections;
    private readonly ConcurrentDictionary<IPAddress, int> _perClient = new();
    private readonly TcpLimits _tcpLimits;
    private readonly int _receiveLoops;
    private readonly bool _logQueries;

    private DnsServer(Socket udp, TcpListener tcp, QueryHandler handler, ServerLog log, int receiveLoops, bool logQueries, TcpLimits tcpLimits)
    {
        _udp = udp;
        _tcp = tcp;
        _handler = handler;
        _log = log;
        _receiveLoops = receiveLoops;
        _logQueries = logQueries;
        _tcpLimits = tcpLimits;
        _connections = new SemaphoreSlim(tcpLimits.MaxConnections, tcpLimits.MaxConnections);
        EndPoint = (IPEndPoint)udp.LocalEndPoint!;
    }

    /// <summary>The address and port both sockets listen on (the real port when 0 was asked).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Binds UDP and TCP on <paramref name="listen"/> (port 0: an ephemeral port free for both).</summary>
    /// <param name="listen">Address and port.</param>
    /// <param name="handler">Answers each query.</param>
    /// <param name="log">Start, stop, errors, and (with <paramref name="logQueries"/>) one line per query.</param>
    /// <param name="receiveLoops">UDP receive loops sharing the socket; at least 1.</param>
    /// <param name="logQueries">True to log one line per query.</param>
    /// <param name="tcpLimits">How TCP slots are shared; the defaults when null.</param>
    /// <exception cref="SocketException">The address cannot be bound (in use, not local, no permission).</exception>
    public static DnsServer Start(IPEndPoint listen, QueryHandler handler, ServerLog log, int receiveLoops = 1, bool logQueries = true, TcpLimits? tcpLimits = null)
    {
        ArgumentNullException.ThrowIfNull(listen);
        tcpLimits ??= new TcpLimits();
        tcpLimits.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(receiveLoops, 1);
        for (int attempt = 0; ; attempt++)
        {
            var udp = new Socket(listen.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            TcpListener? tcp = null;
            try
            {
                udp.Bind(listen);
                tcp = new TcpListener(new IPEndPoint(listen.Address, ((IPEndPoint)udp.LocalEndPoint!).Port));
                tcp.Start(backlog: 64);
                return new DnsServer(udp, tcp, handler, log, receiveLoops, logQueries, tcpLimits);
            }
            catch (SocketException) when (listen.Port == 0 && attempt < 10)
            {
                // The ephemeral UDP port was taken for TCP by someone else: try another.
                tcp?.Stop();
                udp.Dispose();
            }
            catch
            {
                tcp?.Stop();
                udp.Dispose();
                throw;
            }
        }
    }

    /// <summary>Answers queries until <paramref name="cancellationToken"/> is cancelled, then waits for those in flight.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var loops = new List<Task>();
        for (int i = 0; i < _receiveLoops; i++)
        {
            loops.Add(Task.Run(() => UdpLoopAsync(cancellationToken), CancellationToken.None));
        }

        loops.Add(Task.Run(() => TcpLoopAsync(cancellationToken), CancellationToken.None));
        await Task.WhenAll(loops).ConfigureAwait(false);

        // Every slot free again = every query answered or abandoned.
        for (int i = 0; i < MaxConcurrentQueries; i++)
        {
            if (!await _queries.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false))
            {
                _log.Warning("shutdown: queries still in flight after 5 s; leaving them");
                break;
            }
        }

        for (int i = 0; i < _tcpLimits.MaxConnections; i++)
        {
            if (!await _connections.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false))
            {
                _log.Warning("shutdown: TCP connections still open after 5 s; leaving them");
                break;
            }
        }
    }

    public void Dispose()
    {
        _udp.Dispose();
        _tcp.Stop();
        _tcp.Dispose();
        _queries.Dispose();
        _connections.Dispose();
    }

    private async Task UdpLoopAsync(CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[ushort.MaxValue];
        byte[] cached = new byte[QueryHandler.MaxUdpResponse];
        // One SocketAddress per loop, received into and sent to in place: a cache hit allocates nothing.
        var address = new SocketAddress(_udp.AddressFamily);
        var any = new IPEndPoint(EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            int receivedBytes;
            try
            {
                await _queries.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                receivedBytes = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, address, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _queries.Release();
                return;
            }
            catch (SocketException e)
            {
                // E.g. an ICMP error for an earlier reply surfacing here; the socket is still good.
                _queries.Release();
                _log.Warning($"udp receive: {e.Message}");
                continue;
            }

            int length = _logQueries ? 0 : _handler.TryAnswerFromCache(buffer.AsSpan(0, receivedBytes), cached);
            if (length > 0)
            {
                // Answered from the answer cache: sent before this loop receives again.
                try
                {
                    await _udp.SendToAsync(cached.AsMemory(0, length), SocketFlags.None, address, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (SocketException e)
                {
                    _log.Warning($"udp send: {e.Message}");
                }
                finally
                {
                    _queries.Release();
                }

                continue;
            }

            byte[] query = buffer.AsSpan(0, receivedBytes).ToArray();
            var client = (IPEndPoint)any.Create(address);
            // Runs here until it has to wait; the rest goes on without holding up this loop.
            _ = AnswerUdpAsync(query, client, cancellationToken);
        }
    }

    private async Task AnswerUdpAsync(byte[] query, IPEndPoint client, CancellationToken cancellationToken)
    {
        try
        {
            HandledQuery handled = await _handler.HandleAsync(query, udp: true, cancellationToken, describe: _logQueries).ConfigureAwait(false);
            if (_logQueries)
            {
                _log.Information($"{client} udp {handled.LogLine}");
            }

            if (handled.Response is { } response)
            {
                await _udp.SendToAsync(response, SocketFlags.None, client, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // one failed send must not stop the server
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.Error($"{client} udp: {e.Message}");
        }
        finally
        {
            _queries.Release();
        }
    }

    private async Task TcpLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _tcp.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException e)
            {
                _log.Warning($"tcp accept: {e.Message}");
                continue;
            }

            IPAddress source = (connection.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
            if (_perClient.AddOrUpdate(source, 1, (_, n) => n + 1) > _tcpLimits.MaxConnectionsPerClient)
            {
                // One address may not take more than its share of the slots (a slowloris from one host).
                ReleaseClientSlot(source);
                connection.Dispose();
                continue;
            }

            if (!_connections.Wait(0, CancellationToken.None))
            {
                _log.Warning($"{connection.RemoteEndPoint} tcp: too many connections; closed");
                ReleaseClientSlot(source);
                connection.Dispose();
                continue;
            }

            _ = Task.Run(() => ServeConnectionAsync(connection, source, cancellationToken), CancellationToken.None);
        }
    }

    private void ReleaseClientSlot(IPAddress source)
    {
        if (_perClient.AddOrUpdate(source, 0, (_, n) => n - 1) <= 0)
        {
            _perClient.TryRemove(new KeyValuePair<IPAddress, int>(source, 0));
        }
    }

    // The idle timeout for the next message: shorter while more than half of the slots are taken.
    private TimeSpan IdleTimeout() =>
        _tcpLimits.MaxConnections - _connections.CurrentCount > _tcpLimits.MaxConnections / 2 ? _tcpLimits.BusyIdleTimeout : _tcpLimits.IdleTimeout;

    private async Task ServeConnectionAsync(Socket connection, IPAddress source, CancellationToken cancellationToken)
    {
        EndPoint? client = connection.RemoteEndPoint;
        try
        {
            using var stream = new NetworkStream(connection, ownsSocket: true);
            byte[] prefix = new byte[2];
            while (true)
            {
                int length;
                byte[] query;
                try
                {
                    // The first byte may take the idle timeout; from then on the whole message has to
                    // arrive within the message deadline, however many times a byte trickles in.
                    using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                    {
                        idle.CancelAfter(IdleTimeout());
                        if (!await ReadExactlyOrEndAsync(stream, prefix.AsMemory(0, 1), idle.Token).ConfigureAwait(false))
                        {
                            return;
                        }
                    }

                    using var message = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    message.CancelAfter(_tcpLimits.MessageDeadline);
                    await ReadExactlyOrEndAsync(stream, prefix.AsMemory(1, 1), message.Token, midMessage: true).ConfigureAwait(false);
                    length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
                    query = new byte[length];
                    await ReadExactlyOrEndAsync(stream, query, message.Token, midMessage: true).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return; // idle timeout, message deadline or shutdown (RFC 7766 §6.2.3)
                }

                await _queries.WaitAsync(cancellationToken).ConfigureAwait(false);
                HandledQuery handled;
                try
                {
                    handled = await _handler.HandleAsync(query, udp: false, cancellationToken, describe: _logQueries).ConfigureAwait(false);
                }
                finally
                {
                    _queries.Release();
                }

                if (_logQueries)
                {
                    _log.Information($"{client} tcp {handled.LogLine}");
                }

                if (handled.Response is not { } response)
                {
                    return;
                }

                byte[] framed = new byte[response.Length + 2];
                BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)response.Length);
                response.CopyTo(framed, 2);
                await stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (IOException e)
        {
            _log.Warning($"{client} tcp: {e.Message}");
        }
#pragma warning disable CA1031 // one broken connection must not stop the server
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.Error($"{client} tcp: {e.Message}");
        }
        finally
        {
            _connections.Release();
            ReleaseClientSlot(source);
        }
    }

    // Reads the whole buffer; false when the peer closed the connection before the first byte (of a
    // message: inside one, a close is an error).
    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken, bool midMessage = false)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer[read..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return read == 0 && buffer.Length > 0 && !midMessage ? false : throw new EndOfStreamException("connection closed in the middle of a message");
            }

            read += n;
        }

        return true;
    }
}

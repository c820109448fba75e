// DnsServer: serve's sockets — one UDP socket and one TCP listener on the same address and port.
// Several receive loops share the UDP socket (one per core by default): on Linux each takes up to 32
// datagrams per system call and sends the cache hits' answers with one more (LinuxUdpBatch), elsewhere
// each datagram is answered on the loop's own thread until the answer has to wait (a cache hit is sent
// before the loop receives again; a resolution continues on its own task); at most MaxConcurrentQueries are in
// flight (a loop waits for a slot, so a flood queues in the kernel instead of in memory). Queries
// are logged one line each only when asked (a synchronous line per query costs more than a cached
// answer). TCP connections (RFC 7766: 2-byte length prefix, several queries per connection) share
// their slots (TcpSlots; the TCP side is DnsServer.Tcp.cs) so slow or silent connections cannot lock
// honest clients out. Shutdown cancels the loops and waits for the queries in flight.
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Resolver.Cli.Serve;

internal sealed partial class DnsServer : IDisposable
{
    public const int MaxConcurrentQueries = 256;

    // How long an idle batched UDP loop waits in poll(2) before it looks for a shutdown.
    private static readonly TimeSpan UdpIdlePoll = TimeSpan.FromMilliseconds(250);

    private readonly Socket _udp;
    private readonly TcpListener _tcp;
    private readonly (TcpListener Listener, X509Certificate2 Certificate)? _tls;   // DNS over TLS (RFC 7858), when asked
    private readonly QueryHandler _handler;
    private readonly ServerLog _log;
    private readonly SemaphoreSlim _queries = new(MaxConcurrentQueries, MaxConcurrentQueries);
    private readonly TcpSlots _tcpSlots;
    private readonly SemaphoreSlim _pendingConnections;   // connections waiting for a slot (DnsServer.Tcp)
    private readonly TcpLimits _tcpLimits;
    private readonly int _receiveLoops;
    private readonly bool _logQueries;

    private DnsServer(
        Socket udp, TcpListener tcp, (TcpListener Listener, X509Certificate2 Certificate)? tls, QueryHandler handler, ServerLog log, int receiveLoops, bool logQueries, TcpLimits tcpLimits)
    {
        _udp = udp;
        _tcp = tcp;
        _tls = tls;
        TlsEndPoint = (IPEndPoint?)tls?.Listener.LocalEndpoint;
        _handler = handler;
        _log = log;
        _receiveLoops = receiveLoops;
        _logQueries = logQueries;
        _tcpLimits = tcpLimits;
        _tcpSlots = new TcpSlots(tcpLimits);
        _pendingConnections = new SemaphoreSlim(tcpLimits.MaxConnections, tcpLimits.MaxConnections);
        EndPoint = (IPEndPoint)udp.LocalEndPoint!;
    }

    /// <summary>The address and port both sockets listen on (the real port when 0 was asked).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Where DNS over TLS is served (the real port when 0 was asked); null when it is not.</summary>
    public IPEndPoint? TlsEndPoint { get; }

    /// <summary>Binds UDP and TCP on <paramref name="listen"/> (port 0: an ephemeral port free for both).</summary>
    /// <param name="listen">Address and port.</param>
    /// <param name="handler">Answers each query.</param>
    /// <param name="log">Start, stop, errors, and (with <paramref name="logQueries"/>) one line per query.</param>
    /// <param name="receiveLoops">UDP receive loops sharing the socket; at least 1.</param>
    /// <param name="logQueries">True to log one line per query.</param>
    /// <param name="tcpLimits">How TCP slots are shared; the defaults when null.</param>
    /// <param name="tls">
    /// Also serve DNS over TLS (RFC 7858) on this address with this certificate (holding its private
    /// key): the same queries, sharing the TCP slots and limits. None when null.
    /// </param>
    /// <exception cref="SocketException">An address cannot be bound (in use, not local, no permission).</exception>
    public static DnsServer Start(
        IPEndPoint listen, QueryHandler handler, ServerLog log, int receiveLoops = 1, bool logQueries = true, TcpLimits? tcpLimits = null,
        (IPEndPoint Listen, X509Certificate2 Certificate)? tls = null)
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
                TcpListener? tlsListener = null;
                if (tls is var (tlsAddress, certificate))
                {
                    tlsListener = new TcpListener(tlsAddress);
                    try
                    {
                        tlsListener.Start(backlog: 64);
                    }
                    catch
                    {
                        tlsListener.Dispose();
                        throw;
                    }

                    return new DnsServer(udp, tcp, (tlsListener, certificate), handler, log, receiveLoops, logQueries, tcpLimits);
                }

                return new DnsServer(udp, tcp, null, handler, log, receiveLoops, logQueries, tcpLimits);
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
            LinuxUdpBatch? batch = _logQueries ? null : LinuxUdpBatch.TryCreate(_udp);
            loops.Add(batch is not null
                ? BatchLoopThread(batch, cancellationToken)
                : Task.Run(() => UdpLoopAsync(cancellationToken), CancellationToken.None));
        }

        loops.Add(Task.Run(() => TcpLoopAsync(_tcp, null, cancellationToken), CancellationToken.None));
        if (_tls is var (tlsListener, certificate))
        {
            loops.Add(Task.Run(() => TcpLoopAsync(tlsListener, certificate, cancellationToken), CancellationToken.None));
        }
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

        if (!await _tcpSlots.DrainAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false))
        {
            _log.Warning("shutdown: TCP connections still open after 5 s; leaving them");
        }
    }

    public void Dispose()
    {
        _udp.Dispose();
        _tcp.Stop();
        _tcp.Dispose();
        _tls?.Listener.Stop();
        _tls?.Listener.Dispose();
        _queries.Dispose();
        _tcpSlots.Dispose();
        _pendingConnections.Dispose();
    }

    // The batched receive loop (Linux): on a thread of its own, as it blocks in poll(2) when idle.
    private Task BatchLoopThread(LinuxUdpBatch batch, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Resolve(byte[] query, IPEndPoint client)
        {
            // At most MaxConcurrentQueries resolutions at once: the loop waits for a slot (a flood
            // queues in the kernel, not in memory). Runs here until it has to wait.
            _queries.Wait(cancellationToken);
            _ = AnswerUdpAsync(query, client, cancellationToken);
        }

        var thread = new Thread(() =>
        {
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    try
                    {
                        batch.ReceiveAndAnswer(_handler, Resolve, UdpIdlePoll);
                    }
                    catch (SocketException e)
                    {
                        // E.g. an ICMP error for an earlier reply surfacing here; the socket is still good.
                        _log.Warning($"udp: {e.Message}");
                    }
                }

                done.SetResult();
            }
            catch (OperationCanceledException)
            {
                done.SetResult();
            }
#pragma warning disable CA1031 // the loop's failure is the server's
            catch (Exception e)
#pragma warning restore CA1031
            {
                done.SetException(e);
            }
            finally
            {
                batch.Dispose();
            }
        })
        {
            IsBackground = true,
            Name = "serve udp batch",
        };
        thread.Start();
        return done.Task;
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
}

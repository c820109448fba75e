// TcpConnectionPool: at most one open TCP connection per server, shared by every query to it and
// pipelined (RFC 7766 §6.2.1: clients SHOULD NOT open more than one connection to a server for regular
// queries, and reuse it, instead of a new socket and handshake per query). Concurrent first queries wait
// for the same connect. A connection idle for IdleTimeout is closed by a sweep (RFC 7766 §6.2.3: an
// idle connection is closed, as servers close theirs after their own timeout; Unbound's
// tcp-reuse-timeout); one that has carried MaxQueries queries retires (Unbound's max-reuse-tcp-queries).
// A query on a reused connection that the server closed meanwhile is sent again once on a fresh one
// (RFC 7766 §6.2.3 has both sides cope with the other closing at any time).
using System.Collections.Concurrent;
using System.Net;

namespace Resolver.Transport;

internal sealed class TcpConnectionPool : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleTimeout;
    private readonly int _maxQueries;
    private readonly Func<IPEndPoint, Stream, CancellationToken, Task<Stream>>? _secure;
    private readonly ConcurrentDictionary<IPEndPoint, Task<PipelinedTcpConnection>> _connections = new();
    private readonly ConcurrentQueue<PipelinedTcpConnection> _retired = new();   // closed once their last query is answered
    private readonly ITimer _sweep;
    private int _disposed;

    /// <param name="time">The clock for timeouts and the idle sweep.</param>
    /// <param name="idleTimeout">How long an unused connection stays open.</param>
    /// <param name="maxQueriesPerConnection">Queries a connection carries before it retires.</param>
    /// <param name="secure">For DNS over TLS: wraps each new TCP stream in TLS (the handshake included); null for plain TCP.</param>
    public TcpConnectionPool(TimeProvider time, TimeSpan idleTimeout, int maxQueriesPerConnection, Func<IPEndPoint, Stream, CancellationToken, Task<Stream>>? secure = null)
    {
        _secure = secure;
        _time = time;
        _idleTimeout = idleTimeout;
        _maxQueries = maxQueriesPerConnection;
        // Swept at half the idle timeout (at least every second), so a connection closes within 1.5× of it.
        TimeSpan every = idleTimeout / 2 < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : idleTimeout / 2;
        _sweep = time.CreateTimer(_ => CloseIdle(), null, every, every);
    }

    /// <summary>Connections open now (for tests and metrics).</summary>
    public int OpenConnections => _connections.Values.Count(t => t.IsCompletedSuccessfully && t.Result.IsUsable);

    /// <summary>
    /// Sends <paramref name="query"/> on the server's connection (opening one when there is none) and
    /// returns the ID used and the response.
    /// </summary>
    /// <exception cref="System.Net.Sockets.SocketException">The connect failed.</exception>
    /// <exception cref="IOException">The connection failed.</exception>
    /// <exception cref="TimeoutException">No response in time.</exception>
    /// <exception cref="OperationCanceledException">The connect timed out, or <paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<(ushort Id, byte[] Response)> ExchangeAsync(
        IPEndPoint server, ReadOnlyMemory<byte> query, TransportOptions options, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        (PipelinedTcpConnection connection, bool reused) = await GetAsync(server, options, cancellationToken).ConfigureAwait(false);
        try
        {
            return await connection.ExchangeAsync(query, options.TcpReadTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException) when (reused && !cancellationToken.IsCancellationRequested)
        {
            // The server closed the reused connection (its idle timeout) before or as the query went out.
            Forget(server, connection);
            (connection, _) = await GetAsync(server, options, cancellationToken).ConfigureAwait(false);
            return await connection.ExchangeAsync(query, options.TcpReadTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _sweep.Dispose();
        foreach (Task<PipelinedTcpConnection> pending in _connections.Values)
        {
            if (pending.IsCompletedSuccessfully)
            {
                pending.Result.Dispose();
            }
        }

        _connections.Clear();
    }

    // The server's usable connection, or a new one; `reused` when it was open before this call.
    private async Task<(PipelinedTcpConnection Connection, bool Reused)> GetAsync(IPEndPoint server, TransportOptions options, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_connections.TryGetValue(server, out Task<PipelinedTcpConnection>? existing))
            {
                if (!existing.IsCompleted)
                {
                    // Another query is connecting: share its connect (its own timeout bounds it).
                    try
                    {
                        return (await existing.WaitAsync(cancellationToken).ConfigureAwait(false), false);
                    }
                    catch (Exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        _connections.TryRemove(new KeyValuePair<IPEndPoint, Task<PipelinedTcpConnection>>(server, existing));
                        throw;
                    }
                }

                if (existing.IsCompletedSuccessfully && existing.Result.IsUsable)
                {
                    return (existing.Result, true);
                }

                // Failed, closed or retired: replaced below (a retired one closes when its last query is answered).
                if (_connections.TryRemove(new KeyValuePair<IPEndPoint, Task<PipelinedTcpConnection>>(server, existing)) &&
                    existing.IsCompletedSuccessfully)
                {
                    RetireWhenIdle(existing.Result);
                }

                continue;
            }

            // The connect is not tied to one caller's token: others may come to share it.
            Task<PipelinedTcpConnection> connecting = PipelinedTcpConnection.ConnectAsync(server, options.TcpConnectTimeout, _maxQueries, _time, _secure, CancellationToken.None);
            if (!_connections.TryAdd(server, connecting))
            {
                _ = connecting.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                continue;
            }

            try
            {
                return (await connecting.WaitAsync(cancellationToken).ConfigureAwait(false), false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _connections.TryRemove(new KeyValuePair<IPEndPoint, Task<PipelinedTcpConnection>>(server, connecting));
                throw;
            }
        }
    }

    private void Forget(IPEndPoint server, PipelinedTcpConnection connection)
    {
        if (_connections.TryGetValue(server, out Task<PipelinedTcpConnection>? current) &&
            current.IsCompletedSuccessfully && ReferenceEquals(current.Result, connection))
        {
            _connections.TryRemove(new KeyValuePair<IPEndPoint, Task<PipelinedTcpConnection>>(server, current));
        }

        connection.Dispose();
    }

    private void RetireWhenIdle(PipelinedTcpConnection connection)
    {
        if (connection.IsIdle)
        {
            connection.Dispose();
        }
        else
        {
            // Its last queries are still waiting: the idle sweep closes it once they are answered.
            _retired.Enqueue(connection);
        }
    }

    private void CloseIdle()
    {
        foreach (KeyValuePair<IPEndPoint, Task<PipelinedTcpConnection>> entry in _connections)
        {
            if (entry.Value.IsCompletedSuccessfully && entry.Value.Result is { } connection &&
                (!connection.IsUsable || (connection.IsIdle && connection.IdleFor >= _idleTimeout)) &&
                _connections.TryRemove(entry))
            {
                RetireWhenIdle(connection);
            }
        }

        for (int n = _retired.Count; n > 0 && _retired.TryDequeue(out PipelinedTcpConnection? old); n--)
        {
            if (old.IsIdle || old.IdleFor >= _idleTimeout)
            {
                old.Dispose();
            }
            else
            {
                _retired.Enqueue(old);
            }
        }
    }
}

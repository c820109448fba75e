// PipelinedTcpConnection: one TCP connection to a DNS server — plain, or TLS over it for DNS over TLS
// (RFC 7858 §3.3: the same length-prefixed messages) — that carries many queries at once (RFC 7766
// §6.2.1.1: clients SHOULD pipeline; responses may come back in any order, §7). Each query gets an ID
// from the CSPRNG that no other query in flight on this connection has (RFC 5452 §9.2; §7 of RFC 7766:
// the ID is what pairs a response with its query on a shared connection); one reader dispatches each
// response to the query with its ID and drops any other (a late answer to a query that timed out). A
// read error or the server closing the connection fails every query still waiting, and the connection
// takes no more. It also retires after MaxQueries queries, so no connection lives forever.
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Resolver.Transport;

internal sealed class PipelinedTcpConnection : IDisposable
{
    private readonly Stream _stream;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentDictionary<ushort, TaskCompletionSource<byte[]>> _waiting = new();
    private readonly TimeProvider _time;
    private readonly int _maxQueries;
    private int _sent;
    private int _closed;
    private long _lastUsed;

    private PipelinedTcpConnection(Stream stream, TimeProvider time, int maxQueries)
    {
        _stream = stream;
        _time = time;
        _maxQueries = maxQueries;
        _lastUsed = time.GetTimestamp();
        _ = Task.Run(ReadLoopAsync);
    }

    /// <summary>The server this connection goes to.</summary>
    public required IPEndPoint Server { get; init; }

    /// <summary>True while the connection takes new queries (open, and fewer than MaxQueries sent).</summary>
    public bool IsUsable => Volatile.Read(ref _closed) == 0 && Volatile.Read(ref _sent) < _maxQueries;

    /// <summary>True when no query waits for its response.</summary>
    public bool IsIdle => _waiting.IsEmpty;

    /// <summary>How long since a query was last sent or answered on this connection.</summary>
    public TimeSpan IdleFor => _time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    /// <summary>
    /// Opens a connection to <paramref name="server"/> within <paramref name="connectTimeout"/> —
    /// including, with <paramref name="secure"/>, the TLS handshake it runs over the TCP stream.
    /// </summary>
    /// <exception cref="SocketException">The connection was refused or failed.</exception>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The TLS handshake failed (certificate, pin, protocol).</exception>
    /// <exception cref="OperationCanceledException">The connect timed out or <paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<PipelinedTcpConnection> ConnectAsync(
        IPEndPoint server, TimeSpan connectTimeout, int maxQueries, TimeProvider time,
        Func<IPEndPoint, Stream, CancellationToken, Task<Stream>>? secure, CancellationToken cancellationToken)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            using var timeout = new CancellationTokenSource(connectTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            await socket.ConnectAsync(server, linked.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (secure is not null)
            {
                stream = await secure(server, stream, linked.Token).ConfigureAwait(false);
            }

            return new PipelinedTcpConnection(stream, time, maxQueries) { Server = server };
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="query"/> (unframed; its ID is replaced) and waits up to
    /// <paramref name="readTimeout"/> for the response with the same ID. Returns the ID used and the response.
    /// </summary>
    /// <exception cref="IOException">The connection failed or was closed before the response came.</exception>
    /// <exception cref="TimeoutException">No response within <paramref name="readTimeout"/>.</exception>
    public async Task<(ushort Id, byte[] Response)> ExchangeAsync(ReadOnlyMemory<byte> query, TimeSpan readTimeout, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _sent) > _maxQueries || Volatile.Read(ref _closed) != 0)
        {
            throw new IOException("the connection takes no more queries");
        }

        var answer = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        ushort id;
        do
        {
            id = (ushort)RandomNumberGenerator.GetInt32(0, 65536);
        }
        while (!_waiting.TryAdd(id, answer));

        try
        {
            if (Volatile.Read(ref _closed) != 0)
            {
                throw new IOException("the connection was closed");   // closed while the ID was chosen
            }

            byte[] framed = new byte[query.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
            query.Span.CopyTo(framed.AsSpan(2));
            BinaryPrimitives.WriteUInt16BigEndian(framed.AsSpan(2), id);
            Touch();
            using var timeout = new CancellationTokenSource(readTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await _writeGate.WaitAsync(linked.Token).ConfigureAwait(false);
                try
                {
                    await _stream.WriteAsync(framed, linked.Token).ConfigureAwait(false);
                }
                finally
                {
                    _writeGate.Release();
                }

                byte[] response = await answer.Task.WaitAsync(linked.Token).ConfigureAwait(false);
                Touch();
                return (id, response);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("no TCP response within " + readTimeout);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A write cut short leaves the stream mid-message: nothing more can be sent on it.
                Close(new IOException("a write was interrupted"));
                throw new IOException("the connection was closed");
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Close(new IOException(e.Message, e));
            throw new IOException(e.Message, e);
        }
        finally
        {
            _waiting.TryRemove(id, out _);
        }
    }

    /// <summary>Closes the connection; queries still waiting fail.</summary>
    public void Dispose() => Close(new IOException("the connection was closed"));

    private void Touch() => Interlocked.Exchange(ref _lastUsed, _time.GetTimestamp());

    private async Task ReadLoopAsync()
    {
        byte[] prefix = new byte[2];
        try
        {
            while (Volatile.Read(ref _closed) == 0)
            {
                await _stream.ReadExactlyAsync(prefix).ConfigureAwait(false);
                byte[] body = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                await _stream.ReadExactlyAsync(body).ConfigureAwait(false);
                if (body.Length >= 2 && _waiting.TryRemove(BinaryPrimitives.ReadUInt16BigEndian(body), out TaskCompletionSource<byte[]>? waiter))
                {
                    waiter.TrySetResult(body);
                }

                // Otherwise a late answer to a query that gave up, or noise: dropped.
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or EndOfStreamException)
        {
            Close(new IOException("the server closed the connection", e));
        }
    }

    private void Close(IOException reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        foreach (TaskCompletionSource<byte[]> waiter in _waiting.Values)
        {
            waiter.TrySetException(reason);
        }

        _stream.Dispose();
        _writeGate.Dispose();
    }
}

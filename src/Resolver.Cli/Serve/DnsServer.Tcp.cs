// DnsServer.Tcp: serve's TCP side (RFC 7766): accepts connections into the slots TcpSlots shares,
// reads length-prefixed queries (several per connection) with an idle timeout before each message
// and one deadline for the whole message once its first byte has arrived (RFC 7766 §6.2.3: a slow
// sender is cut off however often it sends a byte), and writes each answer back framed.
using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Resolver.Cli.Serve;

internal sealed partial class DnsServer
{
    // How long a connection that arrived while every slot was taken may take to send a whole query,
    // and how often a partly arrived one is looked at again.
    private static readonly TimeSpan s_pendingQueryWait = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_pendingPoll = TimeSpan.FromMilliseconds(5);

    // One accept loop per listener: plain TCP (certificate null) or DNS over TLS (RFC 7858).
    private async Task TcpLoopAsync(TcpListener listener, X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
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
            bool full = _tcpSlots.Full;
            if (full && !HasSpoken(connection, certificate))
            {
                // Every slot taken and no whole query yet: it may come in a moment (the client's first
                // segment can trail the handshake), so wait for it off the accept loop, a bounded number
                // of connections at a time; a connection that never sends one takes no slot.
                if (_pendingConnections.Wait(0, CancellationToken.None))
                {
                    _ = Task.Run(() => AwaitWholeQueryAsync(connection, source, certificate, cancellationToken), CancellationToken.None);
                }
                else
                {
                    connection.Dispose();
                }

                continue;
            }

            await TakeSlotAndServeAsync(connection, source, certificate, mayEvict: full, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task TakeSlotAndServeAsync(Socket connection, IPAddress source, X509Certificate2? certificate, bool mayEvict, CancellationToken cancellationToken)
    {
        TcpSlot? slot;
        try
        {
            slot = await _tcpSlots.TryTakeAsync(source, mayEvict, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            slot = null;
        }

        if (slot is null)
        {
            // Over its address's share, or every slot busy answering (none waiting to give up).
            connection.Dispose();
            return;
        }

        _ = Task.Run(() => ServeConnectionAsync(connection, slot, certificate, cancellationToken), CancellationToken.None);
    }

    // A connection that arrived while every slot was taken, given s_pendingQueryWait to send a whole query.
    private async Task AwaitWholeQueryAsync(Socket connection, IPAddress source, X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(s_pendingQueryWait);
            while (!HasSpoken(connection, certificate))
            {
                if (connection.Available == 0)
                {
                    await connection.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, wait.Token).ConfigureAwait(false);
                    if (connection.Available == 0)
                    {
                        connection.Dispose();   // closed by the client
                        return;
                    }
                }
                else
                {
                    await Task.Delay(s_pendingPoll, wait.Token).ConfigureAwait(false);   // part of a query: the rest may follow
                }
            }

            await TakeSlotAndServeAsync(connection, source, certificate, mayEvict: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            connection.Dispose();
        }
        finally
        {
            _pendingConnections.Release();
        }
    }

    // True when the client has sent what an honest one sends at once: a whole length-prefixed query
    // (RFC 7766 §8) over TCP; over TLS, whose bytes cannot be read before the handshake, its first flight.
    private static bool HasSpoken(Socket connection, X509Certificate2? certificate) =>
        certificate is null ? HasWholeQuery(connection) : connection.Available > 0;

    // True when a whole length-prefixed query has arrived (RFC 7766 §8), peeked without consuming it.
    private static bool HasWholeQuery(Socket connection)
    {
        int available = connection.Available;
        if (available < 2)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[2];
        return connection.Receive(prefix, SocketFlags.Peek) == 2 && available >= 2 + BinaryPrimitives.ReadUInt16BigEndian(prefix);
    }

    private async Task ServeConnectionAsync(Socket connection, TcpSlot slot, X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        EndPoint? client = connection.RemoteEndPoint;
        string transport = certificate is null ? "tcp" : "tls";
        try
        {
            await using Stream stream = certificate is null
                ? new NetworkStream(connection, ownsSocket: true)
                : await TlsHandshakeAsync(connection, certificate, cancellationToken).ConfigureAwait(false);
            byte[] prefix = new byte[2];
            while (true)
            {
                int length;
                byte[] query;
                try
                {
                    // The first byte may take the idle timeout; from then on the whole message has to
                    // arrive within the message deadline, however many times a byte trickles in. Until
                    // it has, the slot may be given to a new connection that sent a whole query.
                    slot.BeginWaiting();
                    using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, slot.Evicted))
                    {
                        idle.CancelAfter(_tcpSlots.IdleTimeout);
                        if (!await ReadExactlyOrEndAsync(stream, prefix.AsMemory(0, 1), idle.Token).ConfigureAwait(false))
                        {
                            return;
                        }
                    }

                    using var message = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, slot.Evicted);
                    message.CancelAfter(_tcpLimits.MessageDeadline);
                    await ReadExactlyOrEndAsync(stream, prefix.AsMemory(1, 1), message.Token, midMessage: true).ConfigureAwait(false);
                    length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
                    query = new byte[length];
                    await ReadExactlyOrEndAsync(stream, query, message.Token, midMessage: true).ConfigureAwait(false);
                    if (!slot.BeginAnswer())
                    {
                        return;   // evicted as the query completed: the slot is already promised away
                    }
                }
                catch (OperationCanceledException)
                {
                    return; // idle timeout, eviction, message deadline or shutdown (RFC 7766 §6.2.3)
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
                    _log.Information($"{client} {transport} {handled.LogLine}");
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
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            _log.Warning($"{client} {transport}: {e.Message}");
        }
#pragma warning disable CA1031 // one broken connection must not stop the server
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.Error($"{client} {transport}: {e.Message}");
        }
        finally
        {
            slot.Dispose();
        }
    }

    // DNS over TLS (RFC 7858 §3.2): the TLS handshake, within the message deadline (a client that
    // starts one and stalls holds its slot no longer than one that stalls mid-message).
    private async Task<Stream> TlsHandshakeAsync(Socket connection, X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var tls = new SslStream(new NetworkStream(connection, ownsSocket: true), leaveInnerStreamOpen: false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_tcpLimits.MessageDeadline);
        try
        {
            var options = new SslServerAuthenticationOptions { ServerCertificate = certificate, ApplicationProtocols = [new SslApplicationProtocol("dot")] };
            await tls.AuthenticateAsServerAsync(options, deadline.Token).ConfigureAwait(false);
            return tls;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"TLS handshake not completed within {_tcpLimits.MessageDeadline.TotalSeconds} s");
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
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

// DnsTransport: the real network implementation of IDnsTransport. UDP first, a new socket per query
// bound to port 0 (the OS picks a random source port) and a fresh 16-bit ID from the CSPRNG, so an
// off-path attacker has to guess both (RFC 5452 §9.2). The socket is connected, so the kernel drops
// datagrams from other addresses and reports ICMP port-unreachable at once (a closed port costs no
// timeout); the source, ID and question are still checked here. TC=1 → the same question over TCP
// with a 2-byte length prefix (RFC 1035 §4.2.2, RFC 7766), on the server's one reused, pipelined
// connection (TcpConnectionPool). Timeouts run on the injected TimeProvider.
using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Resolver.Protocol;

namespace Resolver.Transport;

/// <summary>
/// Sends DNS queries over UDP, retrying truncated answers over TCP on one reused, pipelined connection
/// per server. Dispose it to close those connections.
/// </summary>
public sealed class DnsTransport : IDnsTransport, IDisposable
{
    private const int MaxUdpDatagram = 65535;
    private readonly TimeProvider _time;
    private readonly ILogger<DnsTransport> _logger;
    private readonly TcpConnectionPool _tcp;

    /// <summary>Creates a transport.</summary>
    /// <param name="timeProvider">The clock for timeouts and round-trip times; the system clock when null.</param>
    /// <param name="logger">Where to log; nothing is logged when null.</param>
    /// <param name="options">Connection reuse (<see cref="TransportOptions.TcpIdleTimeout"/>, <see cref="TransportOptions.MaxQueriesPerTcpConnection"/>); the defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public DnsTransport(TimeProvider? timeProvider = null, ILogger<DnsTransport>? logger = null, TransportOptions? options = null)
    {
        options ??= TransportOptions.Default;
        options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<DnsTransport>.Instance;
        _tcp = new TcpConnectionPool(_time, options.TcpIdleTimeout, options.MaxQueriesPerTcpConnection);
    }

    /// <summary>Closes the open TCP connections.</summary>
    public void Dispose() => _tcp.Dispose();

    /// <inheritdoc/>
    public async Task<TransportResult> QueryAsync(IPEndPoint server, DnsMessage query, TransportOptions options, CancellationToken cancellationToken)
    {
        ResponseMatcher.CheckQueryArguments(server, query, options);

        cancellationToken.ThrowIfCancellationRequested();
        DnsQuestion question = query.Questions[0];
        byte[] wire = query.ToWire();
        long start = _time.GetTimestamp();
        if (!options.TcpOnly)
        {
            TransportResult udp = await QueryUdpAsync(server, wire, question, options, start, cancellationToken).ConfigureAwait(false);
            if (!udp.HasResponse || !udp.Response!.IsTruncated || !options.RetryTruncatedOverTcp)
            {
                return udp;
            }

            Log.TruncatedRetryingTcp(_logger, question.Name, question.Type, server);
        }

        return await QueryTcpAsync(server, wire, question, options, start, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TransportResult> QueryUdpAsync(
        IPEndPoint server, byte[] wire, DnsQuestion question, TransportOptions options, long start, CancellationToken cancellationToken)
    {
        ushort id = NewId(wire);
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        using var timeout = new CancellationTokenSource(options.UdpTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxUdpDatagram);
        try
        {
            socket.Bind(new IPEndPoint(AnyAddress(server), 0));
            await socket.ConnectAsync(server, linked.Token).ConfigureAwait(false);
            await socket.SendAsync(wire, SocketFlags.None, linked.Token).ConfigureAwait(false);
            EndPoint anyRemote = new IPEndPoint(AnyAddress(server), 0);
            while (true)
            {
                SocketReceiveFromResult received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, anyRemote, linked.Token).ConfigureAwait(false);
                ReadOnlySpan<byte> datagram = buffer.AsSpan(0, received.ReceivedBytes);
                var from = (IPEndPoint)received.RemoteEndPoint;
                if (!ResponseMatcher.SourceMatches(from, server))
                {
                    Log.IgnoredResponse(_logger, server, "source " + from);
                    continue;
                }

                if (!ResponseMatcher.IdMatches(datagram, id))
                {
                    Log.IgnoredResponse(_logger, server, "wrong ID");
                    continue;
                }

                if (!DnsMessage.TryParse(datagram, out DnsMessage? response, out string? error))
                {
                    // Source and ID match: this is the server's answer, and it is broken.
                    Log.MalformedResponse(_logger, server, error ?? "unparseable");
                    return TransportResult.Failure(TransportStatus.Malformed, server, false, _time.GetElapsedTime(start), error ?? "unparseable");
                }

                if (!ResponseMatcher.QuestionMatches(response, question))
                {
                    Log.IgnoredResponse(_logger, server, "question does not match");
                    continue;
                }

                return TransportResult.FromResponse(server, response, false, _time.GetElapsedTime(start));
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Log.QueryTimedOut(_logger, question.Name, question.Type, server, "udp");
            return TransportResult.Failure(TransportStatus.Timeout, server, false, _time.GetElapsedTime(start), "no UDP response within " + OptionLimit.Format(options.UdpTimeout));
        }
        catch (SocketException e)
        {
            string why = SocketErrorText.Describe(e.SocketErrorCode, tcp: false);
            Log.NetworkError(_logger, server, "udp", why);
            return TransportResult.Failure(TransportStatus.NetworkError, server, false, _time.GetElapsedTime(start), why);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<TransportResult> QueryTcpAsync(
        IPEndPoint server, byte[] wire, DnsQuestion question, TransportOptions options, long start, CancellationToken cancellationToken)
    {
        try
        {
            (ushort id, byte[] body) = await _tcp.ExchangeAsync(server, wire, options, cancellationToken).ConfigureAwait(false);
            if (ResponseMatcher.Accept(body, id, question) is not { } response)
            {
                Log.MalformedResponse(_logger, server, "TCP response does not parse or match");
                return TransportResult.Failure(TransportStatus.Malformed, server, true, _time.GetElapsedTime(start), "TCP response does not parse or match the query");
            }

            return TransportResult.FromResponse(server, response, true, _time.GetElapsedTime(start));
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.QueryTimedOut(_logger, question.Name, question.Type, server, "tcp");
            return TransportResult.Failure(TransportStatus.Timeout, server, true, _time.GetElapsedTime(start), "no TCP response in time");
        }
        catch (SocketException e)
        {
            string why = SocketErrorText.Describe(e.SocketErrorCode, tcp: true);
            Log.NetworkError(_logger, server, "tcp", why);
            return TransportResult.Failure(TransportStatus.NetworkError, server, true, _time.GetElapsedTime(start), why);
        }
        catch (IOException e)
        {
            string why = SocketErrorText.Describe(e, tcp: true);
            Log.NetworkError(_logger, server, "tcp", why);
            return TransportResult.Failure(TransportStatus.NetworkError, server, true, _time.GetElapsedTime(start), why);
        }
    }

    // RFC 5452 §9.2: the ID must be unpredictable, so it comes from the CSPRNG, fresh for each send.
    private static ushort NewId(Span<byte> message)
    {
        ushort id = (ushort)RandomNumberGenerator.GetInt32(0, 65536);
        BinaryPrimitives.WriteUInt16BigEndian(message, id);
        return id;
    }

    private static IPAddress AnyAddress(IPEndPoint server) =>
        server.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
}

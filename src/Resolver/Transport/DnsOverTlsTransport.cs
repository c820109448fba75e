// DnsOverTlsTransport: queries to DNS-over-TLS upstreams (RFC 7858) — one reused TLS connection per
// server, queries pipelined and answered in any order (RFC 7766 §6.2.1.1, §7; TcpConnectionPool), every
// query padded to a multiple of 128 octets (RFC 7830 padding, RFC 8467 §4.1 block-length policy) so its
// size says little about the name. A server is authenticated by the strict profile of RFC 8310 (its
// TlsUpstream: name, pins, roots); a failed handshake is a NetworkError whose text names the upstream
// and what failed, and nothing is ever sent in clear text instead.
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Resolver.Protocol;

namespace Resolver.Transport;

/// <summary>
/// Sends DNS queries over TLS (RFC 7858) to the configured upstreams, authenticated by the RFC 8310
/// strict profile. Dispose it to close the connections.
/// </summary>
public sealed class DnsOverTlsTransport : IDnsTransport, IDisposable
{
    private static readonly SslApplicationProtocol s_dot = new("dot");   // the ALPN id IANA registered for RFC 7858

    private readonly Dictionary<IPEndPoint, TlsUpstream> _upstreams;
    private readonly TimeProvider _time;
    private readonly ILogger<DnsOverTlsTransport> _logger;
    private readonly TcpConnectionPool _pool;

    /// <summary>Creates a transport for <paramref name="upstreams"/>.</summary>
    /// <param name="upstreams">The servers; each needs an authentication name or SPKI pins.</param>
    /// <param name="timeProvider">The clock for timeouts; the system clock when null.</param>
    /// <param name="logger">Where to log; nothing is logged when null.</param>
    /// <param name="options">Connection reuse (<see cref="TransportOptions.TcpIdleTimeout"/>, <see cref="TransportOptions.MaxQueriesPerTcpConnection"/>); the defaults when null.</param>
    /// <exception cref="ArgumentException">An upstream has neither an authentication name nor pins, a pin is not base64 SHA-256, or two share an address.</exception>
    public DnsOverTlsTransport(IEnumerable<TlsUpstream> upstreams, TimeProvider? timeProvider = null, ILogger<DnsOverTlsTransport>? logger = null, TransportOptions? options = null)
    {
        options ??= TransportOptions.Default;
        options.Validate();
        ArgumentNullException.ThrowIfNull(upstreams);
        _upstreams = [];
        foreach (TlsUpstream upstream in upstreams)
        {
            Check(upstream);
            if (!_upstreams.TryAdd(upstream.EndPoint, upstream))
            {
                throw new ArgumentException($"Two DNS-over-TLS upstreams at {upstream.EndPoint}.", nameof(upstreams));
            }
        }

        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<DnsOverTlsTransport>.Instance;
        _pool = new TcpConnectionPool(_time, options.TcpIdleTimeout, options.MaxQueriesPerTcpConnection, SecureAsync);
    }

    /// <inheritdoc/>
    public async Task<TransportResult> QueryAsync(IPEndPoint server, DnsMessage query, TransportOptions options, CancellationToken cancellationToken)
    {
        ResponseMatcher.CheckQueryArguments(server, query, options);

        long start = _time.GetTimestamp();
        if (!_upstreams.TryGetValue(server, out TlsUpstream? upstream))
        {
            return TransportResult.Failure(TransportStatus.NetworkError, server, true, TimeSpan.Zero, $"{server} is not a configured DNS-over-TLS upstream");
        }

        DnsQuestion question = query.Questions[0];
        try
        {
            (ushort id, byte[] body) = await _pool.ExchangeAsync(server, QueryPadding.Padded(query), options, cancellationToken).ConfigureAwait(false);
            if (ResponseMatcher.Accept(body, id, question) is not { } response)
            {
                Log.MalformedResponse(_logger, server, "DNS-over-TLS response does not parse or match");
                return TransportResult.Failure(TransportStatus.Malformed, server, true, _time.GetElapsedTime(start), $"{upstream}: response does not parse or match the query");
            }

            return TransportResult.FromResponse(server, response, true, _time.GetElapsedTime(start));
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.QueryTimedOut(_logger, question.Name, question.Type, server, "tls");
            return TransportResult.Failure(TransportStatus.Timeout, server, true, _time.GetElapsedTime(start), $"{upstream}: no response in time");
        }
        catch (AuthenticationException e)
        {
            Log.NetworkError(_logger, server, "tls", e.Message);
            return TransportResult.Failure(TransportStatus.NetworkError, server, true, _time.GetElapsedTime(start), e.Message);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            string why = SocketErrorText.Describe(e, tcp: true);
            Log.NetworkError(_logger, server, "tls", why);
            return TransportResult.Failure(TransportStatus.NetworkError, server, true, _time.GetElapsedTime(start), $"{upstream}: {why}");
        }
    }

    /// <summary>Closes the connections.</summary>
    public void Dispose() => _pool.Dispose();

    private static void Check(TlsUpstream upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        if (upstream.AuthenticationName is null && upstream.SpkiPins.Count == 0)
        {
            throw new ArgumentException($"{upstream}: a DNS-over-TLS upstream needs an authentication name or SPKI pins (RFC 8310 strict profile).", nameof(upstream));
        }

        TlsCertificateCheck.CheckPins(upstream.SpkiPins, upstream.ToString());
    }

    // The TLS handshake over a new TCP stream, with the upstream's checks; a refusal names the upstream and the reason.
    private async Task<Stream> SecureAsync(IPEndPoint server, Stream tcp, CancellationToken cancellationToken)
    {
        TlsUpstream upstream = _upstreams[server];
        string? refusal = null;
        var tls = new SslStream(tcp, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = upstream.TargetHost,
            ApplicationProtocols = [s_dot],
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                (refusal = TlsCertificateCheck.Refusal(upstream.AuthenticationName, upstream.SpkiPins, certificate, chain, errors)) is null,
        };
        options.CertificateChainPolicy = TlsCertificateCheck.ChainPolicy(upstream.TrustedRoots);

        try
        {
            await tls.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch (AuthenticationException e)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw new AuthenticationException($"{upstream}: TLS authentication failed: {refusal ?? e.Message}", e);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}

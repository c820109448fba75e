// DnsOverHttpsTransport: queries to DNS-over-HTTPS upstreams (RFC 8484) — POST (or GET with ?dns=)
// of the wire-format query as application/dns-message, over HTTP/2 when the server offers it (one
// multiplexed connection per upstream: a SocketsHttpHandler each, or the app's HttpClient), with the
// DNS ID 0 (RFC 8484 §4.1: the HTTP exchange pairs query and response) and the query padded to 128
// octets (RFC 8467 §4.1). An HTTP error status, a wrong media type, a refused certificate or a
// connection that fails is a failure whose text names the upstream and says what happened; nothing is
// ever sent in clear text instead.
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Resolver.Protocol;

namespace Resolver.Transport;

/// <summary>Sends DNS queries over HTTPS (RFC 8484) to the configured upstreams. Dispose it to close the connections it opened.</summary>
public sealed class DnsOverHttpsTransport : IDnsTransport, IDisposable
{
    private const string MediaType = "application/dns-message";
    private static readonly MediaTypeWithQualityHeaderValue s_accept = new(MediaType);

    private readonly Dictionary<IPEndPoint, (HttpsUpstream Upstream, HttpClient Client, CertificateRefusal Refusal)> _upstreams = [];
    private readonly List<HttpClient> _owned = [];
    private readonly TimeProvider _time;
    private readonly ILogger<DnsOverHttpsTransport> _logger;

    /// <summary>Creates a transport for <paramref name="upstreams"/>.</summary>
    /// <param name="upstreams">The servers.</param>
    /// <param name="clientFactory">
    /// The HttpClient for an upstream (e.g. from IHttpClientFactory); null to create one per upstream here
    /// (HTTP/2, connecting to the upstream's address, checking its pins or roots). A client given here
    /// does its own certificate checks: pins and roots on the upstream then do not apply.
    /// </param>
    /// <param name="timeProvider">The clock for timeouts; the system clock when null.</param>
    /// <param name="logger">Where to log; nothing is logged when null.</param>
    /// <param name="options">How long an unused connection stays open (<see cref="TransportOptions.TcpIdleTimeout"/>); the defaults when null.</param>
    /// <exception cref="ArgumentException">A pin is malformed, an upstream has no address to connect to, or two share one.</exception>
    public DnsOverHttpsTransport(
        IEnumerable<HttpsUpstream> upstreams,
        Func<HttpsUpstream, HttpClient>? clientFactory = null,
        TimeProvider? timeProvider = null,
        ILogger<DnsOverHttpsTransport>? logger = null,
        TransportOptions? options = null)
    {
        options ??= TransportOptions.Default;
        options.Validate();
        ArgumentNullException.ThrowIfNull(upstreams);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<DnsOverHttpsTransport>.Instance;
        foreach (HttpsUpstream upstream in upstreams)
        {
            ArgumentNullException.ThrowIfNull(upstream);
            TlsCertificateCheck.CheckPins(upstream.SpkiPins, upstream.ToString());
            IPEndPoint endPoint;
            try
            {
                endPoint = upstream.EndPoint;
            }
            catch (InvalidOperationException e)
            {
                throw new ArgumentException(e.Message, nameof(upstreams), e);
            }

            var refusal = new CertificateRefusal();
            HttpClient client = clientFactory?.Invoke(upstream) ?? Own(CreateClient(upstream, endPoint, refusal, options.TcpIdleTimeout));
            if (!_upstreams.TryAdd(endPoint, (upstream, client, refusal)))
            {
                throw new ArgumentException($"Two DNS-over-HTTPS upstreams at {endPoint}.", nameof(upstreams));
            }
        }
    }

    /// <inheritdoc/>
    public async Task<TransportResult> QueryAsync(IPEndPoint server, DnsMessage query, TransportOptions options, CancellationToken cancellationToken)
    {
        ResponseMatcher.CheckQueryArguments(server, query, options);

        long start = _time.GetTimestamp();
        if (!_upstreams.TryGetValue(server, out var entry))
        {
            return TransportResult.Failure(TransportStatus.NetworkError, server, true, TimeSpan.Zero, $"{server} is not a configured DNS-over-HTTPS upstream");
        }

        (HttpsUpstream upstream, HttpClient client, CertificateRefusal refusal) = entry;
        DnsQuestion question = query.Questions[0];
        byte[] wire = QueryPadding.Padded(query);
        wire[0] = 0;   // RFC 8484 §4.1: ID 0, so that identical queries are identical HTTP requests (cacheable)
        wire[1] = 0;
        using var timeout = new CancellationTokenSource(options.TcpConnectTimeout + options.TcpReadTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using HttpRequestMessage request = Request(upstream, wire);
            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                string status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
                Log.NetworkError(_logger, server, "https", status);
                return TransportResult.Failure(TransportStatus.NetworkError, server, true, _time.GetElapsedTime(start), $"{upstream}: HTTP {status}");
            }

            if (response.Content.Headers.ContentType?.MediaType is not MediaType)
            {
                return TransportResult.Failure(TransportStatus.Malformed, server, true, _time.GetElapsedTime(start),
                    $"{upstream}: the response is {response.Content.Headers.ContentType?.MediaType ?? "untyped"}, not {MediaType}");
            }

            byte[] body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            if (ResponseMatcher.Accept(body, 0, question) is not { } message)
            {
                Log.MalformedResponse(_logger, server, "DNS-over-HTTPS response does not parse or match");
                return TransportResult.Failure(TransportStatus.Malformed, server, true, _time.GetElapsedTime(start), $"{upstream}: response does not parse or match the query");
            }

            return TransportResult.FromResponse(server, message, true, _time.GetElapsedTime(start));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.QueryTimedOut(_logger, question.Name, question.Type, server, "https");
            return TransportResult.Failure(TransportStatus.Timeout, server, true, _time.GetElapsedTime(start), $"{upstream}: no response in time");
        }
        catch (HttpRequestException e)
        {
            string why = Describe(e, refusal.Last);
            Log.NetworkError(_logger, server, "https", why);
            return TransportResult.Failure(TransportStatus.NetworkError, server, true, _time.GetElapsedTime(start), $"{upstream}: {why}");
        }
    }

    /// <summary>Closes the connections of the clients this transport created (not those from a factory).</summary>
    public void Dispose()
    {
        foreach (HttpClient client in _owned)
        {
            client.Dispose();
        }
    }

    private HttpClient Own(HttpClient client)
    {
        _owned.Add(client);
        return client;
    }

    private static HttpRequestMessage Request(HttpsUpstream upstream, byte[] wire)
    {
        HttpRequestMessage request;
        if (upstream.UseGet)
        {
            string dns = Convert.ToBase64String(wire).TrimEnd('=').Replace('+', '-').Replace('/', '_');   // base64url, no padding (RFC 8484 §6)
            var builder = new UriBuilder(upstream.Uri) { Query = "dns=" + dns };
            request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        }
        else
        {
            request = new HttpRequestMessage(HttpMethod.Post, upstream.Uri) { Content = new ByteArrayContent(wire) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
        }

        request.Headers.Accept.Add(s_accept);
        request.Version = HttpVersion.Version20;   // RFC 8484 §5.2: HTTP/2 is the minimum RECOMMENDED version
        request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        return request;
    }

    // One handler per upstream: it connects to the configured address whatever the URI's host (no DNS
    // lookup for the upstream itself), keeps one HTTP/2 connection, and checks the certificate.
    private static HttpClient CreateClient(HttpsUpstream upstream, IPEndPoint endPoint, CertificateRefusal refusal, TimeSpan idleTimeout)
    {
        string? name = IPAddress.TryParse(upstream.Uri.IdnHost, out _) ? null : upstream.Uri.IdnHost;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = idleTimeout,
            EnableMultipleHttp2Connections = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        if (upstream.SpkiPins.Count > 0 || upstream.TrustedRoots is { Count: > 0 })
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                (refusal.Last = TlsCertificateCheck.Refusal(name, upstream.SpkiPins, certificate, chain, errors)) is null;
            handler.SslOptions.CertificateChainPolicy = TlsCertificateCheck.ChainPolicy(upstream.TrustedRoots);
        }

        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    // An HttpRequestException's cause in words: the TLS refusal, the socket error, or the message.
    private static string Describe(HttpRequestException e, string? refusal) => e.InnerException switch
    {
        AuthenticationException auth => "TLS authentication failed: " + (refusal ?? auth.Message),
        SocketException socket => SocketErrorText.Describe(socket.SocketErrorCode, tcp: true),
        _ => e.HttpRequestError == HttpRequestError.Unknown ? e.Message : $"{e.HttpRequestError}: {e.Message}",
    };

    // Why the last certificate of an upstream was refused (the validation callback can only say no).
    private sealed class CertificateRefusal
    {
        private string? _last;

        public string? Last
        {
            get => Volatile.Read(ref _last);
            set => Volatile.Write(ref _last, value);
        }
    }
}

// UpstreamRouter: one IDnsTransport for a resolver whose forwarders are reached in different ways — a
// query to an address configured as a DNS-over-TLS upstream goes over TLS, one to a DNS-over-HTTPS
// upstream over HTTPS, anything else (authoritative servers, plain forwarders) over the network transport
// the resolver was given. The iterator keeps speaking to addresses; how each is reached is decided here.
using System.Net;
using Microsoft.Extensions.Logging;
using Resolver.Protocol;

namespace Resolver.Transport;

internal sealed class UpstreamRouter : IDnsTransport, IDisposable
{
    private readonly IDnsTransport _plain;
    private readonly DnsOverTlsTransport? _tls;
    private readonly DnsOverHttpsTransport? _https;
    private readonly HashSet<IPEndPoint> _tlsEndPoints;
    private readonly HashSet<IPEndPoint> _httpsEndPoints;

    private UpstreamRouter(IDnsTransport plain, ResolverOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _plain = plain;
        _tlsEndPoints = [.. options.TlsUpstreams.Select(u => u.EndPoint)];
        _httpsEndPoints = [.. options.HttpsUpstreams.Select(u => u.EndPoint)];
        if (_tlsEndPoints.Count > 0)
        {
            _tls = new DnsOverTlsTransport(options.TlsUpstreams, time, loggerFactory.CreateLogger<DnsOverTlsTransport>(), options.Transport);
        }

        if (_httpsEndPoints.Count > 0)
        {
            _https = new DnsOverHttpsTransport(options.HttpsUpstreams, null, time, loggerFactory.CreateLogger<DnsOverHttpsTransport>(), options.Transport);
        }
    }

    /// <summary>
    /// <paramref name="plain"/> itself when no encrypted upstream is configured; else a router that owns
    /// the encrypted transports (dispose it) and sends everything else to <paramref name="plain"/>.
    /// </summary>
    public static IDnsTransport For(IDnsTransport plain, ResolverOptions options, TimeProvider time, ILoggerFactory loggerFactory) =>
        options.TlsUpstreams.Count == 0 && options.HttpsUpstreams.Count == 0
            ? plain
            : new UpstreamRouter(plain, options, time, loggerFactory);

    public Task<TransportResult> QueryAsync(IPEndPoint server, DnsMessage query, TransportOptions options, CancellationToken cancellationToken) =>
        _tls is not null && _tlsEndPoints.Contains(server) ? _tls.QueryAsync(server, query, options, cancellationToken)
        : _https is not null && _httpsEndPoints.Contains(server) ? _https.QueryAsync(server, query, options, cancellationToken)
        : _plain.QueryAsync(server, query, options, cancellationToken);

    public void Dispose()
    {
        _tls?.Dispose();
        _https?.Dispose();
    }
}

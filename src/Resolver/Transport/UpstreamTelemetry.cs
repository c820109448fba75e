// UpstreamTelemetry: the IDnsTransport decorator that makes each query the resolver really sends
// visible — one count on dns.resolver.upstream.queries per packet exchange (by transport: udp, tcp,
// tls, https; a truncated UDP answer retried over TCP is two), and one child span
// "dns.upstream.query" under the current span (the resolution that started the work) with the
// server, transport, question and rcode or failure. It sits below the iterator's coalescing
// (QuerySender, InFlightRequests), so a query shared by a hundred resolutions is counted once — the
// per-result ValidationWork.UpstreamQueries tells each caller the work behind its answer instead.
using System.Diagnostics;
using System.Net;
using Resolver.Protocol;

namespace Resolver.Transport;

internal sealed class UpstreamTelemetry(IDnsTransport inner, ResolverTelemetry telemetry, ResolverOptions options) : IDnsTransport
{
    public const string SpanName = "dns.upstream.query";

    private static readonly KeyValuePair<string, object?> s_udp = new(ResolverTelemetry.TransportTag, "udp");
    private static readonly KeyValuePair<string, object?> s_tcp = new(ResolverTelemetry.TransportTag, "tcp");
    private static readonly KeyValuePair<string, object?> s_tls = new(ResolverTelemetry.TransportTag, "tls");
    private static readonly KeyValuePair<string, object?> s_https = new(ResolverTelemetry.TransportTag, "https");

    private readonly HashSet<IPEndPoint> _tls = [.. options.TlsUpstreams.Select(u => u.EndPoint)];
    private readonly HashSet<IPEndPoint> _https = [.. options.HttpsUpstreams.Select(u => u.EndPoint)];

    public async Task<TransportResult> QueryAsync(IPEndPoint server, DnsMessage query, TransportOptions transportOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(transportOptions);
        using Activity? span = ResolverTelemetry.ActivitySource.StartActivity(SpanName, ActivityKind.Client);
        if (span is not null)
        {
            // OpenTelemetry general attributes (server.*), and the question as on the resolve span.
            span.SetTag("server.address", server.Address.ToString());
            span.SetTag("server.port", server.Port);
            if (query.Questions.Count > 0)
            {
                span.SetTag("dns.question.name", query.Questions[0].Name.ToString());
                span.SetTag("dns.question.type", Protocol.Text.RrTypeText.Format(query.Questions[0].Type));
            }
        }

        TransportResult? result = null;
        try
        {
            result = await inner.QueryAsync(server, query, transportOptions, cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            KeyValuePair<string, object?> transport = Transport(server, result?.OverTcp ?? transportOptions.TcpOnly);
            // A truncated UDP answer retried over TCP (TcpOnly off, the exchange ended on TCP): the
            // UDP query went out too.
            if (transport.Value is "tcp" && !transportOptions.TcpOnly)
            {
                telemetry.UpstreamQueries.Add(1, s_udp);
            }

            telemetry.UpstreamQueries.Add(1, transport);
            if (span is not null)
            {
                Describe(span, transport, result);
            }
        }
    }

    private KeyValuePair<string, object?> Transport(IPEndPoint server, bool overTcp) =>
        _tls.Contains(server) ? s_tls : _https.Contains(server) ? s_https : overTcp ? s_tcp : s_udp;

    private static void Describe(Activity span, KeyValuePair<string, object?> transport, TransportResult? result)
    {
        span.SetTag(transport.Key, transport.Value);
        if (result is null)
        {
            span.SetTag("error.type", "cancelled");
            span.SetStatus(ActivityStatusCode.Error, "cancelled");
        }
        else if (result.HasResponse)
        {
            span.SetTag("dns.response_code", DnsMessage.FormatRcode(result.Response!.ResponseCode));
        }
        else
        {
            span.SetTag("error.type", result.Status switch
            {
                TransportStatus.Timeout => "timeout",
                TransportStatus.NetworkError => "network_error",
                _ => "malformed",
            });
            span.SetStatus(ActivityStatusCode.Error, result.Error);
        }
    }
}

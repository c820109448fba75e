// HttpsDnsListener: serve's DNS over HTTPS (RFC 8484) endpoint on Kestrel — POST with an
// application/dns-message body and GET with ?dns=<base64url>, both at /dns-query, over HTTP/1.1 and
// HTTP/2 (RFC 8484 §5.2 recommends HTTP/2). Each query goes through the same QueryHandler as UDP, TCP
// and TLS, so the answers, AD bits and Extended DNS Errors are the same. The HTTP side follows RFC 8484:
// a DNS answer of any RCODE is 200 (§4.2.1), a request that is not a DNS query is 400, another media
// type 415, another method 405; the freshness lifetime is the smallest TTL of the answer (§5.1).
// Kestrel's own limits bound connections, request sizes and idle connections.
using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Resolver.Cli.Serve;

internal sealed class HttpsDnsListener : IAsyncDisposable
{
    /// <summary>The path RFC 8484 §6's examples use, and every public DoH service.</summary>
    public const string Path = "/dns-query";

    public const string MediaType = "application/dns-message";

    // The largest DNS message (RFC 1035 §4.2.2's 2-byte length); a body beyond it is no DNS query.
    private const int MaxMessage = 65535;

    private readonly WebApplication _app;
    private readonly QueryHandler _handler;
    private readonly ServerLog _log;
    private readonly bool _logQueries;

    private HttpsDnsListener(WebApplication app, QueryHandler handler, ServerLog log, bool logQueries)
    {
        _app = app;
        _handler = handler;
        _log = log;
        _logQueries = logQueries;
    }

    /// <summary>Where DoH is served (the real port when 0 was asked).</summary>
    public IPEndPoint EndPoint { get; private set; } = new(IPAddress.None, 0);

    /// <summary>Starts Kestrel on <paramref name="listen"/> with <paramref name="certificate"/>.</summary>
    /// <param name="listen">Address and port (0: an ephemeral port).</param>
    /// <param name="certificate">The server certificate, with its private key.</param>
    /// <param name="handler">Answers each query.</param>
    /// <param name="log">Errors, and one line per query with <paramref name="logQueries"/>.</param>
    /// <param name="logQueries">True to log one line per query.</param>
    /// <param name="limits">Connections at once and idle timeout, shared with TCP and TLS.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<HttpsDnsListener> StartAsync(
        IPEndPoint listen, X509Certificate2 certificate, QueryHandler handler, ServerLog log, bool logQueries, TcpLimits limits, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = limits.MaxConnections;
            kestrel.Limits.MaxRequestBodySize = MaxMessage;
            kestrel.Limits.KeepAliveTimeout = limits.IdleTimeout;
            kestrel.Limits.RequestHeadersTimeout = limits.MessageDeadline;
            kestrel.Listen(listen, endpoint =>
            {
                endpoint.Protocols = HttpProtocols.Http1AndHttp2;
                endpoint.UseHttps(certificate);
            });
        });
        WebApplication app = builder.Build();
        var listener = new HttpsDnsListener(app, handler, log, logQueries);
        app.Map(Path, listener.AnswerAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        listener.EndPoint = new IPEndPoint(listen.Address, new Uri(bound).Port);
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task AnswerAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        HttpResponse response = context.Response;
        byte[]? query;
        if (HttpMethods.IsPost(request.Method))
        {
            // RFC 8484 §4.1: the body is the DNS message, of media type application/dns-message.
            if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), MediaType, StringComparison.OrdinalIgnoreCase))
            {
                await FailAsync(context, StatusCodes.Status415UnsupportedMediaType, $"the body must be {MediaType}").ConfigureAwait(false);
                return;
            }

            query = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        else if (HttpMethods.IsGet(request.Method))
        {
            // RFC 8484 §4.1: the "dns" variable is the message in base64url without padding (§6).
            query = DecodeBase64Url(request.Query["dns"].ToString());
        }
        else
        {
            response.Headers.Allow = "GET, POST";
            await FailAsync(context, StatusCodes.Status405MethodNotAllowed, "only GET and POST are DNS queries").ConfigureAwait(false);
            return;
        }

        if (query is null || query.Length < 12)
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, "no DNS query in the request").ConfigureAwait(false);
            return;
        }

        HandledQuery handled = await _handler.HandleAsync(query, udp: false, context.RequestAborted, describe: _logQueries).ConfigureAwait(false);
        if (_logQueries)
        {
            _log.Information($"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort} https {handled.LogLine}");
        }

        if (handled.Response is not { } answer)
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, "not a DNS query").ConfigureAwait(false);
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = MediaType;
        response.ContentLength = answer.Length;
        if (SmallestTtl(answer) is uint ttl)
        {
            // RFC 8484 §5.1: the freshness lifetime is no longer than the smallest TTL in the answer.
            response.Headers.CacheControl = "max-age=" + ttl.ToString(CultureInfo.InvariantCulture);
        }

        await response.Body.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task FailAsync(HttpContext context, int status, string why)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(why + "\n", context.RequestAborted).ConfigureAwait(false);
    }

    // The body, at most one DNS message long; null when it is longer or cut short.
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxMessage)
        {
            return null;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxMessage + 1);
        try
        {
            int length = 0;
            while (length <= MaxMessage)
            {
                int read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxMessage + 1 - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return length > MaxMessage ? null : buffer.AsSpan(0, length).ToArray();
                }

                length += read;
            }

            return null;
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            return null;   // Kestrel's MaxRequestBodySize, or a body that ended early
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Base64url (RFC 4648 §5) without padding, as RFC 8484 §4.1 writes the GET variable; null when it
    // is not such text or decodes to more than one DNS message.
    internal static byte[]? DecodeBase64Url(string text)
    {
        if (text.Length == 0 || text.Length > (MaxMessage * 4 / 3) + 4)
        {
            return null;
        }

        string base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        byte[] bytes = new byte[base64.Length * 3 / 4];
        return Convert.TryFromBase64String(base64, bytes, out int written) ? bytes.AsSpan(0, written).ToArray() : null;
    }

    // The smallest TTL of the records in a response (OPT excluded: its TTL field is flags), read off
    // the wire with the answer cache's walker; null when it has none or cannot be walked.
    internal static uint? SmallestTtl(ReadOnlySpan<byte> message)
    {
        if (message.Length < 12)
        {
            return null;
        }

        int at = 12;
        for (int i = BinaryPrimitives.ReadUInt16BigEndian(message[4..]); i > 0 && at >= 0; i--)
        {
            at = AnswerCache.SkipName(message, at);
            at = at < 0 ? -1 : at + 4;   // QTYPE and QCLASS
        }

        var ttls = new List<(int, uint)>();
        return at >= 0 && at <= message.Length && AnswerCache.TryWalkTtls(message, at, ttls, out uint smallest) && ttls.Count > 0 ? smallest : null;
    }
}

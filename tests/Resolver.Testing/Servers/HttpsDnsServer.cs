// HttpsDnsServer: an in-process DNS-over-HTTPS server (RFC 8484) on loopback for tests — Kestrel with
// HTTP/1.1 and HTTP/2 over TLS, a certificate made by TlsDnsServer.MakeCertificate. It answers POST and
// GET /dns-query with one A record (192.0.2.1) for the question, and can be told to answer with an
// HTTP status instead, or with the wrong media type. It records the HTTP version, method and DNS ID of
// each request and counts connections.
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Servers;

/// <summary>A request as the DoH test server saw it.</summary>
public sealed record DohRequest(string Protocol, string Method, ushort DnsId, int Length);

/// <summary>A DNS-over-HTTPS server for tests.</summary>
public sealed class HttpsDnsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _connections;

    private HttpsDnsServer(WebApplication app, IPEndPoint endPoint)
    {
        _app = app;
        EndPoint = endPoint;
    }

    /// <summary>The server's address and port.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The query URI with the address as host.</summary>
    public Uri Uri => new($"https://127.0.0.1:{EndPoint.Port}/dns-query");

    /// <summary>Every DoH request received.</summary>
    public ConcurrentQueue<DohRequest> Requests { get; } = new();

    /// <summary>Connections accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>When set, every request is answered with this HTTP status and no DNS message.</summary>
    public int? FailWithStatus { get; set; }

    /// <summary>When true, answers carry the media type text/plain.</summary>
    public bool WrongMediaType { get; set; }

    /// <summary>Starts a server presenting <paramref name="certificate"/> on an ephemeral loopback port.</summary>
    public static async Task<HttpsDnsServer> StartAsync(X509Certificate2 certificate)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        HttpsDnsServer? server = null;
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(certificate);
            listen.Use(next => async context =>
            {
                Interlocked.Increment(ref server!._connections);
                await next(context);
            });
        }));
        WebApplication app = builder.Build();
        app.Map("/dns-query", (HttpContext context) => server!.AnswerAsync(context));
        await app.StartAsync();
        string bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var address = new Uri(bound);
        server = new HttpsDnsServer(app, new IPEndPoint(IPAddress.Loopback, address.Port));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        byte[] body;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            body = buffer.ToArray();
        }
        else
        {
            string dns = context.Request.Query["dns"].ToString().Replace('-', '+').Replace('_', '/');
            body = Convert.FromBase64String(dns.PadRight(dns.Length + ((4 - (dns.Length % 4)) % 4), '='));
        }

        DnsMessage query = DnsMessage.Parse(body);
        Requests.Enqueue(new DohRequest(context.Request.Protocol, context.Request.Method, query.Id, body.Length));
        if (FailWithStatus is int status)
        {
            context.Response.StatusCode = status;
            return;
        }

        var answer = new DnsMessage { Id = query.Id, IsResponse = true, RecursionDesired = query.RecursionDesired, RecursionAvailable = true };
        answer.Questions.Add(query.Questions[0]);
        answer.Answers.Add(new ResourceRecord(query.Questions[0].Name, 60, new AData(IPAddress.Parse("192.0.2.1"))));
        context.Response.ContentType = WrongMediaType ? "text/plain" : "application/dns-message";
        await context.Response.Body.WriteAsync(answer.ToWire());
    }
}

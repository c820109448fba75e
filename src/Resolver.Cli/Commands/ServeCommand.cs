// ServeCommand: `dnssec-resolve serve --listen ADDR:PORT` — a local validating resolver on UDP and
// TCP (and DNS over TLS and HTTPS when asked), answering stubs (dig, the OS resolver, lab/check) through the library until Ctrl+C/SIGTERM.
// What it answers and how is QueryHandler's; the sockets are DnsServer's.
using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Resolver.Cli.Serve;
using Resolver.Protocol;

namespace Resolver.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var listen = new Option<string>("--listen")
        {
            Description = "Address and port to listen on, UDP and TCP (e.g. 127.0.0.1:5353, [::1]:53). Port 0 picks a free port.",
            Required = true,
        };
        var queryLog = new Option<bool>("--query-log")
        {
            Description = "Log one line per query on stderr (off by default: start, stop and errors only).",
        };
        var answerCache = new Option<int>("--answer-cache")
        {
            Description = $"How many serialized answers to repeat without resolving (Secure and Insecure ones, each for its smallest TTL; 0 turns it off). {ServeLimits.AnswerCache.Describe()}",
            CustomParser = OptionParsers.Integer("--answer-cache"),
            DefaultValueFactory = _ => ServeLimits.AnswerCache.Default,
        };
        var receiveLoops = new Option<int>("--receive-loops")
        {
            Description = $"UDP receive loops on the socket. Default: one per processor ({ServeLimits.ReceiveLoops.Default} here); range {ServeLimits.ReceiveLoops.RangeText}.",
            CustomParser = OptionParsers.Integer("--receive-loops"),
            DefaultValueFactory = _ => ServeLimits.ReceiveLoops.Default,
        };
        var tcpConnections = new Option<int>("--tcp-connections")
        {
            Description = $"TCP connections open at once. {ServeLimits.MaxConnections.Describe()}",
            CustomParser = OptionParsers.Integer("--tcp-connections"),
            DefaultValueFactory = _ => ServeLimits.MaxConnections.Default,
        };
        var tcpPerClient = new Option<int>("--tcp-connections-per-client")
        {
            Description = $"TCP connections open at once from one client address (a slow or silent client cannot take every slot). Default {ServeLimits.MaxConnectionsPerClient.Default}; range {OptionLimit.Format(ServeLimits.MaxConnectionsPerClient.Min)} – --tcp-connections.",
            CustomParser = OptionParsers.Integer("--tcp-connections-per-client"),
            DefaultValueFactory = _ => ServeLimits.MaxConnectionsPerClient.Default,
        };
        var tlsListen = new Option<string?>("--tls-listen")
        {
            Description = "Also serve DNS over TLS (RFC 7858) on this address and port (e.g. 127.0.0.1:853), with --cert and --key.",
        };
        var httpsListen = new Option<string?>("--https-listen")
        {
            Description = "Also serve DNS over HTTPS (RFC 8484, HTTP/1.1 and HTTP/2, GET and POST at /dns-query) on this address and port (e.g. 127.0.0.1:443), with --cert and --key.",
        };
        var certificate = new Option<FileInfo?>("--cert")
        {
            Description = "PEM certificate (chain) for --tls-listen and --https-listen.",
        };
        var key = new Option<FileInfo?>("--key")
        {
            Description = "PEM private key of --cert.",
        };
        var command = new Command("serve", "Run a local validating resolver on UDP and TCP until Ctrl+C or SIGTERM. Start, stop and errors are logged on stderr (each query too with --query-log).\n" +
            "RD=1 queries are resolved and validated: Secure answers get AD (when the query has DO or AD), Bogus ones SERVFAIL with an Extended DNS Error; " +
            "CD=1 returns the data unchecked; DO=1 includes RRSIGs and denial proofs. RD=0 queries are REFUSED (EDE 20); malformed ones get FORMERR.\n" +
            "Exit codes: 0 clean shutdown, 2 cannot listen or runtime failure, 64 bad usage.")
        {
            listen,
            queryLog,
            answerCache,
            receiveLoops,
            tcpConnections,
            tcpPerClient,
            tlsListen,
            httpsListen,
            certificate,
            key,
        };
        ResolverSettings settings = ResolverSettings.AddTo(command);
        command.SetAction((parsed, cancellationToken) => CommandGuard.RunAsync(environment.Error, async () =>
        {
            IPEndPoint endPoint = ResolverSettings.ParseEndPoint(parsed.GetRequiredValue(listen), 53, "--listen", allowPortZero: true);
            ResolverOptions options = settings.Build(parsed);
            int cacheSize = ResolverSettings.InRange(parsed.GetValue(answerCache), ServeLimits.AnswerCache, "--answer-cache");
            int loops = ResolverSettings.InRange(parsed.GetValue(receiveLoops), ServeLimits.ReceiveLoops, "--receive-loops");
            int connections = ResolverSettings.InRange(parsed.GetValue(tcpConnections), ServeLimits.MaxConnections, "--tcp-connections");
            int perClient = parsed.GetValue(tcpPerClient);
            if (perClient > connections)
            {
                throw new UsageException($"--tcp-connections-per-client must be at most --tcp-connections ({perClient} > {connections}).");
            }

            var tcpLimits = new TcpLimits { MaxConnections = connections, MaxConnectionsPerClient = ResolverSettings.InRange(perClient, ServeLimits.MaxConnectionsPerClient, "--tcp-connections-per-client") };

            IPEndPoint? tlsEndPoint = parsed.GetValue(tlsListen) is { } tlsText ? ResolverSettings.ParseEndPoint(tlsText, 853, "--tls-listen", allowPortZero: true) : null;
            IPEndPoint? httpsEndPoint = parsed.GetValue(httpsListen) is { } httpsText ? ResolverSettings.ParseEndPoint(httpsText, 443, "--https-listen", allowPortZero: true) : null;
            X509Certificate2? serverCertificate = null;
            if (tlsEndPoint is not null || httpsEndPoint is not null)
            {
                if (parsed.GetValue(certificate) is not { } certFile || parsed.GetValue(key) is not { } keyFile)
                {
                    throw new UsageException($"{(tlsEndPoint is not null ? "--tls-listen" : "--https-listen")} needs --cert and --key.");
                }

                serverCertificate = LoadCertificate(certFile, keyFile);
            }

            (IPEndPoint, X509Certificate2)? tls = tlsEndPoint is not null ? (tlsEndPoint, serverCertificate!) : null;

            var log = new ServerLog(environment.Error, environment.Clock);
            IDnsResolver resolver = environment.ResolverFactory(options);
            try
            {
                DnsServer server;
                HttpsDnsListener? https = null;
                AnswerCache? answers = cacheSize > 0 ? new AnswerCache(cacheSize, environment.Clock, options.Cache.Prefetch) : null;
                var handler = new QueryHandler(resolver, answers);
                try
                {
                    server = DnsServer.Start(endPoint, handler, log, loops, parsed.GetValue(queryLog), tcpLimits, tls);
                }
                catch (SocketException e)
                {
                    await environment.Error.WriteLineAsync($"{CliApp.Name}: cannot listen on {endPoint}: {ListenProblem(e)}").ConfigureAwait(false);
                    return ExitCodes.RuntimeFailure;
                }

                if (httpsEndPoint is not null)
                {
                    try
                    {
                        https = await HttpsDnsListener.StartAsync(httpsEndPoint, serverCertificate!, handler, log, parsed.GetValue(queryLog), tcpLimits, cancellationToken).ConfigureAwait(false);
                    }
                    catch (IOException e)
                    {
                        // Kestrel reports a bind failure as an IOException around the socket's error.
                        server.Dispose();
                        string problem = SocketErrorIn(e) is { } bind ? ListenProblem(bind) : e.Message;
                        await environment.Error.WriteLineAsync($"{CliApp.Name}: cannot listen on {httpsEndPoint} (https): {problem}").ConfigureAwait(false);
                        return ExitCodes.RuntimeFailure;
                    }
                }

                await using (https)
                using (server)
                {
                    string mode = options.Iteration.Forwarders.Count > 0
                        ? "forwarding to " + string.Join(", ", options.Iteration.Forwarders)
                        : "iterating from the root" + (options.Iteration.ForwardZones.Count > 0
                            ? "; forward zones " + string.Join("; ", options.Iteration.ForwardZones)
                            : string.Empty);
                    log.Information($"listening on {server.EndPoint} (udp, tcp){(server.TlsEndPoint is { } dot ? $", {dot} (tls)" : string.Empty)}{(https is not null ? $", {https.EndPoint} (https)" : string.Empty)}, {mode}");
                    environment.ServeStarted?.Invoke(server.EndPoint);
                    await server.RunAsync(cancellationToken).ConfigureAwait(false);
                    log.Information("stopped");
                }

                return ExitCodes.Ok;
            }
            finally
            {
                (resolver as IDisposable)?.Dispose();
            }
        }, cancellationIsSuccess: true));
        return command;
    }

    private static string ListenProblem(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => "address already in use",
        SocketError.AddressNotAvailable => "address not available on this host",
        SocketError.AccessDenied => "permission denied (ports below 1024 need privileges)",
        _ => e.Message,
    };

    private static SocketException? SocketErrorIn(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket;
            }
        }

        return null;
    }

    // The certificate and key for --tls-listen, as a certificate SslStream can serve with.
    private static X509Certificate2 LoadCertificate(FileInfo certificate, FileInfo key)
    {
        try
        {
            using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(certificate.FullName, key.FullName);
            // An ephemeral PEM key is re-imported so the TLS stack can use it on every platform.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--cert/--key: cannot load '{certificate.FullName}' with '{key.FullName}': {e.Message}", e);
        }
    }
}

// TlsaCommand: `dnssec-resolve tlsa HOST [PORT]` — the DANE debugging tool (issue 18 item 5, in the
// spirit of check-ds): resolves the host's addresses and its TLSA RRset through the library (RFC
// 7671 §7 base domain, via DaneAuthenticator), connects, does a TLS handshake that accepts any
// certificate only to see the chain the server sends, and prints each certificate, each TLSA record
// with what it matched (or why it is unusable) and the DANE verdict (DaneVerifier, all four usages).
// Exit 0 when DANE authenticates the server, 1 when it does not or does not apply, 2 when the
// server cannot be reached.
using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Resolver.Cli.Output;
using Resolver.Dane;
using Resolver.Protocol;

namespace Resolver.Cli.Commands;

internal static class TlsaCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var hostArgument = new Argument<string>("host") { Description = "The TLS server's host name (the final dot may be omitted)." };
        var portArgument = new Argument<int>("port") { Description = "The TCP port (default 443).", DefaultValueFactory = _ => 443 };
        var command = new Command("tlsa", "Fetch a TLS server's certificate chain and check it against the host's TLSA records (DANE, RFC 6698/7671): " +
            "which record matches which certificate, which records are unusable, and the verdict.\n" +
            "Exit codes: 0 DANE authenticates the server, 1 it does not (or no Secure TLSA records exist), 2 the server or its records cannot be reached, 64 bad usage.")
        {
            hostArgument,
            portArgument,
        };
        ResolverSettings settings = ResolverSettings.AddTo(command);
        command.SetAction((parsed, cancellationToken) => CommandGuard.RunAsync(environment.Error, async () =>
        {
            DnsName host = ResolverSettings.ParseName(parsed.GetRequiredValue(hostArgument));
            int port = parsed.GetValue(portArgument);
            if (port is < 1 or > 65535)
            {
                throw new UsageException($"port {port} is not 1-65535.");
            }

            IDnsResolver resolver = environment.ResolverFactory(settings.Build(parsed));
            try
            {
                string hostText = host.ToString().TrimEnd('.');
                AddressResult addresses = await resolver.ResolveAddressesAsync(hostText, cancellationToken).ConfigureAwait(false);
                DaneAuthenticator dane = await DaneAuthenticator.CreateAsync(resolver, hostText, port, DaneMode.DaneRequired, environment.Clock, cancellationToken).ConfigureAwait(false);
                var sb = new StringBuilder();
                sb.Append(CultureInfo.InvariantCulture, $";; ADDRESSES OF {host} — {addresses.Status.ToString().ToLowerInvariant()}: {string.Join(", ", addresses.Addresses)}\n");
                ResolveResult tlsa = dane.Tlsa!;
                sb.Append(CultureInfo.InvariantCulture, $";; TLSA {tlsa.Question.Name} — {ResultText.StatusWord(tlsa)}{(tlsa.Reason is { } r ? $" ({r})" : "")}\n");
                if (addresses.Status == SecurityStatus.Bogus || addresses.Addresses.Count == 0)
                {
                    sb.Append(";; not connecting: ").Append(addresses.Status == SecurityStatus.Bogus ? "the addresses are bogus" : "no addresses").Append('\n');
                    await environment.Output.WriteAsync(sb.ToString()).ConfigureAwait(false);
                    return addresses.Status == SecurityStatus.Bogus ? ExitCodes.Failed : ExitCodes.RuntimeFailure;
                }

                (IPEndPoint? server, List<X509Certificate2> chain, string? error) = await FetchChainAsync(addresses.Addresses, port, hostText, cancellationToken).ConfigureAwait(false);
                if (server is null)
                {
                    await environment.Output.WriteAsync(sb.ToString()).ConfigureAwait(false);
                    await environment.Error.WriteLineAsync($"{CliApp.Name}: cannot fetch the certificate chain of {hostText}:{port}: {error}").ConfigureAwait(false);
                    return ExitCodes.RuntimeFailure;
                }

                DaneResult result = DaneVerifier.Verify(tlsa, chain, dane.ReferenceNames, environment.Clock.GetUtcNow());
                await environment.Output.WriteAsync(Format(sb, server, chain, tlsa, result)).ConfigureAwait(false);
                return result.Status == DaneStatus.Authenticated ? ExitCodes.Ok : ExitCodes.Failed;
            }
            finally
            {
                (resolver as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    // Connects to each address in turn and completes a TLS handshake accepting any certificate: the
    // point is to see what the server sends (the leaf and the chain's extra certificates).
    private static async Task<(IPEndPoint?, List<X509Certificate2>, string?)> FetchChainAsync(IReadOnlyList<IPAddress> addresses, int port, string host, CancellationToken cancellationToken)
    {
        string? lastError = null;
        foreach (IPAddress address in addresses)
        {
            var endPoint = new IPEndPoint(address, port);
            List<X509Certificate2> sent = [];
            try
            {
                using var tcp = new TcpClient(address.AddressFamily);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                await tcp.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
                await using var ssl = new SslStream(tcp.GetStream());
                var options = new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    RemoteCertificateValidationCallback = (_, certificate, x509, _) =>
                    {
                        // copies: SslStream disposes the certificates it hands the callback
                        if (certificate is X509Certificate2 leaf)
                        {
                            sent.Add(X509CertificateLoader.LoadCertificate(leaf.RawDataMemory.Span));
                            sent.AddRange(x509?.ChainPolicy.ExtraStore
                                .Where(c => !c.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span))
                                .Select(c => X509CertificateLoader.LoadCertificate(c.RawDataMemory.Span)) ?? []);
                        }

                        return true; // a debugging fetch: the verdict is DaneVerifier's, below
                    },
                };
                await ssl.AuthenticateAsClientAsync(options, timeout.Token).ConfigureAwait(false);
                return (endPoint, sent, null);
            }
            catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                lastError = $"{endPoint}: {e.Message}";
            }
        }

        return (null, [], lastError);
    }

    internal static string Format(StringBuilder sb, IPEndPoint server, IReadOnlyList<X509Certificate2> chain, ResolveResult tlsa, DaneResult result)
    {
        sb.Append(CultureInfo.InvariantCulture, $"\n;; CERTIFICATES SENT BY {server} ({chain.Count}):\n");
        for (int i = 0; i < chain.Count; i++)
        {
            X509Certificate2 c = chain[i];
            sb.Append(CultureInfo.InvariantCulture,
                $";;   [{i}] {c.Subject} (issuer {c.Issuer}), valid {ResultText.Time(c.NotBefore.ToUniversalTime())} .. {ResultText.Time(c.NotAfter.ToUniversalTime())}\n");
        }

        sb.Append("\n;; TLSA RECORDS:\n");
        if (result.Checks.Count == 0)
        {
            sb.Append(";;   (none used)\n");
        }

        foreach (TlsaRecordCheck check in result.Checks)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{tlsa.Question.Name}\tIN\tTLSA\t{check.Record}\n");
            sb.Append(";;   -> ").Append(check.Note).Append('\n');
        }

        sb.Append(CultureInfo.InvariantCulture, $"\n;; DANE: {result.Status.ToString().ToLowerInvariant()} ({result.Reason}): {result.Description}\n");
        return sb.ToString();
    }
}

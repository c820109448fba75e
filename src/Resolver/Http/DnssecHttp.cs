// DnssecHttp: HttpClient on the validating resolver — a SocketsHttpHandler.ConnectCallback that
// resolves the origin's A and AAAA through IDnsResolver, refuses a Bogus answer (and, when asked,
// an Insecure or Indeterminate one) before any TCP connection with an HttpRequestException naming
// the DNSSEC reason, races the addresses with Happy Eyeballs (RFC 8305), and for https origins in a
// DANE mode does the TLS handshake itself under DaneAuthenticator (RFC 6698, RFC 7671), returning
// the SslStream (SocketsHttpHandler then uses it as it is).
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Resolver.Dane;

namespace Resolver.Http;

/// <summary>HttpClient integration: connect through the validating resolver.</summary>
public static class DnssecHttp
{
    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves through <paramref name="resolver"/>
    /// and connects as <paramref name="options"/> say.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(IDnsResolver resolver, DnssecConnectOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        options ??= new DnssecConnectOptions();
        options.Validate();
        DaneMode mode = options.HttpsDane;
        bool requireSecure = options.RequireSecureAddresses;
        TimeSpan delay = options.ConnectionAttemptDelay;
        TimeProvider time = options.TimeProvider ?? TimeProvider.System;
        return (context, cancellationToken) => ConnectAsync(resolver, context, mode, requireSecure, delay, time, cancellationToken);
    }

    /// <summary>A <see cref="SocketsHttpHandler"/> whose connections go through <see cref="ConnectCallback"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static SocketsHttpHandler CreateHandler(IDnsResolver resolver, DnssecConnectOptions? options = null) =>
        new() { ConnectCallback = ConnectCallback(resolver, options) };

    private static async ValueTask<Stream> ConnectAsync(IDnsResolver resolver, SocketsHttpConnectionContext context, DaneMode mode, bool requireSecure,
        TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        string host = context.DnsEndPoint.Host;
        int port = context.DnsEndPoint.Port;
        if (IPAddress.TryParse(host, out IPAddress? literal))
        {
            // An address literal involves no DNS, so nothing to validate (and no TLSA base domain).
            return await ConnectStreamAsync([new IPEndPoint(literal, port)], delay, time, cancellationToken).ConfigureAwait(false);
        }

        AddressResult addresses = await resolver.ResolveAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (Refusal(host, addresses, requireSecure) is { } refusal)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, refusal);
        }

        bool https = string.Equals(context.InitialRequestMessage.RequestUri?.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);
        DaneAuthenticator? dane = null;
        if (https && mode != DaneMode.PkixOnly)
        {
            dane = await DaneAuthenticator.CreateAsync(resolver, host, port, mode, addresses, time, cancellationToken).ConfigureAwait(false);
            // RFC 6698 §4.1: a Bogus or Indeterminate TLSA answer (or a failed lookup) ends it before connecting.
            if (DaneVerifier.FromDns(dane.Tlsa!) is { Status: DaneStatus.Failed } failed)
            {
                throw new HttpRequestException(HttpRequestError.SecureConnectionError, $"{host}:{port}: {failed.Description}");
            }
        }

        Stream stream = await ConnectStreamAsync([.. HappyEyeballs.Order(addresses.Addresses).Select(a => new IPEndPoint(a, port))], delay, time, cancellationToken).ConfigureAwait(false);
        if (dane is null)
        {
            return stream;
        }

        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        var sslOptions = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            ApplicationProtocols = context.InitialRequestMessage.Version.Major >= 2
                ? [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11]
                : [SslApplicationProtocol.Http11],
        };
        dane.Apply(sslOptions);
        try
        {
            await ssl.AuthenticateAsClientAsync(sslOptions, cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch (AuthenticationException ex) when (dane.Refusal is { } why)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new HttpRequestException(HttpRequestError.SecureConnectionError, $"{host}:{port}: {why}", ex);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Why the addresses of <paramref name="host"/> may not be used; null when they may.</summary>
    internal static string? Refusal(string host, AddressResult addresses, bool requireSecure)
    {
        ResolveResult[] both = [addresses.IPv4, addresses.IPv6];
        if (both.FirstOrDefault(r => r.Status == SecurityStatus.Bogus) is { } bogus)
        {
            return $"{host}: the {Family(bogus)} answer is bogus (DNSSEC validation failed): {bogus.Reason}";
        }

        if (requireSecure && both.FirstOrDefault(r => r.Status is SecurityStatus.Insecure or SecurityStatus.Indeterminate) is { } weak)
        {
            return $"{host}: the {Family(weak)} answer is {weak.Status.ToString().ToLowerInvariant()}, and Secure addresses are required: {weak.Reason}";
        }

        if (addresses.Addresses.Count == 0)
        {
            return addresses.IsResolutionFailure
                ? $"{host}: the addresses could not be resolved: {addresses.IPv4.ResolutionError}"
                : $"{host}: no addresses ({Protocol.DnsMessage.FormatRcode(addresses.IPv4.ResponseCode)})";
        }

        return null;
    }

    private static string Family(ResolveResult result) => result.Question.Type == Protocol.RrType.A ? "A" : "AAAA";

    private static async Task<Stream> ConnectStreamAsync(IReadOnlyList<IPEndPoint> endPoints, TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            Socket socket = await HappyEyeballs.ConnectAsync(endPoints, delay, time, HappyEyeballs.ConnectSocketAsync, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (AggregateException ex)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                $"no connection to any of {string.Join(", ", endPoints)}: {string.Join("; ", ex.InnerExceptions.Select(e => e.Message))}", ex.InnerExceptions.FirstOrDefault());
        }
    }
}

// TlsUpstream: one DNS-over-TLS server (RFC 7858) and how to authenticate it — the strict privacy
// profile of RFC 8310 only: an authentication domain name the certificate must match (§8.1), an SPKI
// pin set (RFC 7858 §4.2), or both. There is no opportunistic mode: a server that cannot be
// authenticated is not used, and nothing falls back to clear-text DNS.
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Resolver.Transport;

/// <summary>A DNS-over-TLS server (RFC 7858) and how its certificate is checked (RFC 8310 strict profile).</summary>
public sealed class TlsUpstream
{
    /// <summary>The port DNS over TLS uses unless told otherwise (RFC 7858 §3.1).</summary>
    public const int DefaultPort = 853;

    /// <summary>The server's address and port.</summary>
    public required IPEndPoint EndPoint { get; init; }

    /// <summary>
    /// The authentication domain name (RFC 8310 §8): the certificate must be valid for it (and chain to a
    /// trusted root, or to <see cref="TrustedRoots"/>). Null when <see cref="SpkiPins"/> alone authenticate the server.
    /// </summary>
    public string? AuthenticationName { get; init; }

    /// <summary>
    /// SPKI pins (RFC 7858 §4.2): base64 SHA-256 digests of the server certificate's SubjectPublicKeyInfo
    /// (the form of RFC 7469's pin-sha256). When any is given, the certificate's key must match one;
    /// the certificate then need not chain to a trusted root.
    /// </summary>
    public IReadOnlyList<string> SpkiPins { get; init; } = [];

    /// <summary>Roots to trust instead of the system's (a private PKI); null for the system store.</summary>
    public X509Certificate2Collection? TrustedRoots { get; init; }

    /// <summary>The name checked against the certificate and sent as SNI: the authentication name, else the address.</summary>
    public string TargetHost => AuthenticationName ?? EndPoint.Address.ToString();

    /// <summary>
    /// Reads <c>tls://ADDRESS[:PORT][#NAME]</c> (IPv6 in brackets: <c>tls://[2001:db8::1]:853#dns.example</c>);
    /// the port defaults to 853. Pins and roots are set on the returned value.
    /// </summary>
    /// <exception cref="FormatException">The text is not of that form.</exception>
    public static TlsUpstream Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string Scheme = "tls://";
        if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"'{text}' is not a DNS-over-TLS upstream: expected tls://ADDRESS[:PORT][#NAME]");
        }

        string rest = text[Scheme.Length..];
        string? name = null;
        int hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            name = rest[(hash + 1)..];
            rest = rest[..hash];
            if (name.Length == 0)
            {
                throw new FormatException($"'{text}': the authentication name after '#' is empty");
            }
        }

        if (!IPEndPoint.TryParse(rest, out IPEndPoint? endPoint))
        {
            throw new FormatException($"'{text}': '{rest}' is not an IP address with an optional port");
        }

        if (endPoint.Port == 0)
        {
            endPoint = new IPEndPoint(endPoint.Address, DefaultPort);
        }

        return new TlsUpstream { EndPoint = endPoint, AuthenticationName = name };
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"tls://{(EndPoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{EndPoint.Address}]" : EndPoint.Address.ToString())}:{EndPoint.Port}{(AuthenticationName is null ? string.Empty : "#" + AuthenticationName)}");
}

// HttpsUpstream: one DNS-over-HTTPS server (RFC 8484): its URI template's path (https://HOST/dns-query),
// the address to connect to (a resolver cannot ask DNS for its own upstream's address: RFC 8484 §10 and
// RFC 8310 §7.1 leave bootstrapping to configuration, so the address is given, or the host is an IP
// literal), and how its certificate is checked: valid for the URI's host and chained to a trusted root
// (or to TrustedRoots), or matching an SPKI pin.
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Resolver.Transport;

/// <summary>A DNS-over-HTTPS server (RFC 8484) and how to reach and authenticate it.</summary>
public sealed class HttpsUpstream
{
    /// <summary>The query URI, e.g. <c>https://dns.example/dns-query</c>.</summary>
    public required Uri Uri { get; init; }

    /// <summary>
    /// The address and port to connect to. Null when the URI's host is an IP address (then that address
    /// and the URI's port are used).
    /// </summary>
    public IPEndPoint? Address { get; init; }

    /// <summary>
    /// SPKI pins (base64 SHA-256 of the certificate's SubjectPublicKeyInfo, as RFC 7858 §4.2). When any is
    /// given, the certificate's key must match one and need not chain to a trusted root.
    /// </summary>
    public IReadOnlyList<string> SpkiPins { get; init; } = [];

    /// <summary>Roots to trust instead of the system's (a private PKI); null for the system store.</summary>
    public X509Certificate2Collection? TrustedRoots { get; init; }

    /// <summary>Send queries with GET (<c>?dns=</c> base64url, RFC 8484 §4.1) instead of POST. Default false.</summary>
    public bool UseGet { get; init; }

    /// <summary>The address the transport connects to and reports results for.</summary>
    /// <exception cref="InvalidOperationException">The URI's host is a name and no <see cref="Address"/> is set.</exception>
    public IPEndPoint EndPoint => Address
        ?? (IPAddress.TryParse(Uri.IdnHost, out IPAddress? literal)
            ? new IPEndPoint(literal, Uri.Port)
            : throw new InvalidOperationException($"{Uri}: give the address to connect to (Address) for a host name"));

    /// <summary>Reads <c>https://HOST[:PORT]/PATH[@ADDRESS]</c>: the URI, and after '@' the address to connect to (optional for an IP host).</summary>
    /// <exception cref="FormatException">The text is not of that form.</exception>
    public static HttpsUpstream Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string uriText = text;
        IPEndPoint? address = null;
        int at = text.LastIndexOf('@');
        if (at > "https://".Length)
        {
            uriText = text[..at];
            if (!IPEndPoint.TryParse(text[(at + 1)..], out address))
            {
                throw new FormatException($"'{text}': '{text[(at + 1)..]}' is not an IP address with an optional port");
            }
        }

        if (!Uri.TryCreate(uriText, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new FormatException($"'{text}' is not a DNS-over-HTTPS upstream: expected https://HOST[:PORT]/PATH[@ADDRESS]");
        }

        if (address is { Port: 0 })
        {
            address = new IPEndPoint(address.Address, uri.Port);
        }

        var upstream = new HttpsUpstream { Uri = uri, Address = address };
        if (address is null && !IPAddress.TryParse(uri.IdnHost, out _))
        {
            throw new FormatException($"'{text}': the host is a name, so give the address to connect to after '@' (https://dns.example/dns-query@192.0.2.1)");
        }

        return upstream;
    }

    /// <inheritdoc/>
    public override string ToString() => Address is null ? Uri.ToString() : $"{Uri}@{Address}";
}

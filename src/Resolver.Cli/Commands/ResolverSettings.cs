// ResolverSettings: the options every resolving command shares (--root-hints, --trust-anchor,
// --forward, --forward-zone, --forward-first, --no-qname-minimisation, --timeout, --tcp, -4, -6, --harden-algo-downgrade,
// --serve-stale, --max-stale, --prefetch) and turning them into ResolverOptions. Defaults and
// ranges in help and checks come from the library's declarations (TransportLimits, DnsCacheLimits).
// A trust-anchor file is either zone-file DS/DNSKEY lines or IANA's root-anchors.xml, told apart
// by content (XML starts with '<').
// Every problem with a file or address is a UsageException: one line, exit 64.
using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Transport;

namespace Resolver.Cli.Commands;

internal sealed class ResolverSettings
{
    private ResolverSettings()
    {
    }

    public Option<FileInfo?> RootHints { get; } = new("--root-hints")
    {
        Description = "Root hints file (named.root format). Default: the IANA root servers.",
    };

    public Option<FileInfo[]> TrustAnchors { get; } = new("--trust-anchor")
    {
        Description = "Trust anchor file: DS/DNSKEY zone-file lines or an IANA root-anchors.xml. Repeatable. Default: the embedded IANA root anchors.",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Forwarders { get; } = new("--forward")
    {
        Description = "Forward to this resolver instead of iterating from the root; answers are still validated here. Repeatable. " +
            "ADDR[:PORT] ([v6]:PORT) for plain DNS; tls://ADDR[:PORT][#NAME] for DNS over TLS (RFC 7858; the certificate must be valid for NAME, or for ADDR without one); " +
            "https://HOST[:PORT]/PATH[@ADDR] for DNS over HTTPS (RFC 8484; give @ADDR when HOST is a name).",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<FileInfo?> UpstreamCa { get; } = new("--upstream-ca")
    {
        Description = "PEM file of the root certificate(s) that tls:// and https:// forwarders' certificates must chain to, instead of the system's (a private PKI).",
    };

    public Option<string[]> UpstreamPins { get; } = new("--upstream-pin")
    {
        Description = "SPKI pin (base64 SHA-256 of the certificate's public key, RFC 7858 §4.2) that tls:// and https:// forwarders must match; a pinned certificate need not chain to a trusted root. Repeatable.",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> ForwardZones { get; } = new("--forward-zone")
    {
        Description = "Forward names at or below ZONE to these resolvers while iterating the rest (Unbound's forward-zone): ZONE=ADDR[:PORT][,ADDR[:PORT]...]. Answers are still validated here. Repeatable; the deepest matching zone wins.",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> ForwardFirst { get; } = new("--forward-first")
    {
        Description = "For every --forward-zone: when its resolvers fail, iterate the name normally (Unbound's forward-first). Default: off, the name fails (forward-only).",
    };

    public Option<bool> NoQnameMinimisation { get; } = new("--no-qname-minimisation")
    {
        Description = "Send the full query name to every server instead of one label more than each knows (RFC 9156 QNAME minimisation is on by default, relaxed).",
    };

    public Option<double?> Timeout { get; } = new("--timeout")
    {
        Description = $"UDP timeout per upstream query, in seconds (default {TransportLimits.UdpTimeout.Default.TotalSeconds}; range {TransportLimits.UdpTimeout.RangeText}).",
        CustomParser = OptionParsers.Number("--timeout", "seconds"),
    };

    public Option<bool> Tcp { get; } = new("--tcp")
    {
        Description = "Ask every upstream server over TCP instead of UDP (RFC 7766), as dig +tcp; +tcp is accepted too. Default: UDP, TCP when an answer is truncated.",
    };

    public Option<bool> IPv4Only { get; } = new("-4")
    {
        Description = "Iterate over IPv4 servers only (the default: IPv6 addresses of servers are not used unless -6).",
    };

    public Option<bool> IPv6Only { get; } = new("-6")
    {
        Description = "Iterate over IPv6 servers only (root hints, glue and server addresses of other families are skipped).",
    };

    public Option<bool> HardenAlgorithmDowngrade { get; } = new("--harden-algo-downgrade")
    {
        Description = "Require every algorithm of a zone's DS set to sign its keys and data (RFC 6840 §5.11, as Unbound's harden-algo-downgrade). Default: off, one algorithm is enough.",
    };

    public Option<bool> ServeStale { get; } = new("--serve-stale")
    {
        Description = $"Serve-stale (RFC 8767): when every authority fails, answer expired data that validated Secure or Insecure (never Bogus), with TTL {DnsCacheLimits.StaleAnswerTtl.Default.TotalSeconds} and EDE 3/19 (also when they take over {OptionLimit.Format(DnsCacheLimits.StaleClientTimeout.Default)}, RFC 8767 §5), and refresh it in the background. Default: off.",
    };

    public Option<double?> MaxStale { get; } = new("--max-stale")
    {
        Description = $"With --serve-stale: how long after expiry data may still be served, in hours (RFC 8767 §5 suggests 1 to 3 days; default {DnsCacheLimits.MaxStale.Default.TotalHours}, range {DnsCacheLimits.MaxStale.RangeText}).",
        CustomParser = OptionParsers.Number("--max-stale", "hours"),
    };

    public Option<bool> Prefetch { get; } = new("--prefetch")
    {
        Description = "Refresh a cached answer asked for in the last tenth of its TTL in the background (Unbound's prefetch). Default: off.",
    };

    /// <summary>Creates the options and adds them to <paramref name="command"/>.</summary>
    public static ResolverSettings AddTo(Command command)
    {
        var settings = new ResolverSettings();
        command.Options.Add(settings.RootHints);
        command.Options.Add(settings.TrustAnchors);
        command.Options.Add(settings.Forwarders);
        command.Options.Add(settings.UpstreamCa);
        command.Options.Add(settings.UpstreamPins);
        command.Options.Add(settings.ForwardZones);
        command.Options.Add(settings.ForwardFirst);
        command.Options.Add(settings.NoQnameMinimisation);
        command.Options.Add(settings.Timeout);
        command.Options.Add(settings.Tcp);
        command.Options.Add(settings.IPv4Only);
        command.Options.Add(settings.IPv6Only);
        command.Options.Add(settings.HardenAlgorithmDowngrade);
        command.Options.Add(settings.ServeStale);
        command.Options.Add(settings.MaxStale);
        command.Options.Add(settings.Prefetch);
        return settings;
    }

    /// <summary>Builds resolver options from a parse result.</summary>
    /// <exception cref="UsageException">A file is missing, unreadable or malformed, or an address is not one.</exception>
    public ResolverOptions Build(ParseResult parsed)
    {
        var options = new ResolverOptions();
        if (parsed.GetValue(RootHints) is FileInfo hints)
        {
            string text = ReadFile(hints, "root hints");
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new UsageException($"root hints file '{hints.FullName}' is empty.");
            }

            try
            {
                options.Iteration.RootHints = Resolver.RootHints.Parse(text);
            }
            catch (Exception e) when (e is DnsFormatException or ArgumentException)
            {
                throw new UsageException($"root hints file '{hints.FullName}': {CommandGuard.MessageOf(e)}", e);
            }
        }

        FileInfo[] anchorFiles = parsed.GetValue(TrustAnchors) ?? [];
        if (anchorFiles.Length > 0)
        {
            options.Validation.TrustAnchors = TrustAnchorStore.Create(anchorFiles.SelectMany(LoadAnchors));
        }

        X509Certificate2Collection? roots = parsed.GetValue(UpstreamCa) is FileInfo ca ? LoadRoots(ca) : null;
        string[] pins = parsed.GetValue(UpstreamPins) ?? [];
        foreach (string forwarder in parsed.GetValue(Forwarders) ?? [])
        {
            AddForwarder(options, forwarder, roots, pins);
        }

        bool forwardFirst = parsed.GetValue(ForwardFirst);
        foreach (string zone in parsed.GetValue(ForwardZones) ?? [])
        {
            options.Iteration.ForwardZones.Add(ParseForwardZone(zone, forwardFirst));
        }

        options.Iteration.QnameMinimisation = !parsed.GetValue(NoQnameMinimisation);
        options.Transport.TcpOnly = parsed.GetValue(Tcp);
        switch (parsed.GetValue(IPv4Only), parsed.GetValue(IPv6Only))
        {
            case (true, true):
                throw new UsageException("-4 and -6 exclude each other.");
            case (false, true):
                options.Iteration.UseIPv4 = false;
                options.Iteration.UseIPv6 = true;
                break;
            default:
                // -4 is the default: IPv4 servers only.
                break;
        }
        if (parsed.GetValue(Timeout) is double seconds)
        {
            options.Transport.UdpTimeout = InRange(TimeSpan.FromSeconds(seconds), TransportLimits.UdpTimeout, "--timeout");
        }

        options.Validation.HardenAlgorithmDowngrade = parsed.GetValue(HardenAlgorithmDowngrade);
        options.Cache.ServeStale = parsed.GetValue(ServeStale);
        options.Cache.Prefetch = parsed.GetValue(Prefetch);
        if (parsed.GetValue(MaxStale) is double hours)
        {
            options.Cache.MaxStale = InRange(TimeSpan.FromHours(hours), DnsCacheLimits.MaxStale, "--max-stale");
        }

        return options;
    }

    /// <summary>Parses ZONE=ADDR[:PORT][,ADDR[:PORT]...] (a --forward-zone value).</summary>
    /// <exception cref="UsageException">It is not of that form.</exception>
    public static ForwardZone ParseForwardZone(string text, bool forwardFirst)
    {
        ArgumentNullException.ThrowIfNull(text);
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            throw new UsageException($"--forward-zone '{text}': expected ZONE=ADDR[:PORT][,ADDR[:PORT]...].");
        }

        DnsName zone;
        try
        {
            string name = text[..equals].Trim();
            zone = DnsName.Parse(name.EndsWith('.') ? name : name + ".");
        }
        catch (DnsFormatException e)
        {
            throw new UsageException($"--forward-zone '{text}': {e.Message}", e);
        }

        IPEndPoint[] servers = [.. text[(equals + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => ParseEndPoint(a, 53, "--forward-zone"))];
        if (servers.Length == 0)
        {
            throw new UsageException($"--forward-zone '{text}': no resolver address.");
        }

        return new ForwardZone(zone, servers, forwardFirst);
    }

    /// <summary>Reads one trust-anchor file, in either format.</summary>
    /// <exception cref="UsageException">The file is missing, unreadable or malformed.</exception>
    public static IReadOnlyList<TrustAnchor> LoadAnchors(FileInfo file)
    {
        string text = ReadFile(file, "trust anchor");
        try
        {
            // IANA's root-anchors.xml (RFC 9718 §2) versus zone-file text: XML begins with '<'.
            if (text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('<'))
            {
                using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
                return TrustAnchorStore.ParseRootAnchorsXml(stream);
            }

            return TrustAnchorStore.ParseZoneText(text);
        }
        catch (DnsFormatException e)
        {
            throw new UsageException($"trust anchor file '{file.FullName}': {e.Message}", e);
        }
    }

    /// <summary>Parses ADDR, [V6], ADDR:PORT or [V6]:PORT; without a port, <paramref name="defaultPort"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="defaultPort">The port when none is given.</param>
    /// <param name="what">The option, for the message.</param>
    /// <param name="allowPortZero">True for a listening address (port 0: any free port).</param>
    /// <exception cref="UsageException">It is not an address.</exception>
    // --forward ADDR[:PORT] (plain DNS), tls://ADDR[:PORT][#NAME] (RFC 7858) or https://HOST/PATH[@ADDR] (RFC 8484).
    private static void AddForwarder(ResolverOptions options, string text, X509Certificate2Collection? roots, string[] pins)
    {
        try
        {
            if (text.StartsWith("tls://", StringComparison.OrdinalIgnoreCase))
            {
                TlsUpstream parsed = TlsUpstream.Parse(text);
                options.ForwardTo(new TlsUpstream { EndPoint = parsed.EndPoint, AuthenticationName = parsed.AuthenticationName, TrustedRoots = roots, SpkiPins = pins });
            }
            else if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                HttpsUpstream parsed = HttpsUpstream.Parse(text);
                options.ForwardTo(new HttpsUpstream { Uri = parsed.Uri, Address = parsed.Address, TrustedRoots = roots, SpkiPins = pins });
            }
            else
            {
                options.Iteration.Forwarders.Add(ParseEndPoint(text, 53, "--forward"));
            }
        }
        catch (FormatException e)
        {
            throw new UsageException($"--forward: {e.Message}", e);
        }
    }

    // The roots of a PEM file (--upstream-ca).
    private static X509Certificate2Collection LoadRoots(FileInfo file)
    {
        string text = ReadFile(file, "upstream CA");
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(text);
        }
        catch (CryptographicException e)
        {
            throw new UsageException($"upstream CA file '{file.FullName}': {e.Message}", e);
        }

        return roots.Count > 0 ? roots : throw new UsageException($"upstream CA file '{file.FullName}' holds no PEM certificate");
    }

    public static IPEndPoint ParseEndPoint(string text, int defaultPort, string what, bool allowPortZero = false)
    {
        ArgumentNullException.ThrowIfNull(text);

        // "[v6]:port" must go to IPEndPoint: IPAddress.TryParse accepts it and drops the port.
        if (!text.StartsWith('[') && IPAddress.TryParse(text, out IPAddress? address))
        {
            return new IPEndPoint(address, defaultPort);
        }

        if (!text.EndsWith(':') && IPEndPoint.TryParse(text, out IPEndPoint? endPoint))
        {
            if (text.EndsWith(']'))
            {
                return new IPEndPoint(endPoint.Address, defaultPort);
            }

            if (endPoint.Port != 0 || allowPortZero)
            {
                return endPoint;
            }
        }

        throw new UsageException($"{what}: '{text}' is not an address (ADDR, ADDR:PORT or [IPv6]:PORT).");
    }

    /// <summary>Parses a query name; the final dot may be omitted.</summary>
    /// <exception cref="UsageException">The name is malformed.</exception>
    public static DnsName ParseName(string text)
    {
        try
        {
            return DnsName.Parse(text.Length == 0 || text.EndsWith('.') ? text : text + ".");
        }
        catch (DnsFormatException e)
        {
            throw new UsageException($"'{text}' is not a valid domain name: {e.Message}", e);
        }
    }

    /// <summary>Parses a type mnemonic (A, AAAA, DNSKEY, TYPE65…), ignoring case.</summary>
    /// <exception cref="UsageException">The type is unknown.</exception>
    public static RrType ParseType(string text) =>
        Protocol.Text.RrTypeText.TryParseType(text, out RrType type)
            ? type
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"unknown record type '{text}' (use a mnemonic such as A, AAAA, MX, DNSKEY, or TYPEnnn)."));

    /// <summary>Returns <paramref name="value"/> when the option's declaration accepts it.</summary>
    /// <exception cref="UsageException">It does not: the message gives the declared range.</exception>
    public static T InRange<T>(T value, OptionLimit<T> limit, string flag)
        where T : struct, IComparable<T>, IFormattable =>
        limit.Contains(value) ? value : throw new UsageException($"{flag} must be between {OptionLimit.Format(limit.Min)} and {OptionLimit.Format(limit.Max)} ({OptionLimit.Format(value)} given).");

    private static string ReadFile(FileInfo file, string what)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string problem = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            throw new UsageException($"{what} file '{file.FullName}': {problem}", e);
        }
    }
}

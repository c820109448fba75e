// ResolverConfiguration: ResolverOptions from an IConfiguration section (appsettings.json, environment
// variables, …) — the shape that AddDnssecResolver(configuration.GetSection("Dnssec")) binds:
//   RootHintsFile              a named.root-format file (default: the IANA root servers)
//   TrustAnchorFiles[]         files of DS/DNSKEY zone-file lines or IANA's root-anchors.xml (told apart by content)
//   TrustAnchors[]             DS/DNSKEY zone-file lines inline (default for both: the IANA root anchors)
//   NegativeTrustAnchors[]     names below which nothing is validated (RFC 7646)
//   Forwarders[]               ADDR[:PORT], tls://ADDR[:PORT][#NAME] (RFC 7858), https://HOST[:PORT]/PATH[@ADDR] (RFC 8484)
//   UpstreamCaFile, UpstreamPins[]   the roots (PEM) and SPKI pins that authenticate encrypted forwarders
//   StubZones[]: Zone, Servers[]     ForwardZones[]: Zone, Servers[], ForwardFirst
//   Iteration:, Transport:, Cache:, Validation:   each limit and switch by its property name
// Read by hand rather than by the reflection binder: trim/AOT-safe, and every problem — an unknown
// key, a value that does not parse, one out of its declared range, a file that cannot be read — is
// one message naming the full key (the options validator reports them all at start-up).
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Resolver.DependencyInjection;
using Resolver.Protocol;
using Resolver.Transport;

namespace Resolver;

/// <summary>Reads <see cref="ResolverOptions"/> from configuration (the keys are listed in the README, "Configuration").</summary>
public static class ResolverConfiguration
{
    private static readonly string[] s_topKeys =
    [
        "RootHintsFile", "TrustAnchorFiles", "TrustAnchors", "NegativeTrustAnchors", "Forwarders", "UpstreamCaFile", "UpstreamPins",
        "StubZones", "ForwardZones", "Iteration", "Transport", "Cache", "Validation",
    ];

    /// <summary>
    /// Applies <paramref name="configuration"/> to <paramref name="options"/>: every value that is valid is set;
    /// each problem is returned as one message naming its key. Nothing is thrown for bad values.
    /// </summary>
    /// <param name="configuration">The section (e.g. <c>configuration.GetSection("Dnssec")</c>).</param>
    /// <param name="options">The options to set.</param>
    /// <returns>The problems found; empty when the configuration is valid.</returns>
    public static IReadOnlyList<string> Apply(IConfiguration configuration, ResolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var values = new ConfigurationValues(problems);
        foreach (IConfigurationSection child in configuration.GetChildren())
        {
            if (!s_topKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{child.Path}: not a resolver setting (known: {string.Join(", ", s_topKeys)}).");
            }
        }

        if (configuration["RootHintsFile"] is { Length: > 0 } hintsFile)
        {
            Guard(problems, configuration, "RootHintsFile", () => options.Iteration.RootHints = RootHints.Parse(File.ReadAllText(hintsFile)));
        }

        ReadTrustAnchors(configuration, options, problems);
        ReadForwarders(configuration, options, problems);
        ReadZones(configuration, options, problems);
        ResolverConfigurationLimits.Read(configuration, options, values);
        return problems;
    }

    private static void ReadTrustAnchors(IConfiguration configuration, ResolverOptions options, List<string> problems)
    {
        var anchors = new List<TrustAnchor>();
        bool any = false;
        foreach ((string path, string file) in Items(configuration, "TrustAnchorFiles"))
        {
            any = true;
            Guard(problems, path, () => anchors.AddRange(LoadAnchorFile(file)));
        }

        foreach ((string path, string line) in Items(configuration, "TrustAnchors"))
        {
            any = true;
            Guard(problems, path, () => anchors.AddRange(TrustAnchorStore.ParseZoneText(line)));
        }

        if (any)
        {
            options.Validation.TrustAnchors = TrustAnchorStore.Create(anchors, options.Validation.TrustAnchors.NegativeTrustAnchors);
        }

        var negative = new List<DnsName>();
        foreach ((string path, string name) in Items(configuration, "NegativeTrustAnchors"))
        {
            Guard(problems, path, () => negative.Add(ParseZoneName(name)));
        }

        if (negative.Count > 0)
        {
            options.Validation.TrustAnchors = options.Validation.TrustAnchors.WithNegativeTrustAnchors(negative);
        }
    }

    // IANA's root-anchors.xml (RFC 9718 §2) versus zone-file text, told apart by content: XML begins with '<'.
    private static IReadOnlyList<TrustAnchor> LoadAnchorFile(string file)
    {
        string text = File.ReadAllText(file);
        if (text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('<'))
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
            return TrustAnchorStore.ParseRootAnchorsXml(stream);
        }

        return TrustAnchorStore.ParseZoneText(text);
    }

    private static void ReadForwarders(IConfiguration configuration, ResolverOptions options, List<string> problems)
    {
        X509Certificate2Collection? roots = null;
        if (configuration["UpstreamCaFile"] is { Length: > 0 } caFile)
        {
            Guard(problems, configuration, "UpstreamCaFile", () =>
            {
                var collection = new X509Certificate2Collection();
                collection.ImportFromPemFile(caFile);
                roots = collection.Count > 0 ? collection : throw new FormatException($"'{caFile}' holds no PEM certificate.");
            });
        }

        string[] pins = [.. Items(configuration, "UpstreamPins").Select(p => p.Value)];
        foreach ((string path, string text) in Items(configuration, "Forwarders"))
        {
            Guard(problems, path, () =>
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
                    options.Forwarders.Add(ParseEndPoint(text));
                }
            });
        }
    }

    private static void ReadZones(IConfiguration configuration, ResolverOptions options, List<string> problems)
    {
        foreach (IConfigurationSection zone in configuration.GetSection("StubZones").GetChildren())
        {
            if (ZoneAndServers(zone, problems) is var (name, servers))
            {
                options.Iteration.StubZones.Add(new StubZone(name, servers));
            }
        }

        foreach (IConfigurationSection zone in configuration.GetSection("ForwardZones").GetChildren())
        {
            bool forwardFirst = false;
            new ConfigurationValues(problems).Bool(zone, "ForwardFirst", v => forwardFirst = v);
            if (ZoneAndServers(zone, problems) is var (name, servers))
            {
                options.Iteration.ForwardZones.Add(new ForwardZone(name, servers, forwardFirst));
            }
        }
    }

    private static (DnsName Zone, IPEndPoint[] Servers)? ZoneAndServers(IConfigurationSection zone, List<string> problems)
    {
        DnsName? name = null;
        Guard(problems, zone, "Zone", () => name = ParseZoneName(zone["Zone"] ?? throw new FormatException("missing: each zone needs Zone and Servers.")));
        var servers = new List<IPEndPoint>();
        foreach ((string path, string text) in Items(zone, "Servers"))
        {
            Guard(problems, path, () => servers.Add(ParseEndPoint(text)));
        }

        if (servers.Count == 0)
        {
            problems.Add($"{zone.Path}:Servers: missing; each zone needs at least one server address.");
        }

        return name is not null && servers.Count > 0 ? (name, [.. servers]) : null;
    }

    // A name with or without the final dot.
    private static DnsName ParseZoneName(string text) => DnsName.Parse(text.EndsWith('.') ? text : text + ".");

    // ADDR, [V6], ADDR:PORT or [V6]:PORT; port 53 when none is given.
    private static IPEndPoint ParseEndPoint(string text)
    {
        if (!text.StartsWith('[') && IPAddress.TryParse(text, out IPAddress? address))
        {
            return new IPEndPoint(address, 53);
        }

        if (IPEndPoint.TryParse(text, out IPEndPoint? endPoint))
        {
            return text.EndsWith(']') ? new IPEndPoint(endPoint.Address, 53) : endPoint;
        }

        throw new FormatException($"'{text}' is not an address: expected ADDR, ADDR:PORT or [IPv6]:PORT.");
    }

    // A list: Key:0, Key:1, … (JSON arrays, Key__0 in environment variables), or one value under Key itself.
    private static IEnumerable<(string Path, string Value)> Items(IConfiguration configuration, string key)
    {
        IConfigurationSection section = configuration.GetSection(key);
        if (section.Value is { Length: > 0 } single)
        {
            yield return (section.Path, single);
        }

        foreach (IConfigurationSection child in section.GetChildren())
        {
            if (child.Value is { Length: > 0 } value)
            {
                yield return (child.Path, value);
            }
        }
    }

    private static void Guard(List<string> problems, IConfiguration configuration, string key, Action action) =>
        Guard(problems, ConfigurationValues.PathOf(configuration, key), action);

    // The exceptions the parsers and file reads document, as one message naming the key.
    private static void Guard(List<string> problems, string path, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException or UnauthorizedAccessException or CryptographicException or InvalidOperationException)
        {
            problems.Add($"{path}: {e.Message}");
        }
    }
}

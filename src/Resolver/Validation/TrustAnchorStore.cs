// TrustAnchorStore: the trust anchors (DS or DNSKEY per zone) and negative trust anchors a
// validator starts from. Reads zone-file DS/DNSKEY lines and IANA's root-anchors.xml (RFC 9718),
// and embeds the current root anchors as the default. Which anchors are in force is decided at
// an instant the caller passes (the validator takes it from its TimeProvider).
using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Xml;
using System.Xml.Linq;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver;

/// <summary>An immutable set of trust anchors and negative trust anchors.</summary>
public sealed class TrustAnchorStore
{
    private readonly Dictionary<DnsName, List<TrustAnchor>> _anchors;
    private readonly HashSet<DnsName> _negative;

    private TrustAnchorStore(IEnumerable<TrustAnchor> anchors, IEnumerable<DnsName> negativeAnchors)
    {
        _anchors = [];
        foreach (TrustAnchor anchor in anchors)
        {
            if (anchor.Data is not (DsData or DnskeyData))
            {
                throw new ArgumentException($"A trust anchor is a DS or DNSKEY record, not {anchor.Data.Type}.", nameof(anchors));
            }

            if (!_anchors.TryGetValue(anchor.Zone, out List<TrustAnchor>? list))
            {
                _anchors[anchor.Zone] = list = [];
            }

            list.Add(anchor);
        }

        _negative = [.. negativeAnchors];
    }

    /// <summary>The IANA root trust anchors (KSK-2017 and KSK-2024) shipped with this library.</summary>
    public static TrustAnchorStore Default { get; } = LoadDefault();

    /// <summary>No anchors at all: every answer is Indeterminate.</summary>
    public static TrustAnchorStore Empty { get; } = new([], []);

    /// <summary>Every anchor, in no particular order.</summary>
    public IEnumerable<TrustAnchor> Anchors => _anchors.Values.SelectMany(list => list);

    /// <summary>Names below which answers are treated as Insecure (RFC 7646).</summary>
    public IReadOnlyCollection<DnsName> NegativeTrustAnchors => _negative;

    /// <summary>Creates a store from anchors and negative trust anchors.</summary>
    public static TrustAnchorStore Create(IEnumerable<TrustAnchor> anchors, IEnumerable<DnsName>? negativeTrustAnchors = null)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        return new(anchors, negativeTrustAnchors ?? []);
    }

    /// <summary>
    /// Reads anchors from zone-file text holding DS and/or DNSKEY lines (other types are refused).
    /// </summary>
    /// <exception cref="DnsFormatException">The text is malformed or holds other record types.</exception>
    public static IReadOnlyList<TrustAnchor> ParseZoneText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var anchors = new List<TrustAnchor>();
        foreach (ResourceRecord rr in ZoneFileReader.Parse(text, DnsName.Root, defaultTtl: 0))
        {
            if (rr.Data is not (DsData or DnskeyData))
            {
                throw new DnsFormatException($"A trust anchor file holds DS or DNSKEY records; found {RrTypeText.Format(rr.Type)} at {rr.Name}.");
            }

            anchors.Add(new TrustAnchor(rr.Name, rr.Data));
        }

        if (anchors.Count == 0)
        {
            throw new DnsFormatException("The trust anchor text holds no DS or DNSKEY record.");
        }

        return anchors;
    }

    /// <summary>
    /// Reads IANA's <c>root-anchors.xml</c> (RFC 9718 §2): one DS per <c>KeyDigest</c>, trusted from
    /// <c>validFrom</c> until <c>validUntil</c>.
    /// </summary>
    /// <exception cref="DnsFormatException">The XML is malformed or misses required elements.</exception>
    public static IReadOnlyList<TrustAnchor> ParseRootAnchorsXml(Stream xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XDocument document;
        try
        {
            document = XDocument.Load(xml, LoadOptions.None);
        }
        catch (XmlException e)
        {
            throw new DnsFormatException($"root-anchors.xml is not well-formed XML: {e.Message}", e);
        }

        XElement root = document.Root is { Name.LocalName: "TrustAnchor" } r
            ? r
            : throw new DnsFormatException("root-anchors.xml has no TrustAnchor element.");
        DnsName zone = DnsName.Parse(Required(root, "Zone"));
        var anchors = new List<TrustAnchor>();
        foreach (XElement digest in root.Elements("KeyDigest"))
        {
            var ds = new DsData(
                ParseNumber<ushort>(Required(digest, "KeyTag"), "KeyTag"),
                (DnssecAlgorithm)ParseNumber<byte>(Required(digest, "Algorithm"), "Algorithm"),
                (DigestType)ParseNumber<byte>(Required(digest, "DigestType"), "DigestType"),
                ParseHex(Required(digest, "Digest")));
            anchors.Add(new TrustAnchor(zone, ds, ParseTime(digest, "validFrom"), ParseTime(digest, "validUntil")));
        }

        if (anchors.Count == 0)
        {
            throw new DnsFormatException("root-anchors.xml holds no KeyDigest.");
        }

        return anchors;
    }

    /// <summary>A copy of this store with more anchors.</summary>
    public TrustAnchorStore With(IEnumerable<TrustAnchor> anchors) => new(Anchors.Concat(anchors), _negative);

    /// <summary>A copy of this store with negative trust anchors added (RFC 7646).</summary>
    public TrustAnchorStore WithNegativeTrustAnchors(IEnumerable<DnsName> names) => new(Anchors, _negative.Concat(names));

    /// <summary>
    /// The anchors in force at <paramref name="now"/> for the closest anchored zone at or above
    /// <paramref name="name"/>; false when no anchor covers the name.
    /// </summary>
    public bool TryFindClosest(DnsName name, DateTimeOffset now, out DnsName zone, out IReadOnlyList<TrustAnchor> anchors)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (int labels = name.LabelCount; labels >= 0; labels--)
        {
            DnsName candidate = name.GetSuffix(labels);
            if (_anchors.TryGetValue(candidate, out List<TrustAnchor>? list))
            {
                var inForce = list.Where(a => a.IsValidAt(now)).ToList();
                if (inForce.Count > 0)
                {
                    zone = candidate;
                    anchors = inForce;
                    return true;
                }
            }
        }

        zone = DnsName.Root;
        anchors = [];
        return false;
    }

    /// <summary>The negative trust anchor at or above <paramref name="name"/>, if any.</summary>
    public DnsName? FindNegativeAnchor(DnsName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_negative.Count == 0)
        {
            return null;
        }

        for (int labels = name.LabelCount; labels >= 0; labels--)
        {
            DnsName candidate = name.GetSuffix(labels);
            if (_negative.Contains(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static TrustAnchorStore LoadDefault()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Resolver.root-anchors.xml")
            ?? throw new InvalidOperationException("The embedded root-anchors.xml is missing from the Resolver assembly.");
        return new(ParseRootAnchorsXml(stream), []);
    }

    private static string Required(XElement parent, string name) =>
        parent.Element(name)?.Value.Trim() ?? throw new DnsFormatException($"root-anchors.xml: <{parent.Name.LocalName}> lacks <{name}>.");

    private static T ParseNumber<T>(string text, string what)
        where T : IBinaryInteger<T> =>
        T.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out T? value)
            ? value
            : throw new DnsFormatException($"root-anchors.xml: bad {what} '{text}'.");

    private static byte[] ParseHex(string text)
    {
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException e)
        {
            throw new DnsFormatException($"root-anchors.xml: bad Digest '{text}'.", e);
        }
    }

    private static DateTimeOffset? ParseTime(XElement element, string attribute)
    {
        string? text = element.Attribute(attribute)?.Value;
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time)
            ? time
            : throw new DnsFormatException($"root-anchors.xml: bad {attribute} '{text}'.");
    }
}

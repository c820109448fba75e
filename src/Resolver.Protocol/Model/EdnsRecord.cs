// EdnsRecord: the EDNS(0) information of a message (RFC 6891 §6.1): UDP payload size, version,
// the DO bit (RFC 3225) and options. On the wire it is the OPT pseudo-record in the additional
// section; DnsMessage converts between the two.
using System.Globalization;
using System.Text;

namespace Resolver.Protocol;

/// <summary>EDNS(0) parameters of a message (RFC 6891).</summary>
public sealed class EdnsRecord
{
    /// <summary>The payload size this library advertises by default (DNS Flag Day 2020: 1232 bytes).</summary>
    public const ushort DefaultUdpPayloadSize = 1232;

    /// <summary>Largest UDP payload the sender can reassemble (values below 512 are treated as 512).</summary>
    public ushort UdpPayloadSize { get; set; } = DefaultUdpPayloadSize;

    /// <summary>EDNS version (0).</summary>
    public byte Version { get; set; }

    /// <summary>The DO bit: the sender wants DNSSEC records (RFC 3225).</summary>
    public bool DnssecOk { get; set; }

    /// <summary>The remaining Z flag bits (DO excluded), kept as received.</summary>
    public ushort OtherFlags { get; set; }

    /// <summary>The options, in order.</summary>
    public IList<EdnsOption> Options { get; } = new List<EdnsOption>();

    /// <summary>The first Extended DNS Error option, if any (RFC 8914).</summary>
    public ExtendedDnsErrorOption? ExtendedError => Options.OfType<ExtendedDnsErrorOption>().FirstOrDefault();

    /// <summary>dig-style description of the pseudo-section.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"; EDNS: version: {Version}, flags:{(DnssecOk ? " do" : string.Empty)}; udp: {UdpPayloadSize}");
        foreach (EdnsOption option in Options)
        {
            sb.Append('\n').Append("; ").Append(option);
        }

        return sb.ToString();
    }
}

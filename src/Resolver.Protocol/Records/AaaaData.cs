// AaaaData: the AAAA record, an IPv6 address (RFC 3596 §2.2).
using System.Net;
using System.Net.Sockets;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>An IPv6 host address (RFC 3596 §2.2).</summary>
public sealed record AaaaData : RecordData
{
    /// <summary>Creates AAAA data.</summary>
    /// <exception cref="ArgumentException">The address is not IPv6, or carries a scope id (which the
    /// 16-byte wire form cannot hold).</exception>
    public AaaaData(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException("An AAAA record holds an IPv6 address.", nameof(address));
        }

        if (address.ScopeId != 0)
        {
            throw new ArgumentException("An AAAA record cannot hold a scope id.", nameof(address));
        }

        Address = address;
    }

    /// <summary>The address.</summary>
    public IPAddress Address { get; }

    /// <inheritdoc/>
    public override RrType Type => RrType.AAAA;

    internal static AaaaData ReadData(ref DnsReader reader, int length)
    {
        // RFC 3596 §2.2: exactly 128 bits.
        if (length != 16)
        {
            ThrowHelper.Format($"AAAA record data must be 16 bytes, not {length}", reader.Position);
        }

        return new AaaaData(new IPAddress(reader.ReadBytes(16)));
    }

    internal static AaaaData ParseData(RdataTextReader reader) =>
        new(reader.ReadAddress(AddressFamily.InterNetworkV6, "IPv6 address"));

    internal override void WriteData(ref DnsWriter writer)
    {
        Span<byte> bytes = stackalloc byte[16];
        Address.TryWriteBytes(bytes, out _);
        writer.WriteBytes(bytes);
    }

    internal override void FormatData(StringBuilder sb) => sb.Append(Address);
}

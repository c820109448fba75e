// AData: the A record, an IPv4 address (RFC 1035 §3.4.1).
using System.Net;
using System.Net.Sockets;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>An IPv4 host address (RFC 1035 §3.4.1).</summary>
public sealed record AData : RecordData
{
    /// <summary>Creates A data.</summary>
    /// <exception cref="ArgumentException">The address is not IPv4.</exception>
    public AData(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("An A record holds an IPv4 address.", nameof(address));
        }

        Address = address;
    }

    /// <summary>The address.</summary>
    public IPAddress Address { get; }

    /// <inheritdoc/>
    public override RrType Type => RrType.A;

    internal static AData ReadData(ref DnsReader reader, int length)
    {
        if (length != 4)
        {
            ThrowHelper.Format($"A record data must be 4 bytes, not {length}", reader.Position);
        }

        return new AData(new IPAddress(reader.ReadBytes(4)));
    }

    internal static AData ParseData(RdataTextReader reader) =>
        new(reader.ReadAddress(AddressFamily.InterNetwork, "IPv4 address"));

    internal override void WriteData(ref DnsWriter writer)
    {
        Span<byte> bytes = stackalloc byte[4];
        Address.TryWriteBytes(bytes, out _);
        writer.WriteBytes(bytes);
    }

    internal override void FormatData(StringBuilder sb) => sb.Append(Address);
}

// SvcbData: the SVCB record, a general service binding (RFC 9460 §2); fields, rules, wire and text
// forms are ServiceBindingData's.
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>A service binding (RFC 9460 §2).</summary>
public sealed record SvcbData : ServiceBindingData
{
    /// <summary>Creates SVCB data; parameters may come in any order and are kept sorted by key.</summary>
    /// <exception cref="ArgumentException">A key repeats, or mandatory lists a key that is absent (RFC 9460 §8).</exception>
    public SvcbData(ushort priority, DnsName targetName, IEnumerable<SvcParam> parameters)
        : base(priority, targetName, parameters)
    {
    }

    /// <inheritdoc/>
    public override RrType Type => RrType.SVCB;

    internal static SvcbData ReadData(ref DnsReader reader, int length)
    {
        var f = ReadFields(ref reader, length, RrType.SVCB);
        return new(f.Priority, f.Target, f.Params);
    }

    internal static SvcbData ParseData(RdataTextReader reader)
    {
        var f = ParseFields(reader, RrType.SVCB);
        return new(f.Priority, f.Target, f.Params);
    }
}

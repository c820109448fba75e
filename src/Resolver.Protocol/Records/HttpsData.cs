// HttpsData: the HTTPS record, the service binding of an https origin (RFC 9460 §9); fields, rules, wire and text
// forms are ServiceBindingData's.
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>A service binding for HTTPS origins (RFC 9460 §9).</summary>
public sealed record HttpsData : ServiceBindingData
{
    /// <summary>Creates HTTPS data; parameters may come in any order and are kept sorted by key.</summary>
    /// <exception cref="ArgumentException">A key repeats, or mandatory lists a key that is absent (RFC 9460 §8).</exception>
    public HttpsData(ushort priority, DnsName targetName, IEnumerable<SvcParam> parameters)
        : base(priority, targetName, parameters)
    {
    }

    /// <inheritdoc/>
    public override RrType Type => RrType.HTTPS;

    internal static HttpsData ReadData(ref DnsReader reader, int length)
    {
        var f = ReadFields(ref reader, length, RrType.HTTPS);
        return new(f.Priority, f.Target, f.Params);
    }

    internal static HttpsData ParseData(RdataTextReader reader)
    {
        var f = ParseFields(reader, RrType.HTTPS);
        return new(f.Priority, f.Target, f.Params);
    }
}

// ResourceRecord: one resource record — owner, class, TTL and typed data — and its one-line
// presentation form.
using System.Globalization;
using System.Text;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Protocol;

/// <summary>A DNS resource record. Immutable; equality compares owner (case-insensitively), class, TTL and data.</summary>
/// <param name="Name">The owner name.</param>
/// <param name="Class">The class (almost always <see cref="RrClass.IN"/>).</param>
/// <param name="Ttl">Time to live in seconds.</param>
/// <param name="Data">The typed record data; its <see cref="RecordData.Type"/> is the record's type.</param>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.ResourceRecordJsonConverter))]
public sealed record ResourceRecord(DnsName Name, RrClass Class, uint Ttl, RecordData Data)
{
    /// <summary>Creates an <see cref="RrClass.IN"/> record.</summary>
    public ResourceRecord(DnsName name, uint ttl, RecordData data) : this(name, RrClass.IN, ttl, data)
    {
    }

    /// <summary>The record type (from <see cref="Data"/>).</summary>
    public RrType Type => Data.Type;

    /// <summary>The record in zone-file form: <c>owner TTL CLASS TYPE data</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Name.AppendTo(sb);
        sb.Append('\t').Append(Ttl.ToString(CultureInfo.InvariantCulture))
          .Append('\t').Append(RrTypeText.Format(Class))
          .Append('\t').Append(RrTypeText.Format(Type))
          .Append('\t');
        Data.FormatData(sb);
        return sb.ToString();
    }
}

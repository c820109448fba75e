// ResourceRecordJsonConverter: a record in JSON is its presentation form split into the fields dig
// prints — {"name", "ttl", "class", "type", "data"} with data as zone-file text (RFC 1035 §5.1; RFC
// 3597 "\# len hex" for unknown types) — and reads back through the zone-file parser, so any record
// this library can print round-trips. The typed RecordData classes are never reflected over.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Json;

/// <summary>Writes a <see cref="ResourceRecord"/> as <c>{"name","ttl","class","type","data"}</c> and reads it back.</summary>
public sealed class ResourceRecordJsonConverter : JsonConverter<ResourceRecord>
{
    /// <inheritdoc/>
    public override ResourceRecord Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A resource record must be a JSON object.");
        }

        string? name = null, rrClass = null, type = null, data = null;
        uint? ttl = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string property = reader.GetString()!;
            reader.Read();
            switch (property)
            {
                case "name": name = reader.GetString(); break;
                case "ttl": ttl = reader.GetUInt32(); break;
                case "class": rrClass = reader.GetString(); break;
                case "type": type = reader.GetString(); break;
                case "data": data = reader.GetString(); break;
                default: reader.Skip(); break;
            }
        }

        if (name is null || type is null || data is null || ttl is null)
        {
            throw new JsonException("A resource record needs name, ttl, type and data.");
        }

        string line = string.Create(CultureInfo.InvariantCulture, $"{name} {ttl} {rrClass ?? "IN"} {type} {data}");
        return ZoneFileReader.TryParseRecord(line, origin: null, out ResourceRecord? record)
            ? record
            : throw new JsonException($"'{line}' is not a valid resource record.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ResourceRecord value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("name", value.Name.ToString());
        writer.WriteNumber("ttl", value.Ttl);
        writer.WriteString("class", RrTypeText.Format(value.Class));
        writer.WriteString("type", RrTypeText.Format(value.Type));
        writer.WriteString("data", value.Data.ToString());
        writer.WriteEndObject();
    }
}

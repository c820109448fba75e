// DnsQuestionJsonConverter: a question in JSON is {"name", "type", "class"} in presentation form
// (RFC 1035 §4.1.2's three fields, as dig's QUESTION section prints them).
using System.Text.Json;
using System.Text.Json.Serialization;
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Json;

/// <summary>Writes a <see cref="DnsQuestion"/> as <c>{"name","type","class"}</c> and reads it back.</summary>
public sealed class DnsQuestionJsonConverter : JsonConverter<DnsQuestion>
{
    /// <inheritdoc/>
    public override DnsQuestion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A question must be a JSON object.");
        }

        DnsName? name = null;
        RrType? type = null;
        RrClass rrClass = RrClass.IN;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string property = reader.GetString()!;
            reader.Read();
            string? text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            switch (property)
            {
                case "name":
                    name = text is not null && DnsName.TryParse(text, out DnsName parsed) ? parsed : throw new JsonException($"'{text}' is not a valid DNS name.");
                    break;
                case "type":
                    type = text is not null && RrTypeText.TryParseType(text, out RrType t) ? t : throw new JsonException($"'{text}' is not an RR type.");
                    break;
                case "class":
                    rrClass = text is not null && RrTypeText.TryParseClass(text, out RrClass c) ? c : throw new JsonException($"'{text}' is not an RR class.");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return name is not null && type is not null ? new DnsQuestion(name, type.Value, rrClass) : throw new JsonException("A question needs name and type.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DnsQuestion value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("name", value.Name.ToString());
        writer.WriteString("type", RrTypeText.Format(value.Type));
        writer.WriteString("class", RrTypeText.Format(value.Class));
        writer.WriteEndObject();
    }
}

// ValidationFailureJsonConverter: the reason an answer is not Secure, in JSON — what a program acts
// on (kind, status, the RFC 8914 Extended DNS Error code and its name) beside what a person reads
// (zone, key tag, algorithm, RFC clause and the one-sentence text). Reads back from kind, zone,
// detail, key tag and algorithm; the rest follows from the kind.
using System.Text.Json;
using System.Text.Json.Serialization;
using Resolver.Protocol;

namespace Resolver.Json;

/// <summary>
/// Writes a <see cref="ValidationFailure"/> as <c>{"kind","status","zone","detail","keyTag","algorithm","ede","edeName","clause","text"}</c>
/// (key tag, algorithm and EDE only when there are some) and reads it back.
/// </summary>
public sealed class ValidationFailureJsonConverter : JsonConverter<ValidationFailure>
{
    /// <inheritdoc/>
    public override ValidationFailure Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A validation failure must be a JSON object.");
        }

        ValidationFailureKind? kind = null;
        DnsName? zone = null;
        string detail = string.Empty;
        ushort? keyTag = null;
        DnssecAlgorithm? algorithm = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string property = reader.GetString()!;
            reader.Read();
            switch (property)
            {
                case "kind":
                    kind = Enum.TryParse(reader.GetString(), out ValidationFailureKind k) && Enum.IsDefined(k)
                        ? k
                        : throw new JsonException($"'{reader.GetString()}' is not a validation failure kind.");
                    break;
                case "zone":
                    zone = DnsName.TryParse(reader.GetString(), out DnsName z) ? z : throw new JsonException($"'{reader.GetString()}' is not a valid DNS name.");
                    break;
                case "detail": detail = reader.GetString() ?? string.Empty; break;
                case "keyTag": keyTag = reader.GetUInt16(); break;
                case "algorithm": algorithm = (DnssecAlgorithm)reader.GetByte(); break;
                default: reader.Skip(); break;
            }
        }

        return kind is not null && zone is not null
            ? new ValidationFailure(kind.Value, zone, detail, keyTag, algorithm)
            : throw new JsonException("A validation failure needs kind and zone.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ValidationFailure value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("kind", value.Kind.ToString());
        writer.WriteString("status", SecurityStatusJsonConverter.Word(value.Status));
        writer.WriteString("zone", value.Zone.ToString());
        writer.WriteString("detail", value.Detail);
        if (value.KeyTag is ushort tag)
        {
            writer.WriteNumber("keyTag", tag);
        }

        if (value.Algorithm is DnssecAlgorithm algorithm)
        {
            writer.WriteNumber("algorithm", (byte)algorithm);
        }

        // RFC 8914 §4: the INFO-CODE, and its registry name for people.
        if (value.ExtendedErrorCode is { } ede)
        {
            writer.WriteNumber("ede", (ushort)ede);
            writer.WriteString("edeName", ede.ToString());
        }

        writer.WriteString("clause", value.Clause);
        writer.WriteString("text", value.ToString());
        writer.WriteEndObject();
    }
}

// SecurityStatusJsonConverter: a verdict in JSON is the lower-case word the console prints and RFC
// 4035 §4.3 uses — "secure", "insecure", "bogus", "indeterminate" — and "unchecked" for no verdict.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Resolver.Json;

/// <summary>Writes a <see cref="SecurityStatus"/> as its lower-case word ("secure", "bogus", …) and reads it back.</summary>
public sealed class SecurityStatusJsonConverter : JsonConverter<SecurityStatus>
{
    /// <inheritdoc/>
    public override SecurityStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("A security status must be a JSON string.");
        return text switch
        {
            "secure" => SecurityStatus.Secure,
            "insecure" => SecurityStatus.Insecure,
            "bogus" => SecurityStatus.Bogus,
            "indeterminate" => SecurityStatus.Indeterminate,
            "unchecked" => SecurityStatus.Unchecked,
            _ => throw new JsonException($"'{text}' is not a security status (secure, insecure, bogus, indeterminate, unchecked)."),
        };
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, SecurityStatus value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Word(value));
    }

    internal static string Word(SecurityStatus value) => value switch
    {
        SecurityStatus.Secure => "secure",
        SecurityStatus.Insecure => "insecure",
        SecurityStatus.Bogus => "bogus",
        SecurityStatus.Indeterminate => "indeterminate",
        _ => "unchecked",
    };
}

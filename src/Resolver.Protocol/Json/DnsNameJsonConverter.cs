// DnsNameJsonConverter: a DnsName in JSON is its presentation text ("www.example.com.", escapes as
// RFC 1035 §5.1 writes them), never its wire bytes — System.Text.Json would otherwise try to read the
// WireForm span and throw. Registered on the type, so default options and source-generated contexts
// both use it.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Resolver.Protocol.Json;

/// <summary>Writes a <see cref="DnsName"/> as its presentation text and reads it back.</summary>
public sealed class DnsNameJsonConverter : JsonConverter<DnsName>
{
    /// <inheritdoc/>
    public override DnsName Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("A DNS name must be a JSON string.");
        return DnsName.TryParse(text, out DnsName name) ? name : throw new JsonException($"'{text}' is not a valid DNS name.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DnsName value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}

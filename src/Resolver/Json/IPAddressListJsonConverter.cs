// IPAddressListJsonConverter: a list of addresses in JSON is an array of their text forms
// ("192.0.2.1", "2001:db8::1"). System.Text.Json cannot reflect over IPAddress (ScopeId throws for
// IPv4), so AddressResult.Addresses carries this converter.
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Resolver.Json;

/// <summary>Writes a list of <see cref="IPAddress"/> as an array of strings and reads it back.</summary>
public sealed class IPAddressListJsonConverter : JsonConverter<IReadOnlyList<IPAddress>>
{
    /// <inheritdoc/>
    public override IReadOnlyList<IPAddress> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Addresses must be a JSON array of strings.");
        }

        var addresses = new List<IPAddress>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            string? text = reader.GetString();
            addresses.Add(IPAddress.TryParse(text, out IPAddress? address) ? address : throw new JsonException($"'{text}' is not an IP address."));
        }

        return addresses;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<IPAddress> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (IPAddress address in value)
        {
            writer.WriteStringValue(address.ToString());
        }

        writer.WriteEndArray();
    }
}

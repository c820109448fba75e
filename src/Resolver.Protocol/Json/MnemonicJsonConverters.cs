// MnemonicJsonConverters: RR types, classes and response codes in JSON are the words dig and zone
// files use ("AAAA", "IN", "NXDOMAIN"), with the RFC 3597 forms ("TYPE65534", "CLASS3") and
// "RCODE23" for values without a name — not the enum's numbers or C# member names.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Json;

/// <summary>Writes an <see cref="RrType"/> as its mnemonic ("AAAA", "TYPE65534") and reads either form.</summary>
public sealed class RrTypeJsonConverter : JsonConverter<RrType>
{
    /// <inheritdoc/>
    public override RrType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("An RR type must be a JSON string.");
        return RrTypeText.TryParseType(text, out RrType type) ? type : throw new JsonException($"'{text}' is not an RR type.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, RrType value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(RrTypeText.Format(value));
    }
}

/// <summary>Writes an <see cref="RrClass"/> as its mnemonic ("IN", "CLASS3") and reads either form.</summary>
public sealed class RrClassJsonConverter : JsonConverter<RrClass>
{
    /// <inheritdoc/>
    public override RrClass Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("An RR class must be a JSON string.");
        return RrTypeText.TryParseClass(text, out RrClass rrClass) ? rrClass : throw new JsonException($"'{text}' is not an RR class.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, RrClass value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(RrTypeText.Format(value));
    }
}

/// <summary>Writes a <see cref="ResponseCode"/> as dig prints it ("NOERROR", "NXDOMAIN", "RCODE23") and reads it back.</summary>
public sealed class ResponseCodeJsonConverter : JsonConverter<ResponseCode>
{
    /// <inheritdoc/>
    public override ResponseCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("A response code must be a JSON string.");
        if (text.StartsWith("RCODE", StringComparison.OrdinalIgnoreCase) &&
            ushort.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out ushort number))
        {
            return (ResponseCode)number;
        }

        return Enum.TryParse(text, ignoreCase: true, out ResponseCode code) && Enum.IsDefined(code) && !char.IsAsciiDigit(text[0])
            ? code
            : throw new JsonException($"'{text}' is not a response code.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ResponseCode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(DnsMessage.FormatRcode(value));
    }
}

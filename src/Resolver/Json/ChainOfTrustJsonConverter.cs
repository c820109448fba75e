// ChainOfTrustJsonConverter: the chain of trust in JSON, the same content as its text form
// (ChainOfTrustText): the anchor; for each zone cut its status, the DS records that matched (or the
// trust anchor), the keys, the signatures over the DS and DNSKEY RRsets with their validity windows
// (RFC 4034 §3.1.5, UTC) and a denial or failure; the signatures over the answer; the denial proofs.
// Key and DS material is summarised (key tag, algorithm, flags, digest) rather than dumped. It is
// written for people and programs to inspect, not read back: a chain is the validator's record of
// what it did, never an input.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Json;

/// <summary>Writes a <see cref="ChainOfTrust"/> as <c>{"anchor","zoneCuts","signatures","denials"}</c>. Reading is not supported.</summary>
public sealed class ChainOfTrustJsonConverter : JsonConverter<ChainOfTrust>
{
    private static readonly ValidationFailureJsonConverter s_failure = new();

    /// <summary>Not supported: a chain of trust is produced by validation, never read.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override ChainOfTrust Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A chain of trust is written for inspection; it cannot be read back.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ChainOfTrust value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value.Anchor is { } anchor)
        {
            writer.WriteString("anchor", anchor.ToString());
        }
        else
        {
            writer.WriteNull("anchor");
        }

        writer.WriteStartArray("zoneCuts");
        foreach (ZoneCutLink cut in value.ZoneCuts)
        {
            WriteCut(writer, cut, options);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("signatures");
        foreach (SignatureInfo sig in value.Signatures)
        {
            WriteSignature(writer, sig);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("denials");
        foreach (DenialInfo denial in value.Denials)
        {
            WriteDenial(writer, denial);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteCut(Utf8JsonWriter writer, ZoneCutLink cut, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("zone", cut.Zone.ToString());
        writer.WriteString("status", SecurityStatusJsonConverter.Word(cut.Status));
        writer.WriteBoolean("fromTrustAnchor", cut.FromTrustAnchor);
        writer.WriteStartArray("matchedDs");
        foreach (DsData ds in cut.MatchedDs)
        {
            writer.WriteStartObject();
            writer.WriteNumber("keyTag", ds.KeyTag);
            writer.WriteNumber("algorithm", (byte)ds.Algorithm);
            writer.WriteNumber("digestType", (byte)ds.DigestType);
            writer.WriteString("digest", Convert.ToHexString(ds.Digest));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("keys");
        foreach (DnskeyData key in cut.Keys)
        {
            writer.WriteStartObject();
            writer.WriteNumber("keyTag", key.KeyTag);
            writer.WriteNumber("algorithm", (byte)key.Algorithm);
            writer.WriteNumber("flags", key.Flags);
            writer.WriteBoolean("sep", key.IsSecureEntryPoint);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (cut.DsSignature is { } dsSignature)
        {
            writer.WritePropertyName("dsSignature");
            WriteSignature(writer, dsSignature);
        }

        if (cut.KeySetSignature is { } keySetSignature)
        {
            writer.WritePropertyName("keySetSignature");
            WriteSignature(writer, keySetSignature);
        }

        if (cut.Denial is { } denial)
        {
            writer.WritePropertyName("denial");
            WriteDenial(writer, denial);
        }

        if (cut.Failure is { } failure)
        {
            writer.WritePropertyName("failure");
            s_failure.Write(writer, failure, options);
        }

        writer.WriteEndObject();
    }

    private static void WriteSignature(Utf8JsonWriter writer, SignatureInfo sig)
    {
        writer.WriteStartObject();
        writer.WriteString("owner", sig.Owner.ToString());
        writer.WriteString("typeCovered", RrTypeText.Format(sig.TypeCovered));
        writer.WriteString("signer", sig.Signer.ToString());
        writer.WriteNumber("keyTag", sig.KeyTag);
        writer.WriteNumber("algorithm", (byte)sig.Algorithm);
        writer.WriteString("inception", Time(sig.Inception));
        writer.WriteString("expiration", Time(sig.Expiration));
        writer.WriteEndObject();
    }

    private static void WriteDenial(Utf8JsonWriter writer, DenialInfo denial)
    {
        writer.WriteStartObject();
        writer.WriteString("zone", denial.Zone.ToString());
        writer.WriteString("kind", denial.Kind);
        writer.WriteString("mechanism", denial.Mechanism);
        writer.WriteStartArray("records");
        foreach (DnsName name in denial.Records)
        {
            writer.WriteStringValue(name.ToString());
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // Signature windows in UTC to the second, as the text form prints them.
    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

// ResultJson: a ResolveResult as one JSON document with the same content as the text form (question,
// status, rcode, reason with EDE, answer and authority records, and with --trace the chain of
// trust). Written with Utf8JsonWriter — no reflection, so it is trim- and AOT-safe and the strict
// build has nothing to warn about. Relaxed escaping keeps base64 "+" readable; the output is
// never embedded in HTML.
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Cli.Output;

internal static class ResultJson
{
    public static string Format(ResolveResult result, bool trace, int exitCode)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("question");
            json.WriteString("name", result.Question.Name.ToString());
            json.WriteString("type", RrTypeText.Format(result.Question.Type));
            json.WriteString("class", RrTypeText.Format(result.Question.Class));
            json.WriteEndObject();
            json.WriteString("status", ResultText.StatusWord(result));
            json.WriteString("rcode", DnsMessage.FormatRcode(result.ResponseCode));
            json.WriteNumber("exitCode", exitCode);
            if (result.CanonicalName is { } canonical)
            {
                json.WriteString("canonicalName", canonical.ToString());
            }

            json.WriteBoolean("dataWithheld", result.DataWithheld);
            if (result.StaleErrorCode is { } staleEde)
            {
                json.WriteBoolean("stale", true);
                json.WriteNumber("staleEde", (ushort)staleEde);
            }

            if (result.ResolutionError is { } error)
            {
                json.WriteString("error", error);
                if (result.ResolutionErrorCode is { } failureEde)
                {
                    json.WriteNumber("errorEde", (ushort)failureEde);
                }
            }

            if (result.Reason is { } reason)
            {
                WriteReason(json, "reason", reason);
            }

            WriteRecords(json, "answer", result.Answers);
            WriteRecords(json, "authority", result.Authority);
            if (trace)
            {
                WriteChain(json, result.Chain);
            }

            json.WriteStartObject("work");
            json.WriteNumber("upstreamQueries", result.Work.UpstreamQueries);
            json.WriteNumber("signatureValidations", result.Work.SignatureValidations);
            json.WriteNumber("keyImports", result.Work.KeyImports);
            json.WriteNumber("nsec3Hashes", result.Work.Nsec3Hashes);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteReason(Utf8JsonWriter json, string property, ValidationFailure reason)
    {
        json.WriteStartObject(property);
        json.WriteString("kind", reason.Kind.ToString());
        json.WriteString("status", reason.Status.ToString().ToLowerInvariant());
        json.WriteString("zone", reason.Zone.ToString());
        json.WriteString("detail", reason.Detail);
        if (reason.KeyTag is ushort tag)
        {
            json.WriteNumber("keyTag", tag);
        }

        if (reason.Algorithm is DnssecAlgorithm algorithm)
        {
            json.WriteNumber("algorithm", (byte)algorithm);
        }

        if (reason.ExtendedErrorCode is { } ede)
        {
            json.WriteNumber("ede", (ushort)ede);
            json.WriteString("edeName", ede.ToString());
        }
        json.WriteString("clause", reason.Clause);
        json.WriteString("text", reason.ToString());
        json.WriteEndObject();
    }

    private static void WriteRecords(Utf8JsonWriter json, string property, IReadOnlyList<ResourceRecord> records)
    {
        json.WriteStartArray(property);
        foreach (ResourceRecord rr in records)
        {
            json.WriteStartObject();
            json.WriteString("name", rr.Name.ToString());
            json.WriteNumber("ttl", rr.Ttl);
            json.WriteString("class", RrTypeText.Format(rr.Class));
            json.WriteString("type", RrTypeText.Format(rr.Type));
            json.WriteString("data", rr.Data.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteChain(Utf8JsonWriter json, ChainOfTrust chain)
    {
        json.WriteStartObject("chain");
        if (chain.Anchor is { } anchor)
        {
            json.WriteString("anchor", anchor.ToString());
        }
        else
        {
            json.WriteNull("anchor");
        }

        json.WriteStartArray("zoneCuts");
        foreach (ZoneCutLink cut in chain.ZoneCuts)
        {
            json.WriteStartObject();
            json.WriteString("zone", cut.Zone.ToString());
            json.WriteString("status", cut.Status.ToString().ToLowerInvariant());
            json.WriteBoolean("fromTrustAnchor", cut.FromTrustAnchor);
            json.WriteStartArray("matchedDs");
            foreach (DsData ds in cut.MatchedDs)
            {
                json.WriteStartObject();
                json.WriteNumber("keyTag", ds.KeyTag);
                json.WriteNumber("algorithm", (byte)ds.Algorithm);
                json.WriteNumber("digestType", (byte)ds.DigestType);
                json.WriteString("digest", Convert.ToHexString(ds.Digest));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("keys");
            foreach (DnskeyData key in cut.Keys)
            {
                json.WriteStartObject();
                json.WriteNumber("keyTag", key.KeyTag);
                json.WriteNumber("algorithm", (byte)key.Algorithm);
                json.WriteNumber("flags", key.Flags);
                json.WriteBoolean("sep", key.IsSecureEntryPoint);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteSignature(json, "dsSignature", cut.DsSignature);
            WriteSignature(json, "keySetSignature", cut.KeySetSignature);
            if (cut.Denial is { } denial)
            {
                json.WritePropertyName("denial");
                WriteDenial(json, denial);
            }

            if (cut.Failure is { } failure)
            {
                WriteReason(json, "failure", failure);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("signatures");
        foreach (SignatureInfo sig in chain.Signatures)
        {
            WriteSignatureObject(json, sig);
        }

        json.WriteEndArray();
        json.WriteStartArray("denials");
        foreach (DenialInfo denial in chain.Denials)
        {
            WriteDenial(json, denial);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSignature(Utf8JsonWriter json, string property, SignatureInfo? sig)
    {
        if (sig is null)
        {
            return;
        }

        json.WritePropertyName(property);
        WriteSignatureObject(json, sig);
    }

    private static void WriteSignatureObject(Utf8JsonWriter json, SignatureInfo sig)
    {
        json.WriteStartObject();
        json.WriteString("owner", sig.Owner.ToString());
        json.WriteString("typeCovered", RrTypeText.Format(sig.TypeCovered));
        json.WriteString("signer", sig.Signer.ToString());
        json.WriteNumber("keyTag", sig.KeyTag);
        json.WriteNumber("algorithm", (byte)sig.Algorithm);
        json.WriteString("inception", ResultText.Time(sig.Inception));
        json.WriteString("expiration", ResultText.Time(sig.Expiration));
        json.WriteEndObject();
    }

    private static void WriteDenial(Utf8JsonWriter json, DenialInfo denial)
    {
        json.WriteStartObject();
        json.WriteString("zone", denial.Zone.ToString());
        json.WriteString("kind", denial.Kind);
        json.WriteString("mechanism", denial.Mechanism);
        json.WriteStartArray("records");
        foreach (DnsName name in denial.Records)
        {
            json.WriteStringValue(name.ToString());
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}

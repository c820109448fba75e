// ResultJson: a ResolveResult as one JSON document with the same content as the text form (question,
// status, rcode, exit code, reason with EDE, answer and authority records, the work, and with --trace
// the chain of trust). The parts are written by the library's converters (Resolver.Json and
// Resolver.Protocol.Json: names, records, status, reason, chain), so the console and an application
// serializing a ResolveResult agree; the document around them is this file's QueryJsonDocument,
// through a source-generated context (trim- and Native AOT-safe). Relaxed escaping keeps base64 "+"
// readable; the output is never embedded in HTML.
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Resolver.Protocol;

namespace Resolver.Cli.Output;

internal static class ResultJson
{
    private static readonly CliJsonContext s_context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Format(ResolveResult result, bool trace, int exitCode)
    {
        var document = new QueryJsonDocument(
            result.Question,
            ResultText.StatusWord(result),
            result.ResponseCode,
            exitCode,
            result.CanonicalName,
            result.DataWithheld,
            result.IsStale ? true : null,
            (ushort?)result.StaleErrorCode,
            result.ResolutionError,
            result.ResolutionError is null ? null : (ushort?)result.ResolutionErrorCode,
            result.Reason,
            result.Answers,
            result.Authority,
            trace ? result.Chain : null,
            result.Work);
        return JsonSerializer.Serialize(document, s_context.QueryJsonDocument);
    }
}

/// <summary>The console's JSON document: the result's parts in the library's JSON forms, plus the status word and exit code.</summary>
internal sealed record QueryJsonDocument(
    DnsQuestion Question,
    string Status,
    [property: JsonPropertyName("rcode")] ResponseCode ResponseCode,
    int ExitCode,
    DnsName? CanonicalName,
    bool DataWithheld,
    bool? Stale,
    ushort? StaleEde,
    string? Error,
    ushort? ErrorEde,
    ValidationFailure? Reason,
    IReadOnlyList<ResourceRecord> Answer,
    IReadOnlyList<ResourceRecord> Authority,
    ChainOfTrust? Chain,
    ValidationWork Work);

[JsonSerializable(typeof(QueryJsonDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
}

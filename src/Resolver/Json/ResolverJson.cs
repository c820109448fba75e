// ResolverJson: the public face of the source-generated JSON metadata — the type infos and resolver
// an application passes to JsonSerializer (or chains into ASP.NET Core's JsonOptions) to serialize
// results without reflection, as the console's --json does.
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Resolver.Json;

/// <summary>
/// Source-generated (trim- and Native AOT-safe) JSON for results: <c>JsonSerializer.Serialize(result, ResolverJson.ResolveResult)</c>,
/// or <c>options.TypeInfoResolverChain.Insert(0, ResolverJson.TypeInfoResolver)</c>. Names are camelCase and nulls are left out.
/// </summary>
public static class ResolverJson
{
    /// <summary>The metadata of every result type (ResolveResult, AddressResult, ValidationFailure, ChainOfTrust, ResourceRecord, DnsName, SecurityStatus).</summary>
    public static IJsonTypeInfoResolver TypeInfoResolver => ResolverJsonContext.Default;

    /// <summary>The metadata of <see cref="Resolver.ResolveResult"/>.</summary>
    public static JsonTypeInfo<ResolveResult> ResolveResult => ResolverJsonContext.Default.ResolveResult;

    /// <summary>The metadata of <see cref="Resolver.AddressResult"/>.</summary>
    public static JsonTypeInfo<AddressResult> AddressResult => ResolverJsonContext.Default.AddressResult;

    /// <summary>The options the metadata was generated with (web defaults: camelCase; nulls left out).</summary>
    public static JsonSerializerOptions Options => ResolverJsonContext.Default.Options;
}

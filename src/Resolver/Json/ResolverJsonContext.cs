// ResolverJsonContext: the source-generated System.Text.Json metadata for results (trim- and Native
// AOT-safe: no reflection at run time), camelCase names, nulls left out. The converters of names,
// records, types, status, reasons and the chain are registered on their types, so this context,
// default options and an application's own context all write the same shape. The context is
// internal (its generated members are not API); ResolverJson hands out what applications use.
using System.Text.Json;
using System.Text.Json.Serialization;
using Resolver.Protocol;

namespace Resolver.Json;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ResolveResult))]
[JsonSerializable(typeof(AddressResult))]
[JsonSerializable(typeof(ValidationFailure))]
[JsonSerializable(typeof(ChainOfTrust))]
[JsonSerializable(typeof(ResourceRecord))]
[JsonSerializable(typeof(DnsName))]
[JsonSerializable(typeof(SecurityStatus))]
internal sealed partial class ResolverJsonContext : JsonSerializerContext
{
}

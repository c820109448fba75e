// ResolveResultJsonTests: a ResolveResult serializes with System.Text.Json — with default options
// (the converters are on the types, so nothing reflects over DnsName.WireForm or RecordData) and
// through the source-generated ResolverJson metadata: status as its word, rcode as dig prints it,
// records in presentation form, the reason with its RFC 8914 code, the chain of trust with its zone
// cuts and signature windows. Reasons round-trip; a chain is written only.
using System.Text.Json;
using Resolver.Json;
using Resolver.Protocol;
using Resolver.Tests.Scenarios;
using Resolver.Testing.Signing;

namespace Resolver.Tests.Json;

public sealed class ResolveResultJsonTests
{
    [Fact]
    public async Task A_real_secure_result_serializes_with_default_options()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        using DnsResolver resolver = net.Resolver();
        ResolveResult result = await resolver.ResolveAsync("www.example.test");
        Assert.Equal(SecurityStatus.Secure, result.Status);

        string json = JsonSerializer.Serialize(result);

        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        Assert.Equal("secure", root.GetProperty("Status").GetString());
        Assert.Equal("NOERROR", root.GetProperty("ResponseCode").GetString());
        Assert.Equal("www.example.test.", root.GetProperty("Question").GetProperty("name").GetString());
        Assert.Contains(root.GetProperty("Answers").EnumerateArray(), r => r.GetProperty("type").GetString() == "A");
        Assert.Contains(root.GetProperty("Answers").EnumerateArray(), r => r.GetProperty("type").GetString() == "RRSIG");
        JsonElement cuts = root.GetProperty("Chain").GetProperty("zoneCuts");
        Assert.Equal(result.Chain.ZoneCuts.Count, cuts.GetArrayLength());
        Assert.Equal(".", cuts[0].GetProperty("zone").GetString());
        Assert.Equal("secure", cuts[0].GetProperty("status").GetString());
        Assert.Equal(result.Work.UpstreamQueries, root.GetProperty("Work").GetProperty("UpstreamQueries").GetInt32());
        Assert.False(root.TryGetProperty("Records", out _), "Records is derived from Answers and not written twice");
    }

    [Fact]
    public async Task The_source_generated_metadata_writes_camel_case_without_nulls()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        using DnsResolver resolver = net.Resolver();
        ResolveResult result = await resolver.ResolveAsync("www.example.test", RrType.AAAA);

        string json = JsonSerializer.Serialize(result, ResolverJson.ResolveResult);

        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        Assert.Equal("secure", root.GetProperty("status").GetString());
        Assert.Equal("NOERROR", root.GetProperty("responseCode").GetString());
        Assert.Equal("AAAA", root.GetProperty("question").GetProperty("type").GetString());
        Assert.False(root.TryGetProperty("reason", out _), "a Secure answer has no reason, and nulls are left out");
        Assert.False(root.TryGetProperty("resolutionError", out _));
        JsonElement signature = root.GetProperty("chain").GetProperty("signatures")[0];
        Assert.Equal("example.test.", signature.GetProperty("signer").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", signature.GetProperty("expiration").GetString()!);
    }

    [Fact]
    public void A_bogus_result_carries_its_reason_and_Rfc8914_code()
    {
        var result = new ResolveResult
        {
            Question = new DnsQuestion(DnsName.Parse("www.expired.example."), RrType.A),
            Status = SecurityStatus.Bogus,
            ResponseCode = ResponseCode.ServFail,
            DataWithheld = true,
            Reason = new ValidationFailure(ValidationFailureKind.SignatureExpired, DnsName.Parse("expired.example."), "A RRset", 59186, DnssecAlgorithm.EcdsaP256Sha256),
        };

        using JsonDocument doc = JsonDocument.Parse(JsonSerializer.Serialize(result, ResolverJson.ResolveResult));

        JsonElement reason = doc.RootElement.GetProperty("reason");
        Assert.Equal("bogus", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal("SERVFAIL", doc.RootElement.GetProperty("responseCode").GetString());
        Assert.True(doc.RootElement.GetProperty("dataWithheld").GetBoolean());
        Assert.Equal("SignatureExpired", reason.GetProperty("kind").GetString());
        Assert.Equal(7, reason.GetProperty("ede").GetInt32());
        Assert.Equal("SignatureExpired", reason.GetProperty("edeName").GetString());
        Assert.Equal(59186, reason.GetProperty("keyTag").GetInt32());
        Assert.Equal(13, reason.GetProperty("algorithm").GetInt32());
        Assert.Equal("RFC 4035 §5.3.1", reason.GetProperty("clause").GetString());
        Assert.Equal(result.Reason.ToString(), reason.GetProperty("text").GetString());
    }

    [Fact]
    public void Reasons_round_trip()
    {
        var reason = new ValidationFailure(ValidationFailureKind.UnsignedDelegation, DnsName.Parse("unsigned.example."), "no DS");

        string json = JsonSerializer.Serialize(reason);

        Assert.Equal(reason, JsonSerializer.Deserialize<ValidationFailure>(json));
        using JsonDocument doc = JsonDocument.Parse(json);
        Assert.Equal("insecure", doc.RootElement.GetProperty("status").GetString());
        Assert.False(doc.RootElement.TryGetProperty("ede", out _), "Insecure is not an error: no EDE (RFC 8914)");
    }

    [Theory]
    [InlineData(SecurityStatus.Secure, "\"secure\"")]
    [InlineData(SecurityStatus.Insecure, "\"insecure\"")]
    [InlineData(SecurityStatus.Bogus, "\"bogus\"")]
    [InlineData(SecurityStatus.Indeterminate, "\"indeterminate\"")]
    [InlineData(SecurityStatus.Unchecked, "\"unchecked\"")]
    public void Status_is_its_word(SecurityStatus status, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(status));
        Assert.Equal(status, JsonSerializer.Deserialize<SecurityStatus>(json));
    }

    [Fact]
    public void A_chain_of_trust_is_written_not_read()
    {
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<ChainOfTrust>("""{"anchor":null}"""));
        Assert.Equal("""{"anchor":null,"zoneCuts":[],"signatures":[],"denials":[]}""", JsonSerializer.Serialize(ChainOfTrust.None));
    }

    [Fact]
    public async Task Host_addresses_serialize_as_text()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        using DnsResolver resolver = net.Resolver();
        AddressResult host = await resolver.ResolveAddressesAsync("www.example.test");

        using JsonDocument viaDefault = JsonDocument.Parse(JsonSerializer.Serialize(host));
        using JsonDocument viaContext = JsonDocument.Parse(JsonSerializer.Serialize(host, ResolverJson.AddressResult));

        string[] expected = [.. host.Addresses.Select(a => a.ToString())];
        Assert.NotEmpty(expected);
        Assert.Equal(expected, viaDefault.RootElement.GetProperty("Addresses").EnumerateArray().Select(a => a.GetString()!));
        Assert.Equal(expected, viaContext.RootElement.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()!));
        Assert.Equal("secure", viaContext.RootElement.GetProperty("status").GetString());
    }
}

// ProtocolJsonConverterTests: names, records, questions, RR types and classes and response codes
// round-trip through System.Text.Json in their presentation forms (RFC 1035 §5.1, RFC 3597 for
// unknown types), with default options — the converters are registered on the types.
using System.Text.Json;
using Resolver.Protocol;
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Tests.Json;

public sealed class ProtocolJsonConverterTests
{
    [Theory]
    [InlineData("www.example.com.")]
    [InlineData(".")]
    [InlineData("a\\.b.example.")]
    [InlineData("\\000\\255.example.")]
    public void Names_round_trip_as_presentation_text(string text)
    {
        DnsName name = DnsName.Parse(text);
        string json = JsonSerializer.Serialize(name);
        Assert.Equal(JsonSerializer.Serialize(name.ToString()), json);
        Assert.Equal(name, JsonSerializer.Deserialize<DnsName>(json));
    }

    [Theory]
    [InlineData("www.example. 300 IN A 192.0.2.1")]
    [InlineData("www.example. 300 IN AAAA 2001:db8::1")]
    [InlineData("example. 3600 IN TXT \"v=spf1 -all\" \"second string\"")]
    [InlineData("example. 3600 IN DS 4711 13 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D")]
    [InlineData("www.example. 300 IN RRSIG A 13 2 300 20280111190512 20261008190512 36837 example. ozaQ78QN1+V6m2Cd43oXEd2P4J5GeKSUbcAx6yWZJeYy3D3pw0yljyZEAMf3T9tuyKlLOoVDNGpLGBK99lcYWw==")]
    [InlineData("x.example. 60 IN TYPE65534 \\# 3 010203")]
    public void Records_round_trip_in_presentation_form(string line)
    {
        ResourceRecord record = ZoneFileReader.ParseRecord(line);

        string json = JsonSerializer.Serialize(record);
        ResourceRecord? back = JsonSerializer.Deserialize<ResourceRecord>(json);

        Assert.Equal(record, back);
        using JsonDocument doc = JsonDocument.Parse(json);
        Assert.Equal(record.Name.ToString(), doc.RootElement.GetProperty("name").GetString());
        Assert.Equal(record.Ttl, doc.RootElement.GetProperty("ttl").GetUInt32());
        Assert.Equal("IN", doc.RootElement.GetProperty("class").GetString());
        Assert.Equal(RrTypeText.Format(record.Type), doc.RootElement.GetProperty("type").GetString());
        Assert.Equal(record.Data.ToString(), doc.RootElement.GetProperty("data").GetString());
    }

    [Fact]
    public void A_record_is_written_with_the_fields_dig_prints()
    {
        ResourceRecord record = ZoneFileReader.ParseRecord("www.example. 300 IN A 192.0.2.1");

        Assert.Equal("""{"name":"www.example.","ttl":300,"class":"IN","type":"A","data":"192.0.2.1"}""", JsonSerializer.Serialize(record));
    }

    [Fact]
    public void Questions_round_trip_with_mnemonics()
    {
        var question = new DnsQuestion(DnsName.Parse("example."), RrType.TLSA);

        string json = JsonSerializer.Serialize(question);

        Assert.Equal("""{"name":"example.","type":"TLSA","class":"IN"}""", json);
        Assert.Equal(question, JsonSerializer.Deserialize<DnsQuestion>(json));
    }

    [Theory]
    [InlineData(RrType.AAAA, "\"AAAA\"")]
    [InlineData((RrType)65534, "\"TYPE65534\"")]
    public void Rr_types_are_mnemonics_Rfc3597(RrType type, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(type));
        Assert.Equal(type, JsonSerializer.Deserialize<RrType>(json));
    }

    [Theory]
    [InlineData(ResponseCode.NoError, "\"NOERROR\"")]
    [InlineData(ResponseCode.NXDomain, "\"NXDOMAIN\"")]
    [InlineData((ResponseCode)3000, "\"RCODE3000\"")]
    [InlineData(ResponseCode.BadCookie, "\"BADCOOKIE\"")]
    public void Response_codes_are_written_as_dig_prints_them(ResponseCode code, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(code));
        Assert.Equal(code, JsonSerializer.Deserialize<ResponseCode>(json));
    }

    [Theory]
    [InlineData("\"a..b\"")]
    [InlineData("42")]
    public void A_bad_name_is_a_json_error(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<DnsName>(json));
    }

    [Fact]
    public void A_record_whose_data_does_not_parse_is_a_json_error()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ResourceRecord>("""{"name":"x.","ttl":1,"type":"A","data":"not-an-address"}"""));
    }
}

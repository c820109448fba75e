// SvcbDataTests: SVCB and HTTPS record data (RFC 9460) with the RFC 9460 Appendix D test vectors —
// D.1 AliasMode, D.2 ServiceMode (port, unregistered keys, escapes, IPv6 hints, unsorted
// mandatory, the escaped alpn in both spellings) and every D.3 failure case — plus the wire-form
// rules of RFC 9460 §2.2, §7 and §8, AliasMode parameters (§2.4.2), and a TargetName that keeps
// its case in the canonical form.
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Tests.Records;

public sealed class SvcbDataTests
{
    private static readonly string FooCom = RdataText.NameHex("foo.example.com.");
    private static readonly string FooOrg = RdataText.NameHex("foo.example.org.");

    [Fact]
    public void Rfc9460_AppendixD1_AliasMode()
    {
        var data = AssertVector<HttpsData>(RrType.HTTPS, "0 foo.example.com.", "0000" + FooCom);
        Assert.True(data.IsAliasMode);
        Assert.Equal(DnsName.Parse("foo.example.com."), data.TargetName);
        Assert.Empty(data.Params);
    }

    [Fact]
    public void Rfc9460_AppendixD2_Figure3_UseTheOwnerName()
    {
        var data = AssertVector<SvcbData>(RrType.SVCB, "1 .", "000100");
        Assert.False(data.IsAliasMode);
        Assert.True(data.TargetName.IsRoot);
    }

    [Fact]
    public void Rfc9460_AppendixD2_Figure4_Port()
    {
        var data = AssertVector<SvcbData>(RrType.SVCB, "16 foo.example.com. port=53", "0010" + FooCom + "000300020035");
        Assert.Equal((ushort)53, data.Port);
    }

    [Fact]
    public void Rfc9460_AppendixD2_Figure5_UnregisteredKeyUnquoted()
    {
        var data = AssertVector<SvcbData>(RrType.SVCB, "1 foo.example.com. key667=hello", "0001" + FooCom + "029B000568656C6C6F");
        Assert.Equal((SvcParamKey)667, Assert.Single(data.Params).Key);
    }

    [Fact]
    public void Rfc9460_AppendixD2_Figure6_UnregisteredKeyQuotedWithDecimalEscape() =>
        AssertVector<SvcbData>(RrType.SVCB, "1 foo.example.com. key667=\"hello\\210qoo\"", "0001" + FooCom + "029B000968656C6C6FD2716F6F");

    [Fact]
    public void Rfc9460_AppendixD2_Figure7_TwoIpv6Hints()
    {
        var data = AssertVector<SvcbData>(
            RrType.SVCB, "1 foo.example.com. ipv6hint=\"2001:db8::1,2001:db8::53:1\"",
            "0001" + FooCom + "0006002020010DB800000000000000000000000120010DB8000000000000000000530001");
        Assert.Equal(["2001:db8::1", "2001:db8::53:1"], data.Ipv6Hint.Select(a => a.ToString()));
    }

    [Fact]
    public void Rfc9460_AppendixD2_Figure8_Ipv6HintInIpv4MappedForm() =>
        AssertVector<SvcbData>(
            RrType.SVCB, "1 example.com. ipv6hint=\"2001:db8:122:344::192.0.2.33\"",
            "0001" + RdataText.NameHex("example.com.") + "00060010" + "20010DB80122034400000000C0000221");

    [Fact]
    public void Rfc9460_AppendixD2_Figure9_UnsortedKeysAndMandatory()
    {
        var data = AssertVector<SvcbData>(
            RrType.SVCB, "16 foo.example.org. alpn=h2,h3-19 mandatory=ipv4hint,alpn ipv4hint=192.0.2.1",
            "0010" + FooOrg + "000000040001000400010009026832056833" + "2D3139" + "00040004C0000201");
        Assert.Equal([SvcParamKey.Alpn, SvcParamKey.Ipv4Hint], data.Mandatory);
        Assert.Equal(["h2", "h3-19"], data.Alpn);
        Assert.Equal("192.0.2.1", Assert.Single(data.Ipv4Hint).ToString());
        Assert.Equal([SvcParamKey.Mandatory, SvcParamKey.Alpn, SvcParamKey.Ipv4Hint], data.Params.Select(p => p.Key));
    }

    [Theory]
    [InlineData("16 foo.example.org. alpn=\"f\\\\\\\\oo\\\\,bar,h2\"")]
    [InlineData("16 foo.example.org. alpn=f\\\\\\092oo\\092,bar,h2")]
    public void Rfc9460_AppendixD2_Figure10_EscapedAlpn(string text)
    {
        var data = AssertVector<SvcbData>(RrType.SVCB, text, "0010" + FooOrg + "0001000C08665C6F6F2C626172026832");
        Assert.Equal(["f\\oo,bar", "h2"], data.Alpn);
        Assert.Equal("16 foo.example.org. alpn=\"f\\\\\\\\oo\\\\,bar,h2\"", data.ToString()); // the RFC's first spelling
    }

    [Theory]
    [InlineData("1 foo.example.com. ( key123=abc key123=def )", "more than once")] // multiple instances of the same key
    [InlineData("1 foo.example.com. mandatory", "needs a value")]                  // missing values that must be non-empty
    [InlineData("1 foo.example.com. alpn", "needs a value")]
    [InlineData("1 foo.example.com. port", "needs a value")]
    [InlineData("1 foo.example.com. ipv4hint", "needs a value")]
    [InlineData("1 foo.example.com. ipv6hint", "needs a value")]
    [InlineData("1 foo.example.com. no-default-alpn=abc", "must be empty")]        // no-default-alpn value must be empty
    [InlineData("1 foo.example.com. mandatory=key123", "missing")]                 // a mandatory key is missing
    [InlineData("1 foo.example.com. mandatory=mandatory", "list itself")]          // mandatory must not list itself
    [InlineData("1 foo.example.com. ( mandatory=key123,key123 key123=abc )", "twice")] // duplicate key in mandatory
    public void Rfc9460_AppendixD3_FailureCases_AreFormatErrors(string rdata, string reason)
    {
        foreach (string type in new[] { "SVCB", "HTTPS" })
        {
            DnsFormatException e = Assert.Throws<DnsFormatException>(() => ZoneFileReader.ParseRecord($"example.com. 3600 IN {type} {rdata}"));
            Assert.Equal(1, e.Line);
            Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0001" + "00" + "00030002003500010003026832", "out of order")] // port (3) before alpn (1)
    [InlineData("0001" + "00" + "000300020035000300020035", "out of order or repeated")]
    [InlineData("0001" + "00" + "000000020000", "list itself")]
    [InlineData("0001" + "00" + "00000002000300010003026832", "missing")] // mandatory=port, no port
    [InlineData("0001" + "00" + "000000040003000300030002003500030002", "strictly increasing")]
    [InlineData("0001" + "00" + "00010000", "alpn")]
    [InlineData("0001" + "00" + "000100020068", "alpn")] // an id of length 0
    [InlineData("0001" + "00" + "00010003036832", "alpn")] // id runs past the value
    [InlineData("0001" + "00" + "0002000161", "no-default-alpn")]
    [InlineData("0001" + "00" + "00030001" + "35", "port")]
    [InlineData("0001" + "00" + "00030003" + "003500", "port")]
    [InlineData("0001" + "00" + "00040005" + "C000020100", "ipv4hint")]
    [InlineData("0001" + "00" + "00040000", "ipv4hint")]
    [InlineData("0001" + "00" + "0006000F" + "20010DB80000000000000000000001", "ipv6hint")]
    [InlineData("0001" + "00" + "000300", "Truncated")]
    [InlineData("0001" + "00" + "00030005" + "0035", "runs past")]
    [InlineData("0001" + "C000", "compressed")] // TargetName must not be compressed (RFC 9460 §2.2)
    [InlineData("0001", "shorter")]
    public void FromWire_BreaksRfc9460Rules_IsMalformed(string hex, string reason)
    {
        foreach (RrType type in new[] { RrType.SVCB, RrType.HTTPS })
        {
            DnsFormatException e = RdataText.AssertMalformedWire(type, hex);
            Assert.Contains(reason, e.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void AliasMode_WithParams_IsReadAndKept_ButTypedAccessorsIgnoreThem()
    {
        // RFC 9460 §2.4.2: AliasMode records "SHOULD NOT include any SvcParams, and recipients MUST
        // ignore any SvcParams that are present" — accepted, preserved for round trips and
        // signatures, invisible to the typed accessors.
        var data = AssertVector<HttpsData>(RrType.HTTPS, "0 foo.example.com. alpn=h2 port=8443", "0000" + FooCom + "0001000302683200030002" + "20FB");
        Assert.Equal(2, data.Params.Count);
        Assert.Empty(data.Alpn);
        Assert.Null(data.Port);
        Assert.NotNull(data.GetParam(SvcParamKey.Port));
    }

    [Fact]
    public void EveryRegisteredKey_RoundTrips()
    {
        var data = AssertRoundTripsThroughZoneText(
            "1 svc.example. mandatory=alpn,port alpn=h3,h2 no-default-alpn port=8443 ipv4hint=192.0.2.1,198.51.100.2 ech=\"AEj+DQBE\" ipv6hint=2001:db8::1,::ffff:192.0.2.1 key65000=\"a b\\\"c\"");
        Assert.True(data.NoDefaultAlpn);
        Assert.Equal(Convert.FromBase64String("AEj+DQBE"), data.Ech!.Value.ToArray());
        Assert.Equal(8, data.Params.Count);
    }

    [Fact]
    public void TargetName_KeepsItsCase_InTheCanonicalForm()
    {
        // RFC 9460 puts SVCB/HTTPS on no lowercasing list (RFC 4034 §6.2, RFC 6840 §5.1, RFC 3597 §7).
        var data = RdataText.Parse<SvcbData>(RrType.SVCB, "1 Foo.Example.COM. port=53");
        Assert.Equal(data.ToWire(), data.ToWire(canonical: true));
        Assert.Contains("Foo.Example.COM.", data.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(data, RdataText.Parse<SvcbData>(RrType.SVCB, "1 foo.example.com. port=53"));
    }

    [Fact]
    public void SvcbAndHttps_WithTheSameFields_AreNotEqual() =>
        Assert.NotEqual<RecordData>(RdataText.Parse(RrType.SVCB, "1 ."), RdataText.Parse(RrType.HTTPS, "1 ."));

    [Fact]
    public void Constructor_SortsParams_AndRejectsBrokenSets()
    {
        var port = new SvcParam(SvcParamKey.Port, [0, 53]);
        var alpn = new SvcParam(SvcParamKey.Alpn, [2, (byte)'h', (byte)'2']);
        var data = new HttpsData(1, DnsName.Root, [port, alpn]);
        Assert.Equal([SvcParamKey.Alpn, SvcParamKey.Port], data.Params.Select(p => p.Key));
        Assert.Throws<ArgumentException>(() => new HttpsData(1, DnsName.Root, [port, port]));
        Assert.Throws<ArgumentException>(() => new HttpsData(1, DnsName.Root, [new SvcParam(SvcParamKey.Mandatory, [0, 4])]));
        Assert.Throws<ArgumentException>(() => new SvcParam(SvcParamKey.Port, [53]));
        Assert.Throws<ArgumentException>(() => new SvcParam(SvcParamKey.Mandatory, [0, 0]));
    }

    [Theory]
    [InlineData("1 foo.example.com. unknownkey=1")]
    [InlineData("1 foo.example.com. key65536=1")]
    [InlineData("1 foo.example.com. key01=1")]
    [InlineData("1 foo.example.com. port=65536")]
    [InlineData("1 foo.example.com. port=x")]
    [InlineData("1 foo.example.com. ipv4hint=2001:db8::1")]
    [InlineData("1 foo.example.com. ipv6hint=192.0.2.1")]
    [InlineData("1 foo.example.com. ipv4hint=192.0.2")]
    [InlineData("1 foo.example.com. alpn=h2,,h3")]
    [InlineData("1 foo.example.com. ech=not*base64")]
    [InlineData("1 foo.example.com. mandatory=bogus")]
    [InlineData("1")]
    [InlineData("70000 foo.example.com.")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.SVCB, text);

    // Text (through the real zone-file reader) gives the wire bytes, and the data round-trips
    // through wire, its own text, and the RFC 3597 generic form.
    private static T AssertVector<T>(RrType type, string text, string expectedWireHex)
        where T : ServiceBindingData
    {
        ResourceRecord record = ZoneFileReader.ParseRecord($"example.com. 3600 IN {RrTypeText.Format(type)} {text}");
        T data = Assert.IsType<T>(record.Data);
        Assert.Equal(expectedWireHex, Convert.ToHexString(data.ToWire()));
        Assert.Equal(data, RecordDataRegistry.FromWire(type, Convert.FromHexString(expectedWireHex)));
        AssertRoundTripsThroughZoneText(data.ToString(), type);
        return data;
    }

    private static HttpsData AssertRoundTripsThroughZoneText(string text) =>
        Assert.IsType<HttpsData>(AssertRoundTripsThroughZoneText(text, RrType.HTTPS));

    private static ServiceBindingData AssertRoundTripsThroughZoneText(string text, RrType type)
    {
        string owner = $"example.com. 3600 IN {RrTypeText.Format(type)} ";
        var data = Assert.IsAssignableFrom<ServiceBindingData>(ZoneFileReader.ParseRecord(owner + text).Data);
        byte[] wire = data.ToWire();
        Assert.Equal(data, RecordDataRegistry.FromWire(type, wire));
        Assert.Equal(data.GetHashCode(), RecordDataRegistry.FromWire(type, wire).GetHashCode());
        RecordData again = ZoneFileReader.ParseRecord(owner + data).Data;
        Assert.Equal(data, again);
        Assert.Equal(data.ToString(), again.ToString());
        Assert.Equal(data, ZoneFileReader.ParseRecord($"{owner}\\# {wire.Length} {Convert.ToHexString(wire)}").Data);
        return data;
    }
}

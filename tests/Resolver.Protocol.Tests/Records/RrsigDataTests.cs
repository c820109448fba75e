// RrsigDataTests: RRSIG record data (RFC 4034 §3), with the RFC 4034 §3.3 example.
using Resolver.Protocol.Records;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Tests.Records;

public sealed class RrsigDataTests
{
    private const string Signature =
        "oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0" +
        "Rznl8O3tGNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBzeDQfsS3Ap3o=";

    private static uint UnixTime(int year, int month, int day, int hour, int minute, int second) =>
        (uint)new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeSeconds();

    [Fact]
    public void Rfc4034_Section3_3_Example()
    {
        // As the RFC prints it: the signature split over several fields.
        const string text = "A 5 3 86400 20030322173103 20030220173103 2642 example.com. " +
            "oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTr PYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6o " +
            "B9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3t GNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkG J5D6fwFm8nN+6pBzeDQfsS3Ap3o=";
        uint expiration = UnixTime(2003, 3, 22, 17, 31, 3);
        uint inception = UnixTime(2003, 2, 20, 17, 31, 3);
        var data = RdataText.AssertParsesTo<RrsigData>(
            RrType.RRSIG,
            text,
            $"0001" + "05" + "03" + "00015180" + $"{expiration:X8}" + $"{inception:X8}" + "0A52" +
            RdataText.NameHex("example.com.") + Convert.ToHexString(Convert.FromBase64String(Signature)));
        Assert.Equal(RrType.A, data.TypeCovered);
        Assert.Equal(DnssecAlgorithm.RsaSha1, data.Algorithm);
        Assert.Equal(3, data.Labels);
        Assert.Equal(86400u, data.OriginalTtl);
        Assert.Equal(expiration, data.SignatureExpiration);
        Assert.Equal(inception, data.SignatureInception);
        Assert.Equal(2642, data.KeyTag);
        Assert.Equal(DnsName.Parse("example.com."), data.SignerName);
        Assert.Equal(Convert.FromBase64String(Signature), data.Signature.ToArray());
        Assert.Equal($"A 5 3 86400 20030322173103 20030220173103 2642 example.com. {Signature}", data.ToString());
    }

    [Fact]
    public void Parse_TimestampAsSeconds_FormatsAsDate()
    {
        var data = RdataText.Parse<RrsigData>(RrType.RRSIG, "NSEC3 13 2 300 1048354263 0 1 example. AQID");
        Assert.Equal(1048354263u, data.SignatureExpiration);
        Assert.Equal("NSEC3 13 2 300 20030322173103 19700101000000 1 example. AQID", data.ToString());
        RdataText.AssertRoundTrips(data);
    }

    [Theory]
    [InlineData("TYPE65000 8 0 0 21060207062815 20000101000000 65535 . AAAA")]
    [InlineData("DNSKEY 15 1 3600 20250101000000 20241201000000 12345 Example.ORG. AQIDBA==")]
    public void RoundTrips(string text) => RdataText.AssertRoundTrips(RdataText.Parse(RrType.RRSIG, text));

    [Fact]
    public void FromWire_SignerNameRunningPastTheData_Throws()
    {
        // 18 bytes of fixed fields, then a root name one byte past the declared length.
        byte[] message = [.. Convert.FromHexString("000105030001518000000000000000000A52"), 0];
        Assert.Throws<DnsFormatException>(() =>
        {
            var reader = new DnsReader(message);
            RecordDataRegistry.Read(RrType.RRSIG, ref reader, 18);
        });
    }

    [Theory]
    [InlineData("000105030001518000000000000000000A")] // 17 bytes
    [InlineData("000105030001518000000000000000000A5207")] // signer name truncated
    [InlineData("")]
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.RRSIG, hex);

    [Theory]
    [InlineData("A 5 3 86400 20030322173103 20030220173103 2642 example.com.")] // no signature
    [InlineData("A 5 3 86400 20031322173103 20030220173103 2642 example.com. AQID")] // month 13
    [InlineData("A 5 3 86400 2003032217310 20030220173103 2642 example.com. AQID")] // 13 digits
    [InlineData("BOGUS 5 3 86400 20030322173103 20030220173103 2642 example.com. AQID")]
    [InlineData("A 5 3 86400 20030322173103 20030220173103 2642 example.com. A*ID")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.RRSIG, text);
}

// TlsaDataTests: TLSA record data (RFC 6698), with the RFC 6698 §2.3 examples and the RFC 7218
// mnemonics read as their numbers.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class TlsaDataTests
{
    [Fact]
    public void Rfc6698_Section2_3_FirstExample_Sha256OfCertificate()
    {
        var data = RdataText.AssertParsesTo<TlsaData>(
            RrType.TLSA, "0 0 1 d2abde240d7cd3ee6b4b28c54df034b9 7983a1d16e8a410e4561cb106618e971",
            "000001D2ABDE240D7CD3EE6B4B28C54DF034B97983A1D16E8A410E4561CB106618E971");
        Assert.Equal(0, data.CertificateUsage);
        Assert.Equal(0, data.Selector);
        Assert.Equal(1, data.MatchingType);
        Assert.Equal(32, data.AssociationData.Length);
        Assert.Equal("0 0 1 D2ABDE240D7CD3EE6B4B28C54DF034B97983A1D16E8A410E4561CB106618E971", data.ToString());
    }

    [Fact]
    public void Rfc6698_Section2_3_SecondExample_Sha512OfPublicKey()
    {
        var data = RdataText.AssertParsesTo<TlsaData>(
            RrType.TLSA,
            "1 1 2 92003ba34942dc74152e2f2c408d29ec a5a520e7f2e06bb944f4dca346baf63c 1b177615d466f6c4b71c216a50292bd5 8c9ebdd2f74e38fe51ffd48c43326cbc",
            "01010292003BA34942DC74152E2F2C408D29ECA5A520E7F2E06BB944F4DCA346BAF63C1B177615D466F6C4B71C216A50292BD58C9EBDD2F74E38FE51FFD48C43326CBC");
        Assert.Equal((1, 1, 2, 64), (data.CertificateUsage, data.Selector, data.MatchingType, data.AssociationData.Length));
    }

    [Fact]
    public void Rfc6698_Section2_3_ThirdExample_FullCertificate_RoundTrips() =>
        RdataText.AssertRoundTrips(RdataText.Parse(RrType.TLSA, "3 0 0 30820307308201efa003020102020900"));

    [Fact]
    public void Rfc7218_Mnemonics_ReadAsNumbers()
    {
        Assert.Equal(
            RdataText.Parse(RrType.TLSA, "3 1 1 0123"),
            RdataText.Parse(RrType.TLSA, "DANE-EE SPKI SHA2-256 0123"));
        Assert.Equal(
            RdataText.Parse(RrType.TLSA, "255 255 255 AB"),
            RdataText.Parse(RrType.TLSA, "privcert privsel privmatch AB"));
    }

    [Fact]
    public void EmptyAssociationData_UsesTheGenericForm()
    {
        var data = new TlsaData(3, 1, 1, []);
        Assert.Equal("\\# 3 030101", data.ToString());
        RdataText.AssertRoundTrips(data);
    }

    [Fact]
    public void TlsaAndSmimea_WithTheSameFields_AreNotEqual() =>
        Assert.NotEqual<RecordData>(new TlsaData(3, 1, 1, [1]), new SmimeaData(3, 1, 1, [1]));

    [Theory]
    [InlineData("")]
    [InlineData("0301")]
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.TLSA, hex);

    [Theory]
    [InlineData("3 1 1")]
    [InlineData("3 1 256 AB")]
    [InlineData("DANE-XX 1 1 AB")]
    [InlineData("3 1 1 ABC")]
    [InlineData("3 1 1 XY")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.TLSA, text);
}

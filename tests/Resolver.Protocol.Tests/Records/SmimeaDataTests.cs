// SmimeaDataTests: SMIMEA record data (RFC 8162), the TLSA shape under its own type.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class SmimeaDataTests
{
    [Fact]
    public void Rfc8162_Section2_SameFieldsAsTlsa()
    {
        var data = RdataText.AssertParsesTo<SmimeaData>(RrType.SMIMEA, "3 1 1 0123456789ABCDEF", "0301010123456789ABCDEF");
        Assert.Equal(RrType.SMIMEA, data.Type);
        Assert.Equal((3, 1, 1), (data.CertificateUsage, data.Selector, data.MatchingType));
        Assert.Equal(new TlsaData(3, 1, 1, data.AssociationData).ToWire(), data.ToWire());
    }

    [Theory]
    [InlineData("")]
    [InlineData("03")]
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.SMIMEA, hex);

    [Fact]
    public void Parse_MissingData_Throws() => RdataText.AssertBadText(RrType.SMIMEA, "3 1 1");
}

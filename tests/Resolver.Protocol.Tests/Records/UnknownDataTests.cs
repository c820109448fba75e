// UnknownDataTests: opaque record data of types without a dedicated class (RFC 3597).
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class UnknownDataTests
{
    [Fact]
    public void GenericForm_RoundTrips()
    {
        var data = RdataText.AssertParsesTo<UnknownData>((RrType)65000, "\\# 4 0A000001", "0A000001");
        Assert.Equal((RrType)65000, data.Type);
        Assert.Equal(new byte[] { 10, 0, 0, 1 }, data.Data.ToArray());
        Assert.Equal("\\# 4 0A000001", data.ToString());
    }

    [Fact]
    public void GenericForm_HexMaySpanFields()
    {
        var data = RdataText.Parse<UnknownData>((RrType)65000, "\\# 5 0005 69 7373");
        Assert.Equal(Convert.FromHexString("0005697373"), data.Data.ToArray());
        Assert.Equal("\\# 5 0005697373", data.ToString());
    }

    [Fact]
    public void Empty_RoundTrips()
    {
        var data = RdataText.AssertParsesTo<UnknownData>((RrType)4321, "\\# 0", "");
        Assert.Equal("\\# 0", data.ToString());
    }

    [Fact]
    public void GenericForm_OfAKnownType_IsReadAsThatType()
    {
        var data = RdataText.Parse(RrType.A, "\\# 4 C0000201");
        Assert.Equal(RdataText.Parse(RrType.A, "192.0.2.1"), data);
    }

    [Fact]
    public void GenericForm_OfAKnownType_IsValidated() =>
        RdataText.AssertBadText(RrType.A, "\\# 3 C00002");

    [Fact]
    public void Equality_IncludesType()
    {
        Assert.NotEqual(new UnknownData((RrType)65000, [1]), new UnknownData((RrType)65001, [1]));
        Assert.Equal(new UnknownData((RrType)65000, [1]), new UnknownData((RrType)65000, [1]));
    }

    [Theory]
    [InlineData("\\# 5 0A000001")] // declared length disagrees
    [InlineData("\\# 3 0A000001")]
    [InlineData("\\# 1 0G")]
    [InlineData("\\#")]
    [InlineData("0A000001")] // an unknown type has only the generic form
    public void Parse_BadGenericText_Throws(string text) => RdataText.AssertBadText((RrType)65000, text);
}

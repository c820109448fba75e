// RrTypeTextTests: type and class mnemonics, the RFC 3597 generic forms, and what is not a mnemonic.
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Tests.Text;

public sealed class RrTypeTextTests
{
    [Theory]
    [InlineData("A", RrType.A)]
    [InlineData("nsec3param", RrType.NSEC3PARAM)]
    [InlineData("TYPE65534", (RrType)65534)]
    [InlineData("type1", RrType.A)]
    public void ParsesMnemonicsAndGenericForm(string text, RrType expected)
    {
        Assert.True(RrTypeText.TryParseType(text, out RrType type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("A,CNAME")]
    [InlineData("A CNAME")]
    [InlineData("TYPE")]
    [InlineData("TYPE65536")]
    [InlineData("TYPE-1")]
    [InlineData("NOSUCHTYPE")]
    public void RejectsNonMnemonics(string text) => Assert.False(RrTypeText.TryParseType(text, out _));

    [Fact]
    public void Classes()
    {
        Assert.True(RrTypeText.TryParseClass("in", out RrClass c) && c == RrClass.IN);
        Assert.True(RrTypeText.TryParseClass("CLASS3", out c) && c == RrClass.CH);
        Assert.False(RrTypeText.TryParseClass("IN,CH", out _));
        Assert.Equal("CLASS42", RrTypeText.Format((RrClass)42));
        Assert.Equal("TYPE65280", RrTypeText.Format((RrType)65280));
    }
}

// OpenpgpkeyDataTests: OPENPGPKEY record data (RFC 7929): the key bytes, base64 in text.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Records;

public sealed class OpenpgpkeyDataTests
{
    [Fact]
    public void Rfc7929_Section2_3_Base64Key()
    {
        // The opening bytes of a version-4 public-key packet (RFC 4880 §5.5.2), split across fields.
        var data = RdataText.AssertParsesTo<OpenpgpkeyData>(RrType.OPENPGPKEY, "mQENBFVk S2gBCACs", "99010D0455644B68010800AC");
        Assert.Equal("mQENBFVkS2gBCACs", data.ToString());
        Assert.Equal(12, data.PublicKey.Length);
    }

    [Fact]
    public void EmptyKey_UsesTheGenericForm()
    {
        var data = new OpenpgpkeyData([]);
        Assert.Equal("\\# 0", data.ToString());
        RdataText.AssertRoundTrips(data);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not*base64")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.OPENPGPKEY, text);
}

// Base32HexTests: base32hex without padding (RFC 4648 §7) with the RFC 4648 §10 test vectors.
using System.Text;
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Tests.Text;

public sealed class Base32HexTests
{
    // RFC 4648 §10, BASE32-HEX, with the "=" padding removed as NSEC3 writes it (RFC 5155 §3.3).
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "CO")]
    [InlineData("fo", "CPNG")]
    [InlineData("foo", "CPNMU")]
    [InlineData("foob", "CPNMUOG")]
    [InlineData("fooba", "CPNMUOJ1")]
    [InlineData("foobar", "CPNMUOJ1E8")]
    public void Rfc4648_Section10_Vectors(string input, string expected)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(input);
        Assert.Equal(expected.ToLowerInvariant(), Base32Hex.Encode(bytes));
        Assert.Equal(bytes, Base32Hex.Decode(expected));
        Assert.Equal(bytes, Base32Hex.Decode(expected.ToLowerInvariant()));
        Assert.True(Base32Hex.TryDecode(expected, out byte[] decoded));
        Assert.Equal(bytes, decoded);
    }

    [Fact]
    public void Decode_IgnoresCase_MixedCaseToo()
    {
        Assert.Equal(Base32Hex.Decode("cpnmuoj1e8"), Base32Hex.Decode("CpNmUoJ1e8"));
    }

    [Fact]
    public void Rfc5155_HashEncodesToItsOwnerLabel()
    {
        byte[] hash = Convert.FromHexString("174EB2409FE28BCB4887A1836F957F0A8425E27B");
        Assert.Equal("2t7b4g4vsa5smi47k61mv5bv1a22bojr", Base32Hex.Encode(hash));
        Assert.Equal(hash, Base32Hex.Decode("2T7B4G4VSA5SMI47K61MV5BV1A22BOJR"));
    }

    [Fact]
    public void EncodeTo_WritesIntoASpan()
    {
        Span<char> dest = stackalloc char[16];
        int n = Base32Hex.EncodeTo("foobar"u8, dest);
        Assert.Equal("cpnmuoj1e8", dest[..n].ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => Base32Hex.EncodeTo("foobar"u8, new char[9]));
    }

    [Fact]
    public void EveryByteValue_RoundTrips()
    {
        byte[] all = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];
        for (int length = 0; length <= 11; length++)
        {
            byte[] slice = all[(length * 20)..((length * 20) + length)];
            Assert.Equal(slice, Base32Hex.Decode(Base32Hex.Encode(slice)));
        }

        Assert.Equal(all, Base32Hex.Decode(Base32Hex.Encode(all)));
    }

    [Theory]
    [InlineData("C")] // 1, 3 and 6 characters are no whole number of bytes
    [InlineData("CPN")]
    [InlineData("CPNMUO")]
    [InlineData("CO======")] // padding is not used
    [InlineData("CW")] // W is past the alphabet
    [InlineData("C-")]
    [InlineData("CP")] // non-zero spare bits
    [InlineData("CPNMUOJ1E9")]
    [InlineData("CÖ")]
    public void Decode_RejectsBadText(string text)
    {
        Assert.False(Base32Hex.TryDecode(text, out byte[] data));
        Assert.Empty(data);
        Assert.Throws<DnsFormatException>(() => Base32Hex.Decode(text));
    }
}

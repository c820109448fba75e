// TypeBitmapTests: the NSEC/NSEC3 type bitmap (RFC 4034 §4.1.2): building, lookups, the RFC 4034
// §4.3 encoding, and the validation of received bitmaps.
using Resolver.Protocol.Records;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Tests.Records;

public sealed class TypeBitmapTests
{
    private static readonly RrType[] s_rfc4034Types = [RrType.A, RrType.MX, RrType.RRSIG, RrType.NSEC, (RrType)1234];

    private static TypeBitmap Read(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);
        var reader = new DnsReader(bytes);
        return TypeBitmap.Read(ref reader, bytes.Length);
    }

    [Fact]
    public void FromTypes_Rfc4034_Section4_3_Encoding()
    {
        var bitmap = TypeBitmap.FromTypes(s_rfc4034Types);
        Assert.Equal(NsecDataTests.Rfc4034Section43Bitmap, Convert.ToHexString(bitmap.WireForm));
        Assert.Equal("A MX RRSIG NSEC TYPE1234", bitmap.ToString());
    }

    [Fact]
    public void FromTypes_ContainsAndTypesAgree()
    {
        RrType[] types = [RrType.CAA, RrType.A, (RrType)65535, RrType.NSEC3, (RrType)0, RrType.A, (RrType)256, (RrType)255];
        var bitmap = TypeBitmap.FromTypes(types);
        RrType[] expected = [.. types.Distinct().Order()];
        Assert.Equal(expected, bitmap.Types);
        for (int t = 0; t <= ushort.MaxValue; t++)
        {
            Assert.Equal(expected.Contains((RrType)t), bitmap.Contains((RrType)t));
        }
    }

    [Fact]
    public void FromTypes_HighestType_UsesWindow255WithAFullWindow()
    {
        var bitmap = TypeBitmap.FromTypes([(RrType)65535]);
        byte[] wire = bitmap.WireForm.ToArray();
        Assert.Equal(34, wire.Length);
        Assert.Equal(255, wire[0]);
        Assert.Equal(32, wire[1]);
        Assert.Equal(0x01, wire[33]);
        Assert.Equal(bitmap, Read(Convert.ToHexString(wire)));
    }

    [Fact]
    public void Empty_HasNoTypes()
    {
        Assert.Same(TypeBitmap.Empty, TypeBitmap.FromTypes([]));
        Assert.True(TypeBitmap.Empty.WireForm.IsEmpty);
        Assert.Empty(TypeBitmap.Empty.Types);
        Assert.False(TypeBitmap.Empty.Contains(RrType.A));
        Assert.Equal("", TypeBitmap.Empty.ToString());
        Assert.Same(TypeBitmap.Empty, Read(""));
    }

    [Fact]
    public void Equality_IsByWireBytes()
    {
        var a = TypeBitmap.FromTypes([RrType.A, RrType.NS]);
        var b = TypeBitmap.FromTypes([RrType.NS, RrType.A, RrType.NS]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, TypeBitmap.FromTypes([RrType.A]));
        Assert.False(a.Equals(null));
    }

    [Fact]
    public void Read_Rfc4034Bitmap_GivesItsTypes()
    {
        var bitmap = Read(NsecDataTests.Rfc4034Section43Bitmap);
        Assert.Equal(s_rfc4034Types, bitmap.Types);
        Assert.True(bitmap.Contains((RrType)1234));
        Assert.False(bitmap.Contains((RrType)1235));
        Assert.False(bitmap.Contains((RrType)(5 * 256)));
    }

    [Theory]
    [InlineData("00")] // truncated window header
    [InlineData("0000")] // window length 0
    [InlineData("0001400000")] // second window: length 0 after a valid window
    [InlineData("000140000140")] // window 0 twice
    [InlineData("010140000140")] // windows out of order
    [InlineData("000240")] // window runs past the field
    [InlineData("0021" + "0000000000000000000000000000000000000000000000000000000000000000" + "01")] // 33 octets
    public void Read_Malformed_Throws(string hex) => Assert.Throws<DnsFormatException>(() => Read(hex));

    [Fact]
    public void FromTypes_RejectsNull() => Assert.Throws<ArgumentNullException>(() => TypeBitmap.FromTypes(null!));
}

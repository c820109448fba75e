// Nsec3DataTests: NSEC3 record data (RFC 5155 §3), with records from the RFC 5155 Appendix A zone,
// the salt and base32hex text rules, and malformed wire forms.
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Tests.Records;

public sealed class Nsec3DataTests
{
    private const string ApexNextHash = "174EB2409FE28BCB4887A1836F957F0A8425E27B"; // 2t7b4g4vsa5smi47k61mv5bv1a22bojr

    [Fact]
    public void Rfc5155_AppendixA_ApexNsec3()
    {
        var data = RdataText.AssertParsesTo<Nsec3Data>(
            RrType.NSEC3,
            "1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr MX DNSKEY NS SOA NSEC3PARAM RRSIG",
            "01" + "01" + "000C" + "04AABBCCDD" + "14" + ApexNextHash + "000722010000000290");
        Assert.Equal(1, data.HashAlgorithm);
        Assert.Equal(1, data.Flags);
        Assert.True(data.IsOptOut);
        Assert.Equal(12, data.Iterations);
        Assert.Equal(Convert.FromHexString("AABBCCDD"), data.Salt.ToArray());
        Assert.Equal(Convert.FromHexString(ApexNextHash), data.NextHashedOwnerName.ToArray());
        Assert.Equal(data.Salt.ToArray(), data.SaltArray);
        Assert.Equal(data.NextHashedOwnerName.ToArray(), data.NextHashedOwnerNameArray);
        Assert.Equal(
            [RrType.NS, RrType.SOA, RrType.MX, RrType.RRSIG, RrType.DNSKEY, RrType.NSEC3PARAM], data.TypeBitmap.Types);
        Assert.Equal("1 1 12 AABBCCDD 2t7b4g4vsa5smi47k61mv5bv1a22bojr NS SOA MX RRSIG DNSKEY NSEC3PARAM", data.ToString());
    }

    [Theory]
    [InlineData("1 1 12 aabbccdd gjeqe526plbf1g8mklp59enfd789njgi MX RRSIG")]
    [InlineData("1 1 12 aabbccdd b4um86eghhds6nea196smvmlo4ors995 NS DS RRSIG")]
    [InlineData("1 1 12 aabbccdd 2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG")]
    [InlineData("1 1 12 aabbccdd r53bq7cc2uvmubfu5ocmm6pers9tk9en A RRSIG")]
    [InlineData("1 1 12 aabbccdd ji6neoaepv8b5o6k4ev33abha8ht9fgc A HINFO AAAA RRSIG")]
    public void Rfc5155_AppendixA_RoundTrips(string text)
    {
        var data = RdataText.Parse<Nsec3Data>(RrType.NSEC3, text);
        Assert.Equal(20, data.NextHashedOwnerName.Length);
        Assert.Equal(text.Split(' ')[4], Base32Hex.Encode(data.NextHashedOwnerName));
        RdataText.AssertRoundTrips(data);
    }

    [Fact]
    public void Rfc5155_AppendixA_EmptyNonTerminal_HasNoTypes()
    {
        // ji6neoaepv8b5o6k4ev33abha8ht9fgc.example. (y.w.example, an empty non-terminal).
        var data = RdataText.AssertParsesTo<Nsec3Data>(
            RrType.NSEC3,
            "1 1 12 aabbccdd k8udemvp1j2f7eg6jebps17vp3n8i58h",
            "0101000C04AABBCCDD14" + "A23CD75BF90CC4F3BA069B979E04FFC8EE891511");
        Assert.Same(TypeBitmap.Empty, data.TypeBitmap);
        Assert.Equal("1 1 12 AABBCCDD k8udemvp1j2f7eg6jebps17vp3n8i58h", data.ToString());
    }

    [Fact]
    public void Parse_UppercaseBase32Hex_IsAccepted_AndFormattedLowercase()
    {
        var upper = RdataText.Parse<Nsec3Data>(RrType.NSEC3, "1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A");
        var lower = RdataText.Parse<Nsec3Data>(RrType.NSEC3, "1 0 0 - 2t7b4g4vsa5smi47k61mv5bv1a22bojr A");
        Assert.Equal(lower, upper);
        Assert.False(upper.IsOptOut);
        Assert.Equal("1 0 0 - 2t7b4g4vsa5smi47k61mv5bv1a22bojr A", upper.ToString());
    }

    [Fact]
    public void EmptySalt_IsDashInText_AndZeroLengthOnTheWire()
    {
        var data = RdataText.AssertParsesTo<Nsec3Data>(RrType.NSEC3, "1 0 0 - 2t7b4g4vsa5smi47k61mv5bv1a22bojr", "01000000" + "00" + "14" + ApexNextHash);
        Assert.True(data.Salt.IsEmpty);
        Assert.Equal("1 0 0 - 2t7b4g4vsa5smi47k61mv5bv1a22bojr", data.ToString());
    }

    [Fact]
    public void LongestSaltAndHash_RoundTrip()
    {
        var data = new Nsec3Data(1, 0xFF, ushort.MaxValue, new byte[255], Enumerable.Repeat((byte)0xA5, 255).ToArray(), TypeBitmap.FromTypes([RrType.A]));
        Assert.True(data.IsOptOut);
        RdataText.AssertRoundTrips(data);
    }

    [Fact]
    public void Equality_ComparesEveryField()
    {
        var bitmap = TypeBitmap.FromTypes([RrType.A]);
        var a = new Nsec3Data(1, 0, 0, [1], [2], bitmap);
        Assert.Equal(a, new Nsec3Data(1, 0, 0, [1], [2], TypeBitmap.FromTypes([RrType.A])));
        Assert.NotEqual(a, new Nsec3Data(1, 0, 0, [1], [3], bitmap));
        Assert.NotEqual(a, new Nsec3Data(1, 0, 0, [], [2], bitmap));
        Assert.NotEqual(a, new Nsec3Data(1, 1, 0, [1], [2], bitmap));
        Assert.NotEqual(a, new Nsec3Data(1, 0, 1, [1], [2], bitmap));
        Assert.NotEqual(a, new Nsec3Data(1, 0, 0, [1], [2], TypeBitmap.FromTypes([RrType.AAAA])));
    }

    [Fact]
    public void Constructor_RejectsBadLengths()
    {
        Assert.Throws<ArgumentException>(() => new Nsec3Data(1, 0, 0, new byte[256], [1], TypeBitmap.Empty));
        Assert.Throws<ArgumentException>(() => new Nsec3Data(1, 0, 0, [], [], TypeBitmap.Empty));
        Assert.Throws<ArgumentException>(() => new Nsec3Data(1, 0, 0, [], new byte[256], TypeBitmap.Empty));
        Assert.Throws<ArgumentNullException>(() => new Nsec3Data(1, 0, 0, [], [1], null!));
    }

    [Theory]
    [InlineData("010100")] // shorter than the fixed fields
    [InlineData("0101000C04AABB")] // salt length past the end
    [InlineData("0101000C08AABBCCDD01FF")] // salt length past the end
    [InlineData("0101000C04AABBCCDD")] // salt fills the data: no hash length
    [InlineData("0101000C04AABBCCDD00")] // hash length 0
    [InlineData("0101000C000200")] // hash length past the end
    [InlineData("0101000C0001FF0000")] // bitmap: window length 0
    [InlineData("0101000C0001FF000140000140")] // bitmap: window 0 twice
    [InlineData("0101000C0001FF00")] // bitmap: truncated window header
    public void FromWire_Malformed_Throws(string hex) => RdataText.AssertMalformedWire(RrType.NSEC3, hex);

    [Fact]
    public void FromWire_OneByteHashNoSaltNoTypes_IsTheShortestValid()
    {
        var data = RdataText.FromWireHex<Nsec3Data>(RrType.NSEC3, "0100000A0001FF");
        Assert.Equal(10, data.Iterations);
        Assert.Equal("1 0 10 - vs", data.ToString());
        RdataText.AssertRoundTrips(data);
    }

    [Theory]
    [InlineData("1 1 12 aabbccdd")] // no next hashed owner name
    [InlineData("1 1 12 xyz 2t7b4g4vsa5smi47k61mv5bv1a22bojr")] // bad salt hex
    [InlineData("1 1 12 abc 2t7b4g4vsa5smi47k61mv5bv1a22bojr")] // odd salt hex
    [InlineData("1 1 12 \"\" 2t7b4g4vsa5smi47k61mv5bv1a22bojr")] // empty salt not written "-"
    [InlineData("1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojw")] // 'w' is not base32hex
    [InlineData("1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bo")] // 30 characters: not a whole number of bytes
    [InlineData("1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr BOGUS")]
    [InlineData("1 1 65536 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr")]
    [InlineData("1 256 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr")]
    public void Parse_BadText_Throws(string text) => RdataText.AssertBadText(RrType.NSEC3, text);

    [Fact]
    public void Parse_SaltLongerThan255Bytes_Throws() =>
        RdataText.AssertBadText(RrType.NSEC3, $"1 0 0 {new string('a', 512)} 2t7b4g4vsa5smi47k61mv5bv1a22bojr");
}

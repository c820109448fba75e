// EmbeddedNamesTests: names inside the RDATA of older types kept as opaque data are lowercased in
// the canonical form (RFC 4034 §6.2 item 3, RFC 6840 §5.1) and, for the RFC 1035 types, expanded
// when they arrive compressed (RFC 3597 §4).
using Resolver.Protocol.Records;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Tests.Records;

public sealed class EmbeddedNamesTests
{
    private const RrType Naptr = (RrType)35;
    private const RrType Mb = (RrType)7;
    private const RrType Rp = (RrType)17;

    [Fact]
    public void Naptr_Rfc3403_ReplacementIsLowercasedInCanonicalForm_ButFlagsAreNot()
    {
        byte[] rdata = [0, 100, 0, 10, 1, (byte)'U', 7, .. "E2U+sip"u8, 0, .. DnsName.Parse("SIP.Example.").WireForm];
        RecordData data = RecordDataRegistry.FromWire(Naptr, rdata);
        byte[] canonical = data.ToWire(canonical: true);
        Assert.Equal([0, 100, 0, 10, 1, (byte)'U', 7, .. "E2U+sip"u8, 0, .. DnsName.Parse("sip.example.").WireForm], canonical);
        Assert.Equal(rdata, data.ToWire()); // the ordinary wire form keeps the case
    }

    [Fact]
    public void Rp_Rfc1183_BothNamesLowercased()
    {
        byte[] rdata = [.. DnsName.Parse("Admin.Example.").WireForm, .. DnsName.Parse("TXT.Example.").WireForm];
        Assert.Equal(
            [.. DnsName.Parse("admin.example.").WireForm, .. DnsName.Parse("txt.example.").WireForm],
            RecordDataRegistry.FromWire(Rp, rdata).ToWire(canonical: true));
    }

    [Fact]
    public void Mb_Rfc1035_CompressedNameIsExpandedOnRead()
    {
        // Message: header, question "example." A, answer "example." MB -> pointer to offset 12.
        byte[] wire = Convert.FromHexString(
            "000181000001000100000000" + "076578616D706C6500" + "00010001" + "C00C" + "0007" + "0001" + "00000E10" + "0002" + "C00C");
        DnsMessage message = DnsMessage.Parse(wire);
        var data = Assert.IsType<UnknownData>(message.Answers[0].Data);
        Assert.Equal(DnsName.Parse("example.").WireForm.ToArray(), data.Data.ToArray());
    }

    [Theory]
    [InlineData("07")] // RP: a label running past the data
    [InlineData("0161")] // RP: first name never ends
    [InlineData("00")] // RP: second name missing
    public void Rp_MalformedLayout_IsDnsFormatException(string hex)
    {
        Assert.Throws<DnsFormatException>(() => RecordDataRegistry.FromWire(Rp, Convert.FromHexString(hex)));
    }

    [Fact]
    public void Rp_CompressionPointer_IsRefused_Rfc3597Section4()
    {
        Assert.Throws<DnsFormatException>(() => RecordDataRegistry.FromWire(Rp, Convert.FromHexString("C00000")));
    }

    [Fact]
    public void Afsdb_TrailingBytes_AreRefused()
    {
        Assert.Throws<DnsFormatException>(() => RecordDataRegistry.FromWire((RrType)18, [0, 1, 0, 0xFF]));
    }

    [Fact]
    public void CanonicalWriter_LowercasesNamesOfEveryListedType()
    {
        byte[] name = DnsName.Parse("X.Y.").WireForm.ToArray();
        byte[] lower = DnsName.Parse("x.y.").WireForm.ToArray();
        foreach (RrType type in new[] { (RrType)3, (RrType)4, (RrType)7, (RrType)8, (RrType)9 })
        {
            Assert.Equal(lower, RecordDataRegistry.FromWire(type, name).ToWire(canonical: true));
        }

        Assert.Equal([0, 5, .. lower], RecordDataRegistry.FromWire((RrType)21, [0, 5, .. name]).ToWire(canonical: true)); // RT
        Assert.Equal([0, 5, .. lower], RecordDataRegistry.FromWire((RrType)36, [0, 5, .. name]).ToWire(canonical: true)); // KX
        Assert.Equal([0, 5, .. lower, .. lower], RecordDataRegistry.FromWire((RrType)26, [0, 5, .. name, .. name]).ToWire(canonical: true)); // PX
    }
    [Fact]
    public void Naptr_PresentationForm_Rfc3403Section4_ParsesToItsWireForm()
    {
        // RFC 3403 §4: order, preference, flags, services, regexp, replacement. Unbound val_any_cap uses this form.
        RecordData data = RdataText.Parse(RrType.NAPTR, "20 0 \"s\" \"SIP+D2U\" \"\" _sip._udp.Example.com.");
        byte[] expected = [0, 20, 0, 0, 1, (byte)'s', 7, .. "SIP+D2U"u8, 0, .. DnsName.Parse("_sip._udp.Example.com.").WireForm];
        Assert.Equal(RrType.NAPTR, data.Type);
        Assert.Equal(expected, data.ToWire());
        Assert.Equal(RecordDataRegistry.FromWire(RrType.NAPTR, expected), data);
    }

    [Fact]
    public void Px_PresentationForm_Rfc2163_RelativeNamesTakeTheOrigin()
    {
        RecordData data = RdataText.Parse(RrType.PX, "10 Net2.it. PRMD-net2.ADMD-p400");
        Assert.Equal(
            [0, 10, .. DnsName.Parse("Net2.it.").WireForm, .. DnsName.Parse("PRMD-net2.ADMD-p400.example.").WireForm],
            data.ToWire());
    }

    [Theory]
    [InlineData(RrType.RP, "admin.example. txt.example.")]
    [InlineData(RrType.AFSDB, "1 afs.example.")]
    [InlineData(RrType.KX, "10 kx.example.")]
    [InlineData(RrType.RT, "10 relay.example.")]
    [InlineData(RrType.MINFO, "rmail.example. email.example.")]
    [InlineData(RrType.MB, "mail.example.")]
    public void LegacyTypes_PresentationForm_RoundTripsThroughTheWire(RrType type, string text)
    {
        RecordData data = RdataText.Parse(type, text);
        Assert.Equal(data, RecordDataRegistry.FromWire(type, data.ToWire()));
    }

    [Theory]
    [InlineData(RrType.NAPTR, "20 0 \"s\" \"SIP+D2U\" \"\"")] // replacement missing
    [InlineData(RrType.NAPTR, "70000 0 \"s\" \"\" \"\" .")] // order above 16 bits
    [InlineData(RrType.PX, "10 net2.it.")] // MAPX400 missing
    [InlineData(RrType.RP, "a.example. b.example. c.example.")] // extra field
    public void LegacyTypes_BadPresentationForm_IsRejected(RrType type, string text)
    {
        RdataText.AssertBadText(type, text);
    }

    [Fact]
    public void Sig_HasNoPresentationFormHere_OnlyTheGenericOne()
    {
        RdataText.AssertBadText((RrType)24, "A 5 3 3600 20070926134150 20070829134150 2854 example. AAAA");
    }
}

// DnsNameTests: parsing, presentation, equality, limits and label operations of DnsName.
using System.Text;

namespace Resolver.Protocol.Tests.Model;

public sealed class DnsNameTests
{
    [Fact]
    public void Parse_MissingFinalDot_IsAbsolute()
    {
        Assert.Equal("www.example.com.", DnsName.Parse("www.example.com").ToString());
        Assert.Equal(3, DnsName.Parse("www.example.com.").LabelCount);
    }

    [Fact]
    public void Root_HasNoLabels()
    {
        Assert.True(DnsName.Parse(".").IsRoot);
        Assert.Same(DnsName.Root, DnsName.Parse("."));
        Assert.Equal(0, DnsName.Root.LabelCount);
        Assert.Equal(1, DnsName.Root.WireLength);
        Assert.Equal(".", DnsName.Root.ToString());
        Assert.Throws<InvalidOperationException>(() => DnsName.Root.Parent);
    }

    [Fact]
    public void Equality_IgnoresAsciiCase()
    {
        var a = DnsName.Parse("WWW.Example.COM.");
        var b = DnsName.Parse("www.example.com.");
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal("WWW.Example.COM.", a.ToString());
    }

    [Fact]
    public void Equality_DoesNotFoldNonAsciiBytes()
    {
        // RFC 4343 §3: only A-Z/a-z are case-insensitive; \200 and \232 differ by 0x20 but are not letters.
        Assert.NotEqual(DnsName.Parse("\\200.example."), DnsName.Parse("\\232.example."));
        Assert.NotEqual(DnsName.Parse("\\@.example."), DnsName.Parse("`.example."));
    }

    [Theory]
    [InlineData("a\\.b.example.", 2, "a\\.b.example.")]
    [InlineData("\\065bc.example.", 2, "Abc.example.")]
    [InlineData("\\000\\255.example.", 2, "\\000\\255.example.")]
    [InlineData("sp\\ ace.example.", 2, "sp\\032ace.example.")]
    [InlineData("semi\\;colon.example.", 2, "semi\\;colon.example.")]
    [InlineData("quote\\\".example.", 2, "quote\\\".example.")]
    [InlineData("*.example.", 2, "*.example.")]
    [InlineData("_443._tcp.example.", 3, "_443._tcp.example.")]
    public void Parse_Escapes_Rfc1035Section5_1(string text, int labels, string presentation)
    {
        DnsName name = DnsName.Parse(text);
        Assert.Equal(labels, name.LabelCount);
        Assert.Equal(presentation, name.ToString());
        Assert.Equal(name, DnsName.Parse(name.ToString()));
    }

    [Fact]
    public void Parse_DottedEscape_IsOneLabel()
    {
        DnsName name = DnsName.Parse("a\\.b.example.");
        Assert.Equal("a.b"u8.ToArray(), name.GetLabel(0).ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a..b.")]
    [InlineData(".a.")]
    [InlineData("a\\")]
    [InlineData("a\\25")]
    [InlineData("a\\2x5.")]
    [InlineData("a\\256.")]
    [InlineData("caf\u00e9.example.")]
    public void Parse_Invalid_ThrowsDnsFormatException(string text)
    {
        Assert.Throws<DnsFormatException>(() => DnsName.Parse(text));
        Assert.False(DnsName.TryParse(text, out _));
    }

    [Fact]
    public void Limits_Label63_Name255()
    {
        string label63 = new('a', 63);
        Assert.Equal(63, DnsName.Parse(label63 + ".").GetLabel(0).Length);
        Assert.Throws<DnsFormatException>(() => DnsName.Parse(new string('a', 64) + "."));

        // 4 labels of 63 = 4 * 64 + 1 = 257 bytes: too long. 3 * 64 + 61 + 1 + 1 = 255: the longest allowed.
        string longest = $"{label63}.{label63}.{label63}.{new string('b', 61)}.";
        Assert.Equal(255, DnsName.Parse(longest).WireLength);
        Assert.Throws<DnsFormatException>(() => DnsName.Parse($"{label63}.{label63}.{label63}.{new string('b', 62)}."));
        Assert.Throws<DnsFormatException>(() => DnsName.Parse(longest).Prepend("x"));
    }

    [Fact]
    public void Limits_LongestNameInEscapes_Counts_Bytes_Not_Characters()
    {
        // \000 is one byte on the wire though four characters of text.
        string label = string.Concat(Enumerable.Repeat("\\000", 63));
        DnsName name = DnsName.Parse($"{label}.{label}.{label}.{string.Concat(Enumerable.Repeat("\\000", 61))}.");
        Assert.Equal(255, name.WireLength);
    }

    [Fact]
    public void Parse_RelativeToOrigin()
    {
        DnsName origin = DnsName.Parse("example.com.");
        Assert.Equal(DnsName.Parse("www.example.com."), DnsName.Parse("www", origin));
        Assert.Equal(DnsName.Parse("www.other."), DnsName.Parse("www.other.", origin));
        Assert.Same(origin, DnsName.Parse("@", origin));
    }

    [Fact]
    public void LabelOperations()
    {
        DnsName name = DnsName.Parse("a.b.example.com.");
        Assert.Equal(DnsName.Parse("b.example.com."), name.Parent);
        Assert.Equal(DnsName.Parse("example.com."), name.GetSuffix(2));
        Assert.Same(name, name.GetSuffix(4));
        Assert.Same(DnsName.Root, name.GetSuffix(0));
        Assert.True(name.IsSubdomainOf(DnsName.Parse("EXAMPLE.com.")));
        Assert.True(name.IsSubdomainOf(name));
        Assert.True(name.IsSubdomainOf(DnsName.Root));
        Assert.False(name.IsStrictSubdomainOf(name));
        Assert.False(DnsName.Parse("xexample.com.").IsSubdomainOf(DnsName.Parse("example.com.")));
        Assert.Equal(DnsName.Parse("example.com."), name.CommonAncestor(DnsName.Parse("c.d.Example.COM.")));
        Assert.Equal(DnsName.Root, name.CommonAncestor(DnsName.Parse("example.org.")));
        Assert.Equal(DnsName.Parse("*.example.com."), DnsName.Parse("example.com.").Prepend("*"));
        Assert.Equal(DnsName.Parse("www.example.com."), DnsName.Parse("www.").Concat(DnsName.Parse("example.com.")));
    }

    [Fact]
    public void Wildcard_NotCountedInSignatureLabels_Rfc4034Section3_1_3()
    {
        DnsName wildcard = DnsName.Parse("*.example.com.");
        Assert.True(wildcard.IsWildcard);
        Assert.Equal(3, wildcard.LabelCount);
        Assert.Equal(2, wildcard.SignatureLabelCount);
        Assert.False(DnsName.Parse("a.*.example.").IsWildcard);
    }

    [Fact]
    public void ToLowerInvariant_LowersOnlyAsciiLetters()
    {
        DnsName name = DnsName.Parse("WwW.\\200X.Example.");
        Assert.Equal("www.\\200x.example.", name.ToLowerInvariant().ToString());
        DnsName lower = DnsName.Parse("www.example.");
        Assert.Same(lower, lower.ToLowerInvariant());
    }

    [Fact]
    public void FromWire_Validates()
    {
        Assert.Equal(DnsName.Parse("ab.c."), DnsName.FromWire("\u0002ab\u0001c\0"u8));
        Assert.Throws<DnsFormatException>(() => DnsName.FromWire("\u0002ab"u8));
        Assert.Throws<DnsFormatException>(() => DnsName.FromWire("\u0002ab\0\0"u8));
        Assert.Throws<DnsFormatException>(() => DnsName.FromWire(ReadOnlySpan<byte>.Empty));
        Assert.Throws<DnsFormatException>(() => DnsName.FromWire(new byte[] { 64 }.Concat(new byte[64]).Append((byte)0).ToArray()));
    }

    [Fact]
    public void CanonicalOrder_Rfc4034Section6_1_Example()
    {
        string[] expected =
        [
            "example.", "a.example.", "yljkjljk.a.example.", "Z.a.example.", "zABC.a.EXAMPLE.",
            "z.example.", "\\001.z.example.", "*.z.example.", "\\200.z.example.",
        ];
        var names = expected.Select(DnsName.Parse).Reverse().ToList();
        names.Sort();
        Assert.Equal(expected, names.Select(n => n.ToString()));
    }

    [Fact]
    public void Presentation_EscapesBytesOutsidePrintableAscii()
    {
        DnsName name = DnsName.FromWire([3, 0x00, (byte)'a', 0x7F, 0]);
        Assert.Equal("\\000a\\127.", name.ToString());
        var sb = new StringBuilder();
        DnsName.AppendLabel(sb, "a.b"u8);
        Assert.Equal("a\\.b", sb.ToString());
    }
}

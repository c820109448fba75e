// MalformedMessageTests: hand-made hostile and broken messages. Each must fail with
// DnsFormatException (never another exception, never a hang), and the Try API must return false.
namespace Resolver.Protocol.Tests.Wire;

public sealed class MalformedMessageTests
{
    // Header: id 1, QR, one question (counts given per test).
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static TheoryData<string, string> Cases => new()
    {
        { "empty", "" },
        { "short header", "0001 8000 0000 0000 0000" },
        { "question count with no question", "0001 8000 0001 0000 0000 0000" },
        { "huge counts", "0001 8000 FFFF FFFF FFFF FFFF 00 0001 0001" },
        { "pointer to itself", "0001 8000 0001 0000 0000 0000 C00C 0001 0001" },
        { "forward pointer", "0001 8000 0001 0000 0000 0000 C00E 0001 0001 00" },
        { "pointer loop between two names", "0001 8000 0002 0000 0000 0000 01 61 C0 12 0001 0001 01 62 C0 0C 0001 0001" },
        { "pointer past the end", "0001 8000 0001 0000 0000 0000 C0FF 0001 0001" },
        { "truncated pointer", "0001 8000 0001 0000 0000 0000 C0" },
        { "extended label type 0x40", "0001 8000 0001 0000 0000 0000 41 00 0001 0001" },
        { "label type 0x80", "0001 8000 0001 0000 0000 0000 81 00 0001 0001" },
        { "label past the end", "0001 8000 0001 0000 0000 0000 05 616263" },
        { "rdlength past the end", "0001 8000 0000 0001 0000 0000 00 0001 0001 00000E10 0010 7F000001" },
        { "A with 5 bytes", "0001 8000 0000 0001 0000 0000 00 0001 0001 00000E10 0005 7F00000101" },
        { "NS name shorter than rdlength", "0001 8000 0000 0001 0000 0000 00 0002 0001 00000E10 0003 00 0000" },
        { "OPT in the answer section", "0001 8000 0000 0001 0000 0000 00 0029 1000 00000000 0000" },
        { "two OPT records", "0001 8000 0000 0000 0000 0002 00 0029 1000 00000000 0000 00 0029 1000 00000000 0000" },
        { "OPT not owned by the root", "0001 8000 0000 0000 0000 0001 0161 00 0029 1000 00000000 0000" },
        { "EDNS option past the end", "0001 8000 0000 0000 0000 0001 00 0029 1000 00000000 0004 000F 0009" },
        { "EDE shorter than 2 bytes", "0001 8000 0000 0000 0000 0001 00 0029 1000 00000000 0005 000F 0001 06" },
        { "trailing garbage", "0001 8000 0000 0000 0000 0000 FF" },
        { "DS shorter than 4 bytes", "0001 8000 0000 0001 0000 0000 00 002B 0001 00000E10 0003 010203" },
        { "RRSIG shorter than 18 bytes", "0001 8000 0000 0001 0000 0000 00 002E 0001 00000E10 0004 00010801" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_ThrowsDnsFormatException(string name, string hex)
    {
        byte[] wire = Hex(hex);
        var e = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(wire));
        Assert.False(string.IsNullOrEmpty(e.Message), name);
        Assert.False(DnsMessage.TryParse(wire, out _, out string? error));
        Assert.NotNull(error);
    }

    [Fact]
    public void NameLongerThan255_ThroughPointers_IsRejected()
    {
        // A chain of 63-byte labels each pointing back at the previous one expands beyond 255 bytes.
        var bytes = new List<byte>(Hex("0001 8000 0005 0000 0000 0000"));
        int previous = -1;
        for (int i = 0; i < 5; i++)
        {
            int here = bytes.Count;
            bytes.Add(63);
            bytes.AddRange(Enumerable.Repeat((byte)'a', 63));
            if (previous < 0)
            {
                bytes.Add(0);
            }
            else
            {
                bytes.Add((byte)(0xC0 | (previous >> 8)));
                bytes.Add((byte)previous);
            }

            bytes.AddRange(Hex("0001 0001"));
            previous = here;
        }

        var e = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(bytes.ToArray()));
        Assert.Contains("255", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorMessage_SaysWhere()
    {
        var e = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(Hex("0001 8000 0001 0000 0000 0000 C00E 0001 0001 00")));
        Assert.Equal(12, e.Offset);
        Assert.Contains("offset 12", e.Message, StringComparison.Ordinal);
    }

    // A chain of pointers to pointers, hidden in opaque record data, then a name that enters it at the end.
    private static byte[] PointerChainMessage(int pointers)
    {
        var bytes = new List<byte>(Hex("0001 8000 0000 0002 0000 0000"));
        int rdataLength = 1 + (2 * pointers);
        bytes.AddRange(Hex("00 FF00 0001 00000E10"));
        bytes.Add((byte)(rdataLength >> 8));
        bytes.Add((byte)rdataLength);
        int previous = bytes.Count;
        bytes.Add(0); // the root name the chain finally reaches
        for (int i = 0; i < pointers; i++)
        {
            int here = bytes.Count;
            bytes.Add((byte)(0xC0 | (previous >> 8)));
            bytes.Add((byte)previous);
            previous = here;
        }

        bytes.Add((byte)(0xC0 | (previous >> 8)));
        bytes.Add((byte)previous);
        bytes.AddRange(Hex("0001 0001 00000E10 0004 7F000001"));
        return [.. bytes];
    }

    [Fact]
    public void PointerChain_Of127Hops_Parses()
    {
        DnsMessage message = DnsMessage.Parse(PointerChainMessage(126)); // 126 in the chain + the entry pointer
        Assert.Equal(DnsName.Root, message.Answers[1].Name);
    }

    [Fact]
    public void PointerChain_LongerThan127Hops_IsRejected()
    {
        var e = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(PointerChainMessage(2000)));
        Assert.Contains("127 compression pointers", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GenericOption_CannotImpersonateExtendedDnsError()
    {
        Assert.Throws<ArgumentException>(() => new GenericEdnsOption(EdnsOptionCode.ExtendedDnsError, [0]));
    }
}

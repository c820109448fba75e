// Tests for ZoneFileReader and ZoneFileWriter: RFC 1035 §5 entries and directives, omitted fields,
// TTL rules (RFC 2308 §4, RFC 1035 §5.1, BIND's SOA fallback), RFC 3597 generic forms, real-world
// formats (IANA root hints, split DNSKEY trust anchors), errors with line numbers, and the
// write-then-read round trip.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;
using Xunit.Abstractions;

namespace Resolver.Protocol.Tests.Text;

public sealed class ZoneFileReaderTests(ITestOutputHelper output)
{
    private static DnsName N(string name) => DnsName.Parse(name);

    private static ResourceRecord A(string owner, uint ttl, string address) =>
        new(N(owner), RrClass.IN, ttl, new AData(IPAddress.Parse(address)));

    private static DnsFormatException Fails(string text, DnsName? origin = null) =>
        Assert.Throws<DnsFormatException>(() => ZoneFileReader.Parse(text, origin));

    // RFC 1035 §5.3, the example zone for ISI.EDU, without its final $INCLUDE line.
    private const string Rfc1035Example = """
        @   IN  SOA     VENERA      Action\.domains (
                                         20     ; SERIAL
                                         7200   ; REFRESH
                                         600    ; RETRY
                                         3600000; EXPIRE
                                         60)    ; MINIMUM

                NS      A.ISI.EDU.
                NS      VENERA
                NS      VAXA
                MX      10      VENERA
                MX      20      VAXA

        A       A       26.3.0.103

        VENERA  A       10.1.0.52
                A       128.9.0.32

        VAXA    A       10.2.0.27
                A       128.9.0.33
        """;

    [Fact]
    public void Rfc1035_Section5_3_Example_ReadsEveryRecord()
    {
        // The raw string literal strips the common indentation, so owner fields start in column 0.
        var records = ZoneFileReader.Parse(Rfc1035Example, N("ISI.EDU."));

        var soa = new SoaData(N("VENERA.ISI.EDU."), DnsName.Parse("Action\\.domains", N("ISI.EDU.")), 20, 7200, 600, 3600000, 60);
        // No $TTL and no TTL anywhere: BIND gives the SOA its minimum, and that becomes the default.
        ResourceRecord[] expected =
        [
            new(N("ISI.EDU."), RrClass.IN, 60, soa),
            new(N("ISI.EDU."), RrClass.IN, 60, new NsData(N("A.ISI.EDU."))),
            new(N("ISI.EDU."), RrClass.IN, 60, new NsData(N("VENERA.ISI.EDU."))),
            new(N("ISI.EDU."), RrClass.IN, 60, new NsData(N("VAXA.ISI.EDU."))),
            new(N("ISI.EDU."), RrClass.IN, 60, new MxData(10, N("VENERA.ISI.EDU."))),
            new(N("ISI.EDU."), RrClass.IN, 60, new MxData(20, N("VAXA.ISI.EDU."))),
            A("A.ISI.EDU.", 60, "26.3.0.103"),
            A("VENERA.ISI.EDU.", 60, "10.1.0.52"),
            A("VENERA.ISI.EDU.", 60, "128.9.0.32"),
            A("VAXA.ISI.EDU.", 60, "10.2.0.27"),
            A("VAXA.ISI.EDU.", 60, "128.9.0.33"),
        ];
        Assert.Equal(expected, records);
        // Action\.domains is one label holding a dot.
        Assert.Equal(3, soa.ResponsibleMailbox.LabelCount);
        Assert.Equal("Action.domains"u8.ToArray(), soa.ResponsibleMailbox.GetLabel(0).ToArray());
    }

    [Fact]
    public void Rfc1035_Section5_3_Include_IsRefused_WithItsLine()
    {
        var e = Fails(Rfc1035Example + "\n\n\n$INCLUDE <SUBSYS>ISI-MAILBOXES.TXT\n", N("ISI.EDU."));
        Assert.Equal(23, e.Line);
        Assert.Contains("$INCLUDE", e.Message);
    }

    [Fact]
    public void Origin_Directive_CompletesRelativeNames_InOwnersAndData()
    {
        var records = ZoneFileReader.Parse("""
            $ORIGIN example.com.
            www 300 IN CNAME host
            $ORIGIN sub
            host 300 IN A 192.0.2.1
            @ 300 IN MX 10 mail.example.net.
            """);
        Assert.Equal(N("www.example.com."), records[0].Name);
        Assert.Equal(new CnameData(N("host.example.com.")), records[0].Data);
        // A relative $ORIGIN is relative to the current origin.
        Assert.Equal(N("host.sub.example.com."), records[1].Name);
        Assert.Equal(N("sub.example.com."), records[2].Name);
        Assert.Equal(new MxData(10, N("mail.example.net.")), records[2].Data);
    }

    [Fact]
    public void Origin_Argument_IsTheInitialOrigin_AndDefaultsToTheRoot()
    {
        Assert.Equal(N("www.example."), ZoneFileReader.Parse("www 1 IN A 192.0.2.1", N("example."))[0].Name);
        Assert.Equal(N("www.example."), ZoneFileReader.Parse("www.example 1 IN A 192.0.2.1")[0].Name);
        Assert.Equal(DnsName.Root, ZoneFileReader.Parse("@ 1 IN NS a.root-servers.net.")[0].Name);
    }

    [Fact]
    public void AtSign_IsTheOrigin_InOwnerAndData()
    {
        var records = ZoneFileReader.Parse("@ 300 IN NS @\n", N("zone.test."));
        Assert.Equal(new ResourceRecord(N("zone.test."), 300, new NsData(N("zone.test."))), Assert.Single(records));
    }

    [Fact]
    public void TtlDirective_AppliesToRecordsWithoutATtl_AndAcceptsBindUnits()
    {
        var records = ZoneFileReader.Parse("""
            $TTL 1h30m
            a IN A 192.0.2.1
            b 60 IN A 192.0.2.2
            c IN A 192.0.2.3
            $TTL 2D
            d IN A 192.0.2.4
            """, N("t."));
        // RFC 2308 §4: $TTL, not the previous record's TTL, fills an omitted TTL.
        Assert.Equal([5400u, 60u, 5400u, 172800u], records.Select(r => r.Ttl));
    }

    [Fact]
    public void DefaultTtl_Argument_ActsAsAnInitialTtlDirective()
    {
        var records = ZoneFileReader.Parse("a IN A 192.0.2.1\n", N("t."), defaultTtl: 86400);
        Assert.Equal(86400u, Assert.Single(records).Ttl);
    }

    [Fact]
    public void WithoutTtlDirective_AnOmittedTtl_IsThePreviousRecords()
    {
        var records = ZoneFileReader.Parse("a 120 IN A 192.0.2.1\nb IN A 192.0.2.2\nc 7 A 192.0.2.3\nd A 192.0.2.4\n", N("t."));
        Assert.Equal([120u, 120u, 7u, 7u], records.Select(r => r.Ttl));
    }

    [Fact]
    public void WithoutAnyTtl_TheSoaTakesItsMinimum_AndOthersFollow()
    {
        var records = ZoneFileReader.Parse("@ IN SOA ns host 1 2 3 4 1800\nwww IN A 192.0.2.1\n", N("t."));
        Assert.Equal([1800u, 1800u], records.Select(r => r.Ttl));
    }

    [Fact]
    public void WithoutAnyTtl_ARecordOtherThanSoa_IsAnError()
    {
        var e = Fails("; header\nwww IN A 192.0.2.1\n", N("t."));
        Assert.Equal(2, e.Line);
        Assert.Contains("TTL", e.Message);
    }

    [Theory]
    [InlineData("a 300 IN A 192.0.2.1")]
    [InlineData("a IN 300 A 192.0.2.1")]
    [InlineData("a 5m in a 192.0.2.1")]
    [InlineData("a in 5M A 192.0.2.1")]
    public void TtlAndClass_MayComeInEitherOrder(string line)
    {
        var record = ZoneFileReader.ParseRecord(line, N("t."));
        Assert.Equal(A("a.t.", 300, "192.0.2.1"), record);
    }

    [Fact]
    public void OmittedClass_IsThePreviousRecords_AndInitiallyIN()
    {
        var records = ZoneFileReader.Parse("a 1 A 192.0.2.1\nb 1 CH A \\# 4 C0000202\nc 1 A \\# 4 C0000203\nd 1 IN A 192.0.2.4\n", N("t."));
        Assert.Equal([RrClass.IN, RrClass.CH, RrClass.CH, RrClass.IN], records.Select(r => r.Class));
    }

    [Fact]
    public void OmittedOwner_IsThePreviousOwner()
    {
        var records = ZoneFileReader.Parse("www 300 IN A 192.0.2.1\n     300 IN AAAA 2001:db8::1\n\tTXT \"x\"\n", N("t."));
        Assert.All(records, r => Assert.Equal(N("www.t."), r.Name));
        Assert.Equal([RrType.A, RrType.AAAA, RrType.TXT], records.Select(r => r.Type));
    }

    [Fact]
    public void OmittedOwner_OnTheFirstRecord_IsAnError()
    {
        var e = Fails("\n   300 IN A 192.0.2.1\n");
        Assert.Equal(2, e.Line);
        Assert.Contains("owner", e.Message);
    }

    [Fact]
    public void FirstField_IsAlwaysTheOwner_EvenWhenItLooksLikeATypeOrClass()
    {
        var records = ZoneFileReader.Parse("A 1 A 192.0.2.1\nIN 1 A 192.0.2.2\nNS 1 NS NS\n", N("t."));
        Assert.Equal([N("A.t."), N("IN.t."), N("NS.t.")], records.Select(r => r.Name));
        Assert.Equal(new NsData(N("ns.t.")), records[2].Data);
    }

    [Fact]
    public void TypeMnemonics_AndClasses_IgnoreCase()
    {
        var record = ZoneFileReader.ParseRecord("www 300 in aaaa 2001:DB8::1", N("t."));
        Assert.Equal(RrType.AAAA, record.Type);
        Assert.Equal(new AaaaData(IPAddress.Parse("2001:db8::1")), record.Data);
    }

    [Fact]
    public void GenericTypeAndClass_Rfc3597_Section5()
    {
        // RFC 3597 §5: TYPEnnn / CLASSnnn, and \# data that a known type decodes.
        var known = ZoneFileReader.ParseRecord("a.example. 300 CLASS1 TYPE1 \\# 4 0A000001");
        Assert.Equal(A("a.example.", 300, "10.0.0.1"), known);

        var unknown = ZoneFileReader.ParseRecord("a.example. 300 CLASS32 TYPE731 \\# 6 abcd (\n ef 01 23 45 )");
        Assert.Equal((RrClass)32, unknown.Class);
        Assert.Equal(new UnknownData((RrType)731, [0xAB, 0xCD, 0xEF, 0x01, 0x23, 0x45]), unknown.Data);

        var empty = ZoneFileReader.ParseRecord("e.example. 300 IN TYPE62347 \\# 0");
        Assert.Equal(new UnknownData((RrType)62347, []), empty.Data);
    }

    [Fact]
    public void QuotedCharacterStrings_KeepSpacesAndSemicolons()
    {
        var record = ZoneFileReader.ParseRecord("t 1 IN TXT \"v=spf1 -all; x\" \"a \\\"q\\\"\" plain", N("e."));
        var txt = Assert.IsType<TxtData>(record.Data);
        Assert.Equal(
            ["v=spf1 -all; x", "a \"q\"", "plain"],
            txt.Strings.Select(s => Encoding.ASCII.GetString(s.Span)));
    }

    [Fact]
    public void IanaNamedRoot_WithoutClassField_Reads()
    {
        // The layout of IANA's named.root: no class, TTL 3600000, comments, blank lines.
        const string hints = """
            ;       This file holds the information on root name servers needed to
            ;       initialize cache of Internet domain name servers
            ;
            ; FORMERLY NS.INTERNIC.NET
            ;
            .                        3600000      NS    A.ROOT-SERVERS.NET.
            A.ROOT-SERVERS.NET.      3600000      A     198.41.0.4
            A.ROOT-SERVERS.NET.      3600000      AAAA  2001:503:ba3e::2:30
            ;
            ; FORMERLY NS1.ISI.EDU
            ;
            .                        3600000      NS    B.ROOT-SERVERS.NET.
            B.ROOT-SERVERS.NET.      3600000      A     170.247.170.2
            B.ROOT-SERVERS.NET.      3600000      AAAA  2801:1b8:10::b
            ; End of file
            """;
        var records = ZoneFileReader.Parse(hints);
        Assert.Equal(6, records.Count);
        Assert.All(records, r => Assert.Equal(3600000u, r.Ttl));
        Assert.All(records, r => Assert.Equal(RrClass.IN, r.Class));
        Assert.Equal(new ResourceRecord(DnsName.Root, 3600000, new NsData(N("a.root-servers.net."))), records[0]);
        Assert.Equal(A("b.root-servers.net.", 3600000, "170.247.170.2"), records[4]);
    }

    [Fact]
    public void TrustAnchor_DnskeyWithBase64SplitAcrossLines_Reads()
    {
        byte[] key = [.. Enumerable.Range(0, 260).Select(i => (byte)(i * 7))];
        string b64 = Convert.ToBase64String(key);
        string split = string.Join("\n\t\t", Enumerable.Range(0, (b64.Length + 43) / 44).Select(i => b64.Substring(i * 44, Math.Min(44, b64.Length - (i * 44)))));
        string text = $". 172800 IN DNSKEY 257 3 8 (\n\t\t{split}\n\t) ; KSK; alg = RSASHA256 ; key id = 12345\n";

        var record = ZoneFileReader.ParseRecord(text);
        var dnskey = Assert.IsType<DnskeyData>(record.Data);
        Assert.Equal(257, dnskey.Flags);
        Assert.Equal(DnssecAlgorithm.RsaSha256, dnskey.Algorithm);
        Assert.Equal(key, dnskey.PublicKey.ToArray());

        // The same key with its base64 split by spaces on one line, as dnssec-signzone writes it.
        var oneLine = ZoneFileReader.ParseRecord($". 172800 IN DNSKEY 257 3 8 {split.Replace("\n\t\t", " ")}");
        Assert.Equal(record, oneLine);
    }

    [Fact]
    public void Directives_AreCaseInsensitive()
    {
        var records = ZoneFileReader.Parse("$origin Example.\n$ttl 42\nwww A 192.0.2.1\n");
        Assert.Equal(A("www.example.", 42, "192.0.2.1"), Assert.Single(records));
    }

    [Theory]
    [InlineData("a 1 IN A 192.0.2.1\n$GENERATE 1-2 h$ A 192.0.2.$\n", 2, "Unknown directive")]
    [InlineData("$TTL\n", 1, "$TTL")]
    [InlineData("$TTL 1 2\n", 1, "$TTL")]
    [InlineData("\n$TTL 1x\n", 2, "$TTL")]
    [InlineData("$ORIGIN bad..name.\n", 1, "$ORIGIN")]
    [InlineData("$INCLUDE other.zone\n", 1, "$INCLUDE")]
    public void BadDirectives_NameTheLine(string text, int line, string fragment)
    {
        var e = Fails(text);
        Assert.Equal(line, e.Line);
        Assert.Contains(fragment, e.Message);
    }

    [Theory]
    [InlineData("a 1 IN\n", 1, "Missing record type")]
    [InlineData("a 1 IN BOGUS 1\n", 1, "BOGUS")]
    [InlineData("a 1 IN \"A\" 192.0.2.1\n", 1, "A")]
    [InlineData("ok 1 A 192.0.2.1\nb 1 IN A 300.1.1.1\n", 2, "address")]
    [InlineData("a 1 IN A 192.0.2.1 extra\n", 1, "extra")]
    [InlineData("a 1 IN A\n", 1, "Missing")]
    [InlineData("bad..owner 1 IN A 192.0.2.1\n", 1, "owner")]
    [InlineData("a 1 IN NS (\n bad..name )\n", 1, "name")]
    [InlineData("a 1 IN TYPE1 \\# 3 0A0000\n", 1, "\\#")]
    [InlineData("a 1 IN TXT \"unclosed\n", 1, "quoted")]
    [InlineData("a 1 IN A 192.0.2.1 )\n", 1, "')'")]
    [InlineData("a 1 IN OPT \\# 0\n", 1, "OPT")]
    public void BadRecords_NameTheLine(string text, int line, string fragment)
    {
        var e = Fails(text, N("t."));
        Assert.Equal(line, e.Line);
        Assert.Contains(fragment, e.Message);
        Assert.Contains($"(line {line})", e.Message);
    }

    [Fact]
    public void OverlongRelativeName_IsAFormatErrorWithTheLine()
    {
        string label = new('x', 63);
        var origin = N($"{label}.{label}.{label}.");
        var e = Fails($"ok 1 IN A 192.0.2.1\n{label} 1 IN A 192.0.2.1\n", origin);
        Assert.Equal(2, e.Line);
        var inData = Fails($"ok 1 IN NS {label}\n", origin);
        Assert.Equal(1, inData.Line);
    }

    [Fact]
    public void ParseRecord_RequiresExactlyOneRecord()
    {
        var none = Assert.Throws<DnsFormatException>(() => ZoneFileReader.ParseRecord("; nothing\n\n"));
        Assert.Contains("no record", none.Message);
        Assert.Equal(2, none.Line);
        Assert.Equal(1, Assert.Throws<DnsFormatException>(() => ZoneFileReader.ParseRecord("")).Line);
        var two = Assert.Throws<DnsFormatException>(() => ZoneFileReader.ParseRecord("a. 1 IN A 192.0.2.1\nb. 1 IN A 192.0.2.2\n"));
        Assert.Equal(2, two.Line);
        Assert.Equal(A("a.t.", 9, "192.0.2.1"), ZoneFileReader.ParseRecord("$TTL 9\na A 192.0.2.1", N("t.")));
        Assert.Equal(A("a.", 5, "192.0.2.1"), ZoneFileReader.ParseRecord("a. A 192.0.2.1", defaultTtl: 5));
    }

    [Fact]
    public void TryVariants_ReturnFalseInsteadOfThrowing()
    {
        Assert.True(ZoneFileReader.TryParse("a 1 IN A 192.0.2.1\n", N("t."), out var records));
        Assert.Single(records);
        Assert.False(ZoneFileReader.TryParse("a 1 IN A 192.0.2.1\nb 1 IN A nope\n", N("t."), out var none));
        Assert.Null(none);

        Assert.True(ZoneFileReader.TryParseRecord("a 1 IN A 192.0.2.1", null, out var record));
        Assert.Equal(A("a.", 1, "192.0.2.1"), record);
        Assert.False(ZoneFileReader.TryParseRecord("a 1 IN A 192.0.2.1 (", null, out var bad));
        Assert.Null(bad);
    }

    [Fact]
    public void Read_StreamsTheSameRecordsAsParse_Lazily()
    {
        var expected = ZoneFileReader.Parse(Rfc1035Example, N("ISI.EDU."));
        using var reader = new StringReader(Rfc1035Example + "\nbroken line here\n");
        using var e = ZoneFileReader.Read(reader, N("ISI.EDU.")).GetEnumerator();
        foreach (var record in expected)
        {
            Assert.True(e.MoveNext());
            Assert.Equal(record, e.Current);
        }

        // The error surfaces only when enumeration reaches it.
        Assert.Equal(21, Assert.Throws<DnsFormatException>(() => e.MoveNext()).Line);
    }

    [Fact]
    public void Read_ChecksItsArgumentEagerly()
    {
        Assert.Throws<ArgumentNullException>(() => ZoneFileReader.Read(null!));
    }

    [Fact]
    public void SignedZoneLines_AsBindWritesThem_Read()
    {
        var records = ZoneFileReader.Parse("""
            $ORIGIN n3.
            n3. 3600 IN NSEC3PARAM 1 0 0 -
            6fhh29h4npb37a3k9j8glgjdguih4pk7.n3. 300 IN NSEC3 1 1 0 - 8L0SQ0TBUJ5O6IVSJG08AJ3M0OKRCUF5 NS SOA RRSIG DNSKEY NSEC3PARAM
            www.n3. 300 IN NSEC n3. A RRSIG NSEC
            n3. 3600 IN RRSIG SOA 13 1 3600 20271230085441 20260926085441 18506 n3. 9oNwlCbhlPLwp0d11k5PNUZsnGmWPulI WpNp8220KjDkd59tgUkHh9RUEO/yphIg LkIkTMXyDEgL8uBwzqa39Q==
            n3. 3600 IN DS 50860 8 2 9794160B8B76A581EBE15D08DC6F409F 8E8D9DFA4FF1F58646C2A0C6B96B2004
            """);
        Assert.Equal([RrType.NSEC3PARAM, RrType.NSEC3, RrType.NSEC, RrType.RRSIG, RrType.DS], records.Select(r => r.Type));
        var rrsig = Assert.IsType<RrsigData>(records[3].Data);
        Assert.Equal(RrType.SOA, rrsig.TypeCovered);
        Assert.Equal(64, rrsig.Signature.Length);
        var ds = Assert.IsType<DsData>(records[4].Data);
        Assert.Equal(32, ds.Digest.Length);
    }

    [Fact]
    public void Writer_OutputReadsBackToTheSameRecords()
    {
        var records = ZoneFileReader.Parse(Rfc1035Example, N("ISI.EDU.")).Concat(ZoneFileReader.Parse("""
            $ORIGIN odd.example.
            $TTL 300
            w\ eird\.label IN TXT "semi;colon" "quote\"d" "tab\009" "\255\000"
            \$dollar IN A 192.0.2.1
            \@at CH TYPE65000 \# 3 010203
            *.wild IN SRV 0 5 53 @
            @ IN NSEC \000.odd.example. A NS TYPE1234
            """)).ToList();

        string text = ZoneFileWriter.Write(records);
        Assert.Equal(records, ZoneFileReader.Parse(text));
        Assert.Equal(records.Count, text.Count(c => c == '\n'));

        using var writer = new StringWriter();
        ZoneFileWriter.Write(writer, records);
        Assert.Equal(text, writer.ToString());
        Assert.Equal(records, ZoneFileReader.Read(new StringReader(writer.ToString())));
    }

    [Fact]
    public void Writer_LinesStandAlone_AndCarryEveryField()
    {
        var record = ZoneFileReader.ParseRecord("www 300 IN A 192.0.2.1", N("example."));
        string line = ZoneFileWriter.Write([record]);
        Assert.Equal("www.example.\t300\tIN\tA\t192.0.2.1\n", line);
        Assert.Equal(record, ZoneFileReader.ParseRecord(line));
    }

    [Fact]
    public void LargeSignedTld_SeveralMegabytes_ParsesInOnePass()
    {
        // A registry shaped like the lab's reg. but five times larger: per delegation two NS, a DS,
        // an NSEC3 and two RSA signatures with their base64 split by spaces, as dnssec-signzone writes.
        const int delegations = 5000;
        string sig = string.Join(' ', Enumerable.Range(0, 11).Select(i => Convert.ToBase64String(new byte[24]).Replace('A', (char)('a' + i))));
        var sb = new StringBuilder("$ORIGIN big.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 900 1209600 300\n@ NS ns1\nns1 A 192.0.2.1\n");
        for (int i = 0; i < delegations; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"d{i:D5} NS ns1.hoster.example.\n NS ns2.hoster.example.\n");
            sb.Append(CultureInfo.InvariantCulture, $" DS {i % 65536} 8 2 {i:X8}9794160B8B76A581EBE15D08DC6F409F8E8D9DFA4FF1F58646C2A0\n");
            sb.Append(CultureInfo.InvariantCulture, $" RRSIG DS 8 2 3600 20271230085441 20260926085441 52803 big. {sig}\n");
            sb.Append(CultureInfo.InvariantCulture, $"h{i:D5}0000000000000000000000000 300 NSEC3 1 1 0 - 8l0sq0tbuj5o6ivsjg08aj3m0okrcuf5 NS DS RRSIG\n");
            sb.Append(CultureInfo.InvariantCulture, $" RRSIG NSEC3 8 2 300 20271230085441 20260926085441 52803 big. {sig}\n");
        }

        string text = sb.ToString();
        var clock = Stopwatch.StartNew();
        var records = ZoneFileReader.Parse(text);
        clock.Stop();
        output.WriteLine($"{text.Length / 1e6:F1} MB, {records.Count} records in {clock.ElapsedMilliseconds} ms");

        Assert.Equal(3 + (delegations * 6), records.Count);
        Assert.Equal(delegations * 2, records.Count(r => r.Type == RrType.RRSIG));
        Assert.True(text.Length > 3_000_000);
        Assert.Equal(N("h049990000000000000000000000000.big."), records[^1].Name);
    }

    [Fact]
    public void Property_AnyText_ParsesOrThrowsOnlyDnsFormatException()
    {
        // Fragments that exercise every lexical path, glued at random.
        string[] pieces =
        [
            "a", "@", "$ORIGIN", "$TTL", "$INCLUDE", "IN", "CH", "CLASS9", "300", "1h", "A", "AAAA", "NS", "SOA", "TXT",
            "MX", "DS", "DNSKEY", "RRSIG", "NSEC", "NSEC3", "NSEC3PARAM", "TYPE99", "\\#", "0", "4", "192.0.2.1",
            "::1", "x.y.", "..", "\\", "\\0", "\\999", "\"", "\"q q\"", "(", ")", ";", "\n", "\r\n", " ", "\t", "-",
            "AAAA====", "20271230085441", "65536", "99999999999",
        ];
        Prop.ForAll(
            Gen.ArrayOf(Gen.Elements(pieces)).ToArbitrary(),
            parts =>
            {
                string text = string.Join(" ", parts);
                try
                {
                    ZoneFileReader.Parse(text, N("t."));
                }
                catch (DnsFormatException e)
                {
                    Assert.True(e.Line > 0, $"no line in: {e.Message}");
                }
            }).QuickCheckThrowOnFailure();
    }
}

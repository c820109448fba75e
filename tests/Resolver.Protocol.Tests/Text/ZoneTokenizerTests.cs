// Tests for ZoneTokenizer: the lexical rules of RFC 1035 §5.1 (fields, comments, parentheses,
// quoted strings, escapes), line numbers and line endings, and errors that name the line.
using System.Text;
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Tests.Text;

public sealed class ZoneTokenizerTests
{
    private sealed record Entry(int Line, bool StartsWithWhitespace, ZoneToken[] Tokens)
    {
        public string[] Texts => [.. Tokens.Select(t => t.Text)];
    }

    private static List<Entry> Tokenize(TextReader reader)
    {
        var tokenizer = new ZoneTokenizer(reader);
        var entries = new List<Entry>();
        while (tokenizer.MoveNext())
        {
            entries.Add(new Entry(tokenizer.Line, tokenizer.StartsWithWhitespace, [.. tokenizer.Tokens]));
        }

        return entries;
    }

    private static List<Entry> Tokenize(string text) => Tokenize(new StringReader(text));

    private static DnsFormatException Fails(string text) => Assert.Throws<DnsFormatException>(() => Tokenize(text));

    // A reader that hands out at most `chunk` characters per call, so that lines, CRLF pairs and
    // fields straddle every possible buffer boundary.
    private sealed class TrickleReader(string text, int chunk) : TextReader
    {
        private int _position;

        public override int Read(char[] buffer, int index, int count)
        {
            int n = Math.Min(Math.Min(count, chunk), text.Length - _position);
            text.CopyTo(_position, buffer, index, n);
            _position += n;
            return n;
        }

        public override int Peek() => _position < text.Length ? text[_position] : -1;
    }

    [Fact]
    public void Fields_AreSeparatedBySpacesAndTabs()
    {
        var entries = Tokenize("www.example.  3600\tIN  A\t192.0.2.1\n");
        var entry = Assert.Single(entries);
        Assert.Equal(["www.example.", "3600", "IN", "A", "192.0.2.1"], entry.Texts);
        Assert.All(entry.Tokens, t => Assert.False(t.Quoted));
        Assert.Equal(1, entry.Line);
        Assert.False(entry.StartsWithWhitespace);
    }

    [Fact]
    public void Comments_RunToTheEndOfTheLine()
    {
        var entries = Tokenize("; a whole-line comment\nwww A 192.0.2.1 ; trailing\nmail A 192.0.2.2;no space\n");
        Assert.Equal(2, entries.Count);
        Assert.Equal(["www", "A", "192.0.2.1"], entries[0].Texts);
        Assert.Equal(["mail", "A", "192.0.2.2"], entries[1].Texts);
        Assert.Equal(2, entries[0].Line);
        Assert.Equal(3, entries[1].Line);
    }

    [Fact]
    public void BlankAndCommentOnlyLines_ProduceNoEntries_ButCountAsLines()
    {
        var entries = Tokenize("\n   \n\t; indented comment\n\nwww A 192.0.2.1\n\n");
        var entry = Assert.Single(entries);
        Assert.Equal(5, entry.Line);
        Assert.False(entry.StartsWithWhitespace);
    }

    [Fact]
    public void LeadingWhitespace_IsReported_ForTheOmittedOwner()
    {
        var entries = Tokenize("www A 192.0.2.1\n  AAAA 2001:db8::1\n\tTXT x\n");
        Assert.Equal([false, true, true], entries.Select(e => e.StartsWithWhitespace));
        Assert.Equal(["AAAA", "2001:db8::1"], entries[1].Texts);
    }

    [Fact]
    public void Parentheses_JoinLines_AndTheEntryStartsOnItsFirstLine()
    {
        const string text = "x\n@ IN SOA ns hostmaster (\n  1 ; serial\n  2 3\n  4 5 )\ny\n";
        var entries = Tokenize(text);
        Assert.Equal(3, entries.Count);
        Assert.Equal(["@", "IN", "SOA", "ns", "hostmaster", "1", "2", "3", "4", "5"], entries[1].Texts);
        Assert.Equal(2, entries[1].Line);
        Assert.Equal(6, entries[2].Line);
    }

    [Fact]
    public void Parentheses_AreDelimiters_AndMayNest()
    {
        var entry = Assert.Single(Tokenize("a(b (c)d)e\n"));
        Assert.Equal(["a", "b", "c", "d", "e"], entry.Texts);
    }

    [Fact]
    public void LeadingWhitespace_InsideParentheses_DoesNotStartAnEntry()
    {
        var entries = Tokenize("a DNSKEY 257 3 8 (\n    AwEAAa\n    Bbcd )\n");
        var entry = Assert.Single(entries);
        Assert.False(entry.StartsWithWhitespace);
        Assert.Equal(["a", "DNSKEY", "257", "3", "8", "AwEAAa", "Bbcd"], entry.Texts);
    }

    [Fact]
    public void QuotedStrings_KeepSpacesSemicolonsAndParentheses_WithoutTheQuotes()
    {
        var entry = Assert.Single(Tokenize("t TXT \"a b; (c)\" plain \"\"\n"));
        Assert.Equal(["t", "TXT", "a b; (c)", "plain", ""], entry.Texts);
        Assert.Equal([false, false, true, false, true], entry.Tokens.Select(t => t.Quoted));
    }

    [Fact]
    public void QuotedStrings_KeepEscapedQuotesVerbatim()
    {
        var entry = Assert.Single(Tokenize("t TXT \"say \\\"hi\\\" \\\\ok\"\n"));
        Assert.Equal("say \\\"hi\\\" \\\\ok", entry.Tokens[2].Text);
        Assert.True(entry.Tokens[2].Quoted);
    }

    [Fact]
    public void QuotedStrings_NextToOtherFields_AreSeparateFields()
    {
        var entry = Assert.Single(Tokenize("t TXT \"a\"\"b\"c\n"));
        Assert.Equal(["t", "TXT", "a", "b", "c"], entry.Texts);
        Assert.Equal([false, false, true, true, false], entry.Tokens.Select(t => t.Quoted));
    }

    [Fact]
    public void Escapes_AreKeptVerbatim_AndEscapedDelimitersStayInTheField()
    {
        var entry = Assert.Single(Tokenize("a\\ b\\;c\\(d\\) e\\\"f \\040x Action\\.domains\n"));
        Assert.Equal(["a\\ b\\;c\\(d\\)", "e\\\"f", "\\040x", "Action\\.domains"], entry.Texts);
    }

    [Fact]
    public void DanglingBackslash_AtTheEndOfALine_IsKeptForTheFieldParser()
    {
        var entry = Assert.Single(Tokenize("a b\\\n"));
        Assert.Equal(["a", "b\\"], entry.Texts);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void LineEndings_AllCount(string newline)
    {
        string text = string.Join(newline, "a A 1", "", "b A 2", "c (", "x )", "d A 4") + newline;
        var entries = Tokenize(text);
        Assert.Equal([1, 3, 4, 6], entries.Select(e => e.Line));
        Assert.Equal(["c", "x"], entries[2].Texts);
        Assert.All(entries, e => Assert.DoesNotContain(e.Tokens, t => t.Text.Contains('\r')));
    }

    [Fact]
    public void MissingFinalNewline_StillYieldsTheLastEntry()
    {
        var entries = Tokenize("a A 1\nb A 2");
        Assert.Equal(2, entries.Count);
        Assert.Equal(["b", "A", "2"], entries[1].Texts);
    }

    [Fact]
    public void EmptyText_YieldsNothing()
    {
        Assert.Empty(Tokenize(""));
        Assert.Empty(Tokenize("\n\n; only a comment"));
    }

    [Fact]
    public void UnbalancedCloseParenthesis_NamesTheLine()
    {
        var e = Fails("a A 1\nb A 2 )\n");
        Assert.Equal(2, e.Line);
        Assert.Contains("')'", e.Message);
    }

    [Fact]
    public void UnclosedParenthesis_NamesTheLineItOpenedOn()
    {
        var e = Fails("a A 1\n\nb SOA (\n 1 2\n 3\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("'('", e.Message);
    }

    [Fact]
    public void UnterminatedQuote_NamesTheLine()
    {
        var e = Fails("a TXT \"ok\"\nb TXT \"not closed\nc A 1\n");
        Assert.Equal(2, e.Line);
        Assert.Contains("quoted", e.Message);
    }

    [Fact]
    public void QuotedString_DoesNotSpanLines_EvenInsideParentheses()
    {
        var e = Fails("a TXT ( \"one\ntwo\" )\n");
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void EscapedQuoteAtTheEndOfALine_DoesNotCloseTheString()
    {
        var e = Fails("a TXT \"abc\\\"\n");
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void LinesLongerThanTheBuffer_AreReadWhole()
    {
        string big = new('x', 50_000);
        var entries = Tokenize($"a TXT {big} y\nb A 1\n");
        Assert.Equal(2, entries.Count);
        Assert.Equal(big, entries[0].Tokens[2].Text);
        Assert.Equal(2, entries[1].Line);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public void ChunkedReads_GiveTheSameEntries(int chunk)
    {
        const string text = "$ORIGIN example.\r\n@ 3600 IN SOA ns host (\r\n 1 2 ; c\r\n 3 4 5 )\r\n" +
                            "\tTXT \"a ; b\" \\\"q\r\rwww A 192.0.2.1\n\r\nlast A 2";
        var expected = Tokenize(text);
        var actual = Tokenize(new TrickleReader(text, chunk));
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Line, actual[i].Line);
            Assert.Equal(expected[i].StartsWithWhitespace, actual[i].StartsWithWhitespace);
            Assert.Equal(expected[i].Tokens, actual[i].Tokens);
        }

        Assert.Equal([1, 2, 5, 7, 9], expected.Select(e => e.Line));
    }

    [Fact]
    public void ManyLinesAndOneHugeParenthesizedEntry_AreTokenizedInFull()
    {
        // A quadratic scan would take minutes here; a linear one takes milliseconds.
        var sb = new StringBuilder();
        for (int i = 0; i < 100_000; i++)
        {
            sb.Append('h').Append(i).Append(" 300 IN A 192.0.2.1\n");
        }

        sb.Append("big TXT (\n");
        for (int i = 0; i < 100_000; i++)
        {
            sb.Append(" \"s\"\n");
        }

        sb.Append(")\n");
        var entries = Tokenize(sb.ToString());
        Assert.Equal(100_001, entries.Count);
        Assert.Equal(100_002, entries[^1].Tokens.Length);
        Assert.Equal(100_001, entries[^1].Line);
    }

    [Fact]
    public void RepeatedShortFields_ShareOneString()
    {
        var entries = Tokenize("a 3600 IN A 1\nb 3600 IN A 2\n");
        Assert.Same(entries[0].Tokens[2].Text, entries[1].Tokens[2].Text);
        Assert.Same(entries[0].Tokens[1].Text, entries[1].Tokens[1].Text);
    }
}

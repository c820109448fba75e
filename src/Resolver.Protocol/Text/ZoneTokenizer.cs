// ZoneTokenizer: splits presentation (zone-file) text into logical entries — one resource record
// or one $-directive each — as lists of ZoneToken (RFC 1035 §5.1). It owns the lexical rules:
// comments, parentheses that join lines, quoted strings, backslash escapes (kept verbatim for the
// field parsers), line endings and line numbers. One pass over the text, no backtracking; lines
// are scanned in a reused buffer and short repeated fields (classes, types, TTLs) are pooled.
namespace Resolver.Protocol.Text;

/// <summary>
/// Reads zone-file entries from a <see cref="TextReader"/>. After <see cref="MoveNext"/> returns
/// true, <see cref="Tokens"/>, <see cref="Line"/> and <see cref="StartsWithWhitespace"/> describe the
/// entry; the token list is reused by the next call.
/// </summary>
internal sealed class ZoneTokenizer
{
    // Fields up to this length are pooled: class and type mnemonics, TTLs, flags, algorithm numbers
    // and short names repeat on almost every line of a zone.
    private const int PooledMaxLength = 12;
    private const int PoolCapacity = 4096;

    private readonly TextReader _reader;
    private readonly List<ZoneToken> _tokens = [];
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
#if NET9_0_OR_GREATER
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _poolLookup;
#endif

    // Line buffer: _buffer[_start.._end) holds text read but not yet consumed.
    private char[] _buffer = new char[4096];
    private int _start;
    private int _end;
    private bool _eof;
    private int _lineNumber;

    public ZoneTokenizer(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
#if NET9_0_OR_GREATER
        _poolLookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
#endif
    }

    /// <summary>The fields of the current entry (parentheses and comments removed).</summary>
    public IReadOnlyList<ZoneToken> Tokens => _tokens;

    /// <summary>The 1-based line the current entry starts on.</summary>
    public int Line { get; private set; }

    /// <summary>The number of lines read so far (the last line's number).</summary>
    public int LinesRead => _lineNumber;

    /// <summary>
    /// True when the entry's first line begins with a space or tab: the owner field is omitted and
    /// the previous owner applies (RFC 1035 §5.1).
    /// </summary>
    public bool StartsWithWhitespace { get; private set; }

    /// <summary>Advances to the next non-empty entry; false at the end of the text.</summary>
    /// <exception cref="DnsFormatException">Unbalanced parentheses or an unterminated quoted string.</exception>
    public bool MoveNext()
    {
        _tokens.Clear();
        int depth = 0;
        int openLine = 0;
        while (TryReadLine(out ReadOnlySpan<char> line))
        {
            _lineNumber++;
            if (_tokens.Count == 0 && depth == 0)
            {
                Line = _lineNumber;
                StartsWithWhitespace = line.Length > 0 && (line[0] == ' ' || line[0] == '\t');
            }

            ScanLine(line, ref depth, ref openLine);
            if (depth == 0 && _tokens.Count > 0)
            {
                return true;
            }
        }

        if (depth > 0)
        {
            ThrowHelper.Text("Unbalanced '(': the parenthesis is never closed.", openLine);
        }

        return false;
    }

    // Splits one physical line into fields. Inside parentheses a line end is plain whitespace
    // (RFC 1035 §5.1), so the caller keeps reading lines while depth > 0.
    private void ScanLine(ReadOnlySpan<char> line, ref int depth, ref int openLine)
    {
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            switch (c)
            {
                case ' ' or '\t' or '\r' or '\f' or '\v':
                    i++;
                    break;
                case ';':
                    return;
                case '(':
                    if (depth++ == 0)
                    {
                        openLine = _lineNumber;
                    }

                    i++;
                    break;
                case ')':
                    if (depth == 0)
                    {
                        ThrowHelper.Text("Unbalanced ')': no '(' is open.", _lineNumber);
                    }

                    depth--;
                    i++;
                    break;
                case '"':
                    i = ScanQuoted(line, i);
                    break;
                default:
                    i = ScanPlain(line, i);
                    break;
            }
        }
    }

    // A quoted character-string: spaces, ';' and parentheses are literal, and \" does not close it.
    // Escapes stay as written; the field's parser decodes them.
    private int ScanQuoted(ReadOnlySpan<char> line, int open)
    {
        int j = open + 1;
        while (j < line.Length)
        {
            char c = line[j];
            if (c == '\\')
            {
                j += 2;
                continue;
            }

            if (c == '"')
            {
                _tokens.Add(new ZoneToken(Intern(line[(open + 1)..j]), Quoted: true));
                return j + 1;
            }

            j++;
        }

        return ThrowHelper.Text<int>("Unterminated quoted string.", _lineNumber);
    }

    // An unquoted field runs to whitespace, ';', a parenthesis or a quote; a backslash escapes the
    // next character, so "a\ b" and "a\;b" are single fields.
    private int ScanPlain(ReadOnlySpan<char> line, int start)
    {
        int j = start;
        while (j < line.Length)
        {
            char c = line[j];
            if (c == '\\')
            {
                j += 2;
                continue;
            }

            if (c is ' ' or '\t' or '\r' or '\f' or '\v' or ';' or '(' or ')' or '"')
            {
                break;
            }

            j++;
        }

        // A backslash as the last character of the line: keep it, the field's parser reports it.
        j = Math.Min(j, line.Length);
        _tokens.Add(new ZoneToken(Intern(line[start..j]), Quoted: false));
        return j;
    }

    private string Intern(ReadOnlySpan<char> text)
    {
        if (text.Length > PooledMaxLength)
        {
            return text.ToString();
        }

#if NET9_0_OR_GREATER
        // .NET 9+: look the span up without allocating a string first.
        if (_poolLookup.TryGetValue(text, out string? pooled))
        {
            return pooled;
        }

        string s = text.ToString();
#else
        string s = text.ToString();
        if (_pool.TryGetValue(s, out string? pooled))
        {
            return pooled;
        }
#endif
        if (_pool.Count < PoolCapacity)
        {
            _pool.Add(s, s);
        }

        return s;
    }

    // Returns the next physical line without its terminator (LF, CRLF or a lone CR), as a view of
    // the reused buffer that stays valid until the next call. The buffer grows to the longest line.
    private bool TryReadLine(out ReadOnlySpan<char> line)
    {
        int scanFrom = _start;
        while (true)
        {
            int rel = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOfAny('\n', '\r');
            if (rel >= 0)
            {
                int at = scanFrom + rel;
                // A CR at the very end of the buffer may be the first half of a CRLF: read on first.
                if (_buffer[at] == '\r' && at + 1 == _end && !_eof)
                {
                    scanFrom = at - _start;
                    Fill();
                    scanFrom += _start;
                    continue;
                }

                line = _buffer.AsSpan(_start, at - _start);
                int next = at + 1;
                if (_buffer[at] == '\r' && next < _end && _buffer[next] == '\n')
                {
                    next++;
                }

                _start = next;
                return true;
            }

            if (_eof)
            {
                if (_start < _end)
                {
                    // The last line has no newline.
                    line = _buffer.AsSpan(_start, _end - _start);
                    _start = _end;
                    return true;
                }

                line = default;
                return false;
            }

            int scanned = _end - _start;
            Fill();
            scanFrom = _start + scanned;
        }
    }

    // Moves unread text to the front of the buffer (growing it when full) and reads more.
    private void Fill()
    {
        int pending = _end - _start;
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, pending);
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read <= 0)
        {
            _eof = true;
        }
        else
        {
            _end += read;
        }
    }
}

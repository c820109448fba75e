// ZoneFileReader: turns presentation (zone-file) text into resource records (RFC 1035 §5). It owns
// the entry-level rules: the $ORIGIN and $TTL directives (RFC 2308 §4), relative names and '@',
// an omitted owner, TTL or class, TTL and class in either order, and BIND's choice of the SOA
// minimum when no TTL is known at all. Fields within record data are read by each type's parser
// through RdataTextReader. The library opens no files, so $INCLUDE is refused.
using System.Diagnostics.CodeAnalysis;
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Text;

/// <summary>
/// Reads resource records from zone-file text (RFC 1035 §5): the output of BIND's
/// <c>dnssec-signzone</c> and <c>ldns-signzone</c>, root hints, trust anchors and hand-written zones.
/// Every malformed input raises a <see cref="DnsFormatException"/> whose
/// <see cref="DnsFormatException.Line"/> names the line; the <c>Try…</c> methods return false instead.
/// </summary>
/// <remarks>
/// Without <c>$ORIGIN</c> or an <c>origin</c> argument, relative names are completed with the root,
/// so <c>example.com</c> reads as <c>example.com.</c>. A record without a TTL takes the
/// <c>$TTL</c> value, else the previous record's TTL (RFC 1035 §5.1), else — for an SOA only — its
/// minimum field, as BIND does; any other record without a known TTL is an error.
/// </remarks>
public static class ZoneFileReader
{
    /// <summary>Parses a whole zone-file text.</summary>
    /// <param name="text">The zone-file text.</param>
    /// <param name="origin">The initial origin (as if by <c>$ORIGIN</c>); the root when null.</param>
    /// <param name="defaultTtl">The initial default TTL (as if by <c>$TTL</c>); none when null.</param>
    /// <returns>The records in the order they appear.</returns>
    /// <exception cref="DnsFormatException">The text is malformed; the exception names the line.</exception>
    public static IReadOnlyList<ResourceRecord> Parse(string text, DnsName? origin = null, uint? defaultTtl = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        var parser = new Parser(reader, origin, defaultTtl);
        var records = new List<ResourceRecord>();
        while (parser.TryReadRecord(out ResourceRecord? record))
        {
            records.Add(record);
        }

        return records.AsReadOnly();
    }

    /// <summary>
    /// Reads records lazily from <paramref name="reader"/>, one entry at a time, so that large zones
    /// need not be held in memory. The caller owns (and disposes) the reader.
    /// </summary>
    /// <param name="reader">The zone-file text.</param>
    /// <param name="origin">The initial origin (as if by <c>$ORIGIN</c>); the root when null.</param>
    /// <param name="defaultTtl">The initial default TTL (as if by <c>$TTL</c>); none when null.</param>
    /// <exception cref="DnsFormatException">During enumeration: the text is malformed.</exception>
    public static IEnumerable<ResourceRecord> Read(TextReader reader, DnsName? origin = null, uint? defaultTtl = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadIterator(reader, origin, defaultTtl);
    }

    private static IEnumerable<ResourceRecord> ReadIterator(TextReader reader, DnsName? origin, uint? defaultTtl)
    {
        var parser = new Parser(reader, origin, defaultTtl);
        while (parser.TryReadRecord(out ResourceRecord? record))
        {
            yield return record;
        }
    }

    /// <summary>Parses a whole zone-file text like <see cref="Parse"/>, returning false instead of throwing.</summary>
    /// <param name="text">The zone-file text.</param>
    /// <param name="origin">The initial origin; the root when null.</param>
    /// <param name="records">The records, or null when the text is malformed.</param>
    public static bool TryParse(string text, DnsName? origin, [NotNullWhen(true)] out IReadOnlyList<ResourceRecord>? records)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            records = Parse(text, origin);
            return true;
        }
        catch (DnsFormatException)
        {
            records = null;
            return false;
        }
    }

    /// <summary>
    /// Parses exactly one record, e.g. a trust-anchor line. The text may span lines inside
    /// parentheses and may be preceded by <c>$ORIGIN</c> or <c>$TTL</c>.
    /// </summary>
    /// <param name="text">The record in zone-file form.</param>
    /// <param name="origin">The origin for relative names; the root when null.</param>
    /// <param name="defaultTtl">The TTL when the record has none.</param>
    /// <exception cref="DnsFormatException">The text is malformed or holds no record or more than one.</exception>
    public static ResourceRecord ParseRecord(string text, DnsName? origin = null, uint? defaultTtl = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        var parser = new Parser(reader, origin, defaultTtl);
        if (!parser.TryReadRecord(out ResourceRecord? record))
        {
            return ThrowHelper.Text<ResourceRecord>("The text holds no record.", Math.Max(1, parser.LinesRead));
        }

        if (parser.TryReadRecord(out _))
        {
            return ThrowHelper.Text<ResourceRecord>("The text holds more than one record.", parser.Line);
        }

        return record;
    }

    /// <summary>Parses exactly one record like <see cref="ParseRecord"/>, returning false instead of throwing.</summary>
    /// <param name="text">The record in zone-file form.</param>
    /// <param name="origin">The origin for relative names; the root when null.</param>
    /// <param name="record">The record, or null when the text is malformed.</param>
    public static bool TryParseRecord(string text, DnsName? origin, [NotNullWhen(true)] out ResourceRecord? record)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            record = ParseRecord(text, origin);
            return true;
        }
        catch (DnsFormatException)
        {
            record = null;
            return false;
        }
    }

    /// <summary>The reading state of one text: origin, TTLs, previous owner and class.</summary>
    private sealed class Parser
    {
        private readonly ZoneTokenizer _tokenizer;
        private DnsName _origin;
        private uint? _defaultTtl;   // $TTL, or the SOA minimum when BIND's fallback applied
        private uint? _lastTtl;      // the previous record's TTL (RFC 1035 §5.1)
        private DnsName? _lastOwner;
        private RrClass _lastClass = RrClass.IN;

        public Parser(TextReader reader, DnsName? origin, uint? defaultTtl)
        {
            _tokenizer = new ZoneTokenizer(reader);
            _origin = origin ?? DnsName.Root;
            _defaultTtl = defaultTtl;
        }

        public int Line => _tokenizer.Line;

        public int LinesRead => _tokenizer.LinesRead;

        public bool TryReadRecord([NotNullWhen(true)] out ResourceRecord? record)
        {
            while (_tokenizer.MoveNext())
            {
                IReadOnlyList<ZoneToken> tokens = _tokenizer.Tokens;
                ZoneToken first = tokens[0];
                if (!_tokenizer.StartsWithWhitespace && !first.Quoted && first.Text.StartsWith('$'))
                {
                    ReadDirective(tokens);
                    continue;
                }

                record = ReadRecord(tokens);
                return true;
            }

            record = null;
            return false;
        }

        private void ReadDirective(IReadOnlyList<ZoneToken> tokens)
        {
            string directive = tokens[0].Text;
            if (directive.Equals("$ORIGIN", StringComparison.OrdinalIgnoreCase))
            {
                ExpectArguments(tokens, directive);
                // A relative $ORIGIN is completed with the current origin, as BIND does.
                _origin = ParseName(tokens[1].Text, "$ORIGIN name");
            }
            else if (directive.Equals("$TTL", StringComparison.OrdinalIgnoreCase))
            {
                ExpectArguments(tokens, directive);
                _defaultTtl = RdataTextReader.TryParseTtl(tokens[1].Text, out uint ttl)
                    ? ttl
                    : Fail<uint>($"Bad $TTL value '{tokens[1].Text}'.");
            }
            else if (directive.Equals("$INCLUDE", StringComparison.OrdinalIgnoreCase))
            {
                Fail("$INCLUDE is not supported: this library does no file I/O; read the included file separately.");
            }
            else
            {
                Fail($"Unknown directive '{directive}'.");
            }
        }

        private void ExpectArguments(IReadOnlyList<ZoneToken> tokens, string directive)
        {
            if (tokens.Count != 2)
            {
                Fail($"{directive} takes exactly one argument.");
            }
        }

        private ResourceRecord ReadRecord(IReadOnlyList<ZoneToken> tokens)
        {
            int i = 0;
            DnsName owner;
            if (_tokenizer.StartsWithWhitespace)
            {
                // RFC 1035 §5.1: a blank owner field means the previous owner.
                owner = _lastOwner ?? Fail<DnsName>("The owner is omitted but no record precedes it.");
            }
            else
            {
                owner = ParseName(tokens[0].Text, "owner name");
                i = 1;
            }

            // RFC 1035 §5.1: [<TTL>] [<class>] or [<class>] [<TTL>], each at most once.
            uint? ttl = null;
            RrClass? rrClass = null;
            while (i < tokens.Count && !tokens[i].Quoted)
            {
                string text = tokens[i].Text;
                if (ttl is null && char.IsAsciiDigit(text[0]) && RdataTextReader.TryParseTtl(text, out uint value))
                {
                    ttl = value;
                }
                else if (rrClass is null && RrTypeText.TryParseClass(text, out RrClass parsedClass))
                {
                    rrClass = parsedClass;
                }
                else
                {
                    break;
                }

                i++;
            }

            if (i >= tokens.Count)
            {
                Fail("Missing record type.");
            }

            RrType type = !tokens[i].Quoted && RrTypeText.TryParseType(tokens[i].Text, out RrType parsedType)
                ? parsedType
                : Fail<RrType>($"Unknown record type or bad field '{tokens[i].Text}'.");

            RecordData data = ParseData(type, tokens, i + 1);

            uint finalTtl;
            if (ttl is uint explicitTtl)
            {
                finalTtl = explicitTtl;
            }
            else if (_defaultTtl is uint defaultTtl)
            {
                finalTtl = defaultTtl;
            }
            else if (_lastTtl is uint lastTtl)
            {
                finalTtl = lastTtl;
            }
            else if (data is SoaData soa)
            {
                // BIND: with no TTL known, the SOA takes its minimum field, which then serves as the
                // default for the records that follow.
                finalTtl = soa.Minimum;
                _defaultTtl = finalTtl;
            }
            else
            {
                finalTtl = Fail<uint>("No TTL: give the record a TTL or add a $TTL directive (RFC 2308 §4).");
            }

            RrClass finalClass = rrClass ?? _lastClass;
            _lastOwner = owner;
            _lastTtl = finalTtl;
            _lastClass = finalClass;
            return new ResourceRecord(owner, finalClass, finalTtl, data);
        }

        private RecordData ParseData(RrType type, IReadOnlyList<ZoneToken> tokens, int start)
        {
            try
            {
                return RecordDataRegistry.Parse(type, new RdataTextReader(tokens, start, _origin, Line));
            }
            catch (DnsFormatException e) when (e.Line == 0)
            {
                // A name or value rejected below the field reader: attach the line.
                return Fail<RecordData>($"Bad {RrTypeText.Format(type)} data: {e.Message}");
            }
            catch (Exception e) when (e is ArgumentException or OverflowException or FormatException and not DnsFormatException)
            {
                // A record-data constructor refusing a value is malformed input here, not a bug
                // of the caller: report it as such.
                return Fail<RecordData>($"Bad {RrTypeText.Format(type)} data: {e.Message}");
            }
        }

        private DnsName ParseName(string text, string what)
        {
            try
            {
                return DnsName.Parse(text, _origin);
            }
            catch (DnsFormatException e)
            {
                return Fail<DnsName>($"Bad {what}: {e.Message}");
            }
        }

        [DoesNotReturn]
        private void Fail(string message) => ThrowHelper.Text(message, Line);

        [DoesNotReturn]
        private T Fail<T>(string message) => ThrowHelper.Text<T>(message, Line);
    }
}

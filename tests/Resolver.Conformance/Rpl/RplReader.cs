// RplReader: reads the .rpl scenario format of Unbound's testbound and CZ.NIC's Deckard — the
// CONFIG block (Unbound's sectioned syntax or Deckard's flat list), RANGE/ENTRY blocks with
// MATCH/ADJUST/REPLY/SECTION, and the STEP list. Records are zone-file text read with the library's
// ZoneFileReader, honouring $ORIGIN and $TTL; a record without a TTL gets 3600, as testbound does.
using System.Globalization;
using System.Net;
using System.Text;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Conformance.Rpl;

/// <summary>Parses .rpl files into <see cref="RplScenario"/>.</summary>
internal sealed class RplReader
{
    private const uint DefaultTtl = 3600;

    // IANA type mnemonics the library's RrType does not name; a question needs only the number.
    private static readonly Dictionary<string, ushort> s_moreTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NULL"] = 10, ["LOC"] = 29, ["CERT"] = 37, ["SPF"] = 99,
    };

    private readonly string[] _lines;
    private readonly RplScenario _scenario;
    private int _index;
    private DnsName _origin = DnsName.Root;
    private uint _defaultTtl = DefaultTtl;

    private RplReader(string path, string text)
    {
        _lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        _scenario = new RplScenario { Path = path };
    }

    public static RplScenario ReadFile(string path) => Read(path, File.ReadAllText(path));

    public static RplScenario Read(string path, string text)
    {
        var reader = new RplReader(path, text);
        reader.ReadConfig();
        reader.ReadScenario();
        return reader._scenario;
    }

    private int LineNumber => _index;

    private string? NextLine() => _index < _lines.Length ? _lines[_index++] : null;

    // --- CONFIG -------------------------------------------------------------------------------

    private void ReadConfig()
    {
        RplConfig config = _scenario.Config;
        string section = string.Empty;
        RplZoneServers? zone = null;
        string? line;
        while ((line = NextLine()) is not null)
        {
            string trimmed = StripConfigComment(line).Trim();
            if (trimmed == "CONFIG_END")
            {
                return;
            }

            if (trimmed.Length == 0)
            {
                continue;
            }

            int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            string name = trimmed[..colon].Trim().ToLowerInvariant();
            string value = Unquote(trimmed[(colon + 1)..].Trim());
            if (value.Length == 0 && name is "server" or "stub-zone" or "forward-zone" or "remote-control" or "auth-zone" or "python" or "dynlib")
            {
                section = name;
                zone = null;
                continue;
            }

            config.Options.Add((section, name, value));
            switch (name)
            {
                case "name" when section is "stub-zone" or "forward-zone":
                    zone = new RplZoneServers(DnsName.Parse(value.TrimEnd('.') + "."));
                    (section == "stub-zone" ? config.StubZones : config.ForwardZones).Add(zone);
                    break;
                case "stub-addr":
                    AddServer(config.StubZones, section == "stub-zone" ? zone : null, value);
                    break;
                case "forward-addr":
                    AddServer(config.ForwardZones, section == "forward-zone" ? zone : null, value);
                    break;
                case "forward-first" when section == "forward-zone" && zone is not null:
                    zone.First = value is "yes" or "on" or "true";
                    break;
                case "trust-anchor":
                    config.TrustAnchors.Add(value);
                    break;
                case "domain-insecure":
                    config.DomainInsecure.Add(DnsName.Parse(value.TrimEnd('.') + "."));
                    break;
                case "val-override-date":
                    if (DateTimeOffset.TryParseExact(value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
                    {
                        config.ValidationTime = date.ToUniversalTime();
                    }

                    break;
                case "val-override-timestamp":
                    if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long seconds))
                    {
                        config.ValidationTime = DateTimeOffset.FromUnixTimeSeconds(seconds);
                    }

                    break;
                case "target-fetch-policy":
                    // Unbound's targets fetched at once per dependency depth; the first number is the
                    // names looked up together at the top level (0: only as needed, one at a time).
                    config.ParallelNameServerLookups = Math.Max(1, int.Parse(value.Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture));
                    break;
                case "qname-minimisation" or "query-minimization":
                    config.QnameMinimisation = value is "yes" or "on" or "true";
                    break;
            }
        }

        throw new FormatException("no CONFIG_END");
    }

    // A bare stub-addr/forward-addr (Deckard's flat config) belongs to the root.
    private static void AddServer(List<RplZoneServers> zones, RplZoneServers? zone, string value)
    {
        if (zone is null)
        {
            zone = zones.FirstOrDefault(z => z.Name.IsRoot);
            if (zone is null)
            {
                zone = new RplZoneServers(DnsName.Root);
                zones.Add(zone);
            }
        }

        string address = value.Split('@')[0].Trim();
        if (IPAddress.TryParse(address, out IPAddress? ip))
        {
            zone.Addresses.Add(ip);
        }
    }

    private static string StripConfigComment(string line)
    {
        string t = line.TrimStart();
        if (t.StartsWith(';'))
        {
            return string.Empty;
        }

        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == '#' && !quoted)
            {
                return line[..i];
            }
        }

        return line;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    // --- SCENARIO -----------------------------------------------------------------------------

    private void ReadScenario()
    {
        string? line;
        RplRange? range = null;
        RplStep? pendingStep = null;
        while ((line = NextLine()) is not null)
        {
            string t = StripComment(line).Trim();
            if (t.Length == 0)
            {
                continue;
            }

            string[] words = t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            switch (words[0])
            {
                case "SCENARIO_BEGIN":
                    _scenario.Title = t["SCENARIO_BEGIN".Length..].Trim();
                    break;
                case "SCENARIO_END":
                    return;
                case "RANGE_BEGIN":
                    range = new RplRange { FirstStep = Int(words[1]), LastStep = Int(words[2]) };
                    _scenario.Ranges.Add(range);
                    break;
                case "RANGE_END":
                    range = null;
                    break;
                case "ADDRESS" when range is not null:
                    range.Addresses.Add(IPAddress.Parse(words[1]));
                    break;
                case "STEP":
                    pendingStep = ReadStep(words);
                    _scenario.Steps.Add(pendingStep);
                    break;
                case "ENTRY_BEGIN":
                    RplEntry entry = ReadEntry();
                    if (range is not null)
                    {
                        range.Entries.Add(entry);
                    }
                    else if (pendingStep is not null)
                    {
                        pendingStep.Entry = entry;
                        pendingStep = null;
                    }

                    break;
                case "$ORIGIN":
                    _origin = DnsName.Parse(words[1], _origin);
                    break;
                case "$TTL":
                    _defaultTtl = uint.Parse(words[1], CultureInfo.InvariantCulture);
                    break;
            }
        }
    }

    private RplStep ReadStep(string[] words)
    {
        int number = Int(words[1]);
        string kindText = words.Length > 2 ? words[2] : string.Empty;
        RplStepKind kind = kindText switch
        {
            "QUERY" => RplStepKind.Query,
            "CHECK_ANSWER" => RplStepKind.CheckAnswer,
            "TIME_PASSES" => RplStepKind.TimePasses,
            "CHECK_OUT_QUERY" => RplStepKind.CheckOutQuery,
            "REPLY" => RplStepKind.Reply,
            "NOTHING" => RplStepKind.Nothing,
            "TRAFFIC" => RplStepKind.Traffic,
            _ => RplStepKind.Other,
        };
        double elapse = 0;
        int e = Array.IndexOf(words, "ELAPSE");
        if (e >= 0 && e + 1 < words.Length)
        {
            elapse = double.Parse(words[e + 1], CultureInfo.InvariantCulture);
        }

        return new RplStep { Number = number, Kind = kind, KindText = kindText, ElapseSeconds = elapse, Line = LineNumber };
    }

    private RplEntry ReadEntry()
    {
        var entry = new RplEntry { Line = LineNumber };
        string section = string.Empty;
        bool extraPacket = false;
        string? line;
        while ((line = NextLine()) is not null)
        {
            string t = StripComment(line).Trim();
            if (t.Length == 0)
            {
                continue;
            }

            string[] words = t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            switch (words[0])
            {
                case "ENTRY_END":
                    return entry;
                case "MATCH":
                    entry.Match.UnionWith(words.Skip(1));
                    continue;
                case "ADJUST":
                    entry.Adjust.UnionWith(words.Skip(1));
                    continue;
                case "REPLY":
                    foreach (string w in words.Skip(1))
                    {
                        if (w.Equals("QUERY", StringComparison.OrdinalIgnoreCase))
                        {
                            entry.OpCode = OpCode.Query;
                        }
                        else if (TryRcode(w, out ResponseCode rc))
                        {
                            entry.Rcode = rc;
                        }
                        else
                        {
                            entry.Flags.Add(w);
                        }
                    }

                    continue;
                case "SECTION":
                    section = words[1].ToUpperInvariant();
                    continue;
                case "EXTRA_PACKET":
                    // Further TCP messages of a multi-message answer: only the first is replayed.
                    extraPacket = true;
                    continue;
                case "HEX_ANSWER_BEGIN":
                    byte[] raw = ReadHex();
                    if (!extraPacket)
                    {
                        entry.RawPacket = raw;
                    }

                    continue;
                case "$ORIGIN":
                    _origin = DnsName.Parse(words[1], _origin);
                    continue;
                case "$TTL":
                    _defaultTtl = uint.Parse(words[1], CultureInfo.InvariantCulture);
                    continue;
            }

            if (extraPacket)
            {
                continue;
            }

            string text = ReadContinuation(line);
            try
            {
                switch (section)
                {
                    case "QUESTION":
                        entry.Questions.Add(ParseQuestion(words));
                        break;
                    case "ANSWER":
                        entry.Answer.Add(ParseRecord(text));
                        break;
                    case "AUTHORITY":
                        entry.Authority.Add(ParseRecord(text));
                        break;
                    case "ADDITIONAL":
                        entry.Additional.Add(ParseRecord(text));
                        break;
                }
            }
            catch (Exception ex) when (ex is DnsFormatException or FormatException or ArgumentException)
            {
                entry.Error ??= $"line {LineNumber}: cannot read '{text.Trim()}': {ex.Message}";
            }
        }

        throw new FormatException("no ENTRY_END");
    }

    // A record as the scripted server sends it. Records in the generic "\# length hex" form whose
    // bytes are not valid for their type (Unbound val_canon_short_px: a PX with one name) are sent
    // as those bytes, as testbound sends them: a lying server's malformed data must reach the resolver.
    private ResourceRecord ParseRecord(string text)
    {
        try
        {
            return ZoneFileReader.ParseRecord(text, _origin, _defaultTtl);
        }
        catch (DnsFormatException e) when (e.Message.Contains("base64", StringComparison.Ordinal) && PadBase64(text) is { } padded)
        {
            return ZoneFileReader.ParseRecord(padded, _origin, _defaultTtl);
        }
        catch (DnsFormatException e) when (e.Message.Contains("Missing signature", StringComparison.Ordinal))
        {
            // ldns reads an RRSIG without its last field as a zero-length signature (Unbound
            // val_nodata_failsig); the library writes that one in the generic form only.
            ResourceRecord record = ZoneFileReader.ParseRecord(StripComment(text).TrimEnd() + " AA==", _origin, _defaultTtl);
            var sig = (RrsigData)record.Data;
            return record with
            {
                Data = new RrsigData(sig.TypeCovered, sig.Algorithm, sig.Labels, sig.OriginalTtl, sig.SignatureExpiration, sig.SignatureInception, sig.KeyTag, sig.SignerName, []),
            };
        }
        catch (DnsFormatException) when (GenericForm(text) is { } generic)
        {
            // Read owner, TTL, class and bytes under a private-use type, then give the bytes their type back.
            generic.Words[generic.Marker - 1] = "TYPE65534";
            ResourceRecord record = ZoneFileReader.ParseRecord(string.Join(' ', generic.Words), _origin, _defaultTtl);
            return record with { Data = new UnknownData(generic.Type, ((UnknownData)record.Data).Data) };
        }
    }

    // ldns, which testbound uses to read scenarios, accepts base64 without its '=' padding
    // (Unbound val_canon_short_px); the library reads RFC 4648 §4 base64 only, so the harness pads.
    private static string? PadBase64(string text)
    {
        string body = StripComment(text).TrimEnd();
        int start = body.LastIndexOfAny([' ', '\t']) + 1;
        int missing = (4 - ((body.Length - start) % 4)) % 4;
        return missing is 1 or 2 ? body + new string('=', missing) : null;
    }

    // The words of a record in the generic form, where the "\#" marker is, and the type before it.
    private static (string[] Words, int Marker, RrType Type)? GenericForm(string text)
    {
        string[] words = text.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        int marker = Array.IndexOf(words, "\\#");
        return marker > 0 && RrTypeText.TryParseType(words[marker - 1], out RrType type) ? (words, marker, type) : null;
    }

    // A record whose text opens a parenthesis continues until it closes (RFC 1035 §5.1).
    private string ReadContinuation(string first)
    {
        int depth = Depth(first);
        if (depth <= 0)
        {
            return first;
        }

        var sb = new StringBuilder(first);
        string? line;
        while (depth > 0 && (line = NextLine()) is not null)
        {
            sb.Append(' ').Append(line);
            depth += Depth(line);
        }

        return sb.ToString();
    }

    private static int Depth(string line)
    {
        int depth = 0;
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == ';')
            {
                break;
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && c == ')')
            {
                depth--;
            }
        }

        return depth;
    }

    private byte[] ReadHex()
    {
        var sb = new StringBuilder();
        string? line;
        while ((line = NextLine()) is not null)
        {
            string t = StripComment(line).Trim();
            if (t == "HEX_ANSWER_END")
            {
                break;
            }

            foreach (char c in t)
            {
                if (Uri.IsHexDigit(c))
                {
                    sb.Append(c);
                }
            }
        }

        return Convert.FromHexString(sb.ToString());
    }

    private DnsQuestion ParseQuestion(string[] words)
    {
        DnsName name = DnsName.Parse(words[0], _origin);
        RrClass cls = RrClass.IN;
        RrType type = RrType.A;
        for (int i = 1; i < words.Length; i++)
        {
            string w = words[i];

            // "ANY" is both a class and a type: in "name IN ANY" the last word is the type.
            if (i < words.Length - 1 && RrTypeText.TryParseClass(w, out RrClass c))
            {
                cls = c;
            }
            else if (RrTypeText.TryParseType(w, out RrType t))
            {
                type = t;
            }
            else if (s_moreTypes.TryGetValue(w, out ushort number))
            {
                type = (RrType)number;
            }
            else
            {
                throw new FormatException($"unknown question word '{w}'");
            }
        }

        return new DnsQuestion(name, type, cls);
    }

    private static bool TryRcode(string word, out ResponseCode code)
    {
        switch (word.ToUpperInvariant())
        {
            case "NOERROR": code = ResponseCode.NoError; return true;
            case "FORMERR": code = ResponseCode.FormErr; return true;
            case "SERVFAIL": code = ResponseCode.ServFail; return true;
            case "NXDOMAIN": code = ResponseCode.NXDomain; return true;
            case "NOTIMPL" or "NOTIMP": code = ResponseCode.NotImp; return true;
            case "REFUSED": code = ResponseCode.Refused; return true;
            case "YXDOMAIN": code = ResponseCode.YXDomain; return true;
            case "YXRRSET": code = ResponseCode.YXRRSet; return true;
            case "NXRRSET": code = ResponseCode.NXRRSet; return true;
            case "NOTAUTH": code = ResponseCode.NotAuth; return true;
            case "NOTZONE": code = ResponseCode.NotZone; return true;
            case "BADVERS": code = ResponseCode.BadVers; return true;
            default: code = default; return false;
        }
    }

    // Comments start with ';' outside quotes.
    private static string StripComment(string line)
    {
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ';' && !quoted)
            {
                return line[..i];
            }
        }

        return line;
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}

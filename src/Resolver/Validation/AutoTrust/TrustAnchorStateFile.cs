// TrustAnchorStateFile: reads and writes the RFC 5011 state of trust points in Unbound's autotrust
// format (a zone file whose ";;" comments carry the state), chosen so an operator can move a state
// file between this library and Unbound and read it with the same tools. One file may hold several
// trust points, each starting at its ";;id:" line (Unbound keeps one per file). Our writer ends the
// file with the comment line "; end of trust anchor state" and our reader requires it: a file cut
// short anywhere (a full disk, a copy interrupted) fails to load, naming the file, instead of
// loading fewer keys. Unbound skips that comment; a file written by Unbound needs it appended.
// Writes are atomic: a temporary file in the same directory, flushed to disk, then renamed over the
// old one, so a crash leaves either the old state or the new. Several processes may read one file;
// only one may write it (the last rename wins; no locking).
using System.Globalization;
using System.Text;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Validation;

internal static class TrustAnchorStateFile
{
    /// <summary>The line that ends every state file this library writes.</summary>
    public const string EndMarker = "; end of trust anchor state";

    private static readonly string[] StateNames = ["START", "ADDPEND", "VALID", "MISSING", "REVOKED", "REMOVED"];

    /// <summary>The file's text for <paramref name="trustPoints"/>.</summary>
    public static string Format(IEnumerable<TrustPointState> trustPoints)
    {
        var text = new StringBuilder();
        text.Append("; autotrust trust anchor file\n");
        foreach (TrustPointState tp in trustPoints)
        {
            text.Append(CultureInfo.InvariantCulture, $";;id: {tp.Zone} 1\n");
            AppendTime(text, "last_queried", tp.LastQueried);
            AppendTime(text, "last_success", tp.LastSuccess);
            AppendTime(text, "next_probe_time", tp.NextProbe);
            text.Append(CultureInfo.InvariantCulture, $";;query_failed: {tp.QueryFailed}\n");
            text.Append(CultureInfo.InvariantCulture, $";;query_interval: {(long)tp.QueryInterval.TotalSeconds}\n");
            text.Append(CultureInfo.InvariantCulture, $";;retry_time: {(long)tp.RetryTime.TotalSeconds}\n");
            foreach (ManagedKey key in tp.Keys)
            {
                RecordData data = key.Key is { } k ? k : key.Ds!;
                string rr = ZoneFileWriter.Write([new ResourceRecord(tp.Zone, RrClass.IN, (uint)tp.OriginalTtl.TotalSeconds, data)]).TrimEnd('\n', '\r');
                text.Append(rr);
                if (key.Key is { } dnskey)
                {
                    text.Append(CultureInfo.InvariantCulture, $" ;{{id = {dnskey.KeyTag} ({(dnskey.IsSecureEntryPoint ? "ksk" : "zsk")})}}");
                }

                int state = (int)key.State;
                text.Append(CultureInfo.InvariantCulture, $" ;;state={state} [ {StateNames[state]} ] ;;count={key.PendingCount} ;;lastchange={key.LastChange.ToUnixTimeSeconds()}");
                if (key.Validators.Count > 0)
                {
                    // Ours: the keys that vouched for a pending key (RFC 5011 §2.4.1); Unbound ignores it.
                    text.Append(";;validators=").Append(string.Join(',', key.Validators.Select(t => t.ToString(CultureInfo.InvariantCulture))));
                }

                text.Append(CultureInfo.InvariantCulture, $" ;;{key.LastChange.UtcDateTime.ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture)}\n");
            }
        }

        text.Append(EndMarker).Append('\n');
        return text.ToString();
    }

    /// <summary>Parses a state file's text; <paramref name="path"/> names the file in errors.</summary>
    /// <exception cref="TrustAnchorStateException">The text is truncated or malformed.</exception>
    public static IReadOnlyList<TrustPointState> Parse(string text, string path)
    {
        var trustPoints = new List<TrustPointState>();
        TrustPointBuilder? current = null;
        bool ended = false;
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (ended)
            {
                throw Error(path, i, "text after the end marker");
            }

            if (line == EndMarker)
            {
                ended = true;
            }
            else if (line.StartsWith(";;", StringComparison.Ordinal))
            {
                current = ParseVariable(line, current, trustPoints, path, i);
            }
            else if (!line.StartsWith(';'))
            {
                if (current is null)
                {
                    throw Error(path, i, "a key line before any ';;id:' line");
                }

                current.Keys.Add(ParseKey(line, current.Zone, path, i, out uint ttl));
                current.OriginalTtl = TimeSpan.FromSeconds(ttl);
            }
        }

        if (!ended)
        {
            throw new TrustAnchorStateException(path, $"the file is truncated: it does not end with \"{EndMarker}\"");
        }

        if (current is not null)
        {
            trustPoints.Add(current.Build(path));
        }

        if (trustPoints.Count == 0)
        {
            throw new TrustAnchorStateException(path, "the file holds no trust point");
        }

        return trustPoints;
    }

    /// <summary>Reads <paramref name="path"/>; null when it does not exist.</summary>
    /// <exception cref="TrustAnchorStateException">The file exists but cannot be read or parsed.</exception>
    public static IReadOnlyList<TrustPointState>? Load(string path)
    {
        string text;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrustAnchorStateException(path, $"cannot be read: {e.Message}", e);
        }

        return Parse(text, path);
    }

    /// <summary>Writes <paramref name="trustPoints"/> to <paramref name="path"/> atomically: temp file, flush to disk, rename.</summary>
    /// <exception cref="TrustAnchorStateException">The file cannot be written.</exception>
    public static void Save(string path, IEnumerable<TrustPointState> trustPoints)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Format(trustPoints));
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        string temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(temp);
            throw new TrustAnchorStateException(path, $"cannot be written: {e.Message}", e);
        }
    }

    // Cleanup after a failed write must not hide the write's own error (the directory may be gone).
    private static void DeleteQuietly(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _ = e; // the temporary file is left behind; the next successful save replaces the state anyway
        }
    }

    private static TrustPointBuilder? ParseVariable(string line, TrustPointBuilder? current, List<TrustPointState> done, string path, int index)
    {
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return current; // another ";;" comment: ignored, as Unbound does
        }

        string name = line[2..colon].Trim();
        string value = line[(colon + 1)..].Split(';', 2)[0].Trim();
        if (name == "id")
        {
            if (current is not null)
            {
                done.Add(current.Build(path));
            }

            string zone = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            return DnsName.TryParse(zone, out DnsName parsed) ? new TrustPointBuilder(parsed) : throw Error(path, index, $"bad trust point name '{zone}'");
        }

        if (current is null)
        {
            throw Error(path, index, $"';;{name}:' before any ';;id:' line");
        }

        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long number) || number < 0)
        {
            throw Error(path, index, $"bad number for ';;{name}:'");
        }

        switch (name)
        {
            case "last_queried": current.LastQueried = TimeOrNull(number); break;
            case "last_success": current.LastSuccess = TimeOrNull(number); break;
            case "next_probe_time": current.NextProbe = TimeOrNull(number); break;
            case "query_failed": current.QueryFailed = (int)Math.Min(number, int.MaxValue); break;
            case "query_interval": current.QueryInterval = TimeSpan.FromSeconds(number); break;
            case "retry_time": current.RetryTime = TimeSpan.FromSeconds(number); break;
            default: break; // Unbound's other variables carry nothing this library uses
        }

        return current;
    }

    private static ManagedKey ParseKey(string line, DnsName zone, string path, int index, out uint ttl)
    {
        int comment = line.IndexOf(';', StringComparison.Ordinal);
        string rrText = comment < 0 ? line : line[..comment];
        string notes = comment < 0 ? "" : line[comment..];
        if (!ZoneFileReader.TryParseRecord(rrText, DnsName.Root, out ResourceRecord? rr))
        {
            throw Error(path, index, "not a DNSKEY or DS record");
        }

        if (rr.Name != zone)
        {
            throw Error(path, index, $"a key of {rr.Name} under trust point {zone}");
        }

        ttl = rr.Ttl;

        long state = Note(notes, "state", path, index);
        long count = Note(notes, "count", path, index);
        DateTimeOffset lastChange = Time(Note(notes, "lastchange", path, index));
        if (state > (long)TrustAnchorKeyState.Removed)
        {
            throw Error(path, index, $"unknown key state {state}");
        }

        ManagedKey key = rr.Data switch
        {
            DnskeyData dnskey => new ManagedKey(dnskey, (TrustAnchorKeyState)state, lastChange) { PendingCount = (int)Math.Min(count, int.MaxValue) },
            DsData ds when state == (long)TrustAnchorKeyState.Start => new ManagedKey(ds, lastChange),
            _ => throw Error(path, index, "only DNSKEY records, or DS records in state 0, may appear"),
        };
        key.Validators = ParseValidators(notes, path, index);
        return key;
    }

    private static long Note(string notes, string name, string path, int index)
    {
        string marker = $";;{name}=";
        int at = notes.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            throw Error(path, index, $"the key line lacks '{marker}'");
        }

        string digits = new([.. notes[(at + marker.Length)..].TakeWhile(char.IsAsciiDigit)]);
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw Error(path, index, $"bad number after '{marker}'");
    }

    private static ushort[] ParseValidators(string notes, string path, int index)
    {
        const string Marker = ";;validators=";
        int at = notes.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return [];
        }

        string list = new([.. notes[(at + Marker.Length)..].TakeWhile(c => char.IsAsciiDigit(c) || c == ',')]);
        var tags = new List<ushort>();
        foreach (string tag in list.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            tags.Add(ushort.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out ushort t) ? t : throw Error(path, index, $"bad key tag '{tag}' in '{Marker}'"));
        }

        return [.. tags];
    }

    private static void AppendTime(StringBuilder text, string name, DateTimeOffset? time)
    {
        long seconds = time?.ToUnixTimeSeconds() ?? 0;
        text.Append(CultureInfo.InvariantCulture, $";;{name}: {seconds}");
        if (time is { } t)
        {
            text.Append(CultureInfo.InvariantCulture, $" ;;{t.UtcDateTime.ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture)}");
        }

        text.Append('\n');
    }

    // Unbound writes 0 for "never".
    private static DateTimeOffset? TimeOrNull(long seconds) => seconds == 0 ? null : Time(seconds);

    private static DateTimeOffset Time(long seconds) => DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253_402_300_799));

    private static TrustAnchorStateException Error(string path, int index, string reason) =>
        new(path, $"line {index + 1}: {reason}");

    private sealed class TrustPointBuilder(DnsName zone)
    {
        public DnsName Zone { get; } = zone;

        public List<ManagedKey> Keys { get; } = [];

        public DateTimeOffset? LastQueried { get; set; }

        public DateTimeOffset? LastSuccess { get; set; }

        public DateTimeOffset? NextProbe { get; set; }

        public int QueryFailed { get; set; }

        public TimeSpan QueryInterval { get; set; } = TimeSpan.FromHours(1);

        public TimeSpan RetryTime { get; set; } = TimeSpan.FromHours(1);

        public TimeSpan OriginalTtl { get; set; }

        public TrustPointState Build(string path)
        {
            if (Keys.Count == 0)
            {
                throw new TrustAnchorStateException(path, $"trust point {Zone} has no key");
            }

            return new TrustPointState(Zone, Keys)
            {
                LastQueried = LastQueried,
                LastSuccess = LastSuccess,
                NextProbe = NextProbe,
                QueryFailed = QueryFailed,
                QueryInterval = QueryInterval,
                RetryTime = RetryTime,
                OriginalTtl = OriginalTtl,
            };
        }
    }
}

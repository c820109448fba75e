// AnswerCache: serve's message cache (Unbound's msg-cache) — the serialized response to a question,
// answered again without parsing the query or asking the resolver: the query's ID and question
// bytes (the client's letter case, RFC 4343 / 0x20) are written over the stored copy and every TTL
// is lowered by the time spent in the cache (RFC 1035 §6.1.2: a cached RR's TTL counts down). An
// entry lives as long as the smallest TTL in it, so it never outlives the data the resolver's own
// cache holds (nine tenths of it when the resolver prefetches, which needs the last tenth's
// questions). Only Secure and Insecure answers are kept (a failure or Bogus verdict is always
// resolved afresh), and only for plain queries: one question, no answer records, at most an OPT
// without options; anything else takes the full path. The key holds the lower-cased question and
// every flag that changes the response (RD, CD, AD, DO, EDNS present). Bounded: when full it is
// emptied (a few misses cost less than an eviction policy on the hot path).
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;

namespace Resolver.Cli.Serve;

internal sealed class AnswerCache
{
    private const int HeaderLength = 12;
    private const int MaxKeyChars = 255 + 16;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private readonly bool _leaveLastTenth;

    /// <param name="leaveLastTenth">
    /// True when the resolver prefetches: an answer is held for nine tenths of its TTL only, so the
    /// questions asked in the last tenth reach the resolver, which refreshes the data (Unbound's
    /// message cache leaves prefetch its window the same way).
    /// </param>
    public AnswerCache(int capacity, TimeProvider time, bool leaveLastTenth = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _leaveLastTenth = leaveLastTenth;
        _time = time;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many answers are held.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// A response to <paramref name="query"/> from the cache, ready to send, or null. A response longer
    /// than the client's UDP size (UDP) is not given: the full path truncates it.
    /// </summary>
    public byte[]? TryAnswer(ReadOnlySpan<byte> query, bool udp)
    {
        Span<char> key = stackalloc char[MaxKeyChars];
        if (Find(query, udp, key, out int questionEnd, out long elapsed) is not { } entry)
        {
            return null;
        }

        byte[] response = new byte[entry.Wire.Length];
        Fill(entry, query, questionEnd, elapsed, response);
        return response;
    }

    /// <summary>
    /// Writes the cached response to <paramref name="query"/> into <paramref name="destination"/> and
    /// returns its length, or 0 when the cache does not answer it (or it does not fit) — the UDP hot
    /// path, which allocates nothing.
    /// </summary>
    public int TryAnswer(ReadOnlySpan<byte> query, bool udp, Span<byte> destination)
    {
        Span<char> key = stackalloc char[MaxKeyChars];
        if (Find(query, udp, key, out int questionEnd, out long elapsed) is not { } entry || entry.Wire.Length > destination.Length)
        {
            return 0;
        }

        Fill(entry, query, questionEnd, elapsed, destination);
        return entry.Wire.Length;
    }

    private Entry? Find(ReadOnlySpan<byte> query, bool udp, Span<char> key, out int questionEnd, out long elapsedSeconds)
    {
        elapsedSeconds = 0;
        if (!TryReadKey(query, key, out int keyLength, out questionEnd, out int udpLimit)
            || !_lookup.TryGetValue(key[..keyLength], out Entry? entry))
        {
            return null;
        }

        elapsedSeconds = (long)_time.GetElapsedTime(entry.StoredAt).TotalSeconds;
        if (elapsedSeconds >= entry.Lifetime)
        {
            _lookup.TryRemove(key[..keyLength], out _);
            return null;
        }

        return udp && entry.Wire.Length > udpLimit ? null : entry;
    }

    // The stored response with the query's ID, the question as the client wrote it (same length: the
    // key matched it ignoring case) and every TTL lowered by the time spent in the cache.
    private static void Fill(Entry entry, ReadOnlySpan<byte> query, int questionEnd, long elapsedSeconds, Span<byte> response)
    {
        entry.Wire.CopyTo(response);
        response[0] = query[0];
        response[1] = query[1];
        query[HeaderLength..questionEnd].CopyTo(response[HeaderLength..]);
        foreach ((int offset, uint ttl) in entry.Ttls)
        {
            BinaryPrimitives.WriteUInt32BigEndian(response[offset..], (uint)(ttl - elapsedSeconds));
        }
    }

    /// <summary>Keeps <paramref name="response"/> as the answer to <paramref name="query"/>, when both are of a kind the cache holds.</summary>
    public void Store(ReadOnlySpan<byte> query, byte[] response)
    {
        Span<char> key = stackalloc char[MaxKeyChars];
        if (!TryReadKey(query, key, out int keyLength, out int questionEnd, out _)
            || !TryFindTtls(response, questionEnd, out List<(int, uint)> ttls, out uint lifetime) || lifetime == 0)
        {
            return;
        }

        if (_entries.Count >= _capacity)
        {
            _entries.Clear();
        }

        if (_leaveLastTenth)
        {
            lifetime -= (lifetime + 9) / 10;
            if (lifetime == 0)
            {
                return;
            }
        }

        _entries[key[..keyLength].ToString()] = new Entry(response, [.. ttls], lifetime, _time.GetTimestamp());
    }

    // The cache key of a plain query (see the header comment), where its question ends, and the
    // largest UDP response it accepts; false for anything the cache does not answer.
    private static bool TryReadKey(ReadOnlySpan<byte> query, Span<char> key, out int keyLength, out int questionEnd, out int udpLimit)
    {
        keyLength = questionEnd = 0;
        udpLimit = 512;
        if (query.Length < HeaderLength + 5 || (query[2] & 0x80) != 0 || (query[2] & 0x78) != 0
            || BinaryPrimitives.ReadUInt16BigEndian(query[4..]) != 1 || BinaryPrimitives.ReadUInt16BigEndian(query[6..]) != 0
            || BinaryPrimitives.ReadUInt16BigEndian(query[8..]) != 0)
        {
            return false;
        }

        int additional = BinaryPrimitives.ReadUInt16BigEndian(query[10..]);
        int at = HeaderLength;
        int k = 0;
        while (true)
        {
            if (at >= query.Length)
            {
                return false;
            }

            int length = query[at];
            if (length == 0)
            {
                at++;
                break;
            }

            if (length > 63 || at + 1 + length > query.Length || k + length + 1 > 255)
            {
                return false;   // a compression pointer or a malformed name: the full path says why
            }

            // Length-prefixed labels: a label holding '.' or '|' cannot be mistaken for two labels.
            key[k++] = (char)length;
            for (int i = 1; i <= length; i++)
            {
                byte c = query[at + i];
                key[k++] = (char)(c is >= (byte)'A' and <= (byte)'Z' ? c + 32 : c);
            }

            at += length + 1;
        }

        if (at + 4 > query.Length)
        {
            return false;
        }

        ushort type = BinaryPrimitives.ReadUInt16BigEndian(query[at..]);
        ushort @class = BinaryPrimitives.ReadUInt16BigEndian(query[(at + 2)..]);
        at += 4;
        questionEnd = at;
        bool edns = false, dnssecOk = false;
        if (additional == 1)
        {
            // An OPT with the root owner, version 0 and no options (RFC 6891 §6.1.2); others take the full path.
            if (at + 11 != query.Length || query[at] != 0 || BinaryPrimitives.ReadUInt16BigEndian(query[(at + 1)..]) != 41
                || query[at + 6] != 0 || BinaryPrimitives.ReadUInt16BigEndian(query[(at + 9)..]) != 0)
            {
                return false;
            }

            edns = true;
            udpLimit = Math.Clamp((int)BinaryPrimitives.ReadUInt16BigEndian(query[(at + 3)..]), 512, QueryHandler.MaxUdpResponse);
            dnssecOk = (query[at + 7] & 0x80) != 0;
        }
        else if (additional != 0 || at != query.Length)
        {
            return false;
        }

        // RD, AD, CD and DO change the answer; the ID and the other header bits do not.
        int flags = (query[2] & 0x01) | ((query[3] & 0x30) >> 3) | (edns ? 0x08 : 0) | (dnssecOk ? 0x10 : 0);
        key[k++] = '|';
        if (!type.TryFormat(key[k..], out int written, provider: CultureInfo.InvariantCulture))
        {
            return false;
        }

        k += written;
        key[k++] = '|';
        if (!@class.TryFormat(key[k..], out written, provider: CultureInfo.InvariantCulture))
        {
            return false;
        }

        k += written;
        key[k++] = '|';
        key[k++] = (char)('a' + flags);
        keyLength = k;
        return true;
    }

    // Where the TTL of every record (but OPT's, which holds flags) sits in a response, and the
    // smallest TTL; false for responses the cache does not keep (truncated, an rcode other than
    // NOERROR/NXDOMAIN, no records).
    private static bool TryFindTtls(byte[] response, int questionEnd, out List<(int, uint)> ttls, out uint lifetime)
    {
        ttls = [];
        lifetime = 0;
        ReadOnlySpan<byte> wire = response;
        int rcode = wire[3] & 0x0F;
        if (wire.Length < questionEnd || (wire[2] & 0x02) != 0 || rcode is not (0 or 3)
            || BinaryPrimitives.ReadUInt16BigEndian(wire[4..]) != 1)
        {
            return false;
        }

        // The response's question is the query's, byte for byte: its records start where the query ends.
        ttls = new List<(int, uint)>(RecordCount(wire));
        return TryWalkTtls(wire, questionEnd, ttls, out lifetime);
    }

    /// <summary>
    /// Walks a message's records from <paramref name="at"/> (just after the question section): each
    /// TTL but OPT's (flags, RFC 6891 §6.1.3) is added with its offset to <paramref name="ttls"/> when
    /// given, and the smallest is <paramref name="lifetime"/> (0 when there is none). False when the
    /// records run past the message.
    /// </summary>
    internal static bool TryWalkTtls(ReadOnlySpan<byte> wire, int at, List<(int, uint)>? ttls, out uint lifetime)
    {
        int records = RecordCount(wire);
        bool any = false;
        lifetime = uint.MaxValue;
        for (int r = 0; r < records; r++)
        {
            at = SkipName(wire, at);
            if (at < 0 || at + 10 > wire.Length)
            {
                lifetime = 0;
                return false;
            }

            ushort type = BinaryPrimitives.ReadUInt16BigEndian(wire[at..]);
            uint ttl = BinaryPrimitives.ReadUInt32BigEndian(wire[(at + 4)..]);
            int rdLength = BinaryPrimitives.ReadUInt16BigEndian(wire[(at + 8)..]);
            if (type != 41)
            {
                ttls?.Add((at + 4, ttl));
                lifetime = Math.Min(lifetime, ttl);
                any = true;
            }

            at += 10 + rdLength;
            if (at > wire.Length)
            {
                lifetime = 0;
                return false;
            }
        }

        if (!any)
        {
            lifetime = 0;
        }

        return true;
    }

    private static int RecordCount(ReadOnlySpan<byte> wire) =>
        BinaryPrimitives.ReadUInt16BigEndian(wire[6..]) + BinaryPrimitives.ReadUInt16BigEndian(wire[8..]) + BinaryPrimitives.ReadUInt16BigEndian(wire[10..]);

    /// <summary>The offset just past the owner name at <paramref name="at"/> (labels to a zero octet, or a compression pointer); -1 when it runs off the end.</summary>
    internal static int SkipName(ReadOnlySpan<byte> wire, int at)
    {
        while (at < wire.Length)
        {
            int length = wire[at];
            if (length == 0)
            {
                return at + 1;
            }

            if ((length & 0xC0) == 0xC0)
            {
                return at + 2;
            }

            at += length + 1;
        }

        return -1;
    }

    private sealed record Entry(byte[] Wire, (int Offset, uint Ttl)[] Ttls, uint Lifetime, long StoredAt);
}

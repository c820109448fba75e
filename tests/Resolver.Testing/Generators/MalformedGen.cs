// MalformedGen: FsCheck generators of hostile and broken input — random byte strings (some with a
// believable header so parsing gets past the counts), single and multiple byte mutations,
// truncations, insertions and deletions of valid responses, crafted compression-pointer chains,
// and random or mutated presentation text for names and zone files.
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Resolver.Protocol;
using Resolver.Protocol.Text;

namespace Resolver.Testing.Generators;

/// <summary>An input to a parser and how it was made (for labels and classification).</summary>
/// <param name="Kind">How the input was made, e.g. "flip bit" or "random".</param>
/// <param name="Source">The valid sample it was derived from, or "random".</param>
/// <param name="Bytes">The input.</param>
public sealed record WireCase(string Kind, string Source, byte[] Bytes)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Kind} of {Source}: {Convert.ToHexString(Bytes)}";
}

/// <summary>Generators of malformed wire data and text.</summary>
public static class MalformedGen
{
    // Bytes that steer a parser into its edge cases: lengths 0/63/64, pointer tags 0x40/0x80/0xC0,
    // pointer offsets, and the type codes of every record class.
    private const int MaxPointerOffset = 0x3FFF;

    private static readonly byte[] s_interesting = [0x00, 0x01, 0x02, 0x0C, 0x29, 0x2E, 0x2F, 0x30, 0x32, 0x3F, 0x40, 0x7F, 0x80, 0xC0, 0xC1, 0xFE, 0xFF];

    private static Gen<string> NamePiece { get; } = Gen.Frequency(
        (4, NameGen.HostLabel.Select(b => Encoding.ASCII.GetString(b))),
        (3, Gen.Elements(".", ".", "\\.", "\\\\", "\\", "\\0", "\\00", "\\000", "\\255", "\\256", "\\999", "\\065", "@", "*", " ", "\"", "é", "\u0000", "\uD83D\uDD11", "..")),
        (1, Gen.Choose(60, 70).Select(n => new string('x', n))));

    private static Gen<string> ZonePiece { get; } = Gen.Frequency(
        (4, Gen.Elements(" ", " ", "\t", "\n", "\r\n", "\r")),
        (3, NamePiece),
        (3, Gen.Elements("example.com.", "@", "www", "*", "3600", "1h30m", "2W", "99999999999", "IN", "CH", "CLASS65535", "CLASS99999")),
        (3, Gen.Elements("A", "AAAA", "NS", "SOA", "TXT", "MX", "SRV", "DS", "DNSKEY", "RRSIG", "NSEC", "NSEC3", "NSEC3PARAM", "OPT", "TYPE0", "TYPE65535", "TYPE65536", "type99", "CNAME", "DNAME", "PTR")),
        (2, Gen.Elements("(", ")", ";", "; comment\n", "\"", "\"a b\"", "\"\\\"\"", "\\#", "\\# 0", "\\# 2 ABCD", "\\# 65535", "-")),
        (2, Gen.Elements("$ORIGIN", "$ORIGIN example.", "$TTL", "$TTL 1d", "$INCLUDE /etc/passwd", "$GENERATE", "$")),
        (2, Gen.Elements("192.0.2.1", "1.2.3", "::1", "fe80::1%eth0", "2001:db8::", "20300101000000", "19691231235959", "99991231235959", "AwEAAc==", "====", "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom", "ZZZZ", "aabbcc", "0", "65535", "65536", "-1")));

    // A line shaped like an entry: owner, TTL, class, type and data fields separated by blanks,
    // each field drawn from the pieces above so the shape is right but the content often is not.
    private static Gen<string> ZoneLine { get; } =
        from indent in Gen.Elements(string.Empty, string.Empty, " ", "\t")
        from count in Gen.Choose(1, 9)
        from fields in Gen.ArrayOf(Gen.Frequency((3, ZonePiece), (2, NamePiece)), count)
        from separator in Gen.Elements(" ", "\t", "  ")
        select indent + string.Join(separator, fields);

    /// <summary>Random byte strings: pure noise, or a header with small counts and a noisy body.</summary>
    public static Gen<WireCase> RandomBytes { get; } = Gen.Frequency(
        (2, ByteGen.Blob(0, 64).Select(b => new WireCase("random", "random", b))),
        (2, ByteGen.Blob(12, 600).Select(b => new WireCase("random", "random", b))),
        (5, from body in ByteGen.Blob(0, 500)
            from counts in Gen.ArrayOf(Gen.Frequency((4, Gen.Choose(0, 3)), (1, Gen.Choose(0, 40)), (1, Gen.Choose(0, ushort.MaxValue))), 4)
            from flags in Gen.Choose(0, ushort.MaxValue)
            select new WireCase("header + random body", "random", Header(flags, counts, body))),
        (4, from counts in Gen.ArrayOf(Gen.Choose(0, 4), 4)
            from tokens in Gen.Choose(1, 80).SelectMany(n => Gen.ArrayOf(Gen.Frequency((3, Gen.Elements(s_interesting)), (1, ByteGen.Any)), n))
            select new WireCase("header + structural bytes", "random", Header(0x8180, counts, tokens))));

    /// <summary>Mutations of the valid samples in <paramref name="corpus"/>.</summary>
    public static Gen<WireCase> Mutations(IReadOnlyList<KeyValuePair<string, byte[]>> corpus) =>
        from sample in Gen.Elements(corpus.ToArray())
        from mutated in Mutate(sample.Value)
        select new WireCase(mutated.Kind, sample.Key, mutated.Bytes);

    /// <summary>One to four mutations of <paramref name="valid"/>, or a truncation, or both.</summary>
    public static Gen<(string Kind, byte[] Bytes)> Mutate(byte[] valid) => Gen.Frequency(
        (6, SingleMutation(valid)),
        (2, from length in Gen.Choose(0, Math.Max(0, valid.Length - 1))
            select ("truncate", valid[..length])),
        (2, from first in SingleMutation(valid)
            from second in SingleMutation(first.Bytes)
            from more in Gen.Choose(0, 2)
            select ("multiple", more == 0 ? second.Bytes : ApplyRandom(second.Bytes, more))),
        (1, from mutated in SingleMutation(valid)
            from length in Gen.Choose(0, Math.Max(0, mutated.Bytes.Length - 1))
            select ("mutate + truncate", mutated.Bytes[..length])));

    private static Gen<(string Kind, byte[] Bytes)> SingleMutation(byte[] valid) =>
        from position in Gen.Choose(0, Math.Max(0, valid.Length - 1))
        from kind in Gen.Frequency(
            (4, Gen.Constant("set byte")), (4, Gen.Constant("flip bit")), (3, Gen.Constant("interesting byte")),
            (1, Gen.Constant("insert byte")), (1, Gen.Constant("delete byte")), (1, Gen.Constant("add 1")))
        from value in ByteGen.Any
        from interesting in Gen.Elements(s_interesting)
        select (kind, Apply(valid, kind, position, value, interesting));

    /// <summary>Random presentation text for <see cref="DnsName.Parse(string)"/>: label-like pieces, escapes, dots and odd characters.</summary>
    public static Gen<string> NameText { get; } = Gen.Frequency(
        (3, Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(NamePiece, n)).Select(string.Concat)),
        (1, Gen.Choose(0, 400).SelectMany(n => Gen.ArrayOf(Gen.Elements("a.\\0123456789\"()@*$ éZ\u0000\uD800-".ToCharArray()), n)).Select(c => new string(c))),
        (1, NameGen.Any.SelectMany(name => MutateText(name.ToString()))));

    /// <summary>Random zone-file text made of the pieces zone files are made of.</summary>
    public static Gen<string> ZoneText { get; } = Gen.Frequency(
        (2, Gen.Choose(1, 40).SelectMany(n => Gen.ArrayOf(ZonePiece, n)).Select(pieces => string.Join(string.Empty, pieces))),
        (3, Gen.Choose(1, 6).SelectMany(lines => Gen.ListOf(ZoneLine, lines)).Select(lines => string.Join("\n", lines))),
        (2, Gen.ListOf(MessageGen.AnyRecord, 3).SelectMany(records => MutateText(ZoneFileWriter.Write(records)))));

    /// <summary>
    /// A message of <paramref name="questions"/> questions whose names each point at the previous
    /// one (RFC 1035 §4.1.4 allows pointers to pointers) as far as a 14-bit pointer reaches, and at
    /// the last link of that chain after it — the most pointer hops a message of that size can
    /// demand. The first name is <c>a.</c>.
    /// </summary>
    public static byte[] PointerChainQuestions(int questions)
    {
        var bytes = new List<byte>(12 + (questions * 6));
        bytes.AddRange(Header(0x0100, [questions, 0, 0, 0], []));
        // Question 0 at offset 12: "a." type A class IN (7 bytes of name and type/class... 3 + 4).
        bytes.AddRange([1, (byte)'a', 0, 0, 1, 0, 1]);
        int previous = 12;
        for (int i = 1; i < questions; i++)
        {
            int at = bytes.Count;
            bytes.Add((byte)(0xC0 | (previous >> 8)));
            bytes.Add((byte)previous);
            bytes.AddRange([0, 1, 0, 1]);
            // A pointer holds a 14-bit offset: once past it, the rest point at the chain's last link.
            if (at <= MaxPointerOffset)
            {
                previous = at;
            }
        }

        return [.. bytes];
    }

    /// <summary>
    /// A message with one unknown-type record whose data is a chain of <paramref name="chainLength"/>
    /// pointers, each to the one before (the first to a root label), followed by
    /// <paramref name="records"/> records whose owners all point at the end of the chain. The chain
    /// must end below offset 0x4000 (the reach of a pointer): at most 8,180 links.
    /// </summary>
    public static byte[] PointerChainRecords(int chainLength, int records)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chainLength, (MaxPointerOffset + 1 - 24) / 2);
        var bytes = new List<byte>();
        bytes.AddRange(Header(0x8000, [0, 1 + records, 0, 0], []));
        // Record 0: owner root, TYPE65280, class IN, TTL 0, data = root label + pointer chain.
        bytes.AddRange([0, 0xFF, 0x00, 0, 1, 0, 0, 0, 0]);
        int dataLength = 1 + (chainLength * 2);
        bytes.Add((byte)(dataLength >> 8));
        bytes.Add((byte)dataLength);
        int previous = bytes.Count;
        bytes.Add(0);
        for (int i = 0; i < chainLength; i++)
        {
            int at = bytes.Count;
            bytes.Add((byte)(0xC0 | (previous >> 8)));
            bytes.Add((byte)previous);
            previous = at;
        }

        for (int i = 0; i < records; i++)
        {
            bytes.Add((byte)(0xC0 | (previous >> 8)));
            bytes.Add((byte)previous);
            bytes.AddRange([0xFF, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
        }

        return [.. bytes];
    }

    /// <summary>A 12-byte header (ID 0xABCD) followed by <paramref name="body"/>.</summary>
    public static byte[] Header(int flags, IReadOnlyList<int> counts, byte[] body)
    {
        byte[] bytes = new byte[12 + body.Length];
        bytes[0] = 0xAB;
        bytes[1] = 0xCD;
        bytes[2] = (byte)(flags >> 8);
        bytes[3] = (byte)flags;
        for (int i = 0; i < 4; i++)
        {
            bytes[4 + (2 * i)] = (byte)(counts[i] >> 8);
            bytes[5 + (2 * i)] = (byte)counts[i];
        }

        body.CopyTo(bytes, 12);
        return bytes;
    }

    private static Gen<string> MutateText(string valid) => Gen.Frequency(
        (1, Gen.Constant(valid)),
        (3, from position in Gen.Choose(0, Math.Max(0, valid.Length - 1))
            from c in Gen.Elements("\\\"();$@. \n\t0123456789aZé#\u0000".ToCharArray())
            select valid.Length == 0 ? c.ToString() : valid[..position] + c + valid[(position + 1)..]),
        (1, from length in Gen.Choose(0, valid.Length)
            select valid[..length]),
        (1, from position in Gen.Choose(0, valid.Length)
            from piece in ZonePiece
            select valid[..position] + piece + valid[position..]));

    private static byte[] Apply(byte[] valid, string kind, int position, byte value, byte interesting)
    {
        if (valid.Length == 0)
        {
            return [value];
        }

        byte[] bytes = (byte[])valid.Clone();
        switch (kind)
        {
            case "set byte":
                bytes[position] = value;
                return bytes;
            case "flip bit":
                bytes[position] ^= (byte)(1 << (value & 7));
                return bytes;
            case "interesting byte":
                bytes[position] = interesting;
                return bytes;
            case "add 1":
                bytes[position]++;
                return bytes;
            case "insert byte":
                return [.. valid.AsSpan(0, position), value, .. valid.AsSpan(position)];
            default:
                return [.. valid.AsSpan(0, position), .. valid.AsSpan(position + 1)];
        }
    }

    private static byte[] ApplyRandom(byte[] bytes, int count)
    {
        // Further set-byte mutations, positions and values taken from the bytes themselves so the
        // result stays a function of the generated input.
        byte[] copy = (byte[])bytes.Clone();
        if (copy.Length == 0)
        {
            return copy;
        }

        var random = new Random(copy.Length * 31 + copy[0]);
        for (int i = 0; i < count; i++)
        {
            copy[random.Next(copy.Length)] = s_interesting[random.Next(s_interesting.Length)];
        }

        return copy;
    }
}

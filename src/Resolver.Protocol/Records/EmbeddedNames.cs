// EmbeddedNames: where domain names sit inside the RDATA of the older types this library keeps as
// opaque bytes (UnknownData) but that RFC 4034 §6.2 item 3 (as amended by RFC 6840 §5.1) still
// lists for lowercasing in the canonical form: MD, MF, MB, MG, MR, MINFO, RP, AFSDB, RT, SIG, PX,
// NXT, NAPTR, KX, A6. Signers lowercase those names, so a validator must too, or an upper-case name
// from a server turns a good signature Bogus. The RFC 1035 types among them (MD, MF, MB, MG, MR,
// MINFO) may also arrive compressed (RFC 3597 §4), so their names are expanded on read.
using System.Collections.Frozen;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

internal static class EmbeddedNames
{
    private enum Field : byte
    {
        Name,
        UInt16,
        CharacterString,
        SigFixed, // the 18 fixed bytes of SIG before the signer's name (RFC 2535 §4.1)
        A6Prefix, // prefix length, address suffix, then a name only when the prefix length is non-zero (RFC 2874 §3.1)
        Rest,
    }

    private static readonly FrozenDictionary<RrType, Field[]> s_layouts = new Dictionary<RrType, Field[]>
    {
        [(RrType)3] = [Field.Name],                         // MD (RFC 1035)
        [(RrType)4] = [Field.Name],                         // MF
        [(RrType)7] = [Field.Name],                         // MB
        [(RrType)8] = [Field.Name],                         // MG
        [(RrType)9] = [Field.Name],                         // MR
        [(RrType)14] = [Field.Name, Field.Name],            // MINFO
        [(RrType)17] = [Field.Name, Field.Name],            // RP (RFC 1183)
        [(RrType)18] = [Field.UInt16, Field.Name],          // AFSDB (RFC 1183)
        [(RrType)21] = [Field.UInt16, Field.Name],          // RT (RFC 1183)
        [(RrType)24] = [Field.SigFixed, Field.Name, Field.Rest], // SIG (RFC 2535)
        [(RrType)26] = [Field.UInt16, Field.Name, Field.Name],   // PX (RFC 2163)
        [(RrType)30] = [Field.Name, Field.Rest],            // NXT (RFC 2535)
        [(RrType)35] = [Field.UInt16, Field.UInt16, Field.CharacterString, Field.CharacterString, Field.CharacterString, Field.Name], // NAPTR (RFC 3403)
        [(RrType)36] = [Field.UInt16, Field.Name],          // KX (RFC 2230)
        [(RrType)38] = [Field.A6Prefix],                    // A6 (RFC 2874)
    }.ToFrozenDictionary();

    // RFC 3597 §4: only the RFC 1035 types may carry compressed names.
    private static readonly FrozenSet<RrType> s_compressible = new[] { (RrType)3, (RrType)4, (RrType)7, (RrType)8, (RrType)9, (RrType)14 }.ToFrozenSet();

    /// <summary>True when <paramref name="type"/> is kept opaque but has names to lowercase canonically.</summary>
    public static bool Has(RrType type) => s_layouts.ContainsKey(type);

    /// <summary>
    /// Reads the RDATA of such a type as uncompressed bytes (expanding compressed names of the RFC
    /// 1035 types), validating the layout. Returns null for types without a layout.
    /// </summary>
    public static byte[]? ReadUncompressed(RrType type, ref DnsReader reader, int length)
    {
        if (!s_layouts.TryGetValue(type, out Field[]? layout))
        {
            return null;
        }

        int start = reader.Position;
        int end = start + length;
        bool expand = s_compressible.Contains(type);
        var output = new List<byte>(length + 16);
        foreach (Field field in layout)
        {
            switch (field)
            {
                case Field.Name:
                    if (expand)
                    {
                        output.AddRange(reader.ReadName().WireForm);
                    }
                    else
                    {
                        output.AddRange(ReadUncompressedName(ref reader, end));
                    }

                    break;
                case Field.UInt16:
                    output.AddRange(reader.ReadBytes(2));
                    break;
                case Field.SigFixed:
                    output.AddRange(reader.ReadBytes(18));
                    break;
                case Field.CharacterString:
                    byte count = reader.ReadByte();
                    output.Add(count);
                    output.AddRange(reader.ReadBytes(count));
                    break;
                case Field.A6Prefix:
                    byte prefix = reader.ReadByte();
                    if (prefix > 128)
                    {
                        ThrowHelper.Format($"A6 prefix length {prefix} exceeds 128", reader.Position - 1);
                    }

                    output.Add(prefix);
                    output.AddRange(reader.ReadBytes((128 - prefix + 7) / 8));
                    if (prefix > 0)
                    {
                        output.AddRange(ReadUncompressedName(ref reader, end));
                    }

                    break;
                case Field.Rest:
                    if (reader.Position > end)
                    {
                        ThrowHelper.Format($"{type} record data is shorter than its fields", start);
                    }

                    output.AddRange(reader.ReadBytes(end - reader.Position));
                    break;
            }
        }

        if (reader.Position != end)
        {
            ThrowHelper.Format($"{type} record data used {reader.Position - start} of its {length} bytes", start);
        }

        return [.. output];
    }

    /// <summary>
    /// Parses the presentation form of such a type whose fields are all names, 16-bit numbers and
    /// character-strings (MB, MG, MR, MINFO, RP, AFSDB, RT, PX, NAPTR, KX — the field order of their
    /// RFCs) into uncompressed RDATA. Returns null for types without such a layout (SIG, NXT, A6
    /// keep to the generic <c>\#</c> form of RFC 3597 §5).
    /// </summary>
    public static byte[]? ParseText(RrType type, RdataTextReader reader)
    {
        if (!s_layouts.TryGetValue(type, out Field[]? layout) || !Array.TrueForAll(layout, f => f is Field.Name or Field.UInt16 or Field.CharacterString))
        {
            return null;
        }

        var output = new List<byte>(64);
        string mnemonic = RrTypeText.Format(type);
        for (int i = 0; i < layout.Length; i++)
        {
            string what = $"{mnemonic} field {i + 1}";
            switch (layout[i])
            {
                case Field.Name:
                    output.AddRange(reader.ReadName(what).WireForm);
                    break;
                case Field.UInt16:
                    ushort value = reader.ReadUInt16(what);
                    output.Add((byte)(value >> 8));
                    output.Add((byte)value);
                    break;
                default:
                    byte[] text = reader.ReadCharacterString(what);
                    output.Add((byte)text.Length);
                    output.AddRange(text);
                    break;
            }
        }

        return [.. output];
    }

    /// <summary>Writes uncompressed RDATA of such a type with every embedded name lowercased (RFC 4034 §6.2).</summary>
    public static void WriteCanonical(RrType type, ReadOnlySpan<byte> data, ref DnsWriter writer)
    {
        Field[] layout = s_layouts[type];
        Span<byte> copy = data.Length <= 1024 ? stackalloc byte[data.Length] : new byte[data.Length];
        data.CopyTo(copy);
        int pos = 0;
        foreach (Field field in layout)
        {
            switch (field)
            {
                case Field.Name:
                    pos = LowercaseName(copy, pos);
                    break;
                case Field.UInt16:
                    pos += 2;
                    break;
                case Field.SigFixed:
                    pos += 18;
                    break;
                case Field.CharacterString:
                    pos += 1 + copy[pos];
                    break;
                case Field.A6Prefix:
                    byte prefix = copy[pos];
                    pos += 1 + ((128 - prefix + 7) / 8);
                    if (prefix > 0)
                    {
                        pos = LowercaseName(copy, pos);
                    }

                    break;
                case Field.Rest:
                    pos = copy.Length;
                    break;
            }
        }

        writer.WriteBytes(copy);
    }

    // The data was validated by ReadUncompressed or comes from a caller-built UnknownData; a bad
    // layout from the latter is written as it is rather than failing the signature check with an exception.
    private static int LowercaseName(Span<byte> data, int pos)
    {
        while (pos < data.Length)
        {
            int len = data[pos];
            if (len == 0)
            {
                return pos + 1;
            }

            if (len > DnsName.MaxLabelLength || pos + 1 + len > data.Length)
            {
                return data.Length;
            }

            DnsName.AsciiToLower(data.Slice(pos + 1, len));
            pos += 1 + len;
        }

        return pos;
    }

    /// <summary>Reads a name that must not be compressed (RFC 3597 §4) and ends by <paramref name="end"/>.</summary>
    internal static ReadOnlySpan<byte> ReadUncompressedName(ref DnsReader reader, int end)
    {
        int start = reader.Position;
        int pos = start;
        ReadOnlySpan<byte> message = reader.Message;
        while (true)
        {
            if (pos >= end)
            {
                ThrowHelper.Format("Name runs past the record data", pos);
            }

            int len = message[pos];
            if (len == 0)
            {
                pos++;
                break;
            }

            if (len > DnsName.MaxLabelLength)
            {
                ThrowHelper.Format("Compressed or invalid label in a name that must not be compressed (RFC 3597 §4)", pos);
            }

            pos += 1 + len;
            if (pos - start > DnsName.MaxWireLength)
            {
                ThrowHelper.Format("Name exceeds 255 bytes", start);
            }
        }

        return reader.ReadBytes(pos - start);
    }
}

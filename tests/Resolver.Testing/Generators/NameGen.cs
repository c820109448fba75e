// NameGen: FsCheck generators for domain names — plain host names, labels with escapes and odd
// bytes, upper case, maximal 63-byte labels and 255-byte names, 127-label names, wildcards, the
// root — and for names that share suffixes (so messages built from them really compress) or
// differ only in case (so equality and ordering meet their equal cases).
using FsCheck;
using FsCheck.Fluent;
using Resolver.Protocol;

namespace Resolver.Testing.Generators;

/// <summary>Generators of <see cref="DnsName"/> values and their labels.</summary>
public static class NameGen
{
    private static readonly byte[] s_ldh = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"u8.ToArray();

    // Bytes that need an escape in presentation form (RFC 1035 §5.1), or that sort near letters.
    private static readonly byte[] s_special = ".\\\"();@$ *\t\0\u007f"u8.ToArray().Concat(new byte[] { 0x80, 0xC8, 0xFF, (byte)'Z', (byte)'[', (byte)'`', (byte)'a', (byte)'z', (byte)'{' }).ToArray();

    /// <summary>A short host-name label: letters, digits and hyphens in mixed case.</summary>
    public static Gen<byte[]> HostLabel { get; } =
        from length in Gen.Frequency((6, Gen.Choose(1, 8)), (2, Gen.Choose(9, 20)), (1, Gen.Choose(21, 63)))
        from bytes in Gen.ArrayOf(Gen.Elements(s_ldh), length)
        select bytes;

    /// <summary>A label of any bytes, biased towards the ones that need escaping.</summary>
    public static Gen<byte[]> OddLabel { get; } =
        from length in Gen.Frequency((5, Gen.Choose(1, 6)), (2, Gen.Choose(7, 63)))
        from bytes in Gen.ArrayOf(Gen.Frequency((2, Gen.Elements(s_special)), (2, Gen.Elements(s_ldh)), (1, ByteGen.Any)), length)
        select bytes;

    /// <summary>Any label: mostly host-name style, sometimes odd bytes, <c>*</c>, or exactly 63 bytes.</summary>
    public static Gen<byte[]> Label { get; } = Gen.Frequency(
        (10, HostLabel),
        (4, OddLabel),
        (1, Gen.Constant("*"u8.ToArray())),
        (1, Gen.ArrayOf(Gen.Elements(s_ldh), DnsName.MaxLabelLength)),
        (1, Gen.ArrayOf(ByteGen.Any, DnsName.MaxLabelLength)));

    /// <summary>An ordinary name of 0 to 6 labels (the root included).</summary>
    public static Gen<DnsName> Ordinary { get; } =
        from count in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 3)), (2, Gen.Choose(4, 6)))
        from labels in Gen.ListOf(Label, count)
        select FromLabels(labels);

    /// <summary>A name of exactly 255 wire bytes (RFC 1035 §2.3.4 limit), with labels of random lengths.</summary>
    public static Gen<DnsName> MaxLength { get; } =
        from seed in ByteGen.Seed
        from oneByteLabels in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select BuildMaxLength(new Random(seed), oneByteLabels);

    /// <summary>Any name: ordinary ones most of the time, maximal ones sometimes.</summary>
    public static Gen<DnsName> Any { get; } = Gen.Frequency((12, Ordinary), (1, MaxLength));

    /// <summary>A host name under a few realistic zones (what NS, MX, SOA and glue point at).</summary>
    public static Gen<DnsName> Host { get; } =
        from label in HostLabel
        from zone in Gen.Elements("example.com.", "example.", "ns.example.net.", "a.root-servers.net.", "EXAMPLE.ORG.", ".")
        select DnsName.Parse(zone).Prepend(label);

    /// <summary>
    /// Names drawn from a small family sharing suffixes (a zone, its children and their hosts), so
    /// that a message made of them compresses; case is varied, which must not change the bytes a
    /// reader gets back.
    /// </summary>
    public static Gen<DnsName> Related(IReadOnlyList<DnsName> family) =>
        Gen.Frequency(
            (3, Gen.Elements(family.ToArray())),
            (3, from parent in Gen.Elements(family.ToArray())
                from label in HostLabel
                select TryPrepend(parent, label)),
            (1, from name in Gen.Elements(family.ToArray())
                from cased in WithRandomCase(name)
                select cased),
            (1, Any));

    /// <summary>A family of 1 to 4 related zone names to draw <see cref="Related"/> names from.</summary>
    public static Gen<DnsName[]> Family { get; } =
        from apex in Gen.Elements("example.com.", "reg.", "lab.", "xn--bcher-kva.example.", "a.b.c.d.e.f.")
        from children in Gen.ListOf(HostLabel, 3)
        from count in Gen.Choose(1, 4)
        select new[] { DnsName.Parse(apex) }.Concat(children.Select(c => TryPrepend(DnsName.Parse(apex), c))).Take(count).ToArray();

    /// <summary>The same name with the case of each ASCII letter chosen at random.</summary>
    public static Gen<DnsName> WithRandomCase(DnsName name)
    {
        byte[] wire = name.WireForm.ToArray();
        return Gen.ArrayOf(ByteGen.Bool, wire.Length).Select(flips =>
        {
            byte[] copy = (byte[])wire.Clone();
            for (int i = 0; i < copy.Length; i++)
            {
                if (flips[i] && char.IsAsciiLetter((char)copy[i]) && !IsLengthByte(wire, i))
                {
                    copy[i] ^= 0x20;
                }
            }

            return DnsName.FromWire(copy);
        });
    }

    /// <summary>Builds a name from labels, dropping trailing (leftmost-first order) labels that would pass 255 bytes.</summary>
    public static DnsName FromLabels(IEnumerable<byte[]> labels)
    {
        var wire = new List<byte>();
        foreach (byte[] label in labels)
        {
            if (wire.Count + 1 + label.Length + 1 > DnsName.MaxWireLength)
            {
                break;
            }

            wire.Add((byte)label.Length);
            wire.AddRange(label);
        }

        wire.Add(0);
        return DnsName.FromWire(wire.ToArray());
    }

    private static DnsName TryPrepend(DnsName parent, byte[] label) =>
        parent.WireLength + 1 + label.Length <= DnsName.MaxWireLength ? parent.Prepend(label) : parent;

    private static DnsName BuildMaxLength(Random random, bool oneByteLabels)
    {
        // 254 bytes of labels (length byte + content each) plus the root byte. Every step leaves at
        // least 2 bytes or none, so the last label is never empty.
        var labels = new List<byte[]>();
        int remaining = DnsName.MaxWireLength - 1;
        while (remaining > 0)
        {
            // One-byte labels give the most labels a name can have: 127.
            int length = oneByteLabels ? 1
                : remaining <= DnsName.MaxLabelLength + 1 ? remaining - 1
                : random.Next(1, Math.Min(DnsName.MaxLabelLength, remaining - 3) + 1);
            byte[] label = new byte[length];
            for (int i = 0; i < length; i++)
            {
                label[i] = random.Next(4) == 0 ? (byte)random.Next(256) : s_ldh[random.Next(s_ldh.Length)];
            }

            labels.Add(label);
            remaining -= length + 1;
        }

        return FromLabels(labels);
    }

    private static bool IsLengthByte(byte[] wire, int index)
    {
        int pos = 0;
        while (pos < wire.Length)
        {
            if (pos == index)
            {
                return true;
            }

            pos += wire[pos] + 1;
        }

        return false;
    }
}

// TypeBitmap: the "Type Bit Maps" field of NSEC and NSEC3 (RFC 4034 §4.1.2, RFC 5155 §3.2.1).
// The wire bytes are kept as received, so a signature over them always verifies; lookups read the
// bits directly.
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>The set of RR types present at an NSEC or NSEC3 owner name.</summary>
public sealed class TypeBitmap : IEquatable<TypeBitmap>
{
    private readonly byte[] _wire;

    private TypeBitmap(byte[] wire) => _wire = wire;

    /// <summary>The empty bitmap.</summary>
    public static TypeBitmap Empty { get; } = new([]);

    /// <summary>The encoded field.</summary>
    public ReadOnlySpan<byte> WireForm => _wire;

    /// <summary>Builds the canonical encoding of a set of types (duplicates ignored).</summary>
    public static TypeBitmap FromTypes(IEnumerable<RrType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var sorted = new SortedSet<ushort>(types.Select(t => (ushort)t));
        if (sorted.Count == 0)
        {
            return Empty;
        }

        var output = new List<byte>();
        Span<byte> window = stackalloc byte[32];
        int currentWindow = -1;
        int used = 0;
        foreach (ushort t in sorted)
        {
            int w = t >> 8;
            if (w != currentWindow)
            {
                Flush(output, currentWindow, window, used);
                window.Clear();
                currentWindow = w;
                used = 0;
            }

            int low = t & 0xFF;
            window[low >> 3] |= (byte)(0x80 >> (low & 7));
            used = Math.Max(used, (low >> 3) + 1);
        }

        Flush(output, currentWindow, window, used);
        return new TypeBitmap([.. output]);

        static void Flush(List<byte> output, int windowNumber, ReadOnlySpan<byte> window, int used)
        {
            if (windowNumber < 0)
            {
                return;
            }

            output.Add((byte)windowNumber);
            output.Add((byte)used);
            foreach (byte b in window[..used])
            {
                output.Add(b);
            }
        }
    }

    /// <summary>True when <paramref name="type"/> is in the set.</summary>
    public bool Contains(RrType type)
    {
        int t = (ushort)type;
        int w = t >> 8;
        int low = t & 0xFF;
        int pos = 0;
        while (pos + 2 <= _wire.Length)
        {
            int windowNumber = _wire[pos];
            int length = _wire[pos + 1];
            if (windowNumber == w)
            {
                int octet = low >> 3;
                return octet < length && (_wire[pos + 2 + octet] & (0x80 >> (low & 7))) != 0;
            }

            if (windowNumber > w)
            {
                return false;
            }

            pos += 2 + length;
        }

        return false;
    }

    /// <summary>The types in the set, in ascending order.</summary>
    public IReadOnlyList<RrType> Types
    {
        get
        {
            var types = new List<RrType>();
            int pos = 0;
            while (pos + 2 <= _wire.Length)
            {
                int windowNumber = _wire[pos];
                int length = _wire[pos + 1];
                for (int octet = 0; octet < length; octet++)
                {
                    byte bits = _wire[pos + 2 + octet];
                    for (int bit = 0; bit < 8; bit++)
                    {
                        if ((bits & (0x80 >> bit)) != 0)
                        {
                            types.Add((RrType)((windowNumber << 8) | (octet << 3) | bit));
                        }
                    }
                }

                pos += 2 + length;
            }

            return types;
        }
    }

    /// <summary>Reads and validates a bitmap field of <paramref name="length"/> bytes: windows in
    /// increasing order, each 1 to 32 octets long (RFC 4034 §4.1.2). With
    /// <paramref name="rejectTrailingZeroOctets"/>, a window ending in a zero octet is malformed too
    /// (RFC 4034 §4.1.2: "Trailing zero octets in the bitmap MUST be omitted"; BIND's typemap check
    /// refuses them), so the text form, which can only write the minimal encoding, reads back to the
    /// same bytes.</summary>
    internal static TypeBitmap Read(ref DnsReader reader, int length, bool rejectTrailingZeroOctets = false)
    {
        int start = reader.Position;
        ReadOnlySpan<byte> bytes = reader.ReadBytes(length);
        int pos = 0;
        int previous = -1;
        while (pos < bytes.Length)
        {
            if (pos + 2 > bytes.Length)
            {
                ThrowHelper.Format("Truncated type bitmap window header", start + pos);
            }

            int windowNumber = bytes[pos];
            int windowLength = bytes[pos + 1];
            if (windowNumber <= previous)
            {
                ThrowHelper.Format("Type bitmap windows out of order", start + pos);
            }

            if (windowLength is < 1 or > 32 || pos + 2 + windowLength > bytes.Length)
            {
                ThrowHelper.Format($"Bad type bitmap window length {windowLength}", start + pos);
            }

            if (rejectTrailingZeroOctets && bytes[pos + 1 + windowLength] == 0)
            {
                ThrowHelper.Format("Type bitmap window ends in a zero octet (RFC 4034 §4.1.2)", start + pos);
            }

            previous = windowNumber;
            pos += 2 + windowLength;
        }

        return bytes.IsEmpty ? Empty : new TypeBitmap(bytes.ToArray());
    }

    internal void Write(ref DnsWriter writer) => writer.WriteBytes(_wire);

    internal void Format(StringBuilder sb)
    {
        bool first = true;
        foreach (RrType type in Types)
        {
            if (!first)
            {
                sb.Append(' ');
            }

            sb.Append(RrTypeText.Format(type));
            first = false;
        }
    }

    /// <inheritdoc/>
    public bool Equals(TypeBitmap? other) => other is not null && _wire.AsSpan().SequenceEqual(other._wire);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TypeBitmap);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hc = new HashCode();
        hc.AddBytes(_wire);
        return hc.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Format(sb);
        return sb.ToString();
    }
}

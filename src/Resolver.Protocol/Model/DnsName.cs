// DnsName: an immutable, absolute domain name held in uncompressed wire form. Owns equality and
// hashing (ASCII case-insensitive, RFC 4343), RFC 4034 §6.1 canonical ordering, label operations
// and presentation text with escapes. The limits (63-byte labels, 255-byte names) hold for every
// instance: no DnsName can be built that violates them.
using System.Text;

namespace Resolver.Protocol;

/// <summary>
/// An absolute domain name. Equality and hashing ignore ASCII case (RFC 4343); <see cref="CompareTo"/>
/// is the DNSSEC canonical order (RFC 4034 §6.1). Instances are immutable and always valid.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.DnsNameJsonConverter))]
public sealed class DnsName : IEquatable<DnsName>, IComparable<DnsName>
{
    /// <summary>The longest a name may be in wire form, root label included (RFC 1035 §2.3.4).</summary>
    public const int MaxWireLength = 255;

    /// <summary>The longest a single label may be (RFC 1035 §2.3.4).</summary>
    public const int MaxLabelLength = 63;

    private static readonly byte[] s_noOffsets = [];

    // Uncompressed wire form, terminated by the zero-length root label.
    private readonly byte[] _wire;

    // Start offset in _wire of each non-root label, leftmost first. Names have at most 127 labels.
    private readonly byte[] _offsets;

    private int _hashCode;

    private DnsName(byte[] wire, byte[] offsets)
    {
        _wire = wire;
        _offsets = offsets;
    }

    /// <summary>The root name, <c>.</c>.</summary>
    public static DnsName Root { get; } = new([0], s_noOffsets);

    /// <summary>Number of labels, not counting the root label (<c>www.example.</c> has 2).</summary>
    public int LabelCount => _offsets.Length;

    /// <summary>Length of the uncompressed wire form, including the root label.</summary>
    public int WireLength => _wire.Length;

    /// <summary>The uncompressed wire form, original case preserved.</summary>
    public ReadOnlySpan<byte> WireForm => _wire;

    // The backing array, for internal code that needs a stable reference (never mutate it).
    internal byte[] WireArray => _wire;

    /// <summary>True for the root name.</summary>
    public bool IsRoot => _offsets.Length == 0;

    /// <summary>True when the leftmost label is <c>*</c> (RFC 4592).</summary>
    public bool IsWildcard => _wire.Length > 2 && _wire[0] == 1 && _wire[1] == (byte)'*';

    /// <summary>
    /// The label count as an RRSIG Labels field counts it: a leading <c>*</c> is not counted
    /// (RFC 4034 §3.1.3).
    /// </summary>
    public int SignatureLabelCount => IsWildcard ? LabelCount - 1 : LabelCount;

    /// <summary>The parent name (one label removed). The root has no parent.</summary>
    /// <exception cref="InvalidOperationException">This is the root.</exception>
    public DnsName Parent => IsRoot
        ? throw new InvalidOperationException("The root name has no parent.")
        : GetSuffix(LabelCount - 1);

    /// <summary>Returns label <paramref name="index"/> (0 is the leftmost), without its length byte.</summary>
    public ReadOnlySpan<byte> GetLabel(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, LabelCount);
        int start = _offsets[index];
        return _wire.AsSpan(start + 1, _wire[start]);
    }

    /// <summary>The name made of the rightmost <paramref name="labelCount"/> labels.</summary>
    public DnsName GetSuffix(int labelCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(labelCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(labelCount, LabelCount);
        if (labelCount == LabelCount)
        {
            return this;
        }

        if (labelCount == 0)
        {
            return Root;
        }

        int skip = LabelCount - labelCount;
        int start = _offsets[skip];
        byte[] offsets = new byte[labelCount];
        for (int i = 0; i < labelCount; i++)
        {
            offsets[i] = (byte)(_offsets[skip + i] - start);
        }

        return new DnsName(_wire.AsSpan(start).ToArray(), offsets);
    }

    /// <summary>True when this name equals <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsSubdomainOf(DnsName ancestor)
    {
        ArgumentNullException.ThrowIfNull(ancestor);
        int diff = LabelCount - ancestor.LabelCount;
        if (diff < 0)
        {
            return false;
        }

        int start = diff == LabelCount ? _wire.Length - 1 : _offsets[diff];
        return AsciiEqualsIgnoreCase(_wire.AsSpan(start), ancestor._wire);
    }

    /// <summary>True when this name lies strictly below <paramref name="ancestor"/>.</summary>
    public bool IsStrictSubdomainOf(DnsName ancestor) =>
        LabelCount > ancestor.LabelCount && IsSubdomainOf(ancestor);

    /// <summary>The longest name that both this name and <paramref name="other"/> are subdomains of.</summary>
    public DnsName CommonAncestor(DnsName other)
    {
        ArgumentNullException.ThrowIfNull(other);
        int shared = 0;
        int max = Math.Min(LabelCount, other.LabelCount);
        while (shared < max &&
               AsciiEqualsIgnoreCase(GetLabel(LabelCount - 1 - shared), other.GetLabel(other.LabelCount - 1 - shared)))
        {
            shared++;
        }

        return GetSuffix(shared);
    }

    /// <summary>Returns <paramref name="label"/> + this name, e.g. <c>*</c> + <c>example.</c>.</summary>
    /// <exception cref="DnsFormatException">The label is empty or too long, or the result exceeds 255 bytes.</exception>
    public DnsName Prepend(ReadOnlySpan<byte> label)
    {
        if (label.IsEmpty || label.Length > MaxLabelLength)
        {
            ThrowHelper.Name($"A label must be 1 to {MaxLabelLength} bytes long.");
        }

        int length = _wire.Length + 1 + label.Length;
        if (length > MaxWireLength)
        {
            ThrowHelper.Name($"The name would exceed {MaxWireLength} bytes.");
        }

        byte[] wire = new byte[length];
        wire[0] = (byte)label.Length;
        label.CopyTo(wire.AsSpan(1));
        _wire.CopyTo(wire.AsSpan(1 + label.Length));
        byte[] offsets = new byte[_offsets.Length + 1];
        for (int i = 0; i < _offsets.Length; i++)
        {
            offsets[i + 1] = (byte)(_offsets[i] + 1 + label.Length);
        }

        return new DnsName(wire, offsets);
    }

    /// <summary>Returns a single presentation-format label (escapes allowed) + this name.</summary>
    public DnsName Prepend(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        Span<byte> buffer = stackalloc byte[MaxWireLength];
        DnsNameText.ParseLabels(label, buffer, out int labels, out bool absolute);
        if (labels != 1 || absolute)
        {
            ThrowHelper.Name($"'{label}' is not a single label.");
        }

        // buffer holds length byte, label bytes, root byte.
        return Prepend(buffer.Slice(1, buffer[0]));
    }

    /// <summary>Returns this name's labels followed by <paramref name="suffix"/> (this name's root label is dropped).</summary>
    public DnsName Concat(DnsName suffix)
    {
        ArgumentNullException.ThrowIfNull(suffix);
        if (IsRoot)
        {
            return suffix;
        }

        if (suffix.IsRoot)
        {
            return this;
        }

        int length = _wire.Length - 1 + suffix._wire.Length;
        if (length > MaxWireLength)
        {
            ThrowHelper.Name($"The name would exceed {MaxWireLength} bytes.");
        }

        byte[] wire = new byte[length];
        _wire.AsSpan(0, _wire.Length - 1).CopyTo(wire);
        suffix._wire.CopyTo(wire.AsSpan(_wire.Length - 1));
        return FromValidatedWire(wire);
    }

    /// <summary>This name with ASCII letters lowercased (the canonical form, RFC 4034 §6.2).</summary>
    public DnsName ToLowerInvariant()
    {
        int firstUpper = _wire.AsSpan().IndexOfAnyInRange((byte)'A', (byte)'Z');
        if (firstUpper < 0)
        {
            return this;
        }

        byte[] wire = (byte[])_wire.Clone();
        AsciiToLower(wire.AsSpan(firstUpper));
        return new DnsName(wire, _offsets);
    }

    /// <summary>Parses an absolute name in presentation format; a missing final dot is allowed.</summary>
    /// <exception cref="DnsFormatException">The text is not a valid name.</exception>
    public static DnsName Parse(string text) => Parse(text, origin: null);

    /// <summary>
    /// Parses a name in presentation format. Without a final dot the name is relative to
    /// <paramref name="origin"/> (or absolute when <paramref name="origin"/> is null). <c>@</c> is
    /// the origin itself.
    /// </summary>
    /// <exception cref="DnsFormatException">The text is not a valid name.</exception>
    public static DnsName Parse(string text, DnsName? origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "@" && origin is not null)
        {
            return origin;
        }

        Span<byte> buffer = stackalloc byte[MaxWireLength];
        int length = DnsNameText.ParseLabels(text, buffer, out _, out bool absolute);
        var name = FromValidatedWire(buffer[..length].ToArray());
        return absolute || origin is null ? name : name.Concat(origin);
    }

    /// <summary>Parses a name like <see cref="Parse(string)"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out DnsName name)
    {
        if (text is not null)
        {
            try
            {
                name = Parse(text);
                return true;
            }
            catch (DnsFormatException)
            {
            }
        }

        name = Root;
        return false;
    }

    /// <summary>Builds a name from uncompressed wire form, validating every label.</summary>
    /// <exception cref="DnsFormatException">The bytes are not a valid uncompressed name.</exception>
    public static DnsName FromWire(ReadOnlySpan<byte> wire)
    {
        if (wire.IsEmpty || wire.Length > MaxWireLength)
        {
            ThrowHelper.Name("A wire-format name must be 1 to 255 bytes long.");
        }

        int pos = 0;
        while (true)
        {
            int len = wire[pos];
            if (len == 0)
            {
                break;
            }

            if (len > MaxLabelLength || pos + 1 + len >= wire.Length)
            {
                ThrowHelper.Name("Invalid label in a wire-format name.");
            }

            pos += 1 + len;
        }

        if (pos != wire.Length - 1)
        {
            ThrowHelper.Name("Trailing bytes after a wire-format name.");
        }

        return wire.Length == 1 ? Root : FromValidatedWire(wire.ToArray());
    }

    /// <summary>Wraps wire bytes that are already known to be a valid uncompressed name (the array is kept).</summary>
    internal static DnsName FromValidatedWire(byte[] wire)
    {
        if (wire.Length == 1)
        {
            return Root;
        }

        Span<byte> offsets = stackalloc byte[128];
        int count = 0;
        int pos = 0;
        while (wire[pos] != 0)
        {
            offsets[count++] = (byte)pos;
            pos += wire[pos] + 1;
        }

        return new DnsName(wire, offsets[..count].ToArray());
    }

    /// <summary>The name in presentation format with a final dot, escaping special characters.</summary>
    public override string ToString()
    {
        if (IsRoot)
        {
            return ".";
        }

        var sb = new StringBuilder(_wire.Length + 8);
        AppendTo(sb);
        return sb.ToString();
    }

    /// <summary>Appends the presentation form (with final dot) to a builder.</summary>
    internal void AppendTo(StringBuilder sb)
    {
        if (IsRoot)
        {
            sb.Append('.');
            return;
        }

        for (int i = 0; i < LabelCount; i++)
        {
            AppendLabel(sb, GetLabel(i));
            sb.Append('.');
        }
    }

    /// <summary>Appends one label in presentation form (RFC 1035 §5.1 escapes).</summary>
    internal static void AppendLabel(StringBuilder sb, ReadOnlySpan<byte> label)
    {
        foreach (byte b in label)
        {
            switch (b)
            {
                case (byte)'.' or (byte)'\\' or (byte)'"' or (byte)'(' or (byte)')' or (byte)';' or (byte)'@' or (byte)'$':
                    sb.Append('\\').Append((char)b);
                    break;
                case < 0x21 or > 0x7E:
                    sb.Append('\\').Append((char)('0' + (b / 100))).Append((char)('0' + (b / 10 % 10))).Append((char)('0' + (b % 10)));
                    break;
                default:
                    sb.Append((char)b);
                    break;
            }
        }
    }

    /// <inheritdoc/>
    public bool Equals(DnsName? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            (_wire.Length == other._wire.Length && AsciiEqualsIgnoreCase(_wire, other._wire)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DnsName);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = _hashCode;
        if (hash == 0)
        {
            var hc = new HashCode();
            foreach (byte b in _wire)
            {
                hc.Add(ToLower(b));
            }

            hash = hc.ToHashCode();
            if (hash == 0)
            {
                hash = 1;
            }

            _hashCode = hash;
        }

        return hash;
    }

    /// <summary>
    /// Canonical DNS name order (RFC 4034 §6.1): compare labels from the rightmost, each as a
    /// lowercase byte string; a name sorts before its subdomains.
    /// </summary>
    public int CompareTo(DnsName? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (ReferenceEquals(this, other))
        {
            return 0;
        }

        int i = LabelCount - 1;
        int j = other.LabelCount - 1;
        while (i >= 0 && j >= 0)
        {
            int c = CompareLabels(GetLabel(i), other.GetLabel(j));
            if (c != 0)
            {
                return c;
            }

            i--;
            j--;
        }

        return LabelCount.CompareTo(other.LabelCount);
    }

    /// <summary>Compares two labels as lowercase byte strings (RFC 4034 §6.1).</summary>
    internal static int CompareLabels(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int k = 0; k < n; k++)
        {
            int c = ToLower(a[k]) - ToLower(b[k]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length - b.Length;
    }

    /// <summary>Equality (case-insensitive).</summary>
    public static bool operator ==(DnsName? left, DnsName? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality (case-insensitive).</summary>
    public static bool operator !=(DnsName? left, DnsName? right) => !(left == right);

    /// <summary>Canonical order: less than.</summary>
    public static bool operator <(DnsName? left, DnsName? right) => left is null ? right is not null : left.CompareTo(right) < 0;

    /// <summary>Canonical order: less than or equal.</summary>
    public static bool operator <=(DnsName? left, DnsName? right) => left is null || left.CompareTo(right) <= 0;

    /// <summary>Canonical order: greater than.</summary>
    public static bool operator >(DnsName? left, DnsName? right) => left is not null && left.CompareTo(right) > 0;

    /// <summary>Canonical order: greater than or equal.</summary>
    public static bool operator >=(DnsName? left, DnsName? right) => left is null ? right is null : left.CompareTo(right) >= 0;

    internal static byte ToLower(byte b) => (uint)(b - 'A') <= 'Z' - 'A' ? (byte)(b | 0x20) : b;

    internal static void AsciiToLower(Span<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = ToLower(bytes[i]);
        }
    }

    internal static bool AsciiEqualsIgnoreCase(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        if (a.SequenceEqual(b))
        {
            return true;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (ToLower(a[i]) != ToLower(b[i]))
            {
                return false;
            }
        }

        return true;
    }
}

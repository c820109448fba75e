// DnsNameCompressor: remembers where name suffixes were written in a message so later names can
// point at them (RFC 1035 §4.1.4). Suffixes match byte-for-byte (case-sensitive) so compression
// never changes a single byte of any name a reader gets back.
namespace Resolver.Protocol.Wire;

/// <summary>Tracks written name suffixes for compression. One instance per message being written.</summary>
public sealed class DnsNameCompressor
{
    // Pointers carry 14 bits of offset.
    private const int MaxPointerOffset = 0x3FFF;

    private readonly Dictionary<SuffixKey, ushort> _offsets = new(SuffixKeyComparer.Instance);

    /// <summary>Forgets every remembered suffix (to reuse the instance for another message).</summary>
    public void Clear() => _offsets.Clear();

    internal void Write(ref DnsWriter writer, DnsName name)
    {
        byte[] wire = name.WireArray;
        int pos = 0;
        while (wire[pos] != 0)
        {
            var key = new SuffixKey(wire, pos);
            if (_offsets.TryGetValue(key, out ushort offset))
            {
                writer.WriteBytes(wire.AsSpan(0, pos));
                writer.WriteUInt16((ushort)(0xC000 | offset));
                return;
            }

            int at = writer.Position + pos;
            if (at <= MaxPointerOffset)
            {
                _offsets[key] = (ushort)at;
            }

            pos += wire[pos] + 1;
        }

        writer.WriteBytes(wire);
    }

    private readonly record struct SuffixKey(byte[] Wire, int Start);

    private sealed class SuffixKeyComparer : IEqualityComparer<SuffixKey>
    {
        public static readonly SuffixKeyComparer Instance = new();

        public bool Equals(SuffixKey x, SuffixKey y) =>
            x.Wire.AsSpan(x.Start).SequenceEqual(y.Wire.AsSpan(y.Start));

        public int GetHashCode(SuffixKey key)
        {
            var hc = new HashCode();
            hc.AddBytes(key.Wire.AsSpan(key.Start));
            return hc.ToHashCode();
        }
    }
}

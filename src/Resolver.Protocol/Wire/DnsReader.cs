// DnsReader: a forward-only reader over one DNS message in wire form. Every read is bounds-checked
// and reports the offset on failure; names follow compression pointers under strict limits so that
// no input can loop, read forward, or cost more than linear time.
using System.Buffers.Binary;

namespace Resolver.Protocol.Wire;

/// <summary>
/// Reads big-endian integers, byte strings and (compressed) names from a DNS message. Malformed
/// input throws <see cref="DnsFormatException"/> with the offset where it was found.
/// </summary>
public ref struct DnsReader
{
    /// <summary>The most compression pointers one name may follow.</summary>
    public const int MaxPointerHops = 127;

    private readonly ReadOnlySpan<byte> _message;
    private int _position;

    /// <summary>Creates a reader over a whole message (compression pointers are offsets into it).</summary>
    public DnsReader(ReadOnlySpan<byte> message)
    {
        _message = message;
        _position = 0;
    }

    /// <summary>Creates a reader over a whole message, starting at <paramref name="position"/>.</summary>
    public DnsReader(ReadOnlySpan<byte> message, int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position, message.Length);
        _message = message;
        _position = position;
    }

    /// <summary>The offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes left after <see cref="Position"/>.</summary>
    public readonly int Remaining => _message.Length - _position;

    /// <summary>The whole message this reader reads from.</summary>
    public readonly ReadOnlySpan<byte> Message => _message;

    /// <summary>Reads one byte.</summary>
    public byte ReadByte()
    {
        if (_position >= _message.Length)
        {
            ThrowHelper.Format("Unexpected end of data reading a byte", _position);
        }

        return _message[_position++];
    }

    /// <summary>Reads a big-endian 16-bit integer.</summary>
    public ushort ReadUInt16()
    {
        if (_message.Length - _position < 2)
        {
            ThrowHelper.Format("Unexpected end of data reading a 16-bit field", _position);
        }

        ushort value = BinaryPrimitives.ReadUInt16BigEndian(_message[_position..]);
        _position += 2;
        return value;
    }

    /// <summary>Reads a big-endian 32-bit integer.</summary>
    public uint ReadUInt32()
    {
        if (_message.Length - _position < 4)
        {
            ThrowHelper.Format("Unexpected end of data reading a 32-bit field", _position);
        }

        uint value = BinaryPrimitives.ReadUInt32BigEndian(_message[_position..]);
        _position += 4;
        return value;
    }

    /// <summary>Reads <paramref name="count"/> bytes (a view into the message, not a copy).</summary>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || _message.Length - _position < count)
        {
            ThrowHelper.Format($"Unexpected end of data reading {count} bytes", _position);
        }

        var bytes = _message.Slice(_position, count);
        _position += count;
        return bytes;
    }

    /// <summary>
    /// Reads a domain name, following compression pointers (RFC 1035 §4.1.4). A pointer must point
    /// strictly before the label sequence it interrupts, so chains always move backwards and end;
    /// at most <see cref="MaxPointerHops"/> pointers are followed, and the expanded name must fit
    /// in 255 bytes: the work per name is bounded by a constant.
    /// </summary>
    public DnsName ReadName()
    {
        Span<byte> buffer = stackalloc byte[DnsName.MaxWireLength];
        int length = 0;
        int pos = _position;
        int segmentStart = _position;
        int resumeAt = -1; // where the reader continues after the first pointer
        int hops = 0;
        while (true)
        {
            if (pos >= _message.Length)
            {
                ThrowHelper.Format("Unexpected end of data inside a name", pos);
            }

            byte len = _message[pos];
            if (len == 0)
            {
                pos++;
                break;
            }

            switch (len & 0xC0)
            {
                case 0xC0:
                    if (pos + 1 >= _message.Length)
                    {
                        ThrowHelper.Format("Truncated compression pointer", pos);
                    }

                    int target = ((len & 0x3F) << 8) | _message[pos + 1];
                    // Strictly backwards from the start of the current segment: no loops, no forward reads.
                    if (target >= segmentStart)
                    {
                        ThrowHelper.Format($"Compression pointer to {target} does not point backwards", pos);
                    }

                    // A name has at most 127 labels, so a real encoder never needs more pointers than
                    // that; the cap keeps the work per name constant (pointer-to-pointer chains).
                    if (++hops > MaxPointerHops)
                    {
                        ThrowHelper.Format($"More than {MaxPointerHops} compression pointers in one name", pos);
                    }

                    if (resumeAt < 0)
                    {
                        resumeAt = pos + 2;
                    }

                    pos = target;
                    segmentStart = target;
                    continue;
                case 0x00:
                    if (pos + 1 + len > _message.Length)
                    {
                        ThrowHelper.Format("Label runs past the end of data", pos);
                    }

                    if (length + 1 + len + 1 > DnsName.MaxWireLength)
                    {
                        ThrowHelper.Format("Name exceeds 255 bytes", pos);
                    }

                    _message.Slice(pos, 1 + len).CopyTo(buffer[length..]);
                    length += 1 + len;
                    pos += 1 + len;
                    continue;
                default:
                    // 0x40 (extended label types, RFC 6891 §5) and 0x80 are not in use.
                    ThrowHelper.Format($"Unsupported label type 0x{len & 0xC0:X2}", pos);
                    break;
            }
        }

        buffer[length++] = 0;
        _position = resumeAt >= 0 ? resumeAt : pos;
        return length == 1 ? DnsName.Root : DnsName.FromValidatedWire(buffer[..length].ToArray());
    }

    /// <summary>Moves to <paramref name="position"/> (used to skip to the end of record data).</summary>
    internal void Seek(int position)
    {
        if ((uint)position > (uint)_message.Length)
        {
            ThrowHelper.Format("Seek past the end of data", position);
        }

        _position = position;
    }
}

// DnsWriter: writes big-endian integers, byte strings and names into a caller's buffer, with
// optional name compression (RFC 1035 §4.1.4) and a canonical mode for DNSSEC (RFC 4034 §6.2:
// no compression, names lowercased where the record type says so).
using System.Buffers.Binary;

namespace Resolver.Protocol.Wire;

/// <summary>
/// Writes DNS wire data into a fixed buffer. Overflow throws <see cref="InvalidOperationException"/>
/// (DNS messages are at most 65,535 bytes; size the buffer for the transport).
/// </summary>
public ref struct DnsWriter
{
    private readonly Span<byte> _buffer;
    private readonly DnsNameCompressor? _compressor;
    private int _position;

    /// <summary>Creates a writer. With a <paramref name="compressor"/>, names written through
    /// <see cref="WriteCompressibleName"/> may be compressed against earlier names.</summary>
    public DnsWriter(Span<byte> buffer, DnsNameCompressor? compressor = null)
    {
        _buffer = buffer;
        _compressor = compressor;
        _position = 0;
        Canonical = false;
    }

    /// <summary>Creates a writer for the DNSSEC canonical form: never compresses, lowercases the
    /// names that RFC 4034 §6.2 (as amended by RFC 6840 §5.1) lists.</summary>
    public static DnsWriter CreateCanonical(Span<byte> buffer) => new(buffer) { Canonical = true };

    /// <summary>True when writing the DNSSEC canonical form.</summary>
    public bool Canonical { get; private init; }

    /// <summary>Number of bytes written so far.</summary>
    public readonly int Position => _position;

    /// <summary>The bytes written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._position];

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_position++] = value;
    }

    /// <summary>Writes a big-endian 16-bit integer.</summary>
    public void WriteUInt16(ushort value)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        _position += 2;
    }

    /// <summary>Writes a big-endian 32-bit integer.</summary>
    public void WriteUInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], value);
        _position += 4;
    }

    /// <summary>Writes bytes as they are.</summary>
    public void WriteBytes(scoped ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }

    /// <summary>Overwrites a big-endian 16-bit integer at an earlier offset (length back-patching).</summary>
    public readonly void PatchUInt16(int offset, ushort value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, _position - 2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[offset..], value);
    }

    /// <summary>
    /// Writes a name that RFC 1035 allows to be compressed (owner names, and names inside NS, CNAME,
    /// SOA, MX, PTR data — RFC 3597 §4). In canonical mode it is lowercased instead.
    /// </summary>
    public void WriteCompressibleName(DnsName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Canonical)
        {
            WriteLowercase(name);
            return;
        }

        if (_compressor is not null)
        {
            _compressor.Write(ref this, name);
            return;
        }

        WriteBytes(name.WireForm);
    }

    /// <summary>
    /// Writes a name inside record data that must not be compressed but is lowercased in the
    /// canonical form (e.g. SRV target, DNAME target, RRSIG signer — RFC 4034 §6.2, RFC 6840 §5.1).
    /// </summary>
    public void WriteUncompressedName(DnsName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Canonical)
        {
            WriteLowercase(name);
        }
        else
        {
            WriteBytes(name.WireForm);
        }
    }

    /// <summary>
    /// Writes a name exactly as it is, even in canonical mode (the NSEC next owner name: RFC 6840
    /// §5.1 removed NSEC from the list of types whose names are lowercased).
    /// </summary>
    public void WriteNameVerbatim(DnsName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        WriteBytes(name.WireForm);
    }

    private void WriteLowercase(DnsName name)
    {
        Ensure(name.WireLength);
        var dest = _buffer.Slice(_position, name.WireLength);
        name.WireForm.CopyTo(dest);
        DnsName.AsciiToLower(dest);
        _position += name.WireLength;
    }

    internal readonly Span<byte> Buffer => _buffer;

    internal void Advance(int count) => _position += count;

    private readonly void Ensure(int count)
    {
        if (_buffer.Length - _position < count)
        {
            ThrowHelper.BufferTooSmall();
        }
    }
}

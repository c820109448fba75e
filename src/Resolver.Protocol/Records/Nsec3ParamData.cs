// Nsec3ParamData: the NSEC3PARAM record at a zone apex, the hash parameters an authoritative
// server uses to build NSEC3 responses (RFC 5155 §4). Validators do not use it.
using System.Globalization;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>The NSEC3 hash parameters of a zone (RFC 5155 §4).</summary>
public sealed record Nsec3ParamData : RecordData
{
    private readonly byte[] _salt;

    /// <summary>Creates NSEC3PARAM data.</summary>
    /// <exception cref="ArgumentException">The salt is longer than 255 bytes.</exception>
    public Nsec3ParamData(byte hashAlgorithm, byte flags, ushort iterations, ReadOnlySpan<byte> salt)
    {
        if (salt.Length > byte.MaxValue)
        {
            throw new ArgumentException("An NSEC3PARAM salt is at most 255 bytes.", nameof(salt));
        }

        HashAlgorithm = hashAlgorithm;
        Flags = flags;
        Iterations = iterations;
        _salt = salt.ToArray();
    }

    /// <summary>The hash algorithm (1 = SHA-1).</summary>
    public byte HashAlgorithm { get; }

    /// <summary>The flags field; RFC 5155 §4.1.2 defines no flags here, so it is normally zero.</summary>
    public byte Flags { get; }

    /// <summary>Additional hash iterations beyond the first.</summary>
    public ushort Iterations { get; }

    /// <summary>The salt.</summary>
    public ReadOnlySpan<byte> Salt => _salt;

    /// <inheritdoc/>
    public override RrType Type => RrType.NSEC3PARAM;

    internal byte[] SaltArray => _salt;

    internal static Nsec3ParamData ReadData(ref DnsReader reader, int length)
    {
        int start = reader.Position;
        if (length < 5)
        {
            ThrowHelper.Format("NSEC3PARAM record data shorter than 5 bytes", start);
        }

        byte algorithm = reader.ReadByte();
        byte flags = reader.ReadByte();
        ushort iterations = reader.ReadUInt16();
        int saltLength = reader.ReadByte();
        // RFC 5155 §4.2: the salt is the whole rest of the data.
        if (saltLength != length - 5)
        {
            ThrowHelper.Format($"NSEC3PARAM salt length {saltLength} does not match the {length - 5} bytes that follow", start + 4);
        }

        return new(algorithm, flags, iterations, reader.ReadBytes(saltLength));
    }

    internal static Nsec3ParamData ParseData(RdataTextReader reader) => new(
        reader.ReadByte("hash algorithm"),
        reader.ReadByte("flags"),
        reader.ReadUInt16("iterations"),
        Nsec3Data.ParseSalt(reader));

    internal override void WriteData(ref DnsWriter writer)
    {
        writer.WriteByte(HashAlgorithm);
        writer.WriteByte(Flags);
        writer.WriteUInt16(Iterations);
        writer.WriteByte((byte)_salt.Length);
        writer.WriteBytes(_salt);
    }

    internal override void FormatData(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{HashAlgorithm} {Flags} {Iterations} ");
        Nsec3Data.AppendSalt(sb, _salt);
    }

    /// <inheritdoc/>
    public bool Equals(Nsec3ParamData? other) =>
        other is not null && HashAlgorithm == other.HashAlgorithm && Flags == other.Flags &&
        Iterations == other.Iterations && BytesEqual(_salt, other._salt);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(HashAlgorithm, Flags, Iterations, BytesHash(_salt));
}

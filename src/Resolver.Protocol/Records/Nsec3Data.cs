// Nsec3Data: the NSEC3 record, the next hashed owner name in hash order and the types at this
// owner, for hashed denial of existence (RFC 5155 §3). Also owns the salt's presentation form,
// shared with NSEC3PARAM (RFC 5155 §3.3, §4.3).
using System.Globalization;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>Hashed authenticated denial of existence (RFC 5155 §3).</summary>
public sealed record Nsec3Data : RecordData
{
    /// <summary>Flags bit 7 (value 1): opt-out, unsigned delegations may lie in the covered span (RFC 5155 §3.1.2.1).</summary>
    public const byte OptOutFlag = 0x01;

    private readonly byte[] _salt;
    private readonly byte[] _nextHashedOwnerName;

    /// <summary>Creates NSEC3 data.</summary>
    /// <exception cref="ArgumentException">The salt is longer than 255 bytes, or the next hashed
    /// owner name is empty or longer than 255 bytes.</exception>
    public Nsec3Data(
        byte hashAlgorithm,
        byte flags,
        ushort iterations,
        ReadOnlySpan<byte> salt,
        ReadOnlySpan<byte> nextHashedOwnerName,
        TypeBitmap typeBitmap)
    {
        ArgumentNullException.ThrowIfNull(typeBitmap);
        if (salt.Length > byte.MaxValue)
        {
            throw new ArgumentException("An NSEC3 salt is at most 255 bytes.", nameof(salt));
        }

        if (nextHashedOwnerName.Length is < 1 or > byte.MaxValue)
        {
            throw new ArgumentException("An NSEC3 next hashed owner name is 1 to 255 bytes.", nameof(nextHashedOwnerName));
        }

        HashAlgorithm = hashAlgorithm;
        Flags = flags;
        Iterations = iterations;
        _salt = salt.ToArray();
        _nextHashedOwnerName = nextHashedOwnerName.ToArray();
        TypeBitmap = typeBitmap;
    }

    /// <summary>The hash algorithm (1 = SHA-1, the only one defined, RFC 5155 §11).</summary>
    public byte HashAlgorithm { get; }

    /// <summary>The flags field.</summary>
    public byte Flags { get; }

    /// <summary>True when the opt-out flag is set (RFC 5155 §6).</summary>
    public bool IsOptOut => (Flags & OptOutFlag) != 0;

    /// <summary>Additional hash iterations beyond the first.</summary>
    public ushort Iterations { get; }

    /// <summary>The salt appended to the name before each hash.</summary>
    public ReadOnlySpan<byte> Salt => _salt;

    /// <summary>The hash of the next owner name in hash order, unencoded.</summary>
    public ReadOnlySpan<byte> NextHashedOwnerName => _nextHashedOwnerName;

    /// <summary>The types present at the original owner name.</summary>
    public TypeBitmap TypeBitmap { get; }

    /// <inheritdoc/>
    public override RrType Type => RrType.NSEC3;

    internal byte[] SaltArray => _salt;

    internal byte[] NextHashedOwnerNameArray => _nextHashedOwnerName;

    internal static Nsec3Data ReadData(ref DnsReader reader, int length)
    {
        int start = reader.Position;
        int end = start + length;
        // Algorithm, flags, iterations, salt length, hash length, and a hash of at least one byte.
        if (length < 7)
        {
            ThrowHelper.Format("NSEC3 record data shorter than 7 bytes", start);
        }

        byte algorithm = reader.ReadByte();
        byte flags = reader.ReadByte();
        ushort iterations = reader.ReadUInt16();
        int saltLength = reader.ReadByte();
        // The hash length byte must still follow the salt.
        if (saltLength + 1 > end - reader.Position)
        {
            ThrowHelper.Format($"NSEC3 salt length {saltLength} runs past the record data", reader.Position - 1);
        }

        ReadOnlySpan<byte> salt = reader.ReadBytes(saltLength);
        int hashLength = reader.ReadByte();
        // RFC 5155 §3.2: the hash length ranges from 1 to 255.
        if (hashLength == 0)
        {
            ThrowHelper.Format("NSEC3 hash length is zero", reader.Position - 1);
        }

        if (hashLength > end - reader.Position)
        {
            ThrowHelper.Format($"NSEC3 hash length {hashLength} runs past the record data", reader.Position - 1);
        }

        ReadOnlySpan<byte> next = reader.ReadBytes(hashLength);
        TypeBitmap bitmap = TypeBitmap.Read(ref reader, end - reader.Position);
        return new(algorithm, flags, iterations, salt, next, bitmap);
    }

    internal static Nsec3Data ParseData(RdataTextReader reader)
    {
        byte algorithm = reader.ReadByte("hash algorithm");
        byte flags = reader.ReadByte("flags");
        ushort iterations = reader.ReadUInt16("iterations");
        byte[] salt = ParseSalt(reader);
        // RFC 5155 §3.3: base32hex without padding or whitespace; either case is accepted.
        byte[] next = reader.ReadBase32Hex("next hashed owner name");
        if (next.Length is < 1 or > byte.MaxValue)
        {
            reader.Fail($"An NSEC3 next hashed owner name is 1 to 255 bytes, not {next.Length}.");
        }

        return new(algorithm, flags, iterations, salt, next, reader.ReadTypeBitmapToEnd());
    }

    internal override void WriteData(ref DnsWriter writer)
    {
        writer.WriteByte(HashAlgorithm);
        writer.WriteByte(Flags);
        writer.WriteUInt16(Iterations);
        writer.WriteByte((byte)_salt.Length);
        writer.WriteBytes(_salt);
        writer.WriteByte((byte)_nextHashedOwnerName.Length);
        writer.WriteBytes(_nextHashedOwnerName);
        TypeBitmap.Write(ref writer);
    }

    internal override void FormatData(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{HashAlgorithm} {Flags} {Iterations} ");
        AppendSalt(sb, _salt);
        sb.Append(' ').Append(Base32Hex.Encode(_nextHashedOwnerName));
        if (!TypeBitmap.WireForm.IsEmpty)
        {
            sb.Append(' ');
            TypeBitmap.Format(sb);
        }
    }

    /// <summary>Reads a salt field: <c>-</c> for none, otherwise hex in one field (RFC 5155 §3.3).</summary>
    internal static byte[] ParseSalt(RdataTextReader reader)
    {
        ZoneToken token = reader.ReadRawToken("salt");
        if (token.Text == "-" && !token.Quoted)
        {
            return [];
        }

        if (token.Text.Length == 0)
        {
            return reader.Fail<byte[]>("An empty salt is written '-'.");
        }

        byte[] salt;
        try
        {
            salt = Convert.FromHexString(token.Text);
        }
        catch (FormatException)
        {
            return reader.Fail<byte[]>($"Bad hex in salt '{token.Text}'.");
        }

        return salt.Length <= byte.MaxValue ? salt : reader.Fail<byte[]>($"A salt is at most 255 bytes, not {salt.Length}.");
    }

    /// <summary>Appends a salt: <c>-</c> when empty, otherwise hex (RFC 5155 §3.3).</summary>
    internal static void AppendSalt(StringBuilder sb, ReadOnlySpan<byte> salt)
    {
        if (salt.IsEmpty)
        {
            sb.Append('-');
        }
        else
        {
            sb.Append(Convert.ToHexString(salt));
        }
    }

    /// <inheritdoc/>
    public bool Equals(Nsec3Data? other) =>
        other is not null && HashAlgorithm == other.HashAlgorithm && Flags == other.Flags &&
        Iterations == other.Iterations && BytesEqual(_salt, other._salt) &&
        BytesEqual(_nextHashedOwnerName, other._nextHashedOwnerName) && TypeBitmap.Equals(other.TypeBitmap);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(HashAlgorithm, Flags, Iterations, BytesHash(_salt), BytesHash(_nextHashedOwnerName), TypeBitmap);
}

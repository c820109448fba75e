// CsyncData: the CSYNC record, a child's request that its parent copy NS and glue (RFC 7477 §2):
// the SOA serial, flags (immediate, soaminimum) and the types to synchronize as an NSEC-style
// type bitmap (RFC 7477 §2.1.3, which reuses RFC 4034 §4.1.2 — and so TypeBitmap).
using System.Globalization;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>Child-to-parent synchronization (RFC 7477).</summary>
public sealed record CsyncData : RecordData
{
    /// <summary>Flags bit 0 (RFC 7477 §2.1.1.1): process the request without waiting for the serial.</summary>
    public const ushort ImmediateFlag = 0x0001;

    /// <summary>Flags bit 1 (RFC 7477 §2.1.1.2): only act if the child's SOA serial is at least <see cref="SoaSerial"/>.</summary>
    public const ushort SoaMinimumFlag = 0x0002;

    /// <summary>Creates CSYNC data.</summary>
    public CsyncData(uint soaSerial, ushort flags, TypeBitmap typeBitmap)
    {
        ArgumentNullException.ThrowIfNull(typeBitmap);
        SoaSerial = soaSerial;
        Flags = flags;
        TypeBitmap = typeBitmap;
    }

    /// <summary>The child's SOA serial (RFC 7477 §2.1.1).</summary>
    public uint SoaSerial { get; }

    /// <summary>The flags field.</summary>
    public ushort Flags { get; }

    /// <summary>The types to copy from the child (RFC 7477 §2.1.3).</summary>
    public TypeBitmap TypeBitmap { get; }

    /// <inheritdoc/>
    public override RrType Type => RrType.CSYNC;

    internal static CsyncData ReadData(ref DnsReader reader, int length)
    {
        if (length < 6)
        {
            ThrowHelper.Format("CSYNC record data shorter than 6 bytes", reader.Position);
        }

        // RFC 7477 §2.1.3 takes the bitmap of RFC 4034 §4.1.2 with its rules, trailing zero octets
        // refused. (NSEC and NSEC3 keep accepting them: a signature covers the bytes as received.)
        return new(reader.ReadUInt32(), reader.ReadUInt16(), TypeBitmap.Read(ref reader, length - 6, rejectTrailingZeroOctets: true));
    }

    // RFC 7477 §2.2: serial, flags, then type mnemonics as in NSEC.
    internal static CsyncData ParseData(RdataTextReader reader) =>
        new(reader.ReadUInt32("SOA serial"), reader.ReadUInt16("flags"), reader.ReadTypeBitmapToEnd());

    internal override void WriteData(ref DnsWriter writer)
    {
        writer.WriteUInt32(SoaSerial);
        writer.WriteUInt16(Flags);
        TypeBitmap.Write(ref writer);
    }

    internal override void FormatData(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{SoaSerial} {Flags}");
        if (!TypeBitmap.WireForm.IsEmpty)
        {
            sb.Append(' ');
            TypeBitmap.Format(sb);
        }
    }
}

// NsecData: the NSEC record, the next owner name in the zone's canonical order and the types at
// this owner, which together prove what does not exist (RFC 4034 §4).
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>
/// Authenticated denial of existence (RFC 4034 §4). Equality compares the next domain name exactly,
/// case included, because that name is not lowercased in the canonical form (RFC 6840 §5.1): two
/// NSEC data are equal exactly when their canonical wire forms are.
/// </summary>
public sealed record NsecData : RecordData
{
    /// <summary>Creates NSEC data.</summary>
    public NsecData(DnsName nextDomainName, TypeBitmap typeBitmap)
    {
        ArgumentNullException.ThrowIfNull(nextDomainName);
        ArgumentNullException.ThrowIfNull(typeBitmap);
        NextDomainName = nextDomainName;
        TypeBitmap = typeBitmap;
    }

    /// <summary>The next owner name in canonical order (the zone apex after the last name).</summary>
    public DnsName NextDomainName { get; }

    /// <summary>The types present at the owner name.</summary>
    public TypeBitmap TypeBitmap { get; }

    /// <inheritdoc/>
    public override RrType Type => RrType.NSEC;

    internal static NsecData ReadData(ref DnsReader reader, int length)
    {
        int start = reader.Position;
        DnsName next = reader.ReadName();
        int used = reader.Position - start;
        if (used > length)
        {
            ThrowHelper.Format("NSEC next domain name runs past the record data", start);
        }

        return new(next, TypeBitmap.Read(ref reader, length - used));
    }

    internal static NsecData ParseData(RdataTextReader reader) =>
        new(reader.ReadName("next domain name"), reader.ReadTypeBitmapToEnd());

    internal override void WriteData(ref DnsWriter writer)
    {
        // RFC 4034 §4.1.1: never compressed; RFC 6840 §5.1: not lowercased in the canonical form.
        writer.WriteNameVerbatim(NextDomainName);
        TypeBitmap.Write(ref writer);
    }

    internal override void FormatData(StringBuilder sb)
    {
        NextDomainName.AppendTo(sb);
        if (!TypeBitmap.WireForm.IsEmpty)
        {
            sb.Append(' ');
            TypeBitmap.Format(sb);
        }
    }

    /// <inheritdoc/>
    public bool Equals(NsecData? other) =>
        other is not null && NextDomainName.WireForm.SequenceEqual(other.NextDomainName.WireForm) &&
        TypeBitmap.Equals(other.TypeBitmap);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(NextDomainName, TypeBitmap);
}

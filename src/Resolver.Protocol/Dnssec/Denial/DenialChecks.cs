// DenialChecks: the type-bitmap tests that NSEC and NSEC3 proofs share — what a record matching
// the query name must (not) list for a NODATA answer, for an insecure delegation, and whether a
// record may deny names below its owner at all (RFC 6840 §4.1, §4.3, §4.4; RFC 5155 §8.3).
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Dnssec.Denial;

internal static class DenialChecks
{
    /// <summary>
    /// False for a record from the parent side of a zone cut (NS without SOA) or at a DNAME: the
    /// names below its owner are not this zone's to deny (RFC 6840 §4.1; RFC 5155 §8.3).
    /// </summary>
    public static bool MayDenyBelow(TypeBitmap bitmap) =>
        !bitmap.Contains(RrType.DNAME) && !ZoneCuts.IsParentSide(bitmap);

    /// <summary>Checks a record matching <paramref name="name"/> (the query name or the wildcard) for a NODATA proof.</summary>
    public static DenialFailure CheckNoData(TypeBitmap bitmap, DnsName name, RrType qtype)
    {
        if (qtype == RrType.DS)
        {
            // RFC 4035 §5.2 / §3.1.4.1: DS lives on the parent side; the child apex's record (SOA
            // set) cannot deny it. The root has no parent, so its own record is the answer.
            if (bitmap.Contains(RrType.SOA) && !name.IsRoot)
            {
                return DenialFailure.ChildApexRecord;
            }
        }
        else if (ZoneCuts.IsParentSide(bitmap))
        {
            // RFC 6840 §4.1: at a delegation the parent holds only NS, DS and the denial record;
            // every other type is the child's, so the parent's record proves nothing about it.
            return DenialFailure.DelegationRecord;
        }

        if (bitmap.Contains(qtype))
        {
            return DenialFailure.TypeExists;
        }

        // RFC 6840 §4.3: a name with a CNAME answers every type with the alias.
        return bitmap.Contains(RrType.CNAME) ? DenialFailure.CnameExists : DenialFailure.None;
    }

    /// <summary>
    /// Checks the record matching a delegation name for an insecure-delegation proof: NS set, SOA
    /// and DS clear (RFC 4035 §5.2, RFC 6840 §4.4).
    /// </summary>
    public static DenialFailure CheckInsecureDelegation(TypeBitmap bitmap)
    {
        if (!bitmap.Contains(RrType.NS))
        {
            return DenialFailure.NotADelegation;
        }

        if (bitmap.Contains(RrType.SOA))
        {
            return DenialFailure.ChildApexRecord;
        }

        return bitmap.Contains(RrType.DS) ? DenialFailure.TypeExists : DenialFailure.None;
    }

    /// <summary>The kind a successful NODATA match establishes: no DS at a delegation point (NS
    /// without SOA) is an insecure delegation.</summary>
    public static DenialProofKind NoDataKind(TypeBitmap bitmap, RrType qtype) =>
        qtype == RrType.DS && ZoneCuts.IsParentSide(bitmap)
            ? DenialProofKind.InsecureDelegation
            : DenialProofKind.NoData;

    /// <summary>The wildcard name at <paramref name="closestEncloser"/>: <c>*.</c> + the encloser.</summary>
    public static DnsName WildcardAt(DnsName closestEncloser) => closestEncloser.Prepend("*"u8);
}

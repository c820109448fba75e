// ZoneCuts: the one test of "this NSEC/NSEC3 record is from the parent side of a zone cut" — its
// type bitmap lists NS but not SOA (RFC 4035 §2.3 and §5.2; RFC 6840 §4.1). Such a record may prove
// there is no DS at the cut (an insecure delegation) but never deny names below it or types other
// than DS at it. The denial proofs, the validator's cut detection and the iterator's referral
// proofs all ask this one function.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Dnssec.Denial;

/// <summary>What a denial record's type bitmap says about a zone cut at its owner.</summary>
public static class ZoneCuts
{
    /// <summary>
    /// True when <paramref name="types"/> (an NSEC or NSEC3 type bitmap) lists NS but not SOA: the
    /// owner is a delegation point and the record the parent's (RFC 6840 §4.1).
    /// </summary>
    /// <param name="types">The record's type bitmap.</param>
    public static bool IsParentSide(TypeBitmap types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return types.Contains(RrType.NS) && !types.Contains(RrType.SOA);
    }
}

// NsecRecords: which records of an authority section make up a denial of existence — NSEC and
// NSEC3 records and the RRSIGs over them. One definition for the cache (TTL of a referral's proof),
// the iterator (wildcard and referral proofs) and offline validation.
using System.Collections.Immutable;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Cache;

internal static class NsecRecords
{
    /// <summary>True for an NSEC or NSEC3 record, or an RRSIG covering one.</summary>
    public static bool IsDenial(ResourceRecord record) =>
        record.Type is RrType.NSEC or RrType.NSEC3 || record.Data is RrsigData { TypeCovered: RrType.NSEC or RrType.NSEC3 };

    /// <summary>The NSEC/NSEC3 records and their RRSIGs among <paramref name="records"/>.</summary>
    public static ImmutableArray<ResourceRecord> Select(IEnumerable<ResourceRecord> records) => [.. records.Where(IsDenial)];
}

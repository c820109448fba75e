// CacheFootprint: what one cache entry really holds on the managed heap, in bytes — the size each
// entry is charged against DnsCacheOptions.SizeLimit, so that the limit bounds the memory the cache
// takes (issue 15 item 5) rather than the wire size of its records, which is a fifth of it or less.
// The model counts the objects an entry keeps alive on 64-bit .NET: every object's 16-byte header and
// fields, arrays' 24-byte headers, each DnsName's two arrays, each record's object and the names inside
// its data, and a fixed part for MemoryCache's own entry, the boxed key and the validator's verdict slot
// (RrSetSecurity with the answer it recalls on a warm hit), which is attached after the entry is stored.
// `benchmarks memory-bound` prints the heap next to the charged total; CacheFootprintTests keep the
// model within a band of the measured heap per entry.
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Cache;

internal static class CacheFootprint
{
    // MemoryCache's CacheEntry (~170 B with its options), the boxed CacheKey (~40), our entry object
    // (~80), an ImmutableArray's array header, and the validator's verdict: RrSetSecurity (~80), a
    // ResolveResult with its lists (~200) in a completed Task (~70) for the warm recall, and the chain
    // of trust's per-answer part (~120). Calibrated with `memory-bound` against the lab.
    public const long EntryOverhead = 760;

    /// <summary>A DnsName: the object and its wire and label-offset arrays.</summary>
    public static long Name(DnsName name) => 32 + Array(name.WireLength) + Array(name.LabelCount);

    /// <summary>A record: its object, its owner name and its data.</summary>
    public static long Record(ResourceRecord record) => 48 + Name(record.Name) + Data(record.Data);

    /// <summary>An RRset with its signatures (the signatures as the cache keeps them, data only).</summary>
    public static long RrSet(SignedRrSet rrSet)
    {
        long size = 64 + Name(rrSet.RrSet.Name) + Array(8 * rrSet.RrSet.Data.Length);
        foreach (RecordData data in rrSet.RrSet.Data)
        {
            size += Data(data);
        }

        size += Array(8 * rrSet.Signatures.Length);
        foreach (RrsigData signature in rrSet.Signatures)
        {
            size += Data(signature);
        }

        return size;
    }

    /// <summary>Record data: its object, a byte array of its wire form and the names inside it.</summary>
    public static long Data(RecordData data)
    {
        int names = NamesIn(data);
        // The wire form counts each embedded name's octets once; its DnsName objects add their headers.
        return 40 + Array(data.ToWire().Length) + (names * (32 + 24 + 24 + 8));
    }

    // Names a record's data holds as DnsName objects (RFC 3597 §4's well-known types with names, and
    // the DNSSEC records): each is two arrays and an object beyond its octets.
    private static int NamesIn(RecordData data) => data switch
    {
        SoaData => 2,
        RrsigData or NsecData or NsData or CnameData or DnameData or PtrData or MxData or SrvData => 1,
        _ => 0,
    };

    // A byte or reference array: 24-byte header and the payload rounded up to 8.
    private static long Array(int bytes) => 24 + ((bytes + 7) & ~7);
}

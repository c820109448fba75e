// RrSet: an immutable resource-record set — the records that share owner, class and type (RFC 2181
// §5) — and the grouping of a flat record list into RRsets with the RRSIGs that cover each one
// (RFC 4034 §3: an RRSIG belongs to the RRset of its owner, class and Type Covered, not to the
// RRSIG "RRset"). DNSSEC signs and validates RRsets, never single records.
using System.Collections.Immutable;
using Resolver.Protocol.Records;

namespace Resolver.Protocol;

/// <summary>
/// An RRset: records with the same owner name, class and type. Immutable. Exact duplicate data are
/// kept out (an RRset is a set, RFC 2181 §5).
/// </summary>
public sealed class RrSet
{
    /// <summary>Creates an RRset.</summary>
    /// <param name="name">The owner name.</param>
    /// <param name="class">The class.</param>
    /// <param name="type">The type; every element of <paramref name="data"/> must have it.</param>
    /// <param name="ttl">The TTL of the set (RFC 2181 §5.2: one TTL for the whole set).</param>
    /// <param name="data">The record data, at least one; exact duplicates are dropped.</param>
    /// <remarks>RRSIGs belong with the RRset they cover (<see cref="SignedRrSet"/>; <see cref="Group"/> never
    /// makes an RRset of type RRSIG). The one RRset of that type is the answer to a query for type RRSIG,
    /// which is data nothing signs (RFC 4034 §3).</remarks>
    /// <exception cref="ArgumentException">No data, or a data of another type.</exception>
    public RrSet(DnsName name, RrClass @class, RrType type, uint ttl, IEnumerable<RecordData> data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(data);
        var builder = ImmutableArray.CreateBuilder<RecordData>();
        foreach (RecordData item in data)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(data));
            if (item.Type != type)
            {
                throw new ArgumentException($"A {item.Type} record data cannot be part of a {type} RRset.", nameof(data));
            }

            if (!builder.Contains(item))
            {
                builder.Add(item);
            }
        }

        if (builder.Count == 0)
        {
            throw new ArgumentException("An RRset holds at least one record.", nameof(data));
        }

        Name = name;
        Class = @class;
        Type = type;
        Ttl = ttl;
        Data = builder.DrainToImmutable();
    }

    /// <summary>The owner name (case as received).</summary>
    public DnsName Name { get; }

    /// <summary>The class.</summary>
    public RrClass Class { get; }

    /// <summary>The type.</summary>
    public RrType Type { get; }

    /// <summary>The TTL of the set.</summary>
    public uint Ttl { get; }

    /// <summary>The record data, in the order first seen, without duplicates.</summary>
    public ImmutableArray<RecordData> Data { get; }

    /// <summary>The set as individual records.</summary>
    public IEnumerable<ResourceRecord> ToRecords() => Data.Select(d => new ResourceRecord(Name, Class, Ttl, d));

    /// <summary>
    /// Groups records into RRsets, each with the RRSIGs at the same owner and class whose Type
    /// Covered is the set's type. Order follows first appearance. The TTL of a set whose records
    /// disagree is the smallest (RFC 2181 §5.2). RRSIGs that cover no RRset present in
    /// <paramref name="records"/> are returned in <see cref="RrSetGrouping.UnmatchedSignatures"/>.
    /// </summary>
    public static RrSetGrouping Group(IEnumerable<ResourceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var order = new List<(DnsName Name, RrClass Class, RrType Type)>();
        var data = new Dictionary<(DnsName, RrClass, RrType), (List<RecordData> Data, uint Ttl)>();
        var sigs = new Dictionary<(DnsName, RrClass, RrType), List<ResourceRecord>>();
        foreach (ResourceRecord rr in records)
        {
            ArgumentNullException.ThrowIfNull(rr, nameof(records));
            if (rr.Data is RrsigData rrsig)
            {
                var sigKey = (rr.Name, rr.Class, rrsig.TypeCovered);
                if (!sigs.TryGetValue(sigKey, out var list))
                {
                    sigs[sigKey] = list = [];
                }

                list.Add(rr);
                continue;
            }

            var key = (rr.Name, rr.Class, rr.Type);
            if (data.TryGetValue(key, out var entry))
            {
                entry.Data.Add(rr.Data);
                data[key] = (entry.Data, Math.Min(entry.Ttl, rr.Ttl));
            }
            else
            {
                data[key] = ([rr.Data], rr.Ttl);
                order.Add(key);
            }
        }

        var sets = ImmutableArray.CreateBuilder<SignedRrSet>(order.Count);
        foreach (var key in order)
        {
            var (list, ttl) = data[key];
            var set = new RrSet(key.Name, key.Class, key.Type, ttl, list);
            ImmutableArray<RrsigData> covering = [];
            if (sigs.Remove(key, out var sigList))
            {
                covering = [.. sigList.Select(s => (RrsigData)s.Data).Distinct()];
            }

            sets.Add(new SignedRrSet(set, covering));
        }

        return new RrSetGrouping(sets.MoveToImmutable(), [.. sigs.Values.SelectMany(l => l)]);
    }
}

/// <summary>An RRset and the RRSIGs found for it (possibly none).</summary>
/// <param name="RrSet">The data.</param>
/// <param name="Signatures">RRSIGs with the set's owner, class and Type Covered.</param>
public sealed record SignedRrSet(RrSet RrSet, ImmutableArray<RrsigData> Signatures);

/// <summary>The result of <see cref="RrSet.Group"/>.</summary>
/// <param name="RrSets">Every RRset with its signatures, in order of first appearance.</param>
/// <param name="UnmatchedSignatures">RRSIG records that cover no RRset in the input.</param>
public sealed record RrSetGrouping(ImmutableArray<SignedRrSet> RrSets, ImmutableArray<ResourceRecord> UnmatchedSignatures);

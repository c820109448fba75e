// Nsec3Chain: the usable NSEC3 records of one proof and the hashing they need. Filters the records
// (RFC 5155 §8.1–8.2: unknown hash algorithm or flags, or an owner that is not one base32hex hash
// label directly under the zone → ignored; labels compared case-insensitively, hickory-dns #2714),
// groups them by parameter set, hashes each name once per parameter set and proof (a cache), and
// counts hashes against a budget (CVE-2023-50868). A proof is made within one parameter set at a
// time (ActiveParameters): records of different chains are never pieced together.
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Dnssec.Denial;

internal sealed class Nsec3Chain
{
    private readonly List<Entry> _entries;
    private readonly List<(ushort Iterations, byte[] Salt)> _parameters;
    private readonly Dictionary<(DnsName Name, int Parameters), byte[]> _hashes = [];
    private readonly int _budget;

    private Nsec3Chain(List<Entry> entries, List<(ushort, byte[])> parameters, int ignored, int budget)
    {
        _entries = entries;
        _parameters = parameters;
        IgnoredRecords = ignored;
        _budget = budget;
        foreach (Entry e in entries)
        {
            MaxIterations = Math.Max(MaxIterations, e.Data.Iterations);
        }
    }

    /// <summary>Hashes computed so far (cache hits not counted).</summary>
    public int HashComputations { get; private set; }

    /// <summary>Records that were not usable.</summary>
    public int IgnoredRecords { get; }

    /// <summary>How many distinct (iterations, salt) parameter sets the usable records use.</summary>
    public int ParameterSets => _parameters.Count;

    /// <summary>The one parameter set <see cref="TryFind"/> looks at; null for all of them.</summary>
    public int? ActiveParameters { get; set; }

    /// <summary>The largest Iterations field among the usable records (0 when there are none).</summary>
    public int MaxIterations { get; }

    /// <summary>Collects the usable NSEC3 records of <paramref name="zone"/>; records of other types are skipped.</summary>
    public static Nsec3Chain Create(DnsName zone, IReadOnlyList<ResourceRecord> records, int budget)
    {
        var entries = new List<Entry>(records.Count);
        var parameters = new List<(ushort, byte[])>(1);
        int ignored = 0;
        Span<char> chars = stackalloc char[DnsName.MaxLabelLength];
        foreach (ResourceRecord record in records)
        {
            if (record.Data is not Nsec3Data data)
            {
                continue;
            }

            // RFC 5155 §8.1: only SHA-1 is defined; §8.2: flags other than 0 or 1 mean the record is ignored.
            // The owner must be exactly one label under the zone, the base32hex of a 20-byte hash.
            if (data.HashAlgorithm != Nsec3Hash.Sha1Algorithm || data.Flags > Nsec3Data.OptOutFlag ||
                data.NextHashedOwnerName.Length != Nsec3Hash.HashLength ||
                record.Name.LabelCount != zone.LabelCount + 1 || !record.Name.IsSubdomainOf(zone) ||
                !TryDecodeOwner(record.Name.GetLabel(0), chars, out byte[] ownerHash))
            {
                ignored++;
                continue;
            }

            entries.Add(new Entry(record, data, ownerHash, IndexOf(parameters, data)));
        }

        return new Nsec3Chain(entries, parameters, ignored, budget);
    }

    /// <summary>
    /// Looks <paramref name="name"/> up: the record whose owner is its hash, else one whose span
    /// covers the hash (RFC 5155 §8.3 "matches" and "covers"), with each parameter set's records
    /// checked against the hash made with those parameters. False when the hash budget ran out.
    /// </summary>
    public bool TryFind(DnsName name, out Entry? match, out Entry? cover)
    {
        match = null;
        cover = null;
        for (int p = 0; p < _parameters.Count; p++)
        {
            if (ActiveParameters is { } active && active != p)
            {
                continue;
            }

            if (!TryHash(name, p, out byte[] hash))
            {
                return false;
            }

            foreach (Entry e in _entries)
            {
                if (e.Parameters != p)
                {
                    continue;
                }

                if (e.OwnerHash.AsSpan().SequenceEqual(hash))
                {
                    match ??= e;
                }
                else if (Covers(e, hash))
                {
                    cover ??= e;
                }
            }
        }

        if (match is not null)
        {
            cover = null;
        }

        return true;
    }

    // RFC 5155 §8.3: the hash lies strictly between the owner hash and the next hashed owner; the
    // last record of the chain (next ≤ owner) wraps around and covers everything after its owner
    // and before its next, and a chain of one record covers every hash but its own.
    private static bool Covers(Entry e, ReadOnlySpan<byte> hash)
    {
        ReadOnlySpan<byte> owner = e.OwnerHash;
        ReadOnlySpan<byte> next = e.Data.NextHashedOwnerName;
        int afterOwner = hash.SequenceCompareTo(owner);
        int beforeNext = hash.SequenceCompareTo(next);
        return owner.SequenceCompareTo(next) < 0
            ? afterOwner > 0 && beforeNext < 0
            : afterOwner > 0 || beforeNext < 0;
    }

    private bool TryHash(DnsName name, int parameters, out byte[] hash)
    {
        if (_hashes.TryGetValue((name, parameters), out hash!))
        {
            return true;
        }

        if (HashComputations >= _budget)
        {
            return false;
        }

        (ushort iterations, byte[] salt) = _parameters[parameters];
        hash = Nsec3Hash.Compute(name, salt, iterations);
        HashComputations++;
        _hashes[(name, parameters)] = hash;
        return true;
    }

    private static int IndexOf(List<(ushort Iterations, byte[] Salt)> parameters, Nsec3Data data)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Iterations == data.Iterations && parameters[i].Salt.AsSpan().SequenceEqual(data.Salt))
            {
                return i;
            }
        }

        parameters.Add((data.Iterations, data.Salt.ToArray()));
        return parameters.Count - 1;
    }

    // Base32hex of 20 bytes is 32 characters; either case is accepted (RFC 4648 §7, RFC 5155 §3.3).
    private static bool TryDecodeOwner(ReadOnlySpan<byte> label, Span<char> chars, out byte[] hash)
    {
        hash = [];
        if (label.Length != 32)
        {
            return false;
        }

        for (int i = 0; i < label.Length; i++)
        {
            chars[i] = (char)label[i];
        }

        return Base32Hex.TryDecode(chars[..label.Length], out hash) && hash.Length == Nsec3Hash.HashLength;
    }

    /// <summary>A usable NSEC3 record with its decoded owner hash and parameter-set index.</summary>
    public sealed record Entry(ResourceRecord Record, Nsec3Data Data, byte[] OwnerHash, int Parameters);
}

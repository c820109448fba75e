// ZoneSigner: turns an unsigned zone into a signed one by the rules of RFC 4035 §2 and RFC 5155
// §7.1. It finds the apex (the SOA owner), the delegation points (non-apex NS owners) and what they
// occlude (glue and anything else below a cut, and names below a DNAME, RFC 6672 §2.4); publishes
// the DNSKEY RRset; builds the NSEC chain (authoritative names and delegation points, canonical
// order, wrapping to the apex) or the NSEC3 chain (hashed authoritative names, delegation points
// unless opted out, and empty non-terminals, in hash order) with NSEC3PARAM at the apex; and signs
// every authoritative RRset — never a delegation's NS RRset or glue, always a delegation's DS.
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Signing;

/// <summary>Signs whole zones for tests.</summary>
public static class ZoneSigner
{
    /// <summary>Signs <paramref name="records"/>, an unsigned zone.</summary>
    /// <param name="records">The zone: exactly one SOA (its owner is the apex) and an apex NS RRset,
    /// plus anything else at or below the apex. RRSIG, NSEC, NSEC3 and NSEC3PARAM records in it
    /// are dropped (so a signed zone can be signed again); DNSKEY records are kept and published
    /// along with the keys'.</param>
    /// <param name="options">Keys, window and denial of existence. With no keys the zone is left
    /// unsigned (an insecure zone): no DNSKEY, no denial records, no RRSIGs.</param>
    /// <exception cref="ArgumentException">No SOA, several, no apex NS, or a record outside the zone.</exception>
    public static SignedZone Sign(IEnumerable<ResourceRecord> records, ZoneSigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        List<ResourceRecord> unsigned = [.. records.Where(r => r.Type is not (RrType.RRSIG or RrType.NSEC or RrType.NSEC3 or RrType.NSEC3PARAM))];
        var layout = new ZoneLayout(unsigned);
        DnsName apex = layout.Apex;
        if (options.Keys.Count == 0)
        {
            return new SignedZone(apex, SignedZone.Sort(unsigned), unsigned, options);
        }

        // The DNSKEY RRset: keys given in the zone data, then the signing and published-only keys.
        IEnumerable<RecordData> dnskeys = layout.Get(apex, RrType.DNSKEY)?.Data ?? [];
        dnskeys = dnskeys.Concat(options.Keys.Select(k => k.Dnskey)).Concat(options.PublishedOnly.Select(k => k.Dnskey));
        layout.Set(new RrSet(apex, RrClass.IN, RrType.DNSKEY, options.DnskeyTtl, dnskeys));

        SoaData soa = (SoaData)layout.Get(apex, RrType.SOA)!.Data[0];
        // RFC 4034 §4 and RFC 5155 §3 say the SOA minimum; RFC 9077 §3 corrects that to the lesser of
        // the SOA minimum and the SOA TTL, as negative answers are cached.
        uint denialTtl = Math.Min(soa.Minimum, layout.Get(apex, RrType.SOA)!.Ttl);

        var output = new List<ResourceRecord>();
        switch (options.Denial)
        {
            case DenialKind.Nsec:
                AddNsecChain(layout, denialTtl);
                break;
            case DenialKind.Nsec3:
                var param = new Nsec3ParamData(Nsec3Hash.Sha1Algorithm, 0, options.Nsec3Iterations, options.Nsec3Salt.Span);
                layout.Set(new RrSet(apex, RrClass.IN, RrType.NSEC3PARAM, denialTtl, [param]));
                output.AddRange(BuildNsec3Chain(layout, options, denialTtl));
                break;
            case DenialKind.None:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Denial, "Unknown denial kind.");
        }

        foreach (RrSet set in layout.AllRrSets())
        {
            output.AddRange(set.ToRecords());
        }

        var nsec3Sets = RrSet.Group(output.Where(r => r.Type == RrType.NSEC3)).RrSets.Select(s => s.RrSet);
        foreach (RrSet set in layout.AllRrSets().Where(layout.IsAuthoritative).Concat(nsec3Sets))
        {
            output.AddRange(SignRrSet(set, apex, options.Keys, options.Inception, options.Expiration));
        }

        return new SignedZone(apex, SignedZone.Sort(output), unsigned, options);
    }

    /// <summary>
    /// The RRSIG records the signing rule gives <paramref name="set"/>: per algorithm, the DNSKEY
    /// RRset is signed by the SEP keys and every other RRset by the non-SEP keys, each falling
    /// back to the other kind when an algorithm has only one.
    /// </summary>
    public static IEnumerable<ResourceRecord> SignRrSet(RrSet set, DnsName signer, IReadOnlyList<SigningKey> keys, uint inception, uint expiration)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(keys);
        foreach (SigningKey key in SignersFor(set.Type, keys))
        {
            yield return RrsetSigner.SignToRecord(set, key, signer, inception, expiration);
        }
    }

    /// <summary>The keys that sign an RRset of <paramref name="type"/> (see <see cref="SignRrSet"/>).</summary>
    public static IEnumerable<SigningKey> SignersFor(RrType type, IReadOnlyList<SigningKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var byAlgorithm in keys.GroupBy(k => k.Algorithm))
        {
            bool wantSep = type == RrType.DNSKEY;
            var preferred = byAlgorithm.Where(k => k.IsKsk == wantSep).ToList();
            foreach (SigningKey key in preferred.Count > 0 ? preferred : byAlgorithm.ToList())
            {
                yield return key;
            }
        }
    }

    // RFC 4035 §2.3: one NSEC per authoritative owner and delegation point, in canonical order,
    // the last pointing back to the apex; the bitmap lists the types there plus NSEC and RRSIG
    // (the NSEC itself is signed, so even an unsigned delegation has an RRSIG at its name).
    private static void AddNsecChain(ZoneLayout layout, uint ttl)
    {
        List<DnsName> names = [.. layout.Owners.Where(n => !layout.IsOccluded(n)).Order()];
        for (int i = 0; i < names.Count; i++)
        {
            DnsName name = names[i];
            DnsName next = names[(i + 1) % names.Count];
            var types = layout.BitmapTypes(name).Append(RrType.NSEC).Append(RrType.RRSIG);
            layout.Set(new RrSet(name, RrClass.IN, RrType.NSEC, ttl, [new NsecData(next, TypeBitmap.FromTypes(types))]));
        }
    }

    // RFC 5155 §7.1: an NSEC3 per authoritative owner, per delegation point (insecure ones only
    // without opt-out) and per empty non-terminal on the way to any of those; the bitmap lists the
    // types at the original owner — RRSIG only when something there is signed, never NSEC3 — and
    // the next hashed owner wraps from the last hash to the first.
    private static List<ResourceRecord> BuildNsec3Chain(ZoneLayout layout, ZoneSigningOptions options, uint ttl)
    {
        var members = new HashSet<DnsName>();
        foreach (DnsName name in layout.Owners)
        {
            if (layout.IsOccluded(name) ||
                (options.Nsec3OptOut && layout.IsDelegation(name) && layout.Get(name, RrType.DS) is null))
            {
                continue;
            }

            members.Add(name);
        }

        foreach (DnsName name in members.ToList())
        {
            for (DnsName ancestor = name; ancestor.LabelCount > layout.Apex.LabelCount; ancestor = ancestor.Parent)
            {
                members.Add(ancestor);
            }
        }

        byte[] salt = options.Nsec3Salt.ToArray();
        var hashed = members
            .Select(name => (Name: name, Hash: Nsec3Hash.Compute(name, salt, options.Nsec3Iterations)))
            .OrderBy(e => e.Hash, ByteComparer.Instance)
            .ToList();
        byte flags = options.Nsec3OptOut ? Nsec3Data.OptOutFlag : (byte)0;
        var records = new List<ResourceRecord>(hashed.Count);
        for (int i = 0; i < hashed.Count; i++)
        {
            var (name, hash) = hashed[i];
            byte[] next = hashed[(i + 1) % hashed.Count].Hash;
            List<RrType> types = [.. layout.BitmapTypes(name)];
            if (types.Any(t => layout.IsAuthoritative(name, t)))
            {
                types.Add(RrType.RRSIG);
            }

            DnsName owner = layout.Apex.Prepend(System.Text.Encoding.ASCII.GetBytes(Resolver.Protocol.Text.Base32Hex.Encode(hash)));
            var data = new Nsec3Data(Nsec3Hash.Sha1Algorithm, flags, options.Nsec3Iterations, salt, next, TypeBitmap.FromTypes(types));
            records.Add(new ResourceRecord(owner, ttl, data));
        }

        return records;
    }

    /// <summary>Orders byte strings as unsigned octet strings (NSEC3 hash order).</summary>
    internal sealed class ByteComparer : IComparer<byte[]>
    {
        public static ByteComparer Instance { get; } = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}

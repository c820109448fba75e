// CanonicalRrsets: the fuzzer's own reading of RFC 4034 §6.2 (as corrected by RFC 6840 §5.1), kept
// apart from the library's SignedData so the oracle does not share a canonicalisation bug with the
// code under test. An RRset is keyed by its lowercased owner, class and type; its value is the set of
// canonical RDATA (embedded names lowercased only for the listed types, duplicates dropped, sorted).
// TTLs are not part of it: a signature covers the RRSIG's original TTL, never the TTL on the wire.
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Fuzz;

/// <summary>Canonical RRset forms of a message, and the comparisons the soundness oracle makes.</summary>
internal sealed class CanonicalRrsets
{
    private readonly Dictionary<string, SortedSet<string>> _sets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _signed = new(StringComparer.Ordinal);

    private CanonicalRrsets() { }

    /// <summary>The RRsets of <paramref name="records"/> (RRSIGs mark which are signed; they are not RRsets themselves here).</summary>
    public static CanonicalRrsets Of(IEnumerable<ResourceRecord> records)
    {
        var result = new CanonicalRrsets();
        var list = records.ToList();
        foreach (ResourceRecord record in list)
        {
            if (record.Data is RrsigData sig)
            {
                result._signed.Add(Key(record.Name, record.Class, sig.TypeCovered));
                continue;
            }

            string key = Key(record);
            if (!result._sets.TryGetValue(key, out SortedSet<string>? set))
            {
                result._sets[key] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            set.Add(Rdata(record));
        }

        return result;
    }

    /// <summary>The keys of the signed RRsets (those an RRSIG with the same owner, class and type covers).</summary>
    public IEnumerable<string> SignedKeys => _sets.Keys.Where(_signed.Contains);

    /// <summary>True when the RRset <paramref name="key"/> exists here.</summary>
    public bool Has(string key) => _sets.ContainsKey(key);

    /// <summary>True when both have the RRset <paramref name="key"/> with the same canonical RDATA set.</summary>
    public bool SameAs(CanonicalRrsets other, string key) =>
        _sets.TryGetValue(key, out SortedSet<string>? mine) && other._sets.TryGetValue(key, out SortedSet<string>? theirs) && mine.SetEquals(theirs);

    /// <summary>True when <paramref name="record"/>, in canonical form, is a member of one of these RRsets.</summary>
    public bool Contains(ResourceRecord record) =>
        _sets.TryGetValue(Key(record), out SortedSet<string>? set) && set.Contains(Rdata(record));

    /// <summary>The RRset key of a record: canonical owner, class and type (RFC 4034 §6.2 items 2–3).</summary>
    public static string Key(ResourceRecord record) => Key(record.Name, record.Class, record.Type);

    private static string Key(DnsName owner, RrClass @class, RrType type) =>
        $"{Convert.ToHexString(LowerAscii(owner.WireForm))}/{(ushort)@class}/{(ushort)type}";

    /// <summary>Canonical RDATA as hex (RFC 4034 §6.2 item 3 with RFC 6840 §5.1: NSEC's next name keeps its case).</summary>
    public static string Rdata(ResourceRecord record)
    {
        RecordData data = record.Data switch
        {
            NsData d => new NsData(d.NameServer.ToLowerInvariant()),
            CnameData d => new CnameData(d.Target.ToLowerInvariant()),
            DnameData d => new DnameData(d.Target.ToLowerInvariant()),
            PtrData d => new PtrData(d.DomainName.ToLowerInvariant()),
            MxData d => d with { Exchange = d.Exchange.ToLowerInvariant() },
            SrvData d => d with { Target = d.Target.ToLowerInvariant() },
            SoaData d => d with { PrimaryServer = d.PrimaryServer.ToLowerInvariant(), ResponsibleMailbox = d.ResponsibleMailbox.ToLowerInvariant() },
            RrsigData d => new RrsigData(d.TypeCovered, d.Algorithm, d.Labels, d.OriginalTtl, d.SignatureExpiration,
                d.SignatureInception, d.KeyTag, d.SignerName.ToLowerInvariant(), d.Signature),
            _ => record.Data,
        };
        return Convert.ToHexString(data.ToWire());
    }

    private static byte[] LowerAscii(ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        for (int i = 0; i < copy.Length; i++)
        {
            if (copy[i] is >= (byte)'A' and <= (byte)'Z')
            {
                copy[i] |= 0x20;
            }
        }

        return copy;
    }
}

// SignedRrsetCase: the shared input of the signature properties — a random RRset (random owner
// under a random zone, random type, 1–8 records of random data, names in mixed case) signed by the
// test signer with a key of one of the eight verified algorithms — and the helpers the properties
// use to vary it: case changes of names (owner, and names inside RDATA for the RFC 6840 §5.1
// types), canonical RDATA, and single-byte mutations. Keys come from a small fixed set per
// algorithm (three seeds; RSA keys from the signer's pool) so RSA key generation happens once.
using FsCheck;
using FsCheck.Fluent;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Protocol.Wire;
using Resolver.Testing.Generators;
using Resolver.Testing.Signing;

namespace Resolver.Protocol.Tests.Dnssec.Properties;

/// <summary>An RRset, its RRSIG, the signing key and an instant inside the validity window.</summary>
internal sealed record SignedRrsetCase(
    SigningKey Key,
    DnsName Zone,
    RrSet RrSet,
    RrsigData Rrsig,
    DateTimeOffset Now)
{
    /// <summary>Keys per algorithm: seeds 0–2, and for RSA/SHA-256 and /SHA-512 one 2048-bit key too.</summary>
    private static readonly Lazy<IReadOnlyList<SigningKey>> s_keys = new(() =>
        [.. SigningKey.SupportedAlgorithms.SelectMany(a => Enumerable.Range(0, 3).Select(seed => SigningKey.Generate(a, SigningKey.ZskFlags, seed))),
         SigningKey.Generate(DnssecAlgorithm.RsaSha256, SigningKey.ZskFlags, 0, rsaBits: 2048),
         SigningKey.Generate(DnssecAlgorithm.RsaSha512, SigningKey.ZskFlags, 0, rsaBits: 2048)]);

    /// <summary>RR types whose RDATA names are lowercased in canonical form and modelled by the
    /// library (RFC 4034 §6.2 item 3 as corrected by RFC 6840 §5.1; RRSIG cannot form an RRset).</summary>
    public static IReadOnlySet<RrType> LowercasedNameTypes { get; } = new HashSet<RrType>
    {
        RrType.NS, RrType.CNAME, RrType.SOA, RrType.PTR, RrType.MX, RrType.SRV, RrType.DNAME,
    };

    /// <summary>The DNSKEY RRset of the signer, holding only the signing key.</summary>
    public RrSet Keys => KeySet(Zone, RrSet.Class, Key.Dnskey);

    /// <summary>A random signed RRset, any algorithm.</summary>
    public static Gen<SignedRrsetCase> Any => ForAlgorithms(SigningKey.SupportedAlgorithms);

    /// <summary>A random signed RRset, with a key of one of <paramref name="algorithms"/>.</summary>
    public static Gen<SignedRrsetCase> ForAlgorithms(IEnumerable<DnssecAlgorithm> algorithms) => Create(Gen.Elements(algorithms.ToArray()), Types);

    /// <summary>A random signed RRset of <paramref name="type"/>, any algorithm.</summary>
    public static Gen<SignedRrsetCase> OfType(RrType type) => Create(Gen.Elements(SigningKey.SupportedAlgorithms.ToArray()), Gen.Constant(type));

    private static Gen<SignedRrsetCase> Create(Gen<DnssecAlgorithm> algorithms, Gen<RrType> types) =>
        from algorithm in algorithms
        from keyIndex in Gen.Choose(0, 7)
        from zone in Zones
        from labels in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 3))).SelectMany(n => Gen.ListOf(NameGen.Label, n))
        from wildcard in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        let prefix = wildcard ? labels.Prepend("*"u8.ToArray()).ToList() : labels.ToList()
        from type in types
        from @class in Gen.Frequency((8, Gen.Constant(RrClass.IN)), (1, Gen.Elements(RrClass.CH, RrClass.HS)))
        from ttl in ByteGen.UInt32
        from count in Gen.Choose(1, 8)
        from data in Gen.ListOf(RecordDataGen.ForType(type), count)
        from inception in ByteGen.UInt32
        from window in Gen.Choose(0, int.MaxValue)
        from offset in Gen.Choose(0, int.MaxValue)
        from era in Gen.Choose(0, 2)
        select Build(algorithm, keyIndex, zone, prefix, type, @class, ttl, data, inception, (uint)window, (uint)offset, era);

    /// <summary>A DNSKEY RRset at <paramref name="owner"/> (of the class of the RRset it signs).</summary>
    public static RrSet KeySet(DnsName owner, RrClass @class, params DnskeyData[] keys) => new(owner, @class, RrType.DNSKEY, 3600, keys);

    /// <summary>The key for <paramref name="algorithm"/>, index taken modulo the keys there are.</summary>
    public static SigningKey KeyFor(DnssecAlgorithm algorithm, int index)
    {
        SigningKey[] candidates = [.. s_keys.Value.Where(k => k.Algorithm == algorithm)];
        return candidates[index % candidates.Length];
    }

    /// <summary>Checks <paramref name="rrset"/> against this case's RRSIG and key.</summary>
    public SignatureCheckResult Check(RrSet rrset) => SignatureVerifier.Check(rrset, Rrsig, Keys, Zone, Now);

    /// <summary>The same name with the case of each ASCII letter flipped or not, as <paramref name="random"/> says.</summary>
    public static DnsName Recase(DnsName name, Random random)
    {
        byte[] wire = name.WireForm.ToArray();
        for (int pos = 0; wire[pos] != 0; pos += wire[pos] + 1)
        {
            for (int i = pos + 1; i <= pos + wire[pos]; i++)
            {
                if (char.IsAsciiLetter((char)wire[i]) && random.Next(2) == 0)
                {
                    wire[i] ^= 0x20;
                }
            }
        }

        return DnsName.FromWire(wire);
    }

    /// <summary>A copy of <paramref name="rrsig"/> with another signer name (same signature).</summary>
    public static RrsigData WithSigner(RrsigData rrsig, DnsName signer) => new(
        rrsig.TypeCovered, rrsig.Algorithm, rrsig.Labels, rrsig.OriginalTtl, rrsig.SignatureExpiration,
        rrsig.SignatureInception, rrsig.KeyTag, signer, rrsig.Signature);

    /// <summary>The record data with the case of every embedded name changed at random (every type
    /// that holds names, including NSEC, whose next name is NOT lowercased in canonical form).</summary>
    public static RecordData RecaseNames(RecordData data, Random random) => data switch
    {
        NsData ns => new NsData(Recase(ns.NameServer, random)),
        CnameData cname => new CnameData(Recase(cname.Target, random)),
        DnameData dname => new DnameData(Recase(dname.Target, random)),
        PtrData ptr => new PtrData(Recase(ptr.DomainName, random)),
        MxData mx => mx with { Exchange = Recase(mx.Exchange, random) },
        SrvData srv => srv with { Target = Recase(srv.Target, random) },
        SoaData soa => soa with { PrimaryServer = Recase(soa.PrimaryServer, random), ResponsibleMailbox = Recase(soa.ResponsibleMailbox, random) },
        NsecData nsec => new NsecData(Recase(nsec.NextDomainName, random), nsec.TypeBitmap),
        _ => data,
    };

    /// <summary>The canonical RDATA (RFC 4034 §6.2) of <paramref name="data"/>.</summary>
    public static byte[] CanonicalRdata(RecordData data)
    {
        byte[] buffer = new byte[ushort.MaxValue];
        var writer = DnsWriter.CreateCanonical(buffer);
        data.WriteData(ref writer);
        return writer.Written.ToArray();
    }

    /// <summary>The distinct canonical RDATAs of a set, as strings of hex for set comparison.</summary>
    public static HashSet<string> CanonicalRdataSet(RrSet rrset) => [.. rrset.Data.Select(d => Convert.ToHexString(CanonicalRdata(d)))];

    /// <summary>A copy of <paramref name="bytes"/> with the byte at <paramref name="position"/> XORed with <paramref name="mask"/> (1–255).</summary>
    public static byte[] Mutate(ReadOnlySpan<byte> bytes, int position, byte mask)
    {
        byte[] copy = bytes.ToArray();
        copy[position] ^= mask;
        return copy;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Key} signer {Zone} set {RrSet.Name} {RrSet.Class} {RrSet.Type} ttl {RrSet.Ttl} ({RrSet.Data.Length} records) " +
        $"window {Rrsig.SignatureInception}..{Rrsig.SignatureExpiration} now {SignatureVerifier.ToSerial(Now)}";

    // Zones: realistic ones in mixed case, and random names (odd bytes, "*" labels, long names).
    private static Gen<DnsName> Zones { get; } = Gen.Frequency(
        (3, Gen.Elements(".", "example.", "Example.COM.", "ip6.arpa.", "xn--bcher-kva.EXAMPLE.", "a.b.c.d.e.f.g.").Select(DnsName.Parse)),
        (2, NameGen.Ordinary),
        (1, NameGen.Any));

    // Types: the ones with names inside RDATA often, then any type the generators know (RRSIG and
    // OPT cannot be a signed RRset).
    private static Gen<RrType> Types { get; } = Gen.Frequency(
            (3, Gen.Elements(RrType.NS, RrType.CNAME, RrType.SOA, RrType.PTR, RrType.MX, RrType.SRV, RrType.DNAME, RrType.NSEC)),
            (3, RecordDataGen.AnyType))
        .Where(t => t is not (RrType.RRSIG or RrType.OPT));

    private static SignedRrsetCase Build(
        DnssecAlgorithm algorithm,
        int keyIndex,
        DnsName zone,
        IReadOnlyList<byte[]> prefix,
        RrType type,
        RrClass @class,
        uint ttl,
        IReadOnlyList<RecordData> data,
        uint inception,
        uint window,
        uint offset,
        int era)
    {
        SigningKey key = KeyFor(algorithm, keyIndex);
        DnsName owner = zone;
        for (int i = prefix.Count - 1; i >= 0; i--)
        {
            if (owner.WireLength + 1 + prefix[i].Length <= DnsName.MaxWireLength)
            {
                owner = owner.Prepend(prefix[i]);
            }
        }

        var rrset = new RrSet(owner, @class, type, ttl, data);
        uint expiration = unchecked(inception + window);
        RrsigData rrsig = RrsetSigner.Sign(rrset, key, zone, inception, expiration);

        // An instant inside the window, in any 2^32-second era (so across the 2106 wrap too).
        uint now = unchecked(inception + (uint)(offset % (window + 1L)));
        return new SignedRrsetCase(key, zone, rrset, rrsig, DateTimeOffset.FromUnixTimeSeconds(now + ((long)era << 32)));
    }
}

// SignedZoneGen: FsCheck generators of random zones and signing options, for properties such as
// "a correctly signed zone verifies and any single corrupted signature does not". Zones mix host
// data, CNAMEs, wildcards, deep names (so empty non-terminals appear), secure and insecure
// delegations with glue; options mix algorithms, key splits, NSEC and NSEC3 (salt, iterations,
// opt-out). Everything derives from generated values, so FsCheck's replay seed rebuilds the case.
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Signing;

/// <summary>Generators of unsigned zones, signing options and signed zones.</summary>
public static class SignedZoneGen
{
    private static readonly string[] s_labels = ["a", "b", "c", "www", "mail", "sub", "X", "z9"];

    /// <summary>The apexes zones are generated at.</summary>
    public static Gen<DnsName> Apex { get; } =
        Gen.Elements(".", "example.", "example.com.", "a.b.test.").Select(DnsName.Parse);

    /// <summary>A name 1 to 3 labels below <paramref name="apex"/>, from a small alphabet so names collide and nest.</summary>
    public static Gen<DnsName> NameBelow(DnsName apex) =>
        from count in Gen.Choose(1, 3)
        from labels in Gen.ArrayOf(Gen.Elements(s_labels), count)
        select labels.Aggregate(apex, (name, label) => name.Prepend(label));

    /// <summary>An unsigned zone at <paramref name="apex"/>: SOA, apex NS with in-zone glue, and 0 to 12 random entries.</summary>
    public static Gen<IReadOnlyList<ResourceRecord>> UnsignedZone(DnsName apex) =>
        from count in Gen.Choose(0, 12)
        from entries in Gen.ListOf(Entry(apex), count)
        select (IReadOnlyList<ResourceRecord>)Build(apex, entries);

    /// <summary>Signing options for <paramref name="apex"/>: fast algorithms (RSA only from the pool), split or combined keys, NSEC or NSEC3.</summary>
    public static Gen<ZoneSigningOptions> Options(DnsName apex) =>
        from algorithm in Gen.Elements(
            DnssecAlgorithm.Ed25519, DnssecAlgorithm.Ed448, DnssecAlgorithm.EcdsaP256Sha256,
            DnssecAlgorithm.EcdsaP384Sha384, DnssecAlgorithm.RsaSha256)
        from split in Gen.Elements(true, false)
        from nsec3 in Gen.Elements(false, true)
        from saltLength in Gen.Choose(0, 8)
        from salt in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), saltLength)
        from iterations in Gen.Choose(0, 3)
        from optOut in Gen.Elements(false, true)
        select ZoneSigningOptions.For(apex, split, algorithm) with
        {
            Denial = nsec3 ? DenialKind.Nsec3 : DenialKind.Nsec,
            Nsec3Salt = salt,
            Nsec3Iterations = (ushort)iterations,
            Nsec3OptOut = nsec3 && optOut,
        };

    /// <summary>A random zone signed with random options.</summary>
    public static Gen<SignedZone> SignedZone { get; } =
        from apex in Apex
        from records in UnsignedZone(apex)
        from options in Options(apex)
        select ZoneSigner.Sign(records, options);

    private static Gen<ResourceRecord[]> Entry(DnsName apex) =>
        from name in NameBelow(apex)
        from kind in Gen.Choose(0, 7)
        from seed in Gen.Choose(0, 255)
        select kind switch
        {
            0 => [new ResourceRecord(name, 300, new AData(new IPAddress([192, 0, 2, (byte)seed])))],
            1 => [new ResourceRecord(name, 300, new AaaaData(IPAddress.Parse($"2001:db8::{seed:x}")))],
            2 => [new ResourceRecord(name, 300, new TxtData([System.Text.Encoding.ASCII.GetBytes($"t{seed}")]))],
            3 => [new ResourceRecord(name, 300, new MxData((ushort)seed, apex.Prepend("mail")))],
            4 => [new ResourceRecord(name.Parent.Prepend("*"), 300, new TxtData([System.Text.Encoding.ASCII.GetBytes("wild")]))],
            5 => [new ResourceRecord(name, 300, new CnameData(apex.Prepend("www")))],
            // A delegation with glue below it; half of them secure (a DS to some key).
            _ => Delegation(name, secure: kind == 7, seed),
        };

    private static ResourceRecord[] Delegation(DnsName child, bool secure, int seed)
    {
        DnsName ns = child.Prepend("ns");
        ResourceRecord[] records =
        [
            new(child, 3600, new NsData(ns)),
            new(ns, 3600, new AData(new IPAddress([198, 51, 100, (byte)seed]))),
        ];
        return secure ? [.. records, new(child, 3600, SigningKey.Ksk(DnssecAlgorithm.Ed25519, seed).CreateDs(child))] : records;
    }

    private static List<ResourceRecord> Build(DnsName apex, IEnumerable<ResourceRecord[]> entries)
    {
        DnsName ns1 = apex.Prepend("ns1");
        var records = new List<ResourceRecord>
        {
            new(apex, 3600, new SoaData(ns1, apex.Prepend("hostmaster"), 1, 7200, 3600, 1_209_600, 300)),
            new(apex, 3600, new NsData(ns1)),
            new(ns1, 3600, new AData(IPAddress.Parse("192.0.2.53"))),
        };
        foreach (var entry in entries)
        {
            records.AddRange(entry);
        }

        return records;
    }
}

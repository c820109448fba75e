// SignedSeeds: responses of a small signed hierarchy built with Resolver.Testing's signer — root
// (ECDSA P-256, NSEC) → test. (RSA/SHA-256, NSEC3 with salt) → example.test. (Ed25519, NSEC:
// data, CNAMEs, a DNAME, a wildcard, an empty non-terminal), n3.test. (P-384, NSEC3), optout.test.
// (NSEC3 opt-out with an unsigned child) and unsigned.test. — one per question below, answered the
// way a recursive server hands a whole alias chain to a stub. Keys derive from the zone names, so the
// seeds are the same in every run and a saved finding replays against them.
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using Resolver.Testing.Signing;

namespace Resolver.Fuzz;

/// <summary>Builds the signed-zone seeds.</summary>
internal static class SignedSeeds
{
    // Positive answers, alias chains, wildcards, NXDOMAIN/NODATA under NSEC, NSEC3 and opt-out, and
    // names under insecure delegations: each response shape the validator has a rule for.
    private static readonly (string Name, RrType Type)[] s_questions =
    [
        ("www.example.test.", RrType.A), ("www.example.test.", RrType.ANY), ("alias.example.test.", RrType.A),
        ("ton3.example.test.", RrType.A), ("www.old.example.test.", RrType.A), ("toinsec.example.test.", RrType.A),
        ("nope.example.test.", RrType.A), ("www.example.test.", RrType.MX), ("ent.example.test.", RrType.A),
        ("x.wild.example.test.", RrType.A), ("x.wild.example.test.", RrType.MX), ("example.test.", RrType.DNSKEY),
        ("example.test.", RrType.DS), ("www.n3.test.", RrType.A), ("nope.n3.test.", RrType.A), ("www.n3.test.", RrType.MX),
        ("x.wild.n3.test.", RrType.TXT), ("www.optout.test.", RrType.A), ("nope.optout.test.", RrType.A),
        ("www.child.optout.test.", RrType.A), ("child.optout.test.", RrType.DS), ("www.unsigned.test.", RrType.A),
        ("unsigned.test.", RrType.DS), ("nope.test.", RrType.A), ("test.", RrType.SOA),
    ];

    /// <summary>One seed per question, each with the hierarchy's supporting records and anchor.</summary>
    public static IReadOnlyList<FuzzSeed> Build()
    {
        ZoneHierarchy hierarchy = Hierarchy();
        var supporting = new List<ResourceRecord>();
        foreach (SignedZone zone in hierarchy.Zones)
        {
            supporting.AddRange(zone.Records.Where(r => (r.Data is RrsigData s ? s.TypeCovered : r.Type)
                is RrType.DNSKEY or RrType.DS or RrType.NSEC or RrType.NSEC3));
        }

        var anchors = TrustAnchorStore.Create(hierarchy.TrustAnchorDs.Select(r => new TrustAnchor(r.Name, r.Data)));
        var context = new ValidationContext(supporting, anchors, ZoneSigningOptions.ValidAt, [.. hierarchy.Zones.SelectMany(z => z.Records)]);
        return [.. s_questions.Select(q => new FuzzSeed($"signed:{q.Name}/{q.Type}", RecursiveResponse.For(hierarchy, DnsName.Parse(q.Name), q.Type).ToWire(), context))];
    }

    private static ZoneHierarchy Hierarchy() => new ZoneHierarchyBuilder()
        .AddZone(".", ZoneSigningOptions.For(DnsName.Root, true, DnssecAlgorithm.EcdsaP256Sha256))
        .AddZone("test.", ZoneSigningOptions.For(DnsName.Parse("test."), true, DnssecAlgorithm.RsaSha256) with
        {
            Denial = DenialKind.Nsec3,
            Nsec3Salt = new byte[] { 0xBE, 0xEF },
            Nsec3Iterations = 1,
        })
        .AddZone("example.test.", ZoneSigningOptions.For(DnsName.Parse("example.test."), true, DnssecAlgorithm.Ed25519), text: """
            www       A      192.0.2.10
            www       AAAA   2001:db8::10
            www       TXT    "hello"
            alias     CNAME  www
            toinsec   CNAME  www.unsigned.test.
            ton3      CNAME  www.n3.test.
            old       DNAME  n3.test.
            *.wild    A      192.0.2.20
            host.ent  A      192.0.2.30
            """)
        .AddZone("n3.test.", ZoneSigningOptions.For(DnsName.Parse("n3.test."), false, DnssecAlgorithm.EcdsaP384Sha384) with
        {
            Denial = DenialKind.Nsec3,
        }, text: "www A 192.0.2.40\n*.wild TXT \"wild\"\n")
        .AddZone("optout.test.", ZoneSigningOptions.For(DnsName.Parse("optout.test."), true, DnssecAlgorithm.Ed25519) with
        {
            Denial = DenialKind.Nsec3,
            Nsec3OptOut = true,
        }, text: "www A 192.0.2.50\n")
        .AddUnsignedZone("child.optout.test.", text: "www A 192.0.2.51\n")
        .AddUnsignedZone("unsigned.test.", text: "www A 192.0.2.60\n")
        .Build();
}

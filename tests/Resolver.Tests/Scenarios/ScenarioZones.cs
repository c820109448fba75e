// ScenarioZones: the signed hierarchy whole-resolver and offline scenarios run on — root (ECDSA
// P-256, NSEC) → test. (RSA/SHA-256, NSEC3 with salt) → example.test. (Ed25519, NSEC: data,
// CNAMEs, a DNAME, a wildcard, an empty non-terminal), n3.test. (ECDSA P-384, NSEC3), optout.test.
// (Ed25519, NSEC3 opt-out, with an unsigned delegation) and unsigned.test. (no keys) — and the
// records offline validation needs to be handed.
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;

namespace Resolver.Tests.Scenarios;

internal static class ScenarioZones
{
    private static readonly Lazy<ZoneHierarchy> s_standard = new(() => Build());

    /// <summary>The standard hierarchy (built once; ZoneBreaker copies are cheap).</summary>
    public static ZoneHierarchy Standard => s_standard.Value;

    public static DnsName N(string name) => DnsName.Parse(name);

    /// <summary>Builds the hierarchy; <paramref name="tldAlgorithm"/> and <paramref name="rootAlgorithm"/> vary the chain's algorithms.</summary>
    public static ZoneHierarchy Build(
        DnssecAlgorithm rootAlgorithm = DnssecAlgorithm.EcdsaP256Sha256,
        DnssecAlgorithm tldAlgorithm = DnssecAlgorithm.RsaSha256,
        DnssecAlgorithm sldAlgorithm = DnssecAlgorithm.Ed25519)
    {
        DnsName test = N("test.");
        return new ZoneHierarchyBuilder()
            .AddZone(".", ZoneSigningOptions.For(DnsName.Root, true, rootAlgorithm))
            .AddZone("test.", ZoneSigningOptions.For(test, true, tldAlgorithm) with
            {
                Denial = DenialKind.Nsec3,
                Nsec3Salt = new byte[] { 0xBE, 0xEF },
                Nsec3Iterations = 1,
            })
            .AddZone("example.test.", ZoneSigningOptions.For(N("example.test."), true, sldAlgorithm), text: """
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
            .AddZone("n3.test.", ZoneSigningOptions.For(N("n3.test."), false, DnssecAlgorithm.EcdsaP384Sha384) with
            {
                Denial = DenialKind.Nsec3,
            }, text: "www A 192.0.2.40\n*.wild TXT \"wild\"\n")
            .AddZone("optout.test.", ZoneSigningOptions.For(N("optout.test."), true, DnssecAlgorithm.Ed25519) with
            {
                Denial = DenialKind.Nsec3,
                Nsec3OptOut = true,
            }, text: "www A 192.0.2.50\n")
            .AddUnsignedZone("child.optout.test.", text: "www A 192.0.2.51\n")
            .AddUnsignedZone("unsigned.test.", text: """
                www    A      192.0.2.60
                tosec  CNAME  www.example.test.
                """)
            .Build();
    }

    /// <summary>
    /// What an offline validator is handed besides the response: every zone's DNSKEY RRset, every
    /// DS RRset and every zone's NSEC/NSEC3 records (with RRSIGs) — the proofs of unsigned
    /// delegations among them.
    /// </summary>
    public static List<ResourceRecord> SupportingRecords(ZoneHierarchy hierarchy, Func<ResourceRecord, bool>? exclude = null)
    {
        var records = new List<ResourceRecord>();
        foreach (SignedZone zone in hierarchy.Zones)
        {
            records.AddRange(zone.Records.Where(r =>
                Covers(r) is RrType.DNSKEY or RrType.DS or RrType.NSEC or RrType.NSEC3));
        }

        return exclude is null ? records : [.. records.Where(r => !exclude(r))];
    }

    /// <summary>The type a record is or (for an RRSIG) covers.</summary>
    public static RrType Covers(ResourceRecord r) => r.Data is RrsigData sig ? sig.TypeCovered : r.Type;
}

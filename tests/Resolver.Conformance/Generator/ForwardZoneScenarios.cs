// ForwardZoneScenarios: per-zone forwarding (issue 14; Unbound's forward-zone). The resolver
// iterates from the root stub but forwards example.test.: only the forwarder answers for names in
// it (the zone's own server has no entries for them), while the DS of example.test. is asked of
// test. (the parent side, RFC 4035 §3.1.4.1) and the chain of trust still runs from the root
// anchor, so the forwarder's data is validated here: Secure when intact, Bogus when a signature is
// broken, and names outside the forward zone are iterated.
using Resolver.Protocol;
using Resolver.Testing.Signing;

namespace Resolver.Conformance.Generator;

internal static class ForwardZoneScenarios
{
    private static readonly DnsName s_example = DnsName.Parse("example.test.");
    private static readonly DnsName s_www = DnsName.Parse("www.example.test.");

    public static IEnumerable<(string File, string Text)> All()
    {
        ZoneHierarchy zones = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("test.", text: "www A 192.0.2.90\n")
            .AddZone("example.test.", text: "www A 192.0.2.80\ntxt TXT \"hello\"\n")
            .Build();
        string note = "Forward zone example.test. (Unbound's forward-zone, forward-only) to the recursive resolver 198.51.100.53, the rest\n" +
            "iterated from the root; the forwarder's answers are validated from the root trust anchor (DS of example.test. from test.).";
        yield return ("fwdzone_secure.rpl", RplWriter.Write("Forward zone: the forwarder's signed answer is Secure; a name outside is iterated", note, zones,
            [
                new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true),
                new("txt.example.test.", RrType.TXT, ResponseCode.NoError, Secure: true, CheckAnswer: true),
                new("nothere.example.test.", RrType.A, ResponseCode.NXDomain, Secure: true),
                new("www.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true, Comment: "outside the forward zone: iterated"),
            ],
            forwardZone: s_example));
        yield return ("fwdzone_bogus.rpl", RplWriter.Write("Forward zone: a broken signature from the forwarder is Bogus (EDE 6)", note,
            zones.With(zones[s_example].CorruptSignature(s_www, RrType.A)),
            [new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 6)],
            forwardZone: s_example));
    }
}

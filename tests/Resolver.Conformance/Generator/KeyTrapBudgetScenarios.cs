// KeyTrapBudgetScenarios: KeyTrap (CVE-2023-50387) against a zone with three servers that all
// return the decoys (KeyTrapZone: RSA keys sharing a tag, keys with tags of their own, garbage
// RRSIGs naming them over www.example.test. A). A failed answer is re-fetched from the zone's other
// servers (Bogus recovery), and the work budget (signature validations, key imports) is one per
// resolution across all of them: the answer is SERVFAIL with EDE 6 (DNSSEC Bogus) however many
// servers there are, and a spent budget is not remembered against the zone — its good names, asked
// next, validate Secure.
using System.Net;
using Resolver.Protocol;
using Resolver.Testing.Signing;

namespace Resolver.Conformance.Generator;

internal static class KeyTrapBudgetScenarios
{
    private static readonly DnsName s_example = DnsName.Parse("example.test.");
    private static readonly DnsName s_www = DnsName.Parse("www.example.test.");
    private static readonly IPAddress[] s_extra = [IPAddress.Parse("192.0.2.202"), IPAddress.Parse("192.0.2.203")];

    public static IEnumerable<(string File, string Text)> All()
    {
        string note = "KeyTrap (CVE-2023-50387): example.test. has three name servers, all serving the decoys: 12 RSA DNSKEYs sharing\n" +
            "one key tag, 8 with tags of their own, and over www.example.test. A garbage RRSIGs naming them (no valid one).\n" +
            "Each failed answer may be re-fetched from another server; the signature-validation and key-import budget is\n" +
            "one per resolution across all of them (the library: 64 validations, 16 imports), so the answer is Bogus.";
        ZoneHierarchy trap = ThreeServerTrap(collidingKeys: 12, collidingSignatures: 3, distinctKeys: 8);
        var servers = new Dictionary<DnsName, IPAddress[]> { [s_example] = s_extra };
        yield return ("keytrap_budget_three_servers.rpl", RplWriter.Write(
            "KeyTrap from three servers: Bogus within one per-resolution budget; the zone's good names stay Secure", note, trap,
            [
                new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 6, Comment: "all three servers return the decoys: Bogus (EDE 6)"),
                new("txt.example.test.", RrType.TXT, ResponseCode.NoError, Secure: true, CheckAnswer: true, Comment: "a spent budget is not remembered against the zone"),
                new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 6, Comment: "asked again: Bogus again, within a fresh budget"),
            ],
            extraServers: servers));

        string heavyNote = note + "\nHere the decoys are many more (40 colliding keys, 40 signatures naming them, 40 keys with tags of their own):\n" +
            "whatever their number, the work stops at the budget.";
        ZoneHierarchy heavy = ThreeServerTrap(collidingKeys: 40, collidingSignatures: 40, distinctKeys: 40);
        yield return ("keytrap_budget_three_servers_many_decoys.rpl", RplWriter.Write(
            "KeyTrap from three servers with 80 decoy keys and 80 decoy signatures: Bogus, the budget bounds the work", heavyNote, heavy,
            [
                new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 6),
                new("txt.example.test.", RrType.TXT, ResponseCode.NoError, Secure: true, CheckAnswer: true),
            ],
            extraServers: servers));
    }

    // root → test. → example.test., where example.test. names ns1 (its own server) plus two more
    // (glue in test.) that serve the same armed copy.
    private static ZoneHierarchy ThreeServerTrap(int collidingKeys, int collidingSignatures, int distinctKeys)
    {
        ZoneHierarchy h = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("test.", text: $"example NS ns2.example\nns2.example A {s_extra[0]}\nexample NS ns3.example\nns3.example A {s_extra[1]}\n")
            .AddZone("example.test.", text: $"@ NS ns2\nns2 A {s_extra[0]}\n@ NS ns3\nns3 A {s_extra[1]}\nwww A 192.0.2.80\ntxt TXT \"hello\"\n")
            .Build();
        return h.With(KeyTrapZone.Arm(h[s_example], s_www, RrType.A, collidingKeys, collidingSignatures, distinctKeys));
    }
}

// TypedRecordScenarios: scenarios for the application record types of issue 17 item 5 — a signed
// zone holding HTTPS, SVCB, TLSA, SMIMEA, SSHFP, CAA, URI and OPENPGPKEY records, each answer
// validated Secure and compared record by record. The HTTPS and SVCB TargetNames are mixed-case:
// they are signed and checked as received, never lowercased (RFC 9460 adds them to no list of
// RFC 4034 §6.2 as amended by RFC 6840 §5.1; RFC 3597 §7), so a validator that lowercased them
// would call these answers Bogus. Written iterating and forwarding.
using Resolver.Protocol;
using Resolver.Testing.Signing;

namespace Resolver.Conformance.Generator;

internal static class TypedRecordScenarios
{
    private const string Zone =
        "www A 192.0.2.80\n" +
        "www HTTPS 1 Svc.Example.TEST. alpn=h2,h3 port=8443 ipv4hint=192.0.2.80 ech=\"AEj+DQBE\" ipv6hint=2001:db8::80 key65000=\"a b\"\n" +
        "www HTTPS 0 Alias.Example.TEST.\n" +
        "_dns SVCB 1 DoH.Example.TEST. ( mandatory=alpn alpn=\"h2,h\\\\\\\\3\" port=443 )\n" +
        "_443._tcp.www TLSA 3 1 1 0D6FCE3B4DBFC9A2A9E6F6C2C4D8A2C1A1D0F1E2D3C4B5A6978879605142332A\n" +
        "c3m SMIMEA 3 0 1 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF\n" +
        "www SSHFP 4 2 A87F1B687AC0E57D2A081A2F282672334D90ED316D2B818CA9580EA384D92401\n" +
        "www CAA 0 issue \"ca.example.net; account=230123\"\n" +
        "www CAA 128 tbs \"Unknown\"\n" +
        "_ftp._tcp URI 10 1 \"ftp://ftp1.example.com/public\"\n" +
        "key OPENPGPKEY mQENBFVkS2gBCACs\n";

    public static IEnumerable<(string File, string Text)> All()
    {
        ZoneHierarchy zones = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("test.")
            .AddZone("example.test.", text: Zone)
            .Build();
        string note = "Issue 17 item 5: typed records in a signed zone validate Secure. HTTPS/SVCB TargetNames keep their case in the\n" +
            "canonical form (RFC 9460; RFC 4034 §6.2 as amended by RFC 6840 §5.1; RFC 3597 §7): lowercasing them breaks the signature.";
        foreach (bool forward in new[] { false, true })
        {
            yield return ($"{(forward ? "forward_" : string.Empty)}typed_records_secure.rpl", RplWriter.Write(
                $"HTTPS, SVCB, TLSA, SMIMEA, SSHFP, CAA, URI, OPENPGPKEY answers validate Secure{(forward ? " (forwarder)" : string.Empty)}", note, zones,
                [new("www.example.test.", RrType.HTTPS, ResponseCode.NoError, Secure: true, CheckAnswer: true, Comment: "mixed-case TargetNames, AliasMode and ServiceMode"),
                 new("_dns.example.test.", RrType.SVCB, ResponseCode.NoError, Secure: true, CheckAnswer: true),
                 new("_443._tcp.www.example.test.", RrType.TLSA, ResponseCode.NoError, Secure: true, CheckAnswer: true),
                 new("c3m.example.test.", RrType.SMIMEA, ResponseCode.NoError, Secure: true, CheckAnswer: true),
                 new("www.example.test.", RrType.SSHFP, ResponseCode.NoError, Secure: true, CheckAnswer: true),
                 new("www.example.test.", RrType.CAA, ResponseCode.NoError, Secure: true, CheckAnswer: true),
                 new("_ftp._tcp.example.test.", RrType.URI, ResponseCode.NoError, Secure: true, CheckAnswer: true),
                 new("key.example.test.", RrType.OPENPGPKEY, ResponseCode.NoError, Secure: true, CheckAnswer: true),
                 new("www.example.test.", RrType.TLSA, ResponseCode.NoError, Secure: true, Comment: "NODATA: the type bitmap lists the new types")],
                forward: forward));
        }
    }
}

// ForgedDenialRecordScenarios: own scenarios for what tests/Resolver.Fuzz found — a denial whose
// authority section carries, beside the NSEC its proof needs, another of the zone's NSEC records
// whose RDATA no longer matches its RRSIG. RFC 4035 §5.5: such a response is BAD; Unbound makes the
// whole message Bogus (validate_msg_signatures), and so does this library now.
using Resolver.Protocol;
using Resolver.Testing.Signing;

namespace Resolver.Conformance.Generator;

internal static class ForgedDenialRecordScenarios
{
    public static IEnumerable<(string File, string Text)> All()
    {
        DnsName example = DnsName.Parse("example.test.");
        ZoneHierarchy good = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("test.")
            .AddZone("example.test.", text: "www A 192.0.2.80\ntxt TXT \"hello\"\n")
            .Build();

        // The apex NSEC (sent along with a NODATA for www, which its own NSEC proves) gets a type it
        // did not have, without being signed again: its RRSIG no longer verifies.
        ZoneHierarchy forged = good.With(good[example].ChangeBitmap(example, add: [RrType.HINFO], resign: false));
        string note = "example.test. is signed with NSEC. The NODATA answer for www.example.test./MX carries the NSEC at www (the proof)\n" +
            "and the NSEC at the apex, whose type bitmap was altered after signing (RFC 4035 §5.5: a response whose signatures\n" +
            "fail is BAD, even for a record the proof does not need). Positive answers, which carry no NSEC, stay Secure.";
        yield return ("denial_forged_extra_nsec.rpl", RplWriter.Write("A NODATA carrying an altered extra NSEC is Bogus", note, forged,
            [
                new("www.example.test.", RrType.MX, ResponseCode.ServFail, Secure: false, Comment: "the altered apex NSEC makes the NODATA Bogus"),
                new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true),
            ]));
    }
}

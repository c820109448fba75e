// ValidatorRuleScenarios: scenarios for validator rules of issue 12 — no DNAME from a wildcard
// (RFC 4592 §4.4), the root key sentinel for A and AAAA only (RFC 8509 §3.2), optional algorithm
// downgrade hardening (RFC 6840 §5.11, the harness reads Unbound's harden-algo-downgrade), the
// signer is the zone that holds the data also when forwarding (RFC 4035 §5.3.1), and EDE 22 No
// Reachable Authority for a resolution that reached no server (RFC 8914 §4.23). Each is written
// iterating and, where the rule concerns forwarding, forwarding.
using System.Text.RegularExpressions;
using Resolver.Protocol;
using Resolver.Testing.Signing;

namespace Resolver.Conformance.Generator;

internal static class ValidatorRuleScenarios
{
    public static IEnumerable<(string File, string Text)> All()
    {
        // --- RFC 4592 §4.4: a DNAME synthesized from a wildcard owner ------------------------------
        ZoneHierarchy wdname = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("test.")
            .AddZone("example.test.", text: "www A 192.0.2.80\n*.w DNAME other.test.\nd DNAME other.test.\n")
            .Build();
        string wdnameNote = "RFC 4592 §4.4: a DNAME owned by a wildcard must not redirect. *.w.example.test. DNAME other.test.: asked for\n" +
            "x.w.example.test. DNAME, the server expands the wildcard (RRSIG labels 3, owner 4 labels); the validator rejects it as Unbound does.";
        foreach (bool forward in new[] { false, true })
        {
            yield return ($"{(forward ? "forward_" : string.Empty)}dname_from_wildcard_bogus.rpl", RplWriter.Write(
                $"A DNAME expanded from a wildcard is Bogus{(forward ? " (forwarder)" : string.Empty)}", wdnameNote, wdname,
                [new("x.w.example.test.", RrType.DNAME, ResponseCode.ServFail, Secure: false, Ede: 6),
                 new("d.example.test.", RrType.DNAME, ResponseCode.NoError, Secure: true, CheckAnswer: true, Comment: "a DNAME at its own owner name stays Secure")],
                forward: forward));
        }

        // --- RFC 8509 §3.2: the root key sentinel only for A and AAAA ------------------------------
        ZoneHierarchy plain = new ZoneHierarchyBuilder().AddZone(".").AddZone("test.").AddZone("example.test.", text: "www A 192.0.2.80\n").Build();
        ushort rootKsk = plain["."].Ksks[0].KeyTag;
        string notTa = $"root-key-sentinel-not-ta-{rootKsk:D5}.";
        string sentinelNote = $"RFC 8509 §3.2: the root KSK {rootKsk} is a trust anchor here, so a Secure A answer for {notTa} becomes SERVFAIL;\n" +
            "a TXT (any other type) question for the same name is an ordinary question: a Secure NXDOMAIN.";
        yield return ("sentinel_only_for_address_types.rpl", RplWriter.Write("Root key sentinel: only A and AAAA questions are sentinel tests", sentinelNote, plain,
            [new(notTa, RrType.TXT, ResponseCode.NXDomain, Secure: true),
             new(notTa, RrType.A, ResponseCode.ServFail, Secure: false, Comment: "the sentinel's false claim, for an address question")]));

        // --- RFC 6840 §5.11: algorithm downgrade hardening (off by default) -------------------------
        string algoNote = "RFC 6840 §5.11: with a DS for RSA/SHA-256 and ECDSA P-256 keys, one algorithm's valid path is enough; with\n" +
            "harden-algo-downgrade (Unbound's option, off by default) every algorithm the DS set names must sign the keys and the data.";
        string[] harden = ["harden-algo-downgrade: yes"];
        ZoneHierarchy dsBoth = TwoAlgorithmZones.DsForBothSignedByOne();
        yield return ("algo_downgrade_ds_both_signed_one_secure.rpl", RplWriter.Write("DS for two algorithms, signed with one: Secure without hardening", algoNote, dsBoth,
            [new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true)]));
        yield return ("algo_downgrade_ds_both_signed_one_hardened.rpl", RplWriter.Write("DS for two algorithms, signed with one: Bogus with hardening", algoNote, dsBoth,
            [new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 6)], extraConfig: harden));
        yield return ("algo_downgrade_rollover_hardened.rpl", RplWriter.Write("Algorithm rollover (both sign, DS for one): Secure with hardening", algoNote, TwoAlgorithmZones.RolloverDsForOne(),
            [new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true)], extraConfig: harden));
        yield return ("algo_downgrade_data_one_algorithm_hardened.rpl", RplWriter.Write("Data signed with one of the DS algorithms: Bogus with hardening", algoNote, TwoAlgorithmZones.DataMissingRsaSignature(),
            [new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 6),
             new("www.example.test.", RrType.TXT, ResponseCode.NoError, Secure: true, Comment: "signed with both algorithms")], extraConfig: harden));

        // --- RFC 4035 §5.3.1: the signer is the zone that holds the data ---------------------------
        ZoneHierarchy parentSig = ParentSignedZones.Build();
        string signerNote = "RFC 4035 §5.3.1: www.example.test./A (in the delegated zone example.test.) carries only a valid RRSIG by the parent test.;\n" +
            "the signer must be the zone holding the data, also when forwarding, where the zone cut is found by walking DS (Unbound, Knot,\n" +
            "BIND and PowerDNS accept an ancestor signer; this library does not).";
        foreach (bool forward in new[] { false, true })
        {
            yield return ($"{(forward ? "forward_" : string.Empty)}signer_is_parent_bogus.rpl", RplWriter.Write(
                $"A child's RRset signed by the parent is Bogus{(forward ? " (forwarder)" : string.Empty)}", signerNote, parentSig,
                [new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false),
                 new("ok.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true),
                 new("host.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true, Comment: "the parent's own data, signed by the parent")],
                forward: forward));
        }

        // --- RFC 8914 §4.23: no reachable authority ------------------------------------------------
        string unreachableNote = "RFC 8914 §4.23: no server of the zone holding the name (or no upstream) answers: SERVFAIL with EDE 22\n" +
            "No Reachable Authority. The scenario has no entries for that server, so every query to it times out.";
        yield return ("ede_no_reachable_authority.rpl", WithoutRange(RplWriter.Write("EDE 22: the zone's only server never answers", unreachableNote, plain,
            [new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 22)]), "; example.test. at"));
        yield return ("forward_ede_no_reachable_authority.rpl", WithoutRange(RplWriter.Write("EDE 22: the only upstream never answers (forwarder)", unreachableNote, plain,
            [new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 22)], forward: true), "; forwarder"));
    }

    // The scenario text without the server block that starts with `header` (its RANGE to RANGE_END).
    private static string WithoutRange(string text, string header)
    {
        string result = Regex.Replace(text, Regex.Escape(header) + @"[^\n]*\nRANGE_BEGIN.*?RANGE_END\n\n", string.Empty, RegexOptions.Singleline);
        return result != text ? result : throw new InvalidOperationException("no server block " + header);
    }
}

// ScenarioCatalog: the project's own scenarios, for behaviour the Unbound/Deckard corpus does not
// cover — an NSEC3 opt-out TLD with an insecure delegation and orphaned glue, the RFC 4509 SHA-1/
// SHA-256 DS rule, the RFC 9276 NSEC3 iteration limits, KeyTrap-style key-tag collisions
// (CVE-2023-50387), RFC 8914 EDE codes on bogus answers, and forwarding mode. Each is a small
// signed hierarchy (root → test. → example.test.) built with the test signer; `--generate DIR`
// writes them as .rpl files (signatures valid at ZoneSigningOptions.ValidAt, the files' date).
using Resolver.Protocol;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;

namespace Resolver.Conformance.Generator;

internal static class ScenarioCatalog
{
    private static readonly DnsName s_tld = DnsName.Parse("test.");
    private static readonly DnsName s_example = DnsName.Parse("example.test.");
    private static readonly DnsName s_www = DnsName.Parse("www.example.test.");

    private const string ExampleText = "www A 192.0.2.80\nwww AAAA 2001:db8::80\ntxt TXT \"hello\"\n*.wild TXT \"wildcard\"\n";

    public static IEnumerable<(string File, string Text)> All()
    {
        // --- NSEC3 opt-out TLD ---------------------------------------------------------------
        ZoneHierarchy optOut = Build(tld: Nsec3(s_tld, 0, optOut: true), extraTld: "ns.gone A 192.0.2.99\n", unsignedChild: "insecure.test.");
        string optOutNote = "test. is signed with NSEC3 opt-out (RFC 5155 §6): the unsigned delegation insecure.test. has no NSEC3 of its own,\n" +
            "and ns.gone.test. is orphaned glue (an address left at a name that is no longer delegated): authoritative, signed data.";
        yield return ("optout_tld_insecure_delegation.rpl", RplWriter.Write("Opt-out TLD: a name below an unsigned delegation in an opt-out span is Insecure", optOutNote, optOut,
            [new("www.insecure.test.", RrType.A, ResponseCode.NoError, Secure: false, CheckAnswer: true, Comment: "RFC 5155 §8.9: the opt-out NSEC3 covering the delegation proves it may be unsigned")]));
        yield return ("optout_tld_orphan_glue.rpl", RplWriter.Write("Opt-out TLD: orphaned glue is authoritative data and validates Secure", optOutNote, optOut,
            [new("ns.gone.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true)]));
        yield return ("optout_tld_nxdomain_in_span.rpl", RplWriter.Write("Opt-out TLD: NXDOMAIN whose next closer name falls in an opt-out span is not Secure", optOutNote, optOut,
            [new("nothere.test.", RrType.A, ResponseCode.NXDomain, Secure: false, Comment: "RFC 5155 §9.2: an opt-out span cannot prove that no (insecure) delegation exists")]));
        yield return ("optout_tld_signed_child_secure.rpl", RplWriter.Write("Opt-out TLD: a signed child below the opt-out TLD still validates Secure", optOutNote, optOut,
            [new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true)]));

        // --- RFC 4509 §3: SHA-1 and SHA-256 DS for the same key ------------------------------
        string dsNote = "RFC 4509 §3: when a DS RRset holds SHA-256 and SHA-1 digests of the same key, the SHA-1 one is ignored.";
        yield return ("ds_sha1_sha256_both_match.rpl", RplWriter.Write("RFC 4509: SHA-1 and SHA-256 DS both match: Secure", dsNote, WithDs(Base(), sha1: true, sha256: true, breakSha256: false),
            [new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true)]));
        yield return ("ds_sha256_wrong_sha1_right.rpl", RplWriter.Write("RFC 4509: a wrong SHA-256 DS is not rescued by a matching SHA-1 DS: Bogus", dsNote, WithDs(Base(), sha1: true, sha256: true, breakSha256: true),
            [new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false)]));
        yield return ("ds_sha1_only.rpl", RplWriter.Write("RFC 4509: a SHA-1 DS alone is still used: Secure", dsNote, WithDs(Base(), sha1: true, sha256: false, breakSha256: false),
            [new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true)]));

        // --- RFC 9276 NSEC3 iteration limits --------------------------------------------------
        string iterNote = "RFC 9276 §3.2: NSEC3 with many iterations may be treated as Insecure (this library: above 100 by default;\n" +
            "the harness replays with 150, Unbound's default) " +
            "or Bogus (above 500, with EDE 27 Unsupported NSEC3 Iterations Value, RFC 9276 §3.2 and RFC 8914 registry;\n" +
            "the harness has no Bogus limit unless nsec3-bogus-iterations sets the library's).";
        yield return ("nsec3_iterations_0.rpl", RplWriter.Write("NSEC3 with 0 iterations: NXDOMAIN is Secure", iterNote, Build(example: Nsec3(s_example, 0)),
            [new("nothere.example.test.", RrType.A, ResponseCode.NXDomain, Secure: true)]));
        yield return ("nsec3_iterations_200.rpl", RplWriter.Write("NSEC3 with 200 iterations: NXDOMAIN is Insecure", iterNote, Build(example: Nsec3(s_example, 200)),
            [new("nothere.example.test.", RrType.A, ResponseCode.NXDomain, Secure: false)]));
        yield return ("nsec3_iterations_600.rpl", RplWriter.Write("NSEC3 with 600 iterations: Bogus with EDE 27", iterNote, Build(example: Nsec3(s_example, 600)),
            [new("nothere.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 27)],
            extraConfig: [$"nsec3-bogus-iterations: {Nsec3ProofOptions.DefaultBogusIterationLimit}"]));
        yield return ("nsec3_iterations_200_positive.rpl", RplWriter.Write("NSEC3 with 200 iterations: positive answers stay Secure", iterNote, Build(example: Nsec3(s_example, 200)),
            [new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true)]));

        // --- KeyTrap (CVE-2023-50387): key-tag collisions ------------------------------------
        string trapNote = "KeyTrap (CVE-2023-50387): DNSKEYs that share a key tag. A validator tries a bounded number of keys per\n" +
            "signature and a bounded number of signatures per answer (RFC 4035 §5.3.1 lets it pick any key with the tag).";
        yield return ("keytrap_colliding_tag_valid_key.rpl", RplWriter.Write("Key-tag collision: two bogus keys share the ZSK's tag, the real key still validates", trapNote, KeyTrap(fakeKeys: 2, fakeSignatures: 0),
            [new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true)]));
        yield return ("keytrap_many_keys_many_signatures.rpl", RplWriter.Write("KeyTrap: 40 colliding keys and 40 bogus signatures: Bogus, within the work budget", trapNote, KeyTrap(fakeKeys: 40, fakeSignatures: 40),
            [new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false)]));

        // --- RFC 8914 EDE on bogus answers ------------------------------------------------------
        ZoneHierarchy good = Base();
        SignedZone example = good[s_example];
        string edeNote = "RFC 8914 §4: the Extended DNS Error code that says why a Bogus answer is SERVFAIL.";
        uint past = ZoneSigningOptions.DefaultInception - 1_000_000, future = 1_850_000_000;
        yield return ("ede_signature_expired.rpl", RplWriter.Write("EDE 7: signature expired", edeNote, good.With(example.ResignRrSet(s_www, RrType.A, past - 1_000_000, past)),
            [new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 7)]));
        yield return ("ede_signature_not_yet_valid.rpl", RplWriter.Write("EDE 8: signature not yet valid", edeNote, good.With(example.ResignRrSet(s_www, RrType.A, future, future + 1_000_000)),
            [new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 8)]));
        yield return ("ede_rrsigs_missing.rpl", RplWriter.Write("EDE 10: RRSIGs missing", edeNote, good.With(example.StripSignatures(s_www, RrType.A)),
            [new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 10)]));
        yield return ("ede_dnskey_missing.rpl", RplWriter.Write("EDE 9: the DS matches no DNSKEY", edeNote, good.With(good[s_tld].AlterDsDigest(s_example)),
            [new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 9)]));
        yield return ("ede_nsec_missing.rpl", RplWriter.Write("EDE 12: NXDOMAIN without its NSEC proof", edeNote,
            good.With(example.WithRecords(example.Records.Where(r => r.Type != RrType.NSEC && !(r.Data is RrsigData s && s.TypeCovered == RrType.NSEC)))),
            [new("nothere.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 12)]));
        yield return ("ede_dnssec_bogus.rpl", RplWriter.Write("EDE 6: a signature that does not verify", edeNote, good.With(example.CorruptSignature(s_www, RrType.A)),
            [new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 6)]));

        // --- Forwarding mode --------------------------------------------------------------------
        string fwdNote = "Forward mode: every question goes to one upstream resolver (RD, DO, CD set) whose answers are still validated here.";
        yield return ("forward_secure.rpl", RplWriter.Write("Forwarder: Secure answer", fwdNote, good,
            [new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true), new("txt.example.test.", RrType.TXT, ResponseCode.NoError, Secure: true, CheckAnswer: true)], forward: true));
        yield return ("forward_bogus.rpl", RplWriter.Write("Forwarder: a bad signature is Bogus (EDE 6)", fwdNote, good.With(example.CorruptSignature(s_www, RrType.A)),
            [new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 6)], forward: true));
        yield return ("forward_insecure.rpl", RplWriter.Write("Forwarder: an unsigned delegation is Insecure", fwdNote, Build(unsignedChild: "insecure.test."),
            [new("www.insecure.test.", RrType.A, ResponseCode.NoError, Secure: false, CheckAnswer: true)], forward: true));
        yield return ("forward_nxdomain.rpl", RplWriter.Write("Forwarder: NXDOMAIN with an NSEC proof is Secure", fwdNote, good,
            [new("nothere.example.test.", RrType.A, ResponseCode.NXDomain, Secure: true), new("www.example.test.", RrType.MX, ResponseCode.NoError, Secure: true)], forward: true));

        // --- Wildcards --------------------------------------------------------------------------
        yield return ("wildcard_nsec3_secure.rpl", RplWriter.Write("Wildcard expansion proven with NSEC3: Secure", "RFC 5155 §8.8: the next closer name must be covered.", Build(example: Nsec3(s_example, 0)),
            [new("a.wild.example.test.", RrType.TXT, ResponseCode.NoError, Secure: true, CheckAnswer: true)]));
        foreach (var s in DenialSoundnessScenarios.All()) yield return s;
        foreach (var s in ChainScenarios.All()) yield return s;
        foreach (var s in KeyTrapBudgetScenarios.All()) yield return s;
        foreach (var s in ValidatorRuleScenarios.All()) yield return s;
        foreach (var s in ForgedDenialRecordScenarios.All()) yield return s;
        foreach (var s in ForwardZoneScenarios.All()) yield return s;
        foreach (var s in ServeStaleScenarios.All()) yield return s;
        foreach (var s in TypedRecordScenarios.All()) yield return s;
    }

    private static ZoneSigningOptions Nsec3(DnsName zone, ushort iterations, bool optOut = false) =>
        ZoneSigningOptions.For(zone) with { Denial = DenialKind.Nsec3, Nsec3Iterations = iterations, Nsec3OptOut = optOut, Nsec3Salt = new byte[] { 0xAB, 0xCD } };

    private static ZoneHierarchy Base() => Build();

    private static ZoneHierarchy Build(ZoneSigningOptions? tld = null, ZoneSigningOptions? example = null, string? extraTld = null, string? unsignedChild = null)
    {
        var b = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("test.", tld, text: extraTld)
            .AddZone("example.test.", example, text: ExampleText);
        if (unsignedChild is not null)
        {
            b.AddUnsignedZone(unsignedChild, text: "www A 192.0.2.81\n");
        }

        return b.Build();
    }

    private static ZoneHierarchy WithDs(ZoneHierarchy h, bool sha1, bool sha256, bool breakSha256)
    {
        SignedZone child = h[s_example];
        var ds = new List<RecordData>();
        foreach (SigningKey k in child.Ksks)
        {
            if (sha256)
            {
                DsData d = k.CreateDs(s_example, DigestType.Sha256);
                ds.Add(breakSha256 ? ZoneBreaker.AlterDigest(d) : d);
            }

            if (sha1)
            {
                ds.Add(k.CreateDs(s_example, DigestType.Sha1));
            }
        }

        return h.With(h[s_tld].ReplaceRrSet(new RrSet(s_example, RrClass.IN, RrType.DS, 3600, ds), resign: true));
    }

    // The ZSK's tag shared by fake Ed25519 keys (32 bytes each, tuned in the last two bytes to hit
    // the tag) added to the DNSKEY RRset, which the KSK signs again; optionally bogus RRSIGs by that
    // tag over www.example.test. A in place of the real one.
    private static ZoneHierarchy KeyTrap(int fakeKeys, int fakeSignatures)
    {
        ZoneHierarchy h = Base();
        SignedZone zone = h[s_example];
        SigningKey zsk = zone.Zsks[0];
        var fakes = new List<ResourceRecord>();
        for (int i = 0; i < fakeKeys; i++)
        {
            byte[] key = System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i + 1));
            for (int v = 0; v < 65536; v++)
            {
                key[30] = (byte)(v >> 8);
                key[31] = (byte)v;
                var candidate = new DnskeyData(zsk.Flags, 3, zsk.Algorithm, key);
                if (candidate.KeyTag == zsk.KeyTag && !candidate.PublicKey.SequenceEqual(zsk.Dnskey.PublicKey))
                {
                    fakes.Add(new ResourceRecord(s_example, 3600, candidate));
                    break;
                }
            }
        }

        // Fake keys first, so a validator that tries keys in order meets them before the real one.
        var records = fakes.Concat(zone.Records).ToList();
        zone = zone.WithRecords(records).ResignRrSet(s_example, RrType.DNSKEY);
        if (fakeSignatures > 0)
        {
            RrsigData real = zone.GetSignatures(s_www, RrType.A)[0];
            var withoutReal = zone.Records.Where(r => !(r.Name == s_www && r.Data is RrsigData s && s.TypeCovered == RrType.A)).ToList();
            for (int i = 0; i < fakeSignatures; i++)
            {
                byte[] sig = System.Security.Cryptography.SHA512.HashData(BitConverter.GetBytes(i));
                withoutReal.Add(new ResourceRecord(s_www, 3600, RrsetSigner.WithSignature(real, sig)));
            }

            zone = zone.WithRecords(withoutReal);
        }

        return h.With(zone);
    }
}

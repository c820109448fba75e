// ChainScenarios: CNAME chains through wildcards and into NSEC3 opt-out spans (issue 12, item 5), each
// iterating and through a forwarder that returns the whole chain in one answer. A chain
// chain.example.test. → a.w1.example.test. (from *.w1, NSEC zone) → b.w2.other.test. (from *.w2, NSEC3
// zone) is Secure only with each expansion's own proof (RFC 4035 §5.3.4, RFC 5155 §8.8); a CNAME into
// the unsigned delegation insecure.test. of the opt-out TLD test. is Insecure (RFC 5155 §9.2), and so
// is a CNAME to a name whose NXDOMAIN rests on an opt-out span — but not without the closest-encloser
// proof (RFC 5155 §8.4). A forwarder that answers the target with a referral is answered as Unbound
// does: the CNAME, NOERROR, Insecure once the target's zone is proven unsigned.
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using Resolver.Testing.Signing;

namespace Resolver.Conformance.Generator;

internal static class ChainScenarios
{
    private static readonly DnsName s_tld = DnsName.Parse("test.");
    private static readonly DnsName s_example = DnsName.Parse("example.test.");
    private static readonly DnsName s_other = DnsName.Parse("other.test.");

    private const string Note =
        "test. is signed with NSEC3 opt-out and delegates to example.test. (NSEC), other.test. (NSEC3) and the unsigned insecure.test.\n" +
        "chain.example.test. CNAME a.w1.example.test. (from *.w1 CNAME b.w2.other.test.), b.w2.other.test. A (from *.w2);\n" +
        "optout.example.test. CNAME www.insecure.test.; gone.example.test. CNAME nothere.test. (NXDOMAIN in an opt-out span);\n" +
        "below.example.test. CNAME nothere.insecure.test. (NXDOMAIN from the unsigned zone).";

    public static IEnumerable<(string File, string Text)> All()
    {
        ZoneHierarchy zones = Build();
        foreach (bool forward in new[] { false, true })
        {
            string prefix = forward ? "forward_chain_" : "chain_";
            string mode = forward ? "Forwarder: " : string.Empty;
            yield return (prefix + "wildcards_secure.rpl", RplWriter.Write(mode + "CNAME → wildcard CNAME → wildcard A, each expansion with its own proof: Secure", Note, zones,
                [new("chain.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true,
                    Comment: "RFC 4035 §5.3.4, RFC 5155 §8.8: each wildcard-expanded RRset comes with the proof that its next closer name does not exist")],
                forward));
            yield return (prefix + "wildcard_nsec_proof_missing.rpl", RplWriter.Write(mode + "CNAME chain whose NSEC wildcard expansion lacks its proof: Bogus (EDE 6), whatever other proofs come with it", Note, zones,
                [new("chain.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 6, Comment: "RFC 4035 §5.3.4: without the NSEC for a.w1.example.test. the expansion is Bogus")],
                forward, tamper: StripProof("chain.example.test.", s_example)));
            yield return (prefix + "wildcard_nsec3_proof_missing.rpl", RplWriter.Write(mode + "CNAME chain whose NSEC3 wildcard expansion lacks its proof: Bogus", Note, zones,
                [new("chain.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 6, Comment: "RFC 5155 §8.8: without the NSEC3 covering b.w2.other.test. the expansion is Bogus")],
                forward, tamper: StripProof("chain.example.test.", s_other)));
            yield return (prefix + "cname_to_optout_insecure.rpl", RplWriter.Write(mode + "Secure CNAME into an unsigned delegation of an opt-out span: Insecure", Note, zones,
                [new("optout.example.test.", RrType.A, ResponseCode.NoError, Secure: false, CheckAnswer: true,
                    Comment: "RFC 5155 §9.2, RFC 4035 §5.2: the target's zone is proven unsigned (no DS at insecure.test., opt-out)")],
                forward));
            yield return (prefix + "cname_to_nxdomain_below_optout_delegation.rpl", RplWriter.Write(mode + "Secure CNAME to an NXDOMAIN inside the unsigned delegation: Insecure", Note, zones,
                [new("below.example.test.", RrType.A, ResponseCode.NXDomain, Secure: false, Comment: "RFC 4035 §5.2: the unsigned zone's NXDOMAIN has no proof; the DS walk to the target finds the unsigned cut")],
                forward));
            yield return (prefix + "cname_to_optout_nxdomain_insecure.rpl", RplWriter.Write(mode + "Secure CNAME to an NXDOMAIN in an opt-out span: Insecure", Note, zones,
                [new("gone.example.test.", RrType.A, ResponseCode.NXDomain, Secure: false, Comment: "RFC 5155 §9.2: an opt-out next-closer cover cannot prove that no unsigned delegation exists")],
                forward));
            yield return (prefix + "cname_to_optout_nxdomain_no_encloser.rpl", RplWriter.Write(mode + "CNAME to an opt-out NXDOMAIN without the closest-encloser proof: Bogus", Note, zones,
                [new("gone.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Comment: "RFC 5155 §8.4: opt-out weakens only the next-closer cover; the closest encloser must still be matched")],
                forward, tamper: StripClosestEncloser(zones, "gone.example.test.")));
        }

        yield return ("chain_in_zone_wildcard_secure.rpl", RplWriter.Write("In-zone chain with a wildcard expansion in one authoritative response: Secure", Note, zones,
            [new("chain.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true,
                Comment: "RFC 1034 §4.3.2: example.test.'s server follows the chain inside its zone; the expanded link's proof comes in the same response")],
            tamper: InZoneChain(zones, stripProof: false)));
        yield return ("chain_in_zone_wildcard_proof_missing.rpl", RplWriter.Write("In-zone chain with a wildcard expansion but without its proof: Bogus", Note, zones,
            [new("chain.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 6, Comment: "RFC 4035 §5.3.4")],
            tamper: InZoneChain(zones, stripProof: true)));
        yield return ("forward_chain_cname_to_optout_referral.rpl", RplWriter.Write(
            "Forwarder: the upstream answers the CNAME target below an opt-out delegation with a referral: the CNAME, Insecure", Note, zones,
            [new("optout.example.test.", RrType.A, ResponseCode.NoError, Secure: false, Comment: "As Unbound: a forwarder's referral is a NOERROR without data; the target's zone is proven unsigned")],
            forward: true, tamper: ReferTarget(zones)));
    }

    private static ZoneHierarchy Build() => new ZoneHierarchyBuilder()
        .AddZone(".")
        .AddZone("test.", ZoneSigningOptions.For(s_tld) with { Denial = DenialKind.Nsec3, Nsec3OptOut = true, Nsec3Salt = new byte[] { 0xAB, 0xCD } })
        .AddZone("example.test.", text:
            "chain CNAME a.w1\n*.w1 CNAME b.w2.other.test.\noptout CNAME www.insecure.test.\ngone CNAME nothere.test.\nbelow CNAME nothere.insecure.test.\nwww A 192.0.2.80\n")
        .AddZone("other.test.", ZoneSigningOptions.For(s_other) with { Denial = DenialKind.Nsec3, Nsec3Salt = new byte[] { 0x01 } }, text: "*.w2 A 192.0.2.82\nwww A 192.0.2.83\n")
        .AddUnsignedZone("insecure.test.", text: "www A 192.0.2.81\n")
        .Build();

    // Removes the NSEC/NSEC3 records (and their RRSIGs) of `zone` from the answers on the way from
    // `query`: iterating that is the zone's own answer for the expanded name, forwarding the chain's answer.
    private static Func<DnsQuestion, DnsMessage, DnsMessage> StripProof(string query, DnsName zone) => (q, m) =>
    {
        if (q.Type == RrType.A && (q.Name == DnsName.Parse(query) || m.Answers.Any(r => r.Data is RrsigData s && s.Labels < r.Name.LabelCount && r.Name.IsSubdomainOf(zone))))
        {
            Remove(m, r => r.Name.IsSubdomainOf(zone) && IsDenial(r));
        }

        return m;
    };

    // example.test.'s own answer to chain.example.test./A with the chain followed inside the zone
    // (chain CNAME, the expanded a.w1 CNAME, the NSEC proof), optionally without the proof.
    private static Func<DnsQuestion, DnsMessage, DnsMessage> InZoneChain(ZoneHierarchy zones, bool stripProof) => (q, m) =>
    {
        if (q != new DnsQuestion(DnsName.Parse("chain.example.test."), RrType.A) || !m.Answers.Any(r => r.Data is CnameData))
        {
            return m;
        }

        DnsMessage full = HierarchyRecursor.Answer(zones, q, recursive: false);
        m.Answers.Clear();
        full.Answers.Where(r => r.Name.IsSubdomainOf(s_example)).ToList().ForEach(m.Answers.Add);
        m.Authorities.Clear();
        full.Authorities.Where(r => r.Name.IsSubdomainOf(s_example) && !(stripProof && IsDenial(r))).ToList().ForEach(m.Authorities.Add);
        return m;
    };

    // Removes the NSEC3 that matches test. (the closest encloser of nothere.test.) from the NXDOMAIN.
    private static Func<DnsQuestion, DnsMessage, DnsMessage> StripClosestEncloser(ZoneHierarchy zones, string query) => (q, m) =>
    {
        DnsName encloserOwner = zones[s_tld].Nsec3OwnerOf(s_tld);
        if (q.Type == RrType.A && (q.Name == DnsName.Parse(query) || q.Name == DnsName.Parse("nothere.test.")))
        {
            Remove(m, r => r.Name == encloserOwner && IsDenial(r));
        }

        return m;
    };

    // The forwarder answers questions for names below insecure.test. with test.'s referral (NS and the
    // opt-out NSEC3 proof), after the chain's CNAME when the question was for its owner.
    private static Func<DnsQuestion, DnsMessage, DnsMessage> ReferTarget(ZoneHierarchy zones) => (q, m) =>
    {
        DnsName insecure = DnsName.Parse("insecure.test.");
        DnsName target = DnsName.Parse("www.insecure.test.");
        bool chain = q.Name == DnsName.Parse("optout.example.test.");
        if (q.Type == RrType.DS || !(chain || q.Name.IsSubdomainOf(insecure)))
        {
            return m;
        }

        DnsMessage referral = HierarchyRecursor.Ask(zones[s_tld], new DnsQuestion(target, q.Type), recursive: false);
        var answers = m.Answers.Where(r => !r.Name.IsSubdomainOf(insecure)).ToList();
        m.Answers.Clear();
        answers.ForEach(m.Answers.Add);
        m.Authorities.Clear();
        foreach (ResourceRecord rr in referral.Authorities)
        {
            m.Authorities.Add(rr);
        }

        m.Additionals.Clear();
        foreach (ResourceRecord rr in referral.Additionals)
        {
            m.Additionals.Add(rr);
        }

        m.ResponseCode = ResponseCode.NoError;
        return m;
    };

    private static bool IsDenial(ResourceRecord r) =>
        r.Type is RrType.NSEC or RrType.NSEC3 || r.Data is RrsigData { TypeCovered: RrType.NSEC or RrType.NSEC3 };

    private static void Remove(DnsMessage m, Func<ResourceRecord, bool> drop)
    {
        var keep = m.Authorities.Where(r => !drop(r)).ToList();
        m.Authorities.Clear();
        keep.ForEach(m.Authorities.Add);
    }
}

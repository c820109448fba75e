// DenialSoundnessScenarios: forged negative answers built from genuine signed denial records
// (issue 12 items 1 and 2) — the response code comes from the proof, never from the header alone.
// A parent's genuine "NOERROR, no DS" for an unsigned delegation with its RCODE rewritten to
// NXDOMAIN (NSEC at the cut, NSEC3 matching the cut's hash, NSEC3 opt-out) and an opt-out NXDOMAIN
// without the NSEC3 covering the wildcard must be Bogus (RFC 4035 §5.4, RFC 5155 §8.4, §9.2); the
// genuine answers stay Secure/Insecure. Each forgery replaces one generated ENTRY of one server.
using System.Text;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using Resolver.Testing.Signing;

namespace Resolver.Conformance.Generator;

internal static class DenialSoundnessScenarios
{
    private static readonly DnsName s_example = DnsName.Parse("example.test.");

    // Unsigned delegations d0…d3 (and names h0…h3 with a delegation below each), so that for some
    // of them the NSEC3 covering the wildcard at the closest encloser is a record of its own.
    private const int Candidates = 4;

    private static readonly string s_text = "www A 192.0.2.80\n" + string.Concat(Enumerable.Range(0, Candidates).Select(i =>
        $"d{i} NS ns.elsewhere.invalid.\nh{i} A 192.0.2.{i + 1}\nd.h{i} NS ns.elsewhere.invalid.\n"));

    private const string Note =
        "The response code comes from the proof, never from the header alone (RFC 4035 §5.4, RFC 5155 §8.4, §9.2):\n" +
        "genuine signed denial records of example.test. under a forged RCODE, or with the wildcard's NSEC3 left out.";

    public static IEnumerable<(string File, string Text)> All()
    {
        foreach (bool forward in new[] { false, true })
        {
            string mode = forward ? "forward_" : string.Empty;
            string how = forward ? " (forwarder)" : string.Empty;

            // Item 1, NSEC: the NSEC owned by the cut (NS, no DS) under NXDOMAIN.
            ZoneHierarchy nsec = Build(null);
            DnsName cut = DnsName.Parse("d0.example.test.");
            yield return ($"denial_{mode}ds_nxdomain_forged_nsec_at_cut.rpl", Write(
                "DS NXDOMAIN forged over the parent's NSEC at the cut: Bogus" + how, nsec, forward,
                Forge(nsec, new DnsQuestion(cut, RrType.DS), forward, m => m.ResponseCode = ResponseCode.NXDomain),
                [
                    new(cut.ToString(), RrType.DS, ResponseCode.ServFail, Secure: false,
                        Comment: "RFC 4035 §5.4: the NSEC owned by the name proves it exists; it is no proof of an unsigned cut for its own DS"),
                    new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true),
                ]));

            // Item 1, NSEC3: the NSEC3 matching the cut's hash under NXDOMAIN.
            ZoneHierarchy nsec3 = Build(Nsec3(optOut: false));
            yield return ($"denial_{mode}ds_nxdomain_forged_nsec3_at_cut.rpl", Write(
                "DS NXDOMAIN forged over the parent's NSEC3 matching the cut: Bogus" + how, nsec3, forward,
                Forge(nsec3, new DnsQuestion(cut, RrType.DS), forward, m => m.ResponseCode = ResponseCode.NXDomain),
                [
                    new(cut.ToString(), RrType.DS, ResponseCode.ServFail, Secure: false,
                        Comment: "RFC 5155 §8.4: an NSEC3 whose owner is the name's hash proves the name exists"),
                    new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true),
                ]));

            // Items 1 and 2, opt-out: DS NODATA (closest-encloser match + opt-out cover) under NXDOMAIN.
            ZoneHierarchy optOut = Build(Nsec3(optOut: true));
            SignedZone zone = optOut[s_example];
            DnsName optOutCut = Pick(zone, i => $"d.h{i}");
            yield return ($"denial_{mode}ds_nxdomain_forged_in_optout_span.rpl", Write(
                "DS NXDOMAIN forged in an NSEC3 opt-out span, no wildcard cover: Bogus" + how, optOut, forward,
                Forge(optOut, new DnsQuestion(optOutCut, RrType.DS), forward, m =>
                {
                    m.ResponseCode = ResponseCode.NXDomain;
                    WithoutWildcardCover(m, zone, optOutCut);
                }),
                [
                    new(optOutCut.ToString(), RrType.DS, ResponseCode.ServFail, Secure: false,
                        Comment: "RFC 5155 §8.4, §9.2: opt-out weakens only the next-closer clause; without the wildcard cover no NXDOMAIN is proven"),
                    new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true),
                ]));

            // Item 2: an opt-out NXDOMAIN without the NSEC3 covering the wildcard (lab nx1.nowild.deny).
            DnsName nx = Pick(zone, i => $"nx.h{i}");
            yield return ($"denial_{mode}nxdomain_optout_without_wildcard_cover.rpl", Write(
                "NXDOMAIN in an opt-out zone without the wildcard cover: Bogus" + how, optOut, forward,
                Forge(optOut, new DnsQuestion(nx, RrType.A), forward, m => WithoutWildcardCover(m, zone, nx)),
                [
                    new(nx.ToString(), RrType.A, ResponseCode.ServFail, Secure: false,
                        Comment: "RFC 5155 §8.4: closest encloser, next closer cover (opt-out) — and no NSEC3 covers the wildcard"),
                    new(nx.Parent.Prepend("nx2"u8).ToString(), RrType.A, ResponseCode.NXDomain, Secure: false,
                        Comment: "the complete opt-out proof is Insecure (RFC 5155 §9.2)"),
                ]));

            // The NSEC flavour of item 2's rule (no opt-out to excuse anything): guard.
            DnsName nsecNx = DnsName.Parse("nx.h0.example.test.");
            SignedZone nsecZone = nsec[s_example];
            yield return ($"denial_{mode}nxdomain_nsec_without_wildcard_cover.rpl", Write(
                "NXDOMAIN with NSEC without the wildcard cover: Bogus" + how, nsec, forward,
                Forge(nsec, new DnsQuestion(nsecNx, RrType.A), forward, m => WithoutWildcardCover(m, nsecZone, nsecNx)),
                [
                    new(nsecNx.ToString(), RrType.A, ResponseCode.ServFail, Secure: false,
                        Comment: "RFC 4035 §5.4: an NSEC must cover the wildcard at the closest encloser"),
                ]));
        }
    }

    private static ZoneHierarchy Build(ZoneSigningOptions? example) => new ZoneHierarchyBuilder()
        .AddZone(".")
        .AddZone("test.")
        .AddZone("example.test.", example, text: s_text)
        .Build();

    private static ZoneSigningOptions Nsec3(bool optOut) =>
        ZoneSigningOptions.For(s_example) with { Denial = DenialKind.Nsec3, Nsec3OptOut = optOut, Nsec3Salt = new byte[] { 0xAB, 0xCD } };

    // The first of the names (relative to the zone) whose NXDOMAIN proof over the zone's NSEC3
    // chain covers the wildcard with a record that proves no other clause and has an opt-out
    // next-closer cover, so that leaving the wildcard's record out leaves the rest of the proof whole.
    private static DnsName Pick(SignedZone zone, Func<int, string> relative)
    {
        List<ResourceRecord> chain = [.. zone.Records.Where(r => r.Type == RrType.NSEC3)];
        for (int i = 0; i < Candidates; i++)
        {
            DnsName name = DnsName.Parse(relative(i) + "." + zone.Origin);
            DenialResult proof = DenialProofs.Prove(DenialResponseKind.NxDomain, name, RrType.A, zone.Origin, chain);
            if (WildcardCover(proof) is { } cover &&
                !proof.Evidence.Any(e => e.Clause != DenialClause.WildcardCover && e.Record.Name == cover) &&
                proof.Evidence.Any(e => e.Clause == DenialClause.NextCloserCover && e.Record.Data is Nsec3Data { IsOptOut: true }))
            {
                return name;
            }
        }

        throw new InvalidOperationException("no candidate name has a wildcard cover of its own");
    }

    private static DnsName? WildcardCover(DenialResult proof) =>
        proof.Evidence.FirstOrDefault(e => e.Clause == DenialClause.WildcardCover).Record?.Name;

    // Removes from a negative answer the NSEC/NSEC3 (with its RRSIGs) that covers the wildcard at
    // the closest encloser of name and proves no other clause.
    private static void WithoutWildcardCover(DnsMessage m, SignedZone zone, DnsName name)
    {
        List<ResourceRecord> denial = [.. zone.Records.Where(r => r.Type is RrType.NSEC or RrType.NSEC3)];
        DenialResult proof = DenialProofs.Prove(DenialResponseKind.NxDomain, name, RrType.A, zone.Origin, denial);
        DnsName cover = WildcardCover(proof) ?? throw new InvalidOperationException($"no wildcard cover for {name}");
        if (proof.Evidence.Any(e => e.Clause != DenialClause.WildcardCover && e.Record.Name == cover))
        {
            throw new InvalidOperationException($"the wildcard cover of {name} proves another clause too");
        }

        List<ResourceRecord> kept = [.. m.Authorities.Where(r => !(r.Name == cover && (r.Type is RrType.NSEC or RrType.NSEC3 ||
            r.Data is RrsigData { TypeCovered: RrType.NSEC or RrType.NSEC3 })))];
        m.Authorities.Clear();
        foreach (ResourceRecord r in kept)
        {
            m.Authorities.Add(r);
        }
    }

    // The generated ENTRY that answers q (from example.test.'s server, or the forwarder) and the
    // forged one to put in its place.
    private static (string Genuine, string Forged) Forge(ZoneHierarchy zones, DnsQuestion q, bool forward, Action<DnsMessage> change)
    {
        DnsMessage genuine = forward ? HierarchyRecursor.Answer(zones, q, recursive: true) : HierarchyRecursor.Ask(zones[s_example], q, recursive: false);
        DnsMessage forged = forward ? HierarchyRecursor.Answer(zones, q, recursive: true) : HierarchyRecursor.Ask(zones[s_example], q, recursive: false);
        change(forged);
        var a = new StringBuilder();
        RplWriter.WriteEntry(a, q, genuine, forward);
        var b = new StringBuilder();
        RplWriter.WriteEntry(b, q, forged, forward);
        return (a.ToString(), b.ToString());
    }

    private static string Write(string title, ZoneHierarchy zones, bool forward, (string Genuine, string Forged) forgery, IReadOnlyList<Expectation> queries)
    {
        string text = RplWriter.Write(title, Note, zones, queries, forward);
        int at = text.IndexOf(forgery.Genuine, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(forgery.Genuine, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"{title}: the entry to forge is not in the scenario exactly once");
        }

        return text[..at] + forgery.Forged + text[(at + forgery.Genuine.Length)..];
    }
}

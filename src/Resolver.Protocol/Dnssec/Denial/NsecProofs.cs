// NsecProofs: denial of existence with NSEC records (RFC 4035 §5.4, RFC 4034 §4, RFC 6840 §4) —
// NXDOMAIN, NODATA (including empty non-terminals and wildcard NODATA), the no-closer-match proof
// of a wildcard answer, and the absence of DS at a referral. Pure functions over records whose
// signatures the caller has already checked: no I/O, no clock, no exceptions for a failed proof.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Dnssec.Denial;

/// <summary>
/// NSEC denial-of-existence proofs. Each method takes the NSEC records of one zone (records of
/// other types are skipped, NSEC records outside <c>zone</c> are ignored) and returns a
/// <see cref="DenialResult"/>; none throws for a proof that does not hold.
/// </summary>
public static class NsecProofs
{
    /// <summary>
    /// Proves that <paramref name="qname"/> does not exist: an NSEC covers it, and an NSEC covers
    /// the wildcard at its closest encloser (RFC 4035 §5.4). The closest encloser is the longer of
    /// the names the covering NSEC's owner and next name share with <paramref name="qname"/>.
    /// </summary>
    /// <param name="qname">The name claimed not to exist.</param>
    /// <param name="zone">The zone that signed the NSEC records (their RRSIG signer).</param>
    /// <param name="records">The authority section's NSEC records (other records are skipped).</param>
    /// <returns><see cref="DenialProofKind.NxDomain"/> when Secure; otherwise Bogus with the reason.</returns>
    public static DenialResult ProveNxDomain(DnsName qname, DnsName zone, IReadOnlyList<ResourceRecord> records)
    {
        var state = new ProofState();
        if (Prepare(qname, zone, records, state) is not { } nsecs)
        {
            return DenialResult.Bogus(DenialFailure.NameNotInZone, null, null, state);
        }

        Lookup q = Find(nsecs, qname);
        if (q.Exists is { } exists)
        {
            return DenialResult.Bogus(DenialFailure.NameExists, DenialClause.QNameCover, exists.Record, state);
        }

        if (q.Cover is not { } cover)
        {
            return DenialResult.Bogus(DenialFailure.MissingProof, DenialClause.QNameCover, null, state);
        }

        state.Add(DenialClause.QNameCover, qname, cover.Record);
        DnsName encloser = ClosestEncloser(qname, cover);
        state.ClosestEncloser = encloser;
        state.NextCloser = qname.GetSuffix(encloser.LabelCount + 1);

        DnsName wildcard = DenialChecks.WildcardAt(encloser);
        Lookup w = Find(nsecs, wildcard);
        if (w.Exists is { } wildcardExists)
        {
            return DenialResult.Bogus(DenialFailure.WildcardExists, DenialClause.WildcardCover, wildcardExists.Record, state);
        }

        if (w.Cover is not { } wildcardCover)
        {
            return DenialResult.Bogus(DenialFailure.MissingProof, DenialClause.WildcardCover, null, state);
        }

        state.Add(DenialClause.WildcardCover, wildcard, wildcardCover.Record);
        return DenialResult.Proven(DenialProofKind.NxDomain, state);
    }

    /// <summary>
    /// Proves that <paramref name="qname"/> has no <paramref name="qtype"/> records, trying in turn:
    /// an NSEC matching the name without the type and without CNAME (RFC 4035 §5.4, RFC 6840 §4.3);
    /// an NSEC whose next name is below the name, which is then an empty non-terminal; and an NSEC
    /// covering the name plus one matching the wildcard at its closest encloser without the type
    /// (wildcard NODATA, RFC 4035 §3.1.3.4). For DS the matching NSEC must not be the child apex's
    /// (SOA set); one with NS is an insecure delegation. For other types an NSEC from the parent
    /// side of a delegation (NS, no SOA) proves nothing (RFC 6840 §4.1).
    /// </summary>
    /// <param name="qname">The query name.</param>
    /// <param name="qtype">The query type.</param>
    /// <param name="zone">The zone that signed the NSEC records.</param>
    /// <param name="records">The authority section's NSEC records.</param>
    /// <returns>NoData, EmptyNonTerminal, WildcardNoData or InsecureDelegation when Secure; otherwise Bogus.</returns>
    public static DenialResult ProveNoData(DnsName qname, RrType qtype, DnsName zone, IReadOnlyList<ResourceRecord> records)
    {
        var state = new ProofState();
        if (Prepare(qname, zone, records, state) is not { } nsecs)
        {
            return DenialResult.Bogus(DenialFailure.NameNotInZone, null, null, state);
        }

        Lookup q = Find(nsecs, qname);
        if (q.Match is { } match)
        {
            DenialFailure failure = DenialChecks.CheckNoData(match.Data.TypeBitmap, qname, qtype);
            if (failure != DenialFailure.None)
            {
                return DenialResult.Bogus(failure, DenialClause.QNameMatch, match.Record, state);
            }

            state.Add(DenialClause.QNameMatch, qname, match.Record);
            return DenialResult.Proven(DenialChecks.NoDataKind(match.Data.TypeBitmap, qtype), state);
        }

        if (q.EmptyNonTerminal is { } ent)
        {
            state.Add(DenialClause.EmptyNonTerminal, qname, ent.Record);
            return DenialResult.Proven(DenialProofKind.EmptyNonTerminal, state);
        }

        if (q.Cover is not { } cover)
        {
            return DenialResult.Bogus(DenialFailure.MissingProof, DenialClause.QNameMatch, null, state);
        }

        // Wildcard NODATA needs both records (hickory-dns #3143): the cover shows the name itself
        // does not exist and fixes the closest encloser; the wildcard's own NSEC lacks the type.
        state.Add(DenialClause.QNameCover, qname, cover.Record);
        DnsName encloser = ClosestEncloser(qname, cover);
        state.ClosestEncloser = encloser;
        state.NextCloser = qname.GetSuffix(encloser.LabelCount + 1);
        DnsName wildcard = DenialChecks.WildcardAt(encloser);
        if (Find(nsecs, wildcard).Match is not { } wildcardMatch)
        {
            return DenialResult.Bogus(DenialFailure.MissingProof, DenialClause.WildcardMatch, null, state);
        }

        DenialFailure wildcardFailure = DenialChecks.CheckNoData(wildcardMatch.Data.TypeBitmap, wildcard, qtype);
        if (wildcardFailure != DenialFailure.None)
        {
            return DenialResult.Bogus(wildcardFailure, DenialClause.WildcardMatch, wildcardMatch.Record, state);
        }

        state.Add(DenialClause.WildcardMatch, wildcard, wildcardMatch.Record);
        return DenialResult.Proven(DenialProofKind.WildcardNoData, state);
    }

    /// <summary>
    /// Proves that a wildcard answer for <paramref name="qname"/> was rightly synthesized: the
    /// RRSIG's labels field gives the closest encloser (the rightmost <paramref name="rrsigLabels"/>
    /// labels) and an NSEC must cover the next closer name, so no closer match exists
    /// (RFC 4035 §5.3.4, RFC 4592 §4.1).
    /// </summary>
    /// <param name="qname">The owner name of the answer RRset.</param>
    /// <param name="rrsigLabels">The Labels field of the RRSIG covering the answer; fewer than the owner's labels (not counting a leading <c>*</c>).</param>
    /// <param name="zone">The zone that signed the NSEC records.</param>
    /// <param name="records">The authority section's NSEC records.</param>
    /// <returns><see cref="DenialProofKind.Wildcard"/> when Secure; otherwise Bogus.</returns>
    public static DenialResult ProveWildcardAnswer(DnsName qname, int rrsigLabels, DnsName zone, IReadOnlyList<ResourceRecord> records)
    {
        var state = new ProofState();
        if (Prepare(qname, zone, records, state) is not { } nsecs)
        {
            return DenialResult.Bogus(DenialFailure.NameNotInZone, null, null, state);
        }

        if (rrsigLabels < zone.LabelCount || rrsigLabels >= qname.SignatureLabelCount)
        {
            return DenialResult.Bogus(DenialFailure.InvalidWildcardLabels, null, null, state);
        }

        state.ClosestEncloser = qname.GetSuffix(rrsigLabels);
        DnsName nextCloser = qname.GetSuffix(rrsigLabels + 1);
        state.NextCloser = nextCloser;
        Lookup n = Find(nsecs, nextCloser);
        if (n.Exists is { } exists)
        {
            return DenialResult.Bogus(DenialFailure.NameExists, DenialClause.NextCloserCover, exists.Record, state);
        }

        if (n.Cover is not { } cover)
        {
            return DenialResult.Bogus(DenialFailure.MissingProof, DenialClause.NextCloserCover, null, state);
        }

        state.Add(DenialClause.NextCloserCover, nextCloser, cover.Record);
        return DenialResult.Proven(DenialProofKind.Wildcard, state);
    }

    /// <summary>
    /// Proves that the delegation at <paramref name="delegation"/> is insecure (a referral without
    /// DS): the NSEC at the delegation name lists NS but neither DS nor SOA (RFC 4035 §5.2,
    /// RFC 6840 §4.4).
    /// </summary>
    /// <param name="delegation">The owner of the referral's NS RRset, strictly below <paramref name="zone"/>.</param>
    /// <param name="zone">The parent zone, which signed the NSEC records.</param>
    /// <param name="records">The referral's authority-section NSEC records.</param>
    /// <returns><see cref="DenialProofKind.InsecureDelegation"/> when Secure; otherwise Bogus.</returns>
    public static DenialResult ProveInsecureDelegation(DnsName delegation, DnsName zone, IReadOnlyList<ResourceRecord> records)
    {
        var state = new ProofState();
        if (Prepare(delegation, zone, records, state) is not { } nsecs || delegation == zone)
        {
            return DenialResult.Bogus(DenialFailure.NameNotInZone, null, null, state);
        }

        if (Find(nsecs, delegation).Match is not { } match)
        {
            return DenialResult.Bogus(DenialFailure.MissingProof, DenialClause.QNameMatch, null, state);
        }

        DenialFailure failure = DenialChecks.CheckInsecureDelegation(match.Data.TypeBitmap);
        if (failure != DenialFailure.None)
        {
            return DenialResult.Bogus(failure, DenialClause.QNameMatch, match.Record, state);
        }

        state.Add(DenialClause.QNameMatch, delegation, match.Record);
        return DenialResult.Proven(DenialProofKind.InsecureDelegation, state);
    }

    // The zone's NSEC records, or null when the name is not in the zone. An NSEC whose owner or
    // next name lies outside the zone cannot be part of its chain and is ignored.
    private static List<Entry>? Prepare(DnsName name, DnsName zone, IReadOnlyList<ResourceRecord> records, ProofState state)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(records);
        if (!name.IsSubdomainOf(zone))
        {
            return null;
        }

        var nsecs = new List<Entry>(records.Count);
        foreach (ResourceRecord record in records)
        {
            if (record.Data is not NsecData data)
            {
                continue;
            }

            if (record.Name.IsSubdomainOf(zone) && data.NextDomainName.IsSubdomainOf(zone))
            {
                nsecs.Add(new Entry(record, data));
            }
            else
            {
                state.IgnoredRecords++;
            }
        }

        return nsecs;
    }

    // What the NSEC records say about one name: a record at it, a record showing it is an empty
    // non-terminal, or a record covering it.
    private static Lookup Find(List<Entry> nsecs, DnsName name)
    {
        Entry? match = null, ent = null, cover = null;
        foreach (Entry e in nsecs)
        {
            if (e.Owner == name)
            {
                match ??= e;
            }
            else if (ProvesEmptyNonTerminal(e, name))
            {
                ent ??= e;
            }
            else if (Covers(e, name))
            {
                cover ??= e;
            }
        }

        return new Lookup(match, ent, cover);
    }

    // RFC 4035 §5.4 / RFC 4034 §4.1.1: the owner sorts before the name and the next name after it
    // (the last NSEC wraps to the apex, so it covers everything after its owner). Not when the next
    // name is below the name (then the name is an empty non-terminal), nor when the owner is a
    // delegation or DNAME above the name (RFC 6840 §4.1).
    private static bool Covers(Entry e, DnsName name)
    {
        if (name.IsStrictSubdomainOf(e.Owner) && !DenialChecks.MayDenyBelow(e.Data.TypeBitmap))
        {
            return false;
        }

        DnsName next = e.Data.NextDomainName;
        if (next.IsStrictSubdomainOf(name))
        {
            return false;
        }

        return e.Owner < next ? e.Owner < name && name < next : e.Owner < name;
    }

    // RFC 4035 §3.1.3.2: an empty non-terminal has no NSEC of its own; the NSEC before it in
    // canonical order has a next name below it.
    private static bool ProvesEmptyNonTerminal(Entry e, DnsName name) =>
        e.Owner < name && e.Data.NextDomainName.IsStrictSubdomainOf(name) &&
        !(name.IsStrictSubdomainOf(e.Owner) && !DenialChecks.MayDenyBelow(e.Data.TypeBitmap));

    // The closest encloser of a name covered by an NSEC: owner and next name both exist, and no
    // name exists between them, so the deepest existing ancestor is the longer of the ancestors the
    // name shares with each (RFC 4035 §5.4; RFC 7129 §5.3).
    private static DnsName ClosestEncloser(DnsName name, Entry cover)
    {
        DnsName byOwner = name.CommonAncestor(cover.Owner);
        DnsName byNext = name.CommonAncestor(cover.Data.NextDomainName);
        return byOwner.LabelCount >= byNext.LabelCount ? byOwner : byNext;
    }

    private sealed record Entry(ResourceRecord Record, NsecData Data)
    {
        public DnsName Owner => Record.Name;
    }

    private readonly record struct Lookup(Entry? Match, Entry? EmptyNonTerminal, Entry? Cover)
    {
        // A record that shows the name exists: one at it, or one proving it an empty non-terminal.
        public Entry? Exists => Match ?? EmptyNonTerminal;
    }
}

// Nsec3Proofs: denial of existence with NSEC3 records (RFC 5155 §8 with erratum 3441, RFC 7129 §5,
// RFC 6840 §4) — the closest-encloser proof, NXDOMAIN, NODATA (DS included, §8.6), wildcard NODATA,
// wildcard answers and insecure referrals, with opt-out (a covering NSEC3 with the flag proves only
// that no signed delegation is there → Insecure) and the RFC 9276 iteration limits. Pure functions
// over records whose signatures the caller has checked; hashing is cached and budgeted per proof,
// and a proof is made within one NSEC3 parameter set (records of two chains are never combined).
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Dnssec.Denial;

/// <summary>
/// NSEC3 denial-of-existence proofs. Each method takes the NSEC3 records of one zone (records of
/// other types are skipped; unusable NSEC3 records are ignored and counted) and returns a
/// <see cref="DenialResult"/>; none throws for a proof that does not hold. Before hashing anything,
/// records with iterations above <see cref="Nsec3ProofOptions.BogusIterationLimit"/> make the
/// result Bogus and above <see cref="Nsec3ProofOptions.InsecureIterationLimit"/> Insecure.
/// </summary>
public static class Nsec3Proofs
{
    /// <summary>
    /// Proves that <paramref name="qname"/> does not exist (RFC 5155 §8.4): a closest-encloser proof
    /// (an NSEC3 matching the closest encloser, one covering the next closer name) and an NSEC3
    /// covering the wildcard at the closest encloser. When the next closer name's cover has the
    /// opt-out flag, an unsigned delegation could be there: the result is Insecure,
    /// <see cref="DenialProofKind.OptOutInsecure"/> (RFC 5155 §9.2) — but only with the wildcard
    /// clause proven too: without a record covering (or, under opt-out, matching) the wildcard the
    /// result is Bogus, opt-out or not.
    /// </summary>
    /// <param name="qname">The name claimed not to exist.</param>
    /// <param name="zone">The zone that signed the NSEC3 records (their RRSIG signer).</param>
    /// <param name="records">The authority section's NSEC3 records (other records are skipped).</param>
    /// <param name="options">Limits; null for <see cref="Nsec3ProofOptions.Default"/>.</param>
    public static DenialResult ProveNxDomain(DnsName qname, DnsName zone, IReadOnlyList<ResourceRecord> records, Nsec3ProofOptions? options = null)
    {
        var state = new ProofState();
        return Prepare(qname, zone, records, options, state, out Nsec3Chain chain) ??
            WithinOneParameterSet(chain, state, s => NxDomain(qname, zone, chain, s));
    }

    /// <summary>
    /// Proves that <paramref name="qname"/> has no <paramref name="qtype"/> records. With an NSEC3
    /// matching the name: neither the type nor CNAME in its bitmap (RFC 5155 §8.5, §8.6; an empty
    /// bitmap is an empty non-terminal); for DS it must not be the child apex's (SOA), and one with
    /// NS is an insecure delegation; for other types a parent-side record (NS, no SOA) proves
    /// nothing. Without one: a closest-encloser proof; a next-closer cover with opt-out makes the
    /// result Insecure, <see cref="DenialProofKind.OptOutInsecure"/> (§8.6 for DS; erratum 3441 for
    /// empty non-terminals made only by unsigned delegations); otherwise an NSEC3 must match the
    /// wildcard at the closest encloser without the type (wildcard NODATA, §8.7).
    /// </summary>
    /// <param name="qname">The query name.</param>
    /// <param name="qtype">The query type.</param>
    /// <param name="zone">The zone that signed the NSEC3 records.</param>
    /// <param name="records">The authority section's NSEC3 records.</param>
    /// <param name="options">Limits; null for <see cref="Nsec3ProofOptions.Default"/>.</param>
    public static DenialResult ProveNoData(DnsName qname, RrType qtype, DnsName zone, IReadOnlyList<ResourceRecord> records, Nsec3ProofOptions? options = null)
    {
        var state = new ProofState();
        return Prepare(qname, zone, records, options, state, out Nsec3Chain chain) ??
            WithinOneParameterSet(chain, state, s => NoData(qname, qtype, zone, chain, s));
    }

    /// <summary>
    /// Proves that a wildcard answer for <paramref name="qname"/> was rightly synthesized
    /// (RFC 5155 §8.8): the RRSIG's labels field gives the closest encloser, and an NSEC3 must cover
    /// the next closer name. A cover with opt-out leaves room for an unsigned delegation there:
    /// Insecure, <see cref="DenialProofKind.OptOutInsecure"/>.
    /// </summary>
    /// <param name="qname">The owner name of the answer RRset.</param>
    /// <param name="rrsigLabels">The Labels field of the RRSIG covering the answer; fewer than the owner's labels (not counting a leading <c>*</c>).</param>
    /// <param name="zone">The zone that signed the NSEC3 records.</param>
    /// <param name="records">The authority section's NSEC3 records.</param>
    /// <param name="options">Limits; null for <see cref="Nsec3ProofOptions.Default"/>.</param>
    public static DenialResult ProveWildcardAnswer(DnsName qname, int rrsigLabels, DnsName zone, IReadOnlyList<ResourceRecord> records, Nsec3ProofOptions? options = null)
    {
        var state = new ProofState();
        return Prepare(qname, zone, records, options, state, out Nsec3Chain chain) ??
            WithinOneParameterSet(chain, state, s => WildcardAnswer(qname, rrsigLabels, zone, chain, s));
    }

    /// <summary>
    /// Proves that the delegation at <paramref name="delegation"/> is insecure (RFC 5155 §8.9,
    /// RFC 6840 §4.4): an NSEC3 matching it lists NS but neither DS nor SOA — Secure,
    /// <see cref="DenialProofKind.InsecureDelegation"/>; or none matches and a closest-encloser
    /// proof's next-closer cover has opt-out — Insecure, <see cref="DenialProofKind.OptOutInsecure"/>.
    /// </summary>
    /// <param name="delegation">The owner of the referral's NS RRset, strictly below <paramref name="zone"/>.</param>
    /// <param name="zone">The parent zone, which signed the NSEC3 records.</param>
    /// <param name="records">The referral's authority-section NSEC3 records.</param>
    /// <param name="options">Limits; null for <see cref="Nsec3ProofOptions.Default"/>.</param>
    public static DenialResult ProveInsecureDelegation(DnsName delegation, DnsName zone, IReadOnlyList<ResourceRecord> records, Nsec3ProofOptions? options = null)
    {
        var state = new ProofState();
        return Prepare(delegation, zone, records, options, state, out Nsec3Chain chain) ??
            WithinOneParameterSet(chain, state, s => InsecureDelegation(delegation, zone, chain, s));
    }

    private static DenialResult NxDomain(DnsName qname, DnsName zone, Nsec3Chain chain, ProofState state)
    {
        if (ProveClosestEncloser(qname, zone, chain, state, out Nsec3Chain.Entry? nextCloserCover) is { } failed)
        {
            return failed;
        }

        if (CheckWildcardCovered(chain, state, nextCloserCover!.Data.IsOptOut) is { } wildcardFailed)
        {
            return wildcardFailed;
        }

        return OptOutOr(DenialProofKind.NxDomain, nextCloserCover, state);
    }

    private static DenialResult NoData(DnsName qname, RrType qtype, DnsName zone, Nsec3Chain chain, ProofState state)
    {
        if (!chain.TryFind(qname, out Nsec3Chain.Entry? match, out _))
        {
            return Exhausted(state);
        }

        if (match is not null)
        {
            TypeBitmap bitmap = match.Data.TypeBitmap;
            DenialFailure failure = DenialChecks.CheckNoData(bitmap, qname, qtype);
            if (failure != DenialFailure.None)
            {
                return DenialResult.Bogus(failure, DenialClause.QNameMatch, match.Record, state);
            }

            state.Add(DenialClause.QNameMatch, qname, match.Record);
            DenialProofKind kind = bitmap.WireForm.IsEmpty ? DenialProofKind.EmptyNonTerminal : DenialChecks.NoDataKind(bitmap, qtype);
            return DenialResult.Proven(kind, state);
        }

        if (ProveClosestEncloser(qname, zone, chain, state, out Nsec3Chain.Entry? nextCloserCover) is { } failed)
        {
            // No record at the name and no closest-encloser proof: the match is what is missing.
            return failed.Failure == DenialFailure.MissingProof
                ? DenialResult.Bogus(DenialFailure.MissingProof, DenialClause.QNameMatch, null, state)
                : failed;
        }

        DnsName wildcard = DenialChecks.WildcardAt(state.ClosestEncloser!);
        if (!chain.TryFind(wildcard, out Nsec3Chain.Entry? wildcardMatch, out _))
        {
            return Exhausted(state);
        }

        DenialFailure wildcardFailure = wildcardMatch is null
            ? DenialFailure.MissingProof
            : DenialChecks.CheckNoData(wildcardMatch.Data.TypeBitmap, wildcard, qtype);
        if (wildcardFailure == DenialFailure.None)
        {
            state.Add(DenialClause.WildcardMatch, wildcard, wildcardMatch!.Record);
        }

        // Under opt-out the name may be an empty non-terminal of an unsigned delegation (or lie below
        // one) that has no NSEC3 (erratum 3441): whatever the wildcard at the provable encloser
        // says, only the absence of signed data is shown.
        if (nextCloserCover!.Data.IsOptOut)
        {
            return DenialResult.Insecure(DenialProofKind.OptOutInsecure, DenialFailure.OptOut, state);
        }

        if (wildcardMatch is not null)
        {
            return wildcardFailure == DenialFailure.None
                ? DenialResult.Proven(DenialProofKind.WildcardNoData, state)
                : DenialResult.Bogus(wildcardFailure, DenialClause.WildcardMatch, wildcardMatch.Record, state);
        }

        // The name is proven not to exist, which is no NODATA answer.
        return DenialResult.Bogus(DenialFailure.MissingProof, DenialClause.QNameMatch, nextCloserCover.Record, state);
    }

    private static DenialResult WildcardAnswer(DnsName qname, int rrsigLabels, DnsName zone, Nsec3Chain chain, ProofState state)
    {
        if (rrsigLabels < zone.LabelCount || rrsigLabels >= qname.SignatureLabelCount)
        {
            return DenialResult.Bogus(DenialFailure.InvalidWildcardLabels, null, null, state);
        }

        state.ClosestEncloser = qname.GetSuffix(rrsigLabels);
        DnsName nextCloser = qname.GetSuffix(rrsigLabels + 1);
        state.NextCloser = nextCloser;
        if (!chain.TryFind(nextCloser, out Nsec3Chain.Entry? match, out Nsec3Chain.Entry? cover))
        {
            return Exhausted(state);
        }

        if (match is not null)
        {
            return DenialResult.Bogus(DenialFailure.NameExists, DenialClause.NextCloserCover, match.Record, state);
        }

        if (cover is null)
        {
            return DenialResult.Bogus(DenialFailure.MissingProof, DenialClause.NextCloserCover, null, state);
        }

        state.Add(DenialClause.NextCloserCover, nextCloser, cover.Record);
        return OptOutOr(DenialProofKind.Wildcard, cover, state);
    }

    private static DenialResult InsecureDelegation(DnsName delegation, DnsName zone, Nsec3Chain chain, ProofState state)
    {
        if (delegation == zone)
        {
            return DenialResult.Bogus(DenialFailure.NameNotInZone, null, null, state);
        }

        if (!chain.TryFind(delegation, out Nsec3Chain.Entry? match, out _))
        {
            return Exhausted(state);
        }

        if (match is not null)
        {
            DenialFailure failure = DenialChecks.CheckInsecureDelegation(match.Data.TypeBitmap);
            if (failure != DenialFailure.None)
            {
                return DenialResult.Bogus(failure, DenialClause.QNameMatch, match.Record, state);
            }

            state.Add(DenialClause.QNameMatch, delegation, match.Record);
            return DenialResult.Proven(DenialProofKind.InsecureDelegation, state);
        }

        if (ProveClosestEncloser(delegation, zone, chain, state, out Nsec3Chain.Entry? nextCloserCover) is { } failed)
        {
            return failed.Failure == DenialFailure.MissingProof
                ? DenialResult.Bogus(DenialFailure.MissingProof, DenialClause.QNameMatch, null, state)
                : failed;
        }

        // Without opt-out every delegation has an NSEC3, so a plain cover says there is none here.
        return nextCloserCover!.Data.IsOptOut
            ? DenialResult.Insecure(DenialProofKind.OptOutInsecure, DenialFailure.OptOut, state)
            : DenialResult.Bogus(DenialFailure.MissingProof, DenialClause.QNameMatch, nextCloserCover.Record, state);
    }

    // RFC 5155 §8.2-8.3: a zone has one NSEC3 chain per parameter set, and a proof's hashes are
    // comparable only within one set. Records of two sets (a zone changing its NSEC3PARAM, both
    // chains served) are tried one set at a time, the best result winning; pieced together,
    // unrelated chains would let a closest encloser matched with one salt stand beside a next
    // closer cover made with another. The hash cache and budget are shared by the attempts.
    private static DenialResult WithinOneParameterSet(Nsec3Chain chain, ProofState state, Func<ProofState, DenialResult> prove)
    {
        if (chain.ParameterSets <= 1)
        {
            return prove(state);
        }

        DenialResult? best = null;
        for (int p = 0; p < chain.ParameterSets; p++)
        {
            chain.ActiveParameters = p;
            DenialResult result = prove(new ProofState { Chain = chain, IgnoredRecords = state.IgnoredRecords });
            if (result.Failure == DenialFailure.HashBudgetExhausted)
            {
                return result;
            }

            if (best is null || result.Status < best.Status)
            {
                best = result;
            }

            if (best.IsSecure)
            {
                break;
            }
        }

        return best!.WithHashComputations(chain.HashComputations);
    }

    // Argument checks, the zone's usable records, and the iteration limits (RFC 9276 §3.2), which
    // are applied before any hash is computed. Returns a result when the proof ends here.
    private static DenialResult? Prepare(
        DnsName name, DnsName zone, IReadOnlyList<ResourceRecord> records, Nsec3ProofOptions? options, ProofState state, out Nsec3Chain chain)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(records);
        options ??= Nsec3ProofOptions.Default;
        chain = Nsec3Chain.Create(zone, records, options.MaxHashComputations);
        state.Chain = chain;
        state.IgnoredRecords = chain.IgnoredRecords;
        if (!name.IsSubdomainOf(zone))
        {
            return DenialResult.Bogus(DenialFailure.NameNotInZone, null, null, state);
        }

        if (chain.MaxIterations > options.BogusIterationLimit)
        {
            return DenialResult.Bogus(DenialFailure.IterationsAboveBogusLimit, null, null, state);
        }

        return chain.MaxIterations > options.InsecureIterationLimit
            ? DenialResult.Insecure(DenialProofKind.None, DenialFailure.IterationsAboveInsecureLimit, state)
            : null;
    }

    // RFC 5155 §8.3: walk up from the name to the first ancestor with a matching NSEC3 — the
    // closest (provable) encloser — and require a cover for the name one label below it, the next
    // closer name. Each level costs a hash, so the walk is bounded by the hash budget
    // (CVE-2023-50868). The encloser's record must be allowed to deny names below it (no delegation
    // or DNAME, RFC 6840 §4.1); the name itself matching means it exists.
    private static DenialResult? ProveClosestEncloser(
        DnsName qname, DnsName zone, Nsec3Chain chain, ProofState state, out Nsec3Chain.Entry? nextCloserCover)
    {
        nextCloserCover = null;
        DnsName? nextCloser = null;
        Nsec3Chain.Entry? cover = null;
        for (int labels = qname.LabelCount; labels >= zone.LabelCount; labels--)
        {
            DnsName ancestor = qname.GetSuffix(labels);
            if (!chain.TryFind(ancestor, out Nsec3Chain.Entry? match, out Nsec3Chain.Entry? ancestorCover))
            {
                return Exhausted(state);
            }

            if (match is null)
            {
                nextCloser = ancestor;
                cover = ancestorCover;
                continue;
            }

            if (nextCloser is null)
            {
                return DenialResult.Bogus(DenialFailure.NameExists, DenialClause.NextCloserCover, match.Record, state);
            }

            state.ClosestEncloser = ancestor;
            state.NextCloser = nextCloser;
            if (!DenialChecks.MayDenyBelow(match.Data.TypeBitmap))
            {
                return DenialResult.Bogus(DenialFailure.DelegationRecord, DenialClause.ClosestEncloserMatch, match.Record, state);
            }

            state.Add(DenialClause.ClosestEncloserMatch, ancestor, match.Record);
            if (cover is null)
            {
                return DenialResult.Bogus(DenialFailure.MissingProof, DenialClause.NextCloserCover, null, state);
            }

            state.Add(DenialClause.NextCloserCover, nextCloser, cover.Record);
            nextCloserCover = cover;
            return null;
        }

        // Not even the zone apex matched.
        return DenialResult.Bogus(DenialFailure.MissingProof, DenialClause.ClosestEncloserMatch, null, state);
    }

    // RFC 5155 §8.4: the wildcard at the closest encloser must be covered, not matched. Opt-out
    // (§6, §9.2) never excuses the wildcard clause: only unsigned delegations go without an NSEC3,
    // a wildcard is signed data and always has one, so a response that proves nothing about it
    // proves no NXDOMAIN (Unbound's nsec3_do_prove_nameerror requires it before it looks at the
    // opt-out flag). Under opt-out one thing differs: the closest *provable* encloser may be above
    // the real one (an empty non-terminal made only by unsigned delegations has no NSEC3, §7.1),
    // and a wildcard existing there does not apply to the name, so a match is accepted — the
    // result is then Insecure anyway. Neither a match nor a cover is Bogus.
    private static DenialResult? CheckWildcardCovered(Nsec3Chain chain, ProofState state, bool optOut)
    {
        DnsName wildcard = DenialChecks.WildcardAt(state.ClosestEncloser!);
        if (!chain.TryFind(wildcard, out Nsec3Chain.Entry? match, out Nsec3Chain.Entry? cover))
        {
            return Exhausted(state);
        }

        if (optOut && match is not null)
        {
            return null;
        }

        if (match is not null)
        {
            return DenialResult.Bogus(DenialFailure.WildcardExists, DenialClause.WildcardCover, match.Record, state);
        }

        if (cover is null)
        {
            return DenialResult.Bogus(DenialFailure.MissingProof, DenialClause.WildcardCover, null, state);
        }

        state.Add(DenialClause.WildcardCover, wildcard, cover.Record);
        return null;
    }

    // RFC 5155 §9.2: a next-closer cover with opt-out proves only that no signed delegation exists.
    private static DenialResult OptOutOr(DenialProofKind kind, Nsec3Chain.Entry nextCloserCover, ProofState state) =>
        nextCloserCover.Data.IsOptOut
            ? DenialResult.Insecure(DenialProofKind.OptOutInsecure, DenialFailure.OptOut, state)
            : DenialResult.Proven(kind, state);

    private static DenialResult Exhausted(ProofState state) =>
        DenialResult.Bogus(DenialFailure.HashBudgetExhausted, null, null, state);

}

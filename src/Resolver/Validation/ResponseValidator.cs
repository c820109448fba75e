// ResponseValidator: the verdict on one iteration result (RFC 4035 §5). Every RRset of the answer —
// each CNAME/DNAME link in its own zone, then the final RRset — is checked against its zone's key
// entry; a wildcard expansion also needs the proof that the name itself does not exist; a NODATA or
// NXDOMAIN needs an authenticated denial from the zone of the final name. Each part gets its own
// verdict (PartVerdict: the validator stores it with the part's cache entry and may hand it back,
// still valid, instead of a check); the answer's status is the weakest of its parts (Bogus, then
// Indeterminate, then Insecure, then Secure), with the reason, the chain of trust, the signatures
// and the proofs used.
using System.Collections.Immutable;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Records;

namespace Resolver.Validation;

/// <summary>Verdicts on parts of an answer known from earlier validations (the cache's security status).</summary>
internal interface IKnownVerdicts
{
    /// <summary>The still valid verdict on part <paramref name="index"/> of <paramref name="result"/> (the last index: the denial), or null.</summary>
    PartVerdict? Find(IterationResult result, int index, DateTimeOffset now);
}

internal sealed class ResponseValidator(ChainWalker walker)
{
    /// <summary>A context for one resolution's validation at <paramref name="now"/>, within <paramref name="budget"/>.</summary>
    public ValidationContext Begin(DateTimeOffset now, WorkBudget budget, int maxRestarts = 0) => walker.Begin(now, budget, maxRestarts);

    public Task<ValidationOutcome> ValidateAsync(IterationResult result, ValidationContext context, CancellationToken cancellationToken) =>
        ValidateAsync(result, context, null, cancellationToken);

    public async Task<ValidationOutcome> ValidateAsync(IterationResult result, ValidationContext context, IKnownVerdicts? known, CancellationToken cancellationToken)
    {
        if (result.Status == IterationStatus.ServerFailure)
        {
            return ValidationOutcome.Failed(new ResolutionFailure(result.FailureReason ?? "resolution failed", result.FailureCode));
        }

        DnsName qname = result.Question.Name;
        if (context.TrustAnchors.FindNegativeAnchor(qname) is null &&
            !context.TrustAnchors.TryFindClosest(qname, context.Now, out _, out _))
        {
            var none = new PartVerdict.Builder();
            none.Add(SecurityStatus.Indeterminate, new ValidationFailure(ValidationFailureKind.NoTrustAnchor, qname,
                "no configured trust anchor is at or above this name"), null);
            return none.Build(selfContained: false).ToOutcome();
        }

        var parts = new PartVerdict?[result.Answers.Length + 1];
        for (int i = 0; i < result.Answers.Length; i++)
        {
            ZonedRrSet set = result.Answers[i];
            if (IsSynthesized(result.Answers, i))
            {
                // RFC 6672 §5.3.1: the CNAME a DNAME synthesizes is unsigned; the DNAME's own
                // verdict (validated above) stands for it, as it matches the substitution exactly.
                continue;
            }

            if (known?.Find(result, i, context.Now) is { } reused)
            {
                parts[i] = reused;
                continue;
            }

            var state = new PartVerdict.Builder();
            await ValidateRrSetAsync(set, result, state, context, cancellationToken).ConfigureAwait(false);
            if (state.Unresolved is { } failure)
            {
                return ValidationOutcome.Failed(failure);
            }

            // A wildcard's proof may come from the response's authority section rather than the
            // records stored with the RRset: the verdict then rests on the other parts too.
            parts[i] = state.Build(selfContained: !set.ProofRecords.IsEmpty || result.Authority.IsEmpty);
        }

        if (result.Status is IterationStatus.NoData or IterationStatus.NxDomain)
        {
            int denial = result.Answers.Length;
            if (known?.Find(result, denial, context.Now) is { } reused)
            {
                parts[denial] = reused;
            }
            else
            {
                var state = new PartVerdict.Builder();
                await ValidateDenialAsync(result, state, context, cancellationToken).ConfigureAwait(false);
                if (state.Unresolved is { } failure)
                {
                    return ValidationOutcome.Failed(failure);
                }

                // The proof of an unsigned cut may come with the aliases that led here.
                parts[denial] = state.Build(selfContained: result.Answers.IsEmpty);
            }
        }

        return ValidationOutcome.Merge(parts) with { Parts = [.. parts] };
    }

    private async Task ValidateRrSetAsync(ZonedRrSet zoned, IterationResult result, PartVerdict.Builder state, ValidationContext context, CancellationToken cancellationToken)
    {
        SignedRrSet set = zoned.RrSet;
        DnsName owner = set.RrSet.Name;
        DnsName? zone = ZoneOf(ChainWalker.SignerOf(set, owner), zoned.Zone, owner);
        KeyEntry entry = await KeyEntryAsync(zone, owner, context, cancellationToken).ConfigureAwait(false);
        // A CNAME owner is never a zone apex (RFC 1034 §3.6.2: no other data beside it), so its
        // zone is that of its parent name; a DS RRset is the parent side's data (RFC 4035 §2.4).
        DnsName holder = set.RrSet.Type is RrType.CNAME or RrType.DS ? owner.Parent : owner;
        if (zone is not null && entry.State == KeyEntryState.Secure && set.Signatures.IsEmpty && holder.IsStrictSubdomainOf(zone))
        {
            // Unsigned data below the cut iteration saw may belong to a child zone served by the
            // same servers (no referral was needed): which zone holds it — and whether that zone
            // is signed — is found by walking down from the cut to the owner (DS at each name,
            // RFC 4035 §5.2), as Unbound does for an unsigned answer. A secure zone is still
            // found secure, so unsigned data in it stays Bogus. When the walk cannot be finished
            // (no server answers a DS query on the way), the data is judged in the zone known to
            // be signed — Bogus, fail closed — and Bogus recovery asks the zone's other servers
            // (Unbound iter_dnsseclame_*: a "DNSSEC-lame" server serves the zone unsigned).
            KeyEntry deeper = await walker.GetKeyEntryAsync(holder, context, cancellationToken).ConfigureAwait(false);
            if (deeper.State != KeyEntryState.Unresolved)
            {
                entry = deeper;
            }
        }

        if (result.ZonesFromSigners && zone is not null && entry.State == KeyEntryState.Secure && !set.Signatures.IsEmpty && holder.IsStrictSubdomainOf(zone))
        {
            // RFC 4035 §5.3.1: the signer must be the zone that holds the data. Forwarding sees no
            // referral, so the signer named in the RRSIG is only a claim: the zone that holds the
            // owner is found by walking DS from the trust anchor down to it (as Unbound's validator
            // walks DS towards a signer), and a child zone below the signer takes over — a child's
            // data signed with its parent's key is then Bogus, an unsigned child's Insecure. Only a
            // proven cut counts; when the walk proves none (it cannot be finished, or a proof on the
            // way is only Insecure or fails), the signer's zone is kept and its keys judge the data.
            KeyEntry holding = await walker.GetKeyEntryForNameAsync(WalkTarget(set, holder), context, cancellationToken).ConfigureAwait(false);
            if (holding.Zone.IsStrictSubdomainOf(zone) && IsProvenCut(holding))
            {
                if (!state.Absorb(holding))
                {
                    return;
                }

                if (holding.State == KeyEntryState.Secure)
                {
                    state.Add(SecurityStatus.Bogus, new ValidationFailure(ValidationFailureKind.InvalidSignatureFields, holding.Zone,
                        $"{owner}/{Resolver.Protocol.Text.RrTypeText.Format(set.RrSet.Type)} is signed by {zone}, but it is data of the zone {holding.Zone}"),
                        null, fromData: true);
                }
                else
                {
                    state.Add(holding.Status, holding.Failure, null);
                }

                return;
            }
        }

        if (!state.Absorb(entry))
        {
            return;
        }

        if (set.RrSet.Type == RrType.RRSIG)
        {
            // Only a query for type RRSIG puts signatures in the answer as data (IteratorBase); in a
            // signed zone they are real but unauthenticated — Insecure, the verdict Unbound gives too.
            state.Add(SecurityStatus.Insecure, new ValidationFailure(ValidationFailureKind.RrsigQuery, entry.Zone,
                $"RRSIG records at {owner} are not themselves signed"), null);
            return;
        }

        RrSetVerdict verdict = RrSetChecker.Check(set, entry, context.Now, context.SignatureOptions, context.Budget);
        if (verdict.Status != SecurityStatus.Secure)
        {
            state.Add(verdict.Status, verdict.Failure, null, fromData: entry.State == KeyEntryState.Secure);
            return;
        }

        state.AddSignature(SignatureInfo.From(owner, verdict.Signature!, context.Now), verdict.ValidatedTtl);
        if (verdict.IsWildcardExpansion(owner))
        {
            // RFC 4035 §5.3.4: a wildcard expansion is only valid with proof that no closer match exists;
            // the entry is Secure, so a failed proof is the data's fault.
            state.AddDenial(ChainWalker.WildcardProof(zoned, result.Authority, entry, verdict, context));
        }
        else
        {
            state.Add(SecurityStatus.Secure, null, null);
        }
    }

    private async Task ValidateDenialAsync(IterationResult result, PartVerdict.Builder state, ValidationContext context, CancellationToken cancellationToken)
    {
        DnsName name = result.FinalName;
        DnsName? zone = ZoneOf(ChainWalker.DenialSigner(result.Authority, name), result.Zone, name);
        KeyEntry entry = await KeyEntryAsync(zone, name, context, cancellationToken).ConfigureAwait(false);
        if (!state.Absorb(entry))
        {
            return;
        }

        if (entry.State != KeyEntryState.Secure)
        {
            // Below a proven insecure delegation, accept what the zone says (PITFALLS: no SOA in an
            // insecure NODATA is not an error).
            state.Add(entry.Status, entry.Failure, null);
            return;
        }

        // The SOA of a negative answer is signed like any other RRset in the zone.
        foreach (SignedRrSet soa in RrSet.Group(result.Authority).RrSets.Where(s => s.RrSet.Type == RrType.SOA))
        {
            RrSetVerdict soaVerdict = RrSetChecker.Check(soa, entry, context.Now, context.SignatureOptions, context.Budget);
            if (soaVerdict.Status != SecurityStatus.Secure)
            {
                state.Add(soaVerdict.Status, soaVerdict.Failure, null, fromData: true);
                return;
            }

            state.AddSignature(SignatureInfo.From(soa.RrSet.Name, soaVerdict.Signature!, context.Now), soaVerdict.ValidatedTtl);
        }

        DenialResponseKind claim = result.Status == IterationStatus.NxDomain ? DenialResponseKind.NxDomain : DenialResponseKind.NoData;
        DenialVerdict denial = DenialChecker.Check(new(claim, name, result.Question.Type, result.Authority, entry), CheckContext.For(context));
        if (claim == DenialResponseKind.NxDomain && denial.Status == SecurityStatus.Bogus)
        {
            // An empty non-terminal exists (RFC 8020 §2, RFC 4035 §3.1.3.2): a server answering
            // NXDOMAIN for one is wrong, and its signed records prove the truth, NOERROR with no
            // data. The answer is what is proven (as Unbound does), never the NXDOMAIN.
            DenialVerdict entNoData = DenialChecker.Check(new(DenialResponseKind.NoData, name, result.Question.Type, result.Authority, entry), CheckContext.For(context));
            if (entNoData.Status == SecurityStatus.Secure && entNoData.Kind == DenialProofKind.EmptyNonTerminal)
            {
                state.ProvenResponseCode = ResponseCode.NoError;
                denial = entNoData;
            }
        }

        if (denial.Status == SecurityStatus.Bogus && ProvenUnsignedCut(result, name, entry.Zone, entry, context) is { } unsigned)
        {
            state.AddDenial(unsigned.Proof with { Status = SecurityStatus.Insecure, Failure = unsigned.Reason });
            return;
        }

        state.AddDenial(denial);
    }

    // True when the set at index is an unsigned CNAME synthesized by a DNAME earlier in the answer.
    internal static bool IsSynthesized(ImmutableArray<ZonedRrSet> answers, int index)
    {
        for (int i = 0; i < index; i++)
        {
            if (DnameSynthesis.IsSynthesizedBy(answers[index].RrSet, answers[i].RrSet))
            {
                return true;
            }
        }

        return false;
    }

    // How far down the forward-mode DS walk must go for a signed RRset: to its holder, except for a
    // wildcard expansion, whose walk stops at the wildcard's closest encloser (the owner cut to the
    // RRSIG Labels, RFC 4035 §5.3.2). Every name below it is proven not to exist in the signer's zone
    // (the expansion is accepted only with that proof, RFC 4035 §5.3.4, RFC 5155 §8.8), so none of
    // them is a zone cut: a DS query there (answered by a wildcard NODATA) learns nothing. The
    // largest Labels of the RRSIGs is taken, so a forged smaller one cannot shorten the walk.
    private static DnsName WalkTarget(SignedRrSet set, DnsName holder)
    {
        int labels = set.Signatures.Where(s => s.TypeCovered == set.RrSet.Type).Select(s => (int)s.Labels).DefaultIfEmpty(int.MaxValue).Max();
        return set.RrSet.Type != RrType.DS && labels < set.RrSet.Name.SignatureLabelCount && labels < holder.LabelCount
            ? holder.GetSuffix(labels)
            : holder;
    }

    // True when the entry stands for a zone cut its walk proved: keys validated from a DS; a DS whose
    // absence (with NS) or unusable algorithm or digest was proven (RFC 4035 §5.2); or a DS RRset that
    // validated though the keys under it did not. Not an opt-out span or an iteration limit, which
    // leave open whether a cut is there, nor a denial that failed.
    private static bool IsProvenCut(KeyEntry entry) => entry.State switch
    {
        KeyEntryState.Secure => true,
        KeyEntryState.Insecure => entry.Failure?.Kind is ValidationFailureKind.UnsignedDelegation
            or ValidationFailureKind.UnsupportedAlgorithm or ValidationFailureKind.UnsupportedDigest,
        KeyEntryState.Bogus => entry.Chain.Any(l => l.Zone == entry.Zone && l.DsSignature is not null),
        _ => false,
    };

    /// <summary>
    /// A negative answer for a name below an unsigned delegation, answered by a server that also
    /// serves the parent (RFC 4035 §5.2): the parent's signed NSEC/NSEC3 at the cut — in the
    /// denial or in the proof records that came with the alias leading here — shows NS without DS,
    /// so nothing at or below the cut can be validated and the answer is Insecure, as the chain
    /// walk would conclude from a DS query at that cut. Only an explicit record of the cut from the
    /// parent side counts (not an opt-out span), and only a cut strictly above the name for a DS
    /// question or an NXDOMAIN.
    /// </summary>
    private static (DenialVerdict Proof, ValidationFailure Reason)? ProvenUnsignedCut(
        IterationResult result, DnsName name, DnsName zone, KeyEntry entry, ValidationContext context)
    {
        List<ResourceRecord> records = [.. result.Authority.Concat(result.Answers.SelectMany(a => a.ProofRecords)).Distinct()];
        bool delegationRecord = records.Any(r =>
            r.Data is NsecData { TypeBitmap: var nsec } && ZoneCuts.IsParentSide(nsec) ||
            r.Data is Nsec3Data { TypeBitmap: var nsec3 } && ZoneCuts.IsParentSide(nsec3));
        if (!delegationRecord)
        {
            return null;
        }

        // The queried name itself never serves as the cut when the question is DS (the DS RRset at
        // a cut is the parent's, RFC 4035 §5.2: a record there answers the question, and the denial
        // checked above already judged it) or when the answer is NXDOMAIN (a record owned by the name
        // shows that it exists, RFC 4035 §5.4, RFC 5155 §8.4: the RCODE is forged). Otherwise an
        // attacker turns the parent's genuine "NS, no DS" record at a cut into an Insecure NXDOMAIN.
        bool nameMayBeCut = result.Question.Type != RrType.DS && result.Status != IterationStatus.NxDomain;
        int deepest = nameMayBeCut ? name.LabelCount : name.LabelCount - 1;
        for (int labels = zone.LabelCount + 1; labels <= deepest; labels++)
        {
            DnsName cut = name.GetSuffix(labels);
            DenialVerdict proof = DenialChecker.Check(new(DenialResponseKind.Referral, cut, RrType.DS, records, entry), CheckContext.For(context));
            if (proof.Status == SecurityStatus.Secure && proof.Kind == DenialProofKind.InsecureDelegation)
            {
                return (proof, new ValidationFailure(ValidationFailureKind.UnsignedDelegation, cut,
                    $"{zone} proves with {proof.Info?.Mechanism} that {cut} is a delegation without DS"));
            }
        }

        return null;
    }

    // The key entry of the zone holding data at `owner`; when nothing names that zone, the chain
    // is walked down from the trust anchor towards the name (ChainWalker.GetKeyEntryForNameAsync).
    private Task<KeyEntry> KeyEntryAsync(DnsName? zone, DnsName owner, ValidationContext context, CancellationToken cancellationToken) =>
        zone is null
            ? walker.GetKeyEntryForNameAsync(owner, context, cancellationToken)
            : walker.GetKeyEntryAsync(zone, context, cancellationToken);

    /// <summary>
    /// The zone whose keys must have signed data at <paramref name="owner"/>. The RRSIG signer must be
    /// the zone containing the data (RFC 4035 §5.3.1): it is taken when it is at or below the zone
    /// cut iteration saw (a server authoritative for both parent and child answers for the child
    /// without a referral); a signer above that cut is ignored, so a forged signature naming a higher
    /// zone cannot turn Bogus into Insecure or Indeterminate. Forwarding knows no cut: the signer is
    /// all there is here (ValidateRrSetAsync then checks by a DS walk that no zone lies between the
    /// signer and the owner); with no signature either, null: the chain walk finds the zone from the anchor down.
    /// </summary>
    private static DnsName? ZoneOf(DnsName? signer, DnsName? cut, DnsName owner)
    {
        if (cut is not null && !owner.IsSubdomainOf(cut))
        {
            cut = null;
        }

        return (signer, cut) switch
        {
            ({ } s, { } c) => s.IsSubdomainOf(c) ? s : c,
            ({ } s, null) => s,
            (null, { } c) => c,
            _ => null,
        };
    }
}

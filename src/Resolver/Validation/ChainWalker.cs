// ChainWalker: finds the key entry of a zone by walking the chain of authentication (RFC 4035 §5):
// at a trust anchor, the DNSKEY RRset must be signed by an anchored key; below it, the DS RRset is
// fetched from the parent side, authenticated with the parent's keys (found the same way, so the
// walk recurses towards the anchor), and the zone's DNSKEY RRset must be signed by a key a DS
// matches. A proven absence of DS makes the zone Insecure; a name that proves not to be a zone cut
// gets its parent's entry. Network failures are Unresolved, never Bogus (RFC 4035 §4.3). A DS or
// DNSKEY RRset that fails validation is fetched again from the zone's other servers, within the
// resolution's allowance, before the zone is judged Bogus (BogusRecovery: one policy, one loop shape).
using System.Collections.Immutable;
using System.Diagnostics;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Records;

namespace Resolver.Validation;

internal sealed class ChainWalker(
    IDnsIterator iterator,
    ValidatorOptions options,
    KeyEntryCache cache,
    PublicKeyCache publicKeys,
    TrustAnchorManager? managedAnchors = null)
{
    // Zone cuts between the anchor and a name: a name has at most 127 labels.
    private const int MaxDepth = 128;

    private readonly ValidationSettings _settings = new(iterator, options, cache, options.SignatureOptions(publicKeys), managedAnchors);

    /// <summary>A context for one resolution's validation at <paramref name="now"/>, within <paramref name="budget"/>.</summary>
    public ValidationContext Begin(DateTimeOffset now, WorkBudget budget, int maxRestarts = 0) => new(_settings, now, budget, maxRestarts);

    /// <summary>The key entry for <paramref name="zone"/> (or for the zone that contains it, when it is not a cut).</summary>
    public Task<KeyEntry> GetKeyEntryAsync(DnsName zone, ValidationContext context, CancellationToken cancellationToken) =>
        GetKeyEntryAsync(zone, context, 0, cancellationToken);

    /// <summary>
    /// The key entry for data at <paramref name="name"/> when nothing says which zone holds it (an
    /// unsigned RRset or denial through a forwarder: no signer, no zone cut seen). The chain is walked
    /// down from the closest trust anchor one label at a time (as Unbound's processFindKey does), and
    /// the walk stops at the first entry that is not Secure: below a proven unsigned delegation, a
    /// failure or an unreachable parent, every name shares that fate, so no DS is asked for deeper
    /// names that a parent has already shown to be insecure (RFC 4035 §5.2).
    /// </summary>
    public async Task<KeyEntry> GetKeyEntryForNameAsync(DnsName name, ValidationContext context, CancellationToken cancellationToken)
    {
        if (!context.TrustAnchors.TryFindClosest(name, context.Now, out DnsName anchorZone, out _))
        {
            return await GetKeyEntryAsync(name, context, 0, cancellationToken).ConfigureAwait(false);
        }

        KeyEntry entry = await GetKeyEntryAsync(anchorZone, context, 0, cancellationToken).ConfigureAwait(false);
        for (int labels = anchorZone.LabelCount + 1; labels <= name.LabelCount && entry.State == KeyEntryState.Secure; labels++)
        {
            entry = await GetKeyEntryAsync(name.GetSuffix(labels), context, 0, cancellationToken).ConfigureAwait(false);
        }

        return entry;
    }

    private async Task<KeyEntry> GetKeyEntryAsync(DnsName zone, ValidationContext context, int depth, CancellationToken cancellationToken)
    {
        if (context.TrustAnchors.FindNegativeAnchor(zone) is { } negative)
        {
            return KeyEntry.FromFailure(zone, new ValidationFailure(ValidationFailureKind.NegativeTrustAnchor, negative,
                $"negative trust anchor {negative}"), [], uint.MaxValue);
        }

        if (!context.TrustAnchors.TryFindClosest(zone, context.Now, out DnsName anchorZone, out IReadOnlyList<TrustAnchor> anchors))
        {
            return KeyEntry.FromFailure(zone, new ValidationFailure(ValidationFailureKind.NoTrustAnchor, zone,
                "no configured trust anchor is at or above this name"), [], uint.MaxValue);
        }

        if (context.Keys.TryGet(zone, out KeyEntry cached))
        {
            return cached;
        }

        if (depth > MaxDepth)
        {
            return KeyEntry.FromFailure(zone, new ValidationFailure(ValidationFailureKind.InconsistentAnswer, zone,
                "the chain of trust is deeper than any name can be"), [], 0);
        }

        // One span per step actually walked (a cached entry is no step); a step below the anchor
        // holds its parent's step, as the walk recurses towards the anchor.
        using Activity? span = ChainStepSpan.Start(zone, atAnchor: zone == anchorZone);
        KeyEntry entry = zone == anchorZone
            ? await FromAnchorAsync(zone, anchors, context, cancellationToken).ConfigureAwait(false)
            : await FromParentAsync(new ChainStep(zone, anchorZone, depth), context, cancellationToken).ConfigureAwait(false);
        ChainStepSpan.End(span, entry);
        context.Keys.Store(entry, zone);
        return entry;
    }

    private static async Task<KeyEntry> FromAnchorAsync(DnsName zone, IReadOnlyList<TrustAnchor> anchors, ValidationContext context, CancellationToken cancellationToken)
    {
        IterationResult keys = await IterateAsync(zone, RrType.DNSKEY, context, cancellationToken).ConfigureAwait(false);
        if (keys.Status == IterationStatus.ServerFailure)
        {
            // RFC 8914 §4.10 (as Unbound reports a DNSKEY that cannot be fetched)
            return KeyEntry.Unresolved(zone, $"DNSKEY {zone}: {keys.FailureReason}", [], ExtendedErrorCode.DnskeyMissing);
        }

        KeySetResult result;
        while (true)
        {
            result = KeySetValidator.Validate(
                new(zone, FinalRrSet(keys, zone, RrType.DNSKEY), [.. anchors.Select(a => a.Data).OfType<DsData>()], [.. anchors.Select(a => a.Data).OfType<DnskeyData>()]),
                CheckContext.For(context));
            // Another server of the zone may serve the keys correctly (cf. Unbound's DNSKEY blacklist).
            if (await context.RetryAsync(keys, IsBadData(result.Status, result.Failure), cancellationToken).ConfigureAwait(false) is not { } again)
            {
                break;
            }

            keys = again;
        }

        // RFC 5011 §2.4: every DNSKEY RRset of a trust point feeds its state machine, which checks
        // the signatures itself. A Bogus one too: an RRset whose keys are all revoked (RFC 5011 §6,
        // trust point deletion) validates only through the revoked keys' self-signatures (§2.1).
        if (result.Status is SecurityStatus.Secure or SecurityStatus.Bogus && context.ManagedAnchors is { } managed
            && FinalRrSet(keys, zone, RrType.DNSKEY) is { } keySet)
        {
            managed.Observe(zone, keySet, context.Now, context.SignatureOptions, context.Budget);
        }

        var link = new ZoneCutLink(zone, result.Status, FromTrustAnchor: true, result.MatchedDs, null, result.Signature,
            result.Keys is null ? [] : [.. result.Keys.Data.OfType<DnskeyData>()], null, result.Failure);
        return ToEntry(zone, result, [link], result.Ttl);
    }

    private async Task<KeyEntry> FromParentAsync(ChainStep step, ValidationContext context, CancellationToken cancellationToken)
    {
        DnsName zone = step.Zone;
        IterationResult ds = await IterateAsync(zone, RrType.DS, context, cancellationToken).ConfigureAwait(false);
        KeyEntry entry;
        while (true)
        {
            (entry, bool dsFailed) = await FromDsResultAsync(step, ds, context, cancellationToken).ConfigureAwait(false);
            // A DS RRset (or its denial) that fails with the parent's authenticated keys may be one
            // parent server's stale copy: ask the parent's other servers (cf. Unbound's DS blacklist).
            if (await context.RetryAsync(ds, dsFailed, cancellationToken).ConfigureAwait(false) is not { } again)
            {
                break;
            }

            ds = again;
        }

        return entry;
    }

    // The key entry the DS answer leads to, and whether the DS data itself failed validation.
    private async Task<(KeyEntry Entry, bool DsFailed)> FromDsResultAsync(ChainStep step, IterationResult ds, ValidationContext context, CancellationToken cancellationToken)
    {
        (DnsName zone, DnsName anchorZone, int depth) = step;
        if (ds.Status == IterationStatus.ServerFailure)
        {
            // RFC 8914 §4.24: the parent's servers could not give the DS
            return (KeyEntry.Unresolved(zone, $"DS {zone}: {ds.FailureReason}", [], ExtendedErrorCode.NetworkError), false);
        }

        if (ds.Status == IterationStatus.Answer && ds.Aliases.IsEmpty && FinalRrSet(ds, zone, RrType.DS) is { } dsSet)
        {
            return await FromDsAsync(step, dsSet, ds.Answers[^1].Zone, context, cancellationToken).ConfigureAwait(false);
        }

        if (!ds.Aliases.IsEmpty || ds.Status == IterationStatus.YxDomain)
        {
            // A CNAME cannot share a name with NS (RFC 1034 §3.6.2), and there are no names below a
            // DNAME (RFC 6672 §2.4): this is no zone cut; the name belongs to the zone that holds the alias.
            DnsName holder = SignerOf(ds.Answers[0].RrSet, zone) ?? ds.Answers[0].Zone ?? zone.Parent;
            KeyEntry holderEntry = await ParentEntryAsync(holder, step, context, cancellationToken).ConfigureAwait(false);
            if (holderEntry.State == KeyEntryState.Secure && AliasFailure(ds, holderEntry, context) is { } forged)
            {
                // The alias must itself be authentic before it can say there is no cut: a forged or
                // wildcard-synthesized CNAME injected at a delegation (Unbound ds_wildcard_cname)
                // would hide the child's DS and turn its signed data Bogus. As bad DS data, it is
                // re-fetched from the parent's other servers.
                return (KeyEntry.FromFailure(zone, forged, holderEntry.Chain.Add(
                    new ZoneCutLink(zone, SecurityStatus.Bogus, false, [], null, null, [], null, forged)), 0), true);
            }

            return (holderEntry, false);
        }

        // NODATA or NXDOMAIN for the DS: the parent must prove it (or show this is no cut).
        DnsName? proofZone = DenialSigner(ds.Authority, zone) ?? ds.Zone;
        if (proofZone is null || !zone.IsStrictSubdomainOf(proofZone) || !proofZone.IsSubdomainOf(anchorZone))
        {
            // Nothing says which zone answered (forwarding through a resolver that stripped the
            // proof, or the child answering for itself): decide from the parent name upwards.
            proofZone = zone.Parent;
        }

        KeyEntry parent = await GetKeyEntryAsync(proofZone, context, depth + 1, cancellationToken).ConfigureAwait(false);
        if (parent.State != KeyEntryState.Secure)
        {
            return (parent, false);
        }

        DenialResponseKind claim = ds.Status == IterationStatus.NxDomain ? DenialResponseKind.NxDomain : DenialResponseKind.NoData;
        DenialVerdict denial = DenialChecker.Check(new(claim, zone, RrType.DS, ds.Authority, parent), CheckContext.For(context));
        uint ttl = Math.Min(parent.Ttl, MinTtl(ds.Authority));
        switch (denial.Status)
        {
            case SecurityStatus.Secure when denial.Kind == DenialProofKind.InsecureDelegation:
                var insecure = new ValidationFailure(ValidationFailureKind.UnsignedDelegation, zone,
                    $"{proofZone} proves with {denial.Info?.Mechanism} that {zone} has no DS");
                return (KeyEntry.FromFailure(zone, insecure, parent.Chain.Add(Link(zone, SecurityStatus.Insecure, denial, insecure)), ttl), false);
            case SecurityStatus.Secure:
                // NODATA without NS, an empty non-terminal or a name that does not exist: no zone
                // cut here, so whatever is found at this name is the parent zone's.
                return (parent, false);
            case SecurityStatus.Insecure:
                ValidationFailure reason = denial.Failure!.Kind == ValidationFailureKind.OptOutSpan
                    ? new ValidationFailure(ValidationFailureKind.OptOutSpan, proofZone,
                        $"{zone} lies in an NSEC3 opt-out span of {proofZone}: an unsigned delegation may exist there")
                    : denial.Failure;
                return (KeyEntry.FromFailure(zone, reason, parent.Chain.Add(Link(zone, SecurityStatus.Insecure, denial, reason)), ttl), false);
            default:
                return (KeyEntry.FromFailure(zone, denial.Failure!, parent.Chain.Add(Link(zone, SecurityStatus.Bogus, denial, denial.Failure)), 0),
                    IsBadData(denial.Status, denial.Failure));
        }
    }

    private async Task<(KeyEntry Entry, bool DsFailed)> FromDsAsync(
        ChainStep step, SignedRrSet dsSet, DnsName? answeringZone, ValidationContext context, CancellationToken cancellationToken)
    {
        (DnsName zone, DnsName anchorZone, int depth) = step;
        // The DS RRset is signed by the parent zone (RFC 4035 §5.2); unsigned, it comes from the zone that served it.
        DnsName parentZone = SignerOf(dsSet, zone) ?? answeringZone ?? zone.Parent;
        if (!zone.IsStrictSubdomainOf(parentZone) || !parentZone.IsSubdomainOf(anchorZone))
        {
            var wrong = new ValidationFailure(ValidationFailureKind.InvalidSignatureFields, zone,
                $"the DS RRset of {zone} is signed by {parentZone}, which is not above it");
            return (KeyEntry.FromFailure(zone, wrong, [], 0), true);
        }

        KeyEntry parent = await GetKeyEntryAsync(parentZone, context, depth + 1, cancellationToken).ConfigureAwait(false);
        if (parent.State != KeyEntryState.Secure)
        {
            return (parent, false);
        }

        RrSetVerdict dsVerdict = RrSetChecker.Check(dsSet, parent, context.Now, context.SignatureOptions, context.Budget);
        if (dsVerdict.Status != SecurityStatus.Secure)
        {
            return (KeyEntry.FromFailure(zone, dsVerdict.Failure!, parent.Chain.Add(
                new ZoneCutLink(zone, SecurityStatus.Bogus, false, [], null, null, [], null, dsVerdict.Failure)), 0),
                IsBadData(dsVerdict.Status, dsVerdict.Failure));
        }

        SignatureInfo dsSignature = SignatureInfo.From(zone, dsVerdict.Signature!, context.Now);
        IterationResult keys = await IterateAsync(zone, RrType.DNSKEY, context, cancellationToken).ConfigureAwait(false);
        KeySetResult result;
        while (true)
        {
            if (keys.Status == IterationStatus.ServerFailure)
            {
                return (KeyEntry.Unresolved(zone, $"DNSKEY {zone}: {keys.FailureReason}", parent.Chain, ExtendedErrorCode.DnskeyMissing), false);
            }

            result = KeySetValidator.Validate(new(zone, FinalRrSet(keys, zone, RrType.DNSKEY), [.. dsSet.RrSet.Data.OfType<DsData>()], []), CheckContext.For(context));
            // A DNSKEY RRset that the authenticated DS does not vouch for may come from one stale or
            // unsigned server of the zone: ask its other servers (cf. Unbound's DNSKEY blacklist).
            if (await context.RetryAsync(keys, IsBadData(result.Status, result.Failure), cancellationToken).ConfigureAwait(false) is not { } again)
            {
                break;
            }

            keys = again;
        }

        var link = new ZoneCutLink(zone, result.Status, FromTrustAnchor: false, result.MatchedDs, dsSignature, result.Signature,
            result.Keys is null ? [] : [.. result.Keys.Data.OfType<DnskeyData>()], null, result.Failure);
        return (ToEntry(zone, result, parent.Chain.Add(link), Math.Min(Math.Min(parent.Ttl, dsVerdict.ValidatedTtl), result.Ttl)), false);
    }

    // Why the first alias of a DS answer is not authentic in its (Secure) zone, or null when it is:
    // its signature, and for a wildcard expansion the proof that the name itself does not exist
    // (RFC 4035 §5.3.4) — an existing name, such as a delegation, cannot be a wildcard's expansion.
    private static ValidationFailure? AliasFailure(IterationResult ds, KeyEntry holder, ValidationContext context)
    {
        ZonedRrSet alias = ds.Answers[0];
        DnsName owner = alias.RrSet.RrSet.Name;
        RrSetVerdict verdict = RrSetChecker.Check(alias.RrSet, holder, context.Now, context.SignatureOptions, context.Budget);
        if (verdict.Status == SecurityStatus.Bogus)
        {
            return verdict.Failure;
        }

        if (verdict.Status == SecurityStatus.Secure && verdict.IsWildcardExpansion(owner))
        {
            DenialVerdict proof = WildcardProof(alias, ds.Authority, holder, verdict, context);
            return proof.Status == SecurityStatus.Bogus ? proof.Failure : null;
        }

        return null;
    }

    /// <summary>
    /// RFC 4035 §5.3.4: the proof that no closer match exists for an RRset its (Secure) verdict shows
    /// to be a wildcard expansion — from the records that came with the RRset, else the response's authority.
    /// </summary>
    internal static DenialVerdict WildcardProof(ZonedRrSet set, IEnumerable<ResourceRecord> authority, KeyEntry entry, RrSetVerdict verdict, ValidationContext context) =>
        DenialChecker.Check(new(DenialResponseKind.WildcardAnswer, set.RrSet.RrSet.Name, set.RrSet.RrSet.Type,
            set.ProofRecords.IsEmpty ? authority : set.ProofRecords, entry, verdict.SignatureLabels), CheckContext.For(context));

    private static bool IsBadData(SecurityStatus status, ValidationFailure? failure) => BogusRecovery.IsBadData(status, failure);

    private async Task<KeyEntry> ParentEntryAsync(DnsName holder, ChainStep step, ValidationContext context, CancellationToken cancellationToken)
    {
        (DnsName zone, DnsName anchorZone, int depth) = step;
        if (holder == zone || !zone.IsSubdomainOf(holder) || !holder.IsSubdomainOf(anchorZone))
        {
            holder = zone.Parent;
        }

        return await GetKeyEntryAsync(holder, context, depth + 1, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IterationResult> IterateAsync(DnsName name, RrType type, ValidationContext context, CancellationToken cancellationToken)
    {
        IterationResult result = await context.Iterator.ResolveAsync(new DnsQuestion(name, type), cancellationToken).ConfigureAwait(false);
        context.Budget.AddUpstreamQueries(result.UpstreamQueries);
        return result;
    }

    private static KeyEntry ToEntry(DnsName zone, KeySetResult result, ImmutableArray<ZoneCutLink> chain, uint ttl) =>
        result.Status == SecurityStatus.Secure
            ? new KeyEntry(zone, KeyEntryState.Secure, result.Keys, null, null, chain, ttl) { RequiredAlgorithms = [.. result.RequiredAlgorithms] }
            : KeyEntry.FromFailure(zone, result.Failure!, chain, ttl);

    private static ZoneCutLink Link(DnsName zone, SecurityStatus status, DenialVerdict denial, ValidationFailure? failure) =>
        new(zone, status, false, [], null, null, [], denial.Info, failure);

    /// <summary>The final RRset of the result when it is <paramref name="type"/> at <paramref name="owner"/>.</summary>
    internal static SignedRrSet? FinalRrSet(IterationResult result, DnsName owner, RrType type) =>
        result.Status == IterationStatus.Answer && !result.Answers.IsEmpty &&
        result.Answers[^1].RrSet.RrSet is { } set && set.Type == type && set.Name == owner
            ? result.Answers[^1].RrSet
            : null;

    /// <summary>The signer of an RRset's signatures that is an ancestor-or-self of <paramref name="owner"/>, if any.</summary>
    internal static DnsName? SignerOf(SignedRrSet set, DnsName owner) =>
        set.Signatures.Select(s => s.SignerName).FirstOrDefault(owner.IsSubdomainOf);

    /// <summary>The signer of the NSEC/NSEC3 (or SOA) signatures in a negative answer's authority section.</summary>
    internal static DnsName? DenialSigner(IEnumerable<ResourceRecord> authority, DnsName name)
    {
        DnsName? soaSigner = null;
        foreach (ResourceRecord rr in authority)
        {
            if (rr.Data is RrsigData sig && name.IsSubdomainOf(sig.SignerName))
            {
                if (sig.TypeCovered is RrType.NSEC or RrType.NSEC3)
                {
                    return sig.SignerName;
                }

                if (sig.TypeCovered == RrType.SOA)
                {
                    soaSigner ??= sig.SignerName;
                }
            }
        }

        return soaSigner ?? authority.FirstOrDefault(r => r.Type == RrType.SOA && name.IsSubdomainOf(r.Name))?.Name;
    }

    private static uint MinTtl(IEnumerable<ResourceRecord> records)
    {
        uint ttl = uint.MaxValue;
        foreach (ResourceRecord rr in records)
        {
            ttl = Math.Min(ttl, rr.Ttl);
        }

        return ttl == uint.MaxValue ? 0 : ttl;
    }

    // One step of the walk: the zone whose keys are sought, the trust anchor's zone above it, and how
    // deep the walk has gone (bounded by MaxDepth).
    private readonly record struct ChainStep(DnsName Zone, DnsName AnchorZone, int Depth);
}

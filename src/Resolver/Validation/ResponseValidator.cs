// ResponseValidator: the verdict on one iteration result (RFC 4035 §5). Every RRset of the answer —
// each CNAME/DNAME link in its own zone, then the final RRset — is checked against its zone's key
// entry; a wildcard expansion also needs the proof that the name itself does not exist; a NODATA or
// NXDOMAIN needs an authenticated denial from the zone of the final name. The answer's status is
// the weakest of its parts (Bogus, then Indeterminate, then Insecure, then Secure), and the result
// carries the reason, the chain of trust and the signatures and proofs used.
using System.Collections.Immutable;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Records;

namespace Resolver.Validation;

/// <summary>What validation concluded about one answer.</summary>
internal sealed record ValidationOutcome(
    SecurityStatus Status,
    ValidationFailure? Failure,
    ChainOfTrust Chain,
    uint? MaxTtl,
    string? Unresolved)
{
    public static ValidationOutcome NotValidated(string reason) => new(SecurityStatus.Unchecked, null, ChainOfTrust.None, null, reason);
}

internal sealed class ResponseValidator(ChainWalker walker)
{
    public async Task<ValidationOutcome> ValidateAsync(IterationResult result, ValidationScope scope, CancellationToken cancellationToken)
    {
        if (result.Status == IterationStatus.ServerFailure)
        {
            return ValidationOutcome.NotValidated(result.FailureReason ?? "resolution failed");
        }

        var state = new Accumulator();
        DnsName qname = result.Question.Name;
        if (walker.Options.TrustAnchors.FindNegativeAnchor(qname) is null &&
            !walker.Options.TrustAnchors.TryFindClosest(qname, scope.Now, out _, out _))
        {
            state.Add(SecurityStatus.Indeterminate, new ValidationFailure(ValidationFailureKind.NoTrustAnchor, qname,
                "no configured trust anchor is at or above this name"), null);
            return state.ToOutcome(null);
        }

        foreach (ZonedRrSet set in result.Answers)
        {
            await ValidateRrSetAsync(set, result, state, scope, cancellationToken).ConfigureAwait(false);
            if (state.Unresolved is not null)
            {
                return ValidationOutcome.NotValidated(state.Unresolved);
            }
        }

        if (result.Status is IterationStatus.NoData or IterationStatus.NxDomain)
        {
            await ValidateDenialAsync(result, state, scope, cancellationToken).ConfigureAwait(false);
            if (state.Unresolved is not null)
            {
                return ValidationOutcome.NotValidated(state.Unresolved);
            }
        }

        return state.ToOutcome(state.AnchorZone);
    }

    private async Task ValidateRrSetAsync(ZonedRrSet zoned, IterationResult result, Accumulator state, ValidationScope scope, CancellationToken cancellationToken)
    {
        SignedRrSet set = zoned.RrSet;
        DnsName owner = set.RrSet.Name;
        DnsName? zone = ZoneOf(ChainWalker.SignerOf(set, owner), zoned.Zone, owner);
        KeyEntry entry = await KeyEntryAsync(zone, owner, scope, cancellationToken).ConfigureAwait(false);
        if (!state.Absorb(entry))
        {
            return;
        }

        RrSetVerdict verdict = RrSetChecker.Check(set, entry, scope.Now, walker.SignatureOptions, scope.Budget);
        if (verdict.Status != SecurityStatus.Secure)
        {
            state.Add(verdict.Status, verdict.Failure, null);
            return;
        }

        state.AddSignature(SignatureInfo.From(owner, verdict.Signature!, scope.Now), verdict.ValidatedTtl);
        if (verdict.IsWildcardExpansion(owner))
        {
            // RFC 4035 §5.3.4: a wildcard expansion is only valid with proof that no closer match exists.
            IEnumerable<ResourceRecord> records = zoned.ProofRecords.IsEmpty ? result.Authority : zoned.ProofRecords;
            DenialVerdict proof = DenialChecker.Check(DenialResponseKind.WildcardAnswer, owner, set.RrSet.Type, records,
                entry, verdict.SignatureLabels, scope.Now, walker.Options, walker.SignatureOptions, scope.Budget);
            state.AddDenial(proof);
        }
        else
        {
            state.Add(SecurityStatus.Secure, null, null);
        }
    }

    private async Task ValidateDenialAsync(IterationResult result, Accumulator state, ValidationScope scope, CancellationToken cancellationToken)
    {
        DnsName name = result.FinalName;
        DnsName? zone = ZoneOf(ChainWalker.DenialSigner(result.Authority, name), result.Zone, name);
        KeyEntry entry = await KeyEntryAsync(zone, name, scope, cancellationToken).ConfigureAwait(false);
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
            RrSetVerdict soaVerdict = RrSetChecker.Check(soa, entry, scope.Now, walker.SignatureOptions, scope.Budget);
            if (soaVerdict.Status != SecurityStatus.Secure)
            {
                state.Add(soaVerdict.Status, soaVerdict.Failure, null);
                return;
            }

            state.AddSignature(SignatureInfo.From(soa.RrSet.Name, soaVerdict.Signature!, scope.Now), soaVerdict.ValidatedTtl);
        }

        DenialResponseKind claim = result.Status == IterationStatus.NxDomain ? DenialResponseKind.NxDomain : DenialResponseKind.NoData;
        DenialVerdict denial = DenialChecker.Check(claim, name, result.Question.Type, result.Authority, entry, 0, scope.Now,
            walker.Options, walker.SignatureOptions, scope.Budget);
        state.AddDenial(denial);
    }

    // The key entry of the zone holding data at `owner`; when nothing names that zone, the chain
    // is walked down from the trust anchor towards the name (ChainWalker.GetKeyEntryForNameAsync).
    private Task<KeyEntry> KeyEntryAsync(DnsName? zone, DnsName owner, ValidationScope scope, CancellationToken cancellationToken) =>
        zone is null
            ? walker.GetKeyEntryForNameAsync(owner, scope, cancellationToken)
            : walker.GetKeyEntryAsync(zone, scope, cancellationToken);

    /// <summary>
    /// The zone whose keys must have signed data at <paramref name="owner"/>. The RRSIG signer must be
    /// the zone containing the data (RFC 4035 §5.3.1): it is taken when it is at or below the zone
    /// cut iteration saw (a server authoritative for both parent and child answers for the child
    /// without a referral); a signer above that cut is ignored, so a forged signature naming a higher
    /// zone cannot turn Bogus into Insecure or Indeterminate. Forwarding knows no cut: the signer is
    /// all there is; with no signature either, null: the chain walk finds the zone from the anchor down.
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

    /// <summary>Collects the verdicts of an answer's parts; the weakest wins.</summary>
    private sealed class Accumulator
    {
        private readonly List<SignatureInfo> _signatures = [];
        private readonly List<DenialInfo> _denials = [];
        private readonly List<ZoneCutLink> _cuts = [];
        private SecurityStatus _status = SecurityStatus.Secure;
        private ValidationFailure? _failure;
        private uint? _maxTtl;

        public string? Unresolved { get; private set; }

        public DnsName? AnchorZone { get; private set; }

        /// <summary>Records the zone cuts of an entry; false when the entry is unresolved (stop).</summary>
        public bool Absorb(KeyEntry entry)
        {
            if (entry.State == KeyEntryState.Unresolved)
            {
                Unresolved = entry.Error;
                return false;
            }

            foreach (ZoneCutLink link in entry.Chain)
            {
                if (!_cuts.Contains(link))
                {
                    _cuts.Add(link);
                }
            }

            if (entry.Chain.Length > 0 && entry.Chain[0].FromTrustAnchor)
            {
                AnchorZone ??= entry.Chain[0].Zone;
            }

            return true;
        }

        public void Add(SecurityStatus status, ValidationFailure? failure, uint? ttl)
        {
            if (Rank(status) > Rank(_status))
            {
                _status = status;
                _failure = failure;
            }

            if (ttl is uint t)
            {
                _maxTtl = Math.Min(_maxTtl ?? uint.MaxValue, t);
            }
        }

        public void AddSignature(SignatureInfo signature, uint validatedTtl)
        {
            _signatures.Add(signature);
            _maxTtl = Math.Min(_maxTtl ?? uint.MaxValue, validatedTtl);
        }

        public void AddDenial(DenialVerdict denial)
        {
            _signatures.AddRange(denial.Signatures);
            if (denial.Info is not null)
            {
                _denials.Add(denial.Info);
            }

            Add(denial.Status, denial.Failure, null);
        }

        public ValidationOutcome ToOutcome(DnsName? anchor) =>
            new(_status, _status == SecurityStatus.Secure ? null : _failure,
                new ChainOfTrust(anchor, [.. _cuts], [.. _signatures], [.. _denials]),
                _maxTtl, null);

        // Bogus beats Indeterminate beats Insecure beats Secure.
        private static int Rank(SecurityStatus status) => status switch
        {
            SecurityStatus.Secure => 0,
            SecurityStatus.Insecure => 1,
            SecurityStatus.Indeterminate => 2,
            _ => 3,
        };
    }
}

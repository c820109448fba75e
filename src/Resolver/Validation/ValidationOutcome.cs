// ValidationOutcome: what validation concluded about one answer — a verdict (status, typed reason,
// chain of trust, validated TTL, the RCODE the proofs establish) built from the verdicts on its
// parts (each answer RRset and the denial; PartVerdict), or a resolution failure, which is no
// verdict at all (RFC 4035 §4.3: a DS or DNSKEY that cannot be fetched is not Bogus). The answer's
// status is the weakest of its parts: Bogus, then Indeterminate, then Insecure, then Secure.
using System.Collections.Immutable;
using Resolver.Protocol;

namespace Resolver.Validation;

/// <summary>Why no verdict could be reached: data the validation needed could not be fetched (servers, limits).</summary>
/// <param name="Reason">What could not be fetched, and why.</param>
/// <param name="Code">The RFC 8914 code that describes it, if one does.</param>
internal sealed record ResolutionFailure(string Reason, ExtendedErrorCode? Code = null)
{
    public override string ToString() => Reason;
}

/// <summary>What validation concluded about one answer.</summary>
internal sealed record ValidationOutcome(
    SecurityStatus Status,
    ValidationFailure? Failure,
    ChainOfTrust Chain,
    uint? MaxTtl,
    ResolutionFailure? Unresolved,
    ResponseCode? ProvenResponseCode = null)
{
    /// <summary>
    /// True when the answer is Bogus through its own data — a signature or denial proof that failed
    /// against authenticated keys — so other servers may hold good data; false when the keys
    /// themselves are Bogus (the chain walker has already asked other servers for those).
    /// </summary>
    public bool DataFailed { get; init; }

    /// <summary>
    /// The verdicts on the answer's parts — index i for answer RRset i (null for a CNAME a DNAME
    /// synthesized), the last for the denial of a negative answer — that the validator stores with
    /// their cache entries; default when the verdict is not about the parts themselves (no trust
    /// anchor above the question, a resolution failure).
    /// </summary>
    public ImmutableArray<PartVerdict?> Parts { get; init; }

    /// <summary>True when no verdict was reached (see <see cref="Unresolved"/>).</summary>
    public bool IsResolutionFailure => Unresolved is not null;

    /// <summary>
    /// The outcome of a resolution that failed. It carries no verdict: its status is
    /// <see cref="SecurityStatus.Unchecked"/>, which on a result means only that.
    /// </summary>
    public static ValidationOutcome Failed(ResolutionFailure failure) =>
        new(SecurityStatus.Unchecked, null, ChainOfTrust.None, null, failure);

    /// <summary>Joins part verdicts, in answer order, into the answer's verdict; the weakest part wins.</summary>
    public static ValidationOutcome Merge(ReadOnlySpan<PartVerdict?> parts)
    {
        PartVerdict? only = null;
        int count = 0;
        foreach (PartVerdict? part in parts)
        {
            if (part is not null)
            {
                only = part;
                count++;
            }
        }

        if (count == 1)
        {
            // One RRset or one denial (the warm path): its chain is the answer's as it is.
            return only!.ToOutcome();
        }

        var merged = new PartVerdict.Builder();
        foreach (PartVerdict? part in parts)
        {
            if (part is not null)
            {
                merged.Absorb(part);
            }
        }

        return merged.Build(selfContained: true).ToOutcome();
    }
}

/// <summary>The verdict on one part of an answer: an RRset with its signature, or a negative answer's denial.</summary>
/// <param name="Status">The part's status.</param>
/// <param name="Failure">Why it is not Secure (the first failure of the part's weakest status).</param>
/// <param name="Chain">The zone cuts, signatures and denial proofs the part's verdict rests on.</param>
/// <param name="MaxTtl">The validated TTL (RFC 4035 §5.3.3), when a signature limits it.</param>
/// <param name="SelfContained">True when only the part's own data was used (not the proofs of other parts).</param>
internal sealed record PartVerdict(SecurityStatus Status, ValidationFailure? Failure, ChainOfTrust Chain, uint? MaxTtl, bool SelfContained)
{
    /// <summary>True when Bogus through the part's own data (see <see cref="ValidationOutcome.DataFailed"/>).</summary>
    public bool DataFailed { get; init; }

    /// <summary>The RCODE the part's proof establishes when it is not the server's.</summary>
    public ResponseCode? ProvenResponseCode { get; init; }

    /// <summary>True when the verdict was handed back from the part's cache entry rather than reached now.</summary>
    public bool FromCache { get; init; }

    public ValidationOutcome ToOutcome() =>
        new(Status, Status == SecurityStatus.Secure ? null : Failure, Chain, MaxTtl, null, ProvenResponseCode)
        {
            DataFailed = Status == SecurityStatus.Bogus && DataFailed && BogusRecovery.IsBadData(Status, Failure),
        };

    /// <summary>Collects the verdicts of one part's checks (or of several parts); the weakest wins.</summary>
    internal sealed class Builder
    {
        private readonly List<SignatureInfo> _signatures = [];
        private readonly List<DenialInfo> _denials = [];
        private readonly List<ZoneCutLink> _cuts = [];
        private SecurityStatus _status = SecurityStatus.Secure;
        private ValidationFailure? _failure;
        private bool _dataFailed;
        private uint? _maxTtl;

        public ResolutionFailure? Unresolved { get; private set; }

        public DnsName? AnchorZone { get; private set; }

        /// <summary>The RCODE the proofs establish when it is not the server's (an NXDOMAIN that is an empty non-terminal).</summary>
        public ResponseCode? ProvenResponseCode { get; set; }

        /// <summary>Records the zone cuts of an entry; false when the entry is unresolved (stop).</summary>
        public bool Absorb(KeyEntry entry)
        {
            if (entry.State == KeyEntryState.Unresolved)
            {
                Unresolved = new ResolutionFailure(entry.Error ?? "resolution failed", entry.ErrorCode);
                return false;
            }

            AddCuts(entry.Chain);
            if (entry.Chain.Length > 0 && entry.Chain[0].FromTrustAnchor)
            {
                AnchorZone ??= entry.Chain[0].Zone;
            }

            return true;
        }

        /// <summary>Takes in another part's verdict, as if its checks had been made here.</summary>
        public void Absorb(PartVerdict part)
        {
            AddCuts(part.Chain.ZoneCuts);
            AnchorZone ??= part.Chain.Anchor;
            _signatures.AddRange(part.Chain.Signatures);
            _denials.AddRange(part.Chain.Denials);
            ProvenResponseCode ??= part.ProvenResponseCode;
            Add(part.Status, part.Failure, part.MaxTtl, part.DataFailed);
        }

        public void Add(SecurityStatus status, ValidationFailure? failure, uint? ttl, bool fromData = false)
        {
            if (VerdictMapping.Weakness(status) > VerdictMapping.Weakness(_status))
            {
                _status = status;
                _failure = failure;
                _dataFailed = fromData;
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

            // Denials are checked only with Secure keys: a failure is the data's.
            Add(denial.Status, denial.Failure, null, fromData: true);
        }

        public PartVerdict Build(bool selfContained) =>
            new(_status, _failure, new ChainOfTrust(AnchorZone, [.. _cuts], [.. _signatures], [.. _denials]), _maxTtl, selfContained)
            {
                DataFailed = _dataFailed,
                ProvenResponseCode = ProvenResponseCode,
            };

        private void AddCuts(IEnumerable<ZoneCutLink> cuts)
        {
            foreach (ZoneCutLink link in cuts)
            {
                if (!_cuts.Contains(link))
                {
                    _cuts.Add(link);
                }
            }
        }
    }
}

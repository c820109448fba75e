// DenialChecker: authenticates the NSEC/NSEC3 records of a response with the zone's keys, runs the
// denial proof (Resolver.Protocol's DenialProofs) on the authentic ones only, charges the NSEC3
// hashes to the resolution's budget, and turns the outcome into the validator's vocabulary (the
// translation table itself is VerdictMapping's).
using System.Globalization;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Validation;

/// <summary>The outcome of checking a denial: a status, why, and what was used.</summary>
internal sealed record DenialVerdict(SecurityStatus Status, DenialProofKind Kind, ValidationFailure? Failure, DenialInfo? Info, IReadOnlyList<SignatureInfo> Signatures);

/// <summary>
/// What a denial proof must show: <paramref name="Claim"/> about <paramref name="Name"/>/<paramref name="Type"/>,
/// from the NSEC/NSEC3 records in <paramref name="Authority"/> signed by <paramref name="Entry"/>'s zone.
/// </summary>
/// <param name="Claim">NXDOMAIN, NODATA, a wildcard answer's "no closer match", or a referral's "no DS".</param>
/// <param name="Name">The name the claim is about.</param>
/// <param name="Type">The type the claim is about.</param>
/// <param name="Authority">The records that came with the response (others than NSEC/NSEC3 are ignored).</param>
/// <param name="Entry">The key entry of the zone that must have signed the proof.</param>
/// <param name="RrsigLabels">For a wildcard answer, the Labels field of its RRSIG (RFC 4035 §5.3.4); else 0.</param>
internal readonly record struct DenialClaim(
    DenialResponseKind Claim,
    DnsName Name,
    RrType Type,
    IEnumerable<ResourceRecord> Authority,
    KeyEntry Entry,
    int RrsigLabels = 0);

internal static class DenialChecker
{
    /// <summary>
    /// Proves <paramref name="request"/>'s claim with the NSEC/NSEC3 records of its authority, which
    /// must be signed by its entry's zone, charging the work to <paramref name="context"/>'s budget.
    /// </summary>
    public static DenialVerdict Check(in DenialClaim request, in CheckContext context)
    {
        (DenialResponseKind claim, DnsName name, RrType type, IEnumerable<ResourceRecord> authority, KeyEntry entry, int rrsigLabels) = request;
        (DateTimeOffset now, SignatureCheckOptions signatureOptions, WorkBudget budget, ValidatorOptions options) = context;
        if (entry.State != KeyEntryState.Secure)
        {
            return new(entry.Status, DenialProofKind.None, entry.Failure, null, []);
        }

        DnsName zone = entry.Zone;
        var authentic = new List<ResourceRecord>();
        var signatures = new List<SignatureInfo>();
        RrSetVerdict? firstFailure = null, forged = null;
        foreach (SignedRrSet set in RrSet.Group(authority).RrSets)
        {
            if (set.RrSet.Type is not (RrType.NSEC or RrType.NSEC3))
            {
                continue;
            }

            // Another zone's record is not this proof's to use, nor its failure to report: one owned
            // outside this zone (a forwarder's answer for a chain carries every link's proofs), or one
            // of a zone below this one (signed by that zone, at or below its apex). Any other record
            // inside this zone — its apex included — is this zone's whatever signer its RRSIGs name
            // (RFC 4035 §5.3.1: the signer is the zone that holds the RRset): re-labelling a forged
            // record's RRSIG with another signer does not take it out of the check below (a finding
            // of tests/Resolver.Fuzz with the apex NSEC re-labelled to the parent).
            DnsName owner = set.RrSet.Name;
            if (!owner.IsSubdomainOf(zone)
                || set.Signatures.Any(s => s.SignerName.IsStrictSubdomainOf(zone) && owner.IsSubdomainOf(s.SignerName)))
            {
                continue;
            }

            RrSetVerdict verdict = RrSetChecker.Check(set, entry, now, signatureOptions, budget);
            if (verdict.Status == SecurityStatus.Secure)
            {
                signatures.Add(SignatureInfo.From(set.RrSet.Name, verdict.Signature!, now));
                if (!verdict.IsWildcardExpansion(set.RrSet.Name))
                {
                    authentic.AddRange(set.RrSet.ToRecords());
                }
                else if (set.RrSet.Type == RrType.NSEC)
                {
                    // A signature with fewer labels than the owner was made over the wildcard (RFC 4035
                    // §5.3.2): the record speaks for "*." + those labels, not for the name it was
                    // replayed under. Using it as is would let a wildcard's NSEC deny types at any
                    // name below the wildcard's parent without proving that name does not exist.
                    DnsName wildcard = set.RrSet.Name.GetSuffix(verdict.SignatureLabels).Prepend("*"u8);
                    authentic.AddRange(set.RrSet.ToRecords().Select(r => r with { Name = wildcard }));
                }

                // A wildcard-expanded NSEC3 is meaningless (its owner is a hash): it is left out.
            }
            else
            {
                firstFailure ??= verdict;

                // RFC 4035 §5.5: a response whose signatures fail is BAD — also when the failing record
                // is one the proof would not need (Unbound's validate_msg_signatures). Skipping it let
                // an attacker's altered NSEC/NSEC3 ride along in a Secure answer.
                if (verdict.Failure is not null)
                {
                    forged ??= verdict;
                }
            }
        }

        if (forged is not null)
        {
            return new(SecurityStatus.Bogus, DenialProofKind.None, forged.Failure, null, signatures);
        }

        if (budget.Nsec3BudgetExhausted)
        {
            return Bogus(ValidationFailureKind.WorkLimitExceeded, zone, $"more than {budget.MaxNsec3Hashes} NSEC3 hash computations", signatures);
        }

        DenialResult proof = DenialProofs.Prove(claim, name, type, zone, authentic, rrsigLabels, options.Nsec3Options(budget.Nsec3HashesLeft));
        budget.AddNsec3Hashes(proof.HashComputations);
        DenialInfo info = new(zone, Describe(claim, proof), authentic.Any(r => r.Type == RrType.NSEC3) ? "NSEC3" : "NSEC",
            [.. proof.Evidence.Select(e => e.Record.Name).Distinct()]);
        switch (proof.Status)
        {
            case DenialStatus.Secure:
                return new(SecurityStatus.Secure, proof.Kind, null, info, signatures);
            case DenialStatus.Insecure:
                ValidationFailureKind insecureKind = VerdictMapping.InsecureDenialKind(proof.Failure);
                return new(SecurityStatus.Insecure, proof.Kind, new ValidationFailure(insecureKind, zone, Detail(claim, name, type, proof)), info, signatures);
            default:
                // A proof that failed because its records' signatures failed says so (the more precise reason).
                if (firstFailure is not null && proof.Failure == DenialFailure.MissingProof)
                {
                    return new(SecurityStatus.Bogus, proof.Kind, firstFailure.Failure, info, signatures);
                }

                ValidationFailureKind kind = VerdictMapping.BogusDenialKind(proof.Failure, claim, noAuthenticRecords: authentic.Count == 0);
                return new(SecurityStatus.Bogus, proof.Kind, new ValidationFailure(kind, zone, Detail(claim, name, type, proof)), info, signatures);
        }
    }

    private static DenialVerdict Bogus(ValidationFailureKind kind, DnsName zone, string detail, IReadOnlyList<SignatureInfo> signatures) =>
        new(SecurityStatus.Bogus, DenialProofKind.None, new ValidationFailure(kind, zone, detail), null, signatures);

    private static string Describe(DenialResponseKind claim, DenialResult proof) => proof.Kind switch
    {
        DenialProofKind.None => claim.ToString(),
        DenialProofKind.InsecureDelegation => "no DS (insecure delegation)",
        DenialProofKind.OptOutInsecure => "opt-out span (no signed delegation)",
        _ => proof.Kind.ToString(),
    };

    private static string Detail(DenialResponseKind claim, DnsName name, RrType type, DenialResult proof)
    {
        string what = claim switch
        {
            DenialResponseKind.NxDomain => $"NXDOMAIN for {name}",
            DenialResponseKind.NoData => $"NODATA for {name}/{RrTypeText.Format(type)}",
            DenialResponseKind.WildcardAnswer => $"wildcard answer for {name}",
            _ => $"referral to {name}",
        };
        string why = proof.Failure == DenialFailure.MissingProof && proof.MissingClause is { } clause
            ? $"missing {clause}"
            : proof.Failure.ToString();
        return string.Create(CultureInfo.InvariantCulture, $"{what}: {why}");
    }
}

// RrSetChecker: checks the signatures over one RRset against the key entry of its zone (RFC 4035
// §5.3): Secure only when an RRSIG by that zone verifies; data from a secure zone without a usable
// signature is Bogus; data from an insecure zone is Insecure whatever its signatures say. Two rules
// on top: a DNAME signed as a wildcard expansion is Bogus (RFC 4592 §4.4), and with algorithm
// downgrade hardening every algorithm the entry requires must sign (RFC 6840 §5.11).
using System.Collections.Immutable;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Validation;

/// <summary>The verdict on one RRset.</summary>
/// <param name="Status">Secure, Insecure, Bogus or Indeterminate.</param>
/// <param name="Failure">Why not Secure.</param>
/// <param name="Signature">The RRSIG that verified it (Secure only).</param>
/// <param name="ValidatedTtl">The TTL the validated RRset may be kept for (RFC 4035 §5.3.3).</param>
/// <param name="SignatureLabels">The Labels field of the verifying RRSIG (for wildcard detection).</param>
internal sealed record RrSetVerdict(SecurityStatus Status, ValidationFailure? Failure, RrsigData? Signature, uint ValidatedTtl, int SignatureLabels)
{
    /// <summary>True when the verifying RRSIG shows a wildcard expansion (RFC 4035 §5.3.2).</summary>
    public bool IsWildcardExpansion(DnsName owner) => Signature is not null && SignatureLabels < owner.SignatureLabelCount;
}

internal static class RrSetChecker
{
    public static RrSetVerdict Check(SignedRrSet set, KeyEntry entry, DateTimeOffset now, SignatureCheckOptions options, WorkBudget budget)
    {
        RrSet rrset = set.RrSet;
        if (entry.State != KeyEntryState.Secure || entry.Keys is null)
        {
            return new(entry.Status, entry.Failure, null, rrset.Ttl, 0);
        }

        SignatureStatus best = SignatureStatus.NoMatchingKey;
        RrsigData? bestSignature = null;
        ImmutableArray<DnssecAlgorithm> required = entry.RequiredAlgorithms;
        RrsigData? valid = null;
        uint validTtl = uint.MaxValue;
        var signedBy = new HashSet<DnssecAlgorithm>();
        foreach (RrsigData rrsig in set.Signatures)
        {
            if (rrsig.SignerName != entry.Zone)
            {
                continue;
            }

            if (valid is not null && (signedBy.Contains(rrsig.Algorithm) || !required.Contains(rrsig.Algorithm)))
            {
                continue;   // hardening: only an algorithm still missing is worth a verification
            }

            // The resolution's budget (KeyTrap, CVE-2023-50387): the check does no more than what is left.
            SignatureCheckResult result = SignatureVerifier.Check(rrset, rrsig, entry.Keys, entry.Zone, now, options, budget.SignatureLimit);
            budget.Add(result);
            if (result.IsValid)
            {
                if (rrset.Type == RrType.DNAME && rrsig.Labels < rrset.Name.SignatureLabelCount)
                {
                    // RFC 4592 §4.4: a DNAME owned by a wildcard must not redirect (its synthesis
                    // would differ from cache to cache); Unbound rejects a wildcard-expanded DNAME too.
                    return Bogus(ValidationFailureKind.WildcardDname, entry.Zone, rrset,
                        $"DNAME at {rrset.Name} is signed as an expansion of a wildcard ({rrsig.Labels} labels)", rrsig);
                }

                uint ttl = SignatureVerifier.GetValidatedTtl(rrset, rrsig, now);
                if (required.IsDefaultOrEmpty)
                {
                    return new(SecurityStatus.Secure, null, rrsig, ttl, rrsig.Labels);
                }

                // RFC 6840 §5.11, hardened: every algorithm the DS set names must sign the data.
                valid ??= rrsig;
                validTtl = Math.Min(validTtl, ttl);
                signedBy.Add(rrsig.Algorithm);
                if (required.All(signedBy.Contains))
                {
                    return new(SecurityStatus.Secure, null, valid, validTtl, valid.Labels);
                }

                continue;
            }

            if (result.Status == SignatureStatus.WorkLimitReached)
            {
                return Bogus(ValidationFailureKind.WorkLimitExceeded, entry.Zone, rrset, budget.SignatureLimitDetail, rrsig);
            }

            if (VerdictMapping.Rank(result.Status) > VerdictMapping.Rank(best))
            {
                best = result.Status;
                bestSignature = rrsig;
            }
        }

        if (valid is not null)
        {
            string missing = string.Join(", ", required.Where(a => !signedBy.Contains(a)).Select(a => (int)a));
            return Bogus(ValidationFailureKind.AlgorithmDowngrade, entry.Zone, rrset,
                $"{rrset.Name}/{RrTypeText.Format(rrset.Type)} has no valid RRSIG of algorithm {missing}, which the DS set of {entry.Zone} names", valid);
        }

        // The zone's keys are authentic, so its data must carry a usable signature (RFC 4035 §5.3).
        ValidationFailureKind kind = VerdictMapping.DataFailureKind(best);
        string detail = bestSignature is null
            ? $"no RRSIG by {entry.Zone} over {rrset.Name}/{RrTypeText.Format(rrset.Type)}"
            : $"RRSIG over {rrset.Name}/{RrTypeText.Format(rrset.Type)}";
        return Bogus(kind, entry.Zone, rrset, detail, bestSignature);
    }

    private static RrSetVerdict Bogus(ValidationFailureKind kind, DnsName zone, RrSet rrset, string detail, RrsigData? rrsig) =>
        new(SecurityStatus.Bogus, new ValidationFailure(kind, zone, detail, rrsig?.KeyTag, rrsig?.Algorithm), null, rrset.Ttl, 0);
}

// ValidationFailure: the reason an answer is not Secure, in a form a program can act on (a kind
// and its RFC 8914 code) and a person can read (one sentence naming zone, key and clause).
using System.Globalization;
using System.Text;
using Resolver.Protocol;
using Resolver.Validation;

namespace Resolver;

/// <summary>Why an answer is Insecure, Bogus or Indeterminate.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.ValidationFailureJsonConverter))]
public sealed record ValidationFailure
{
    /// <summary>Creates a reason.</summary>
    /// <param name="kind">What went wrong (or what made the answer insecure).</param>
    /// <param name="zone">The zone where it happened.</param>
    /// <param name="detail">What exactly, for a person (e.g. "RRSIG over www.example./A").</param>
    /// <param name="keyTag">The key tag involved, if any.</param>
    /// <param name="algorithm">The algorithm involved, if any.</param>
    public ValidationFailure(ValidationFailureKind kind, DnsName zone, string detail, ushort? keyTag = null, DnssecAlgorithm? algorithm = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(detail);
        Kind = kind;
        Zone = zone;
        Detail = detail;
        KeyTag = keyTag;
        Algorithm = algorithm;
    }

    /// <summary>What went wrong.</summary>
    public ValidationFailureKind Kind { get; }

    /// <summary>The zone where it happened.</summary>
    public DnsName Zone { get; }

    /// <summary>What exactly, for a person.</summary>
    public string Detail { get; }

    /// <summary>The key tag involved, if any.</summary>
    public ushort? KeyTag { get; }

    /// <summary>The algorithm involved, if any.</summary>
    public DnssecAlgorithm? Algorithm { get; }

    /// <summary>
    /// The RFC 8914 Extended DNS Error code for <see cref="Kind"/>; null when there is no error to
    /// report — an answer that is Insecure because its zone is proven unsigned is the DNS working as
    /// designed, and RFC 8914 defines no code for it.
    /// </summary>
    public ExtendedErrorCode? ExtendedErrorCode => ToExtendedErrorCode(Kind);

    /// <summary>The RFC clause that defines this failure.</summary>
    public string Clause => ClauseOf(Kind);

    /// <summary>The status this reason implies.</summary>
    public SecurityStatus Status => StatusOf(Kind);

    /// <summary>One sentence: status, zone, detail, key, clause and EDE code.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Status switch
        {
            SecurityStatus.Insecure => "insecure",
            SecurityStatus.Indeterminate => "indeterminate",
            _ => "bogus",
        });
        sb.Append(": ").Append(Describe(Kind)).Append(" in zone ").Append(Zone);
        if (Detail.Length > 0)
        {
            sb.Append(" (").Append(Detail).Append(')');
        }

        if (KeyTag is ushort tag)
        {
            sb.Append(CultureInfo.InvariantCulture, $", key tag {tag}");
        }

        if (Algorithm is DnssecAlgorithm algorithm)
        {
            sb.Append(CultureInfo.InvariantCulture, $", algorithm {(byte)algorithm} ({algorithm})");
        }

        sb.Append("; ").Append(Clause);
        if (ExtendedErrorCode is { } ede)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; EDE {(ushort)ede} ({ede})");
        }

        return sb.ToString();
    }

    /// <summary>The status a kind implies (the table is the validator's VerdictMapping).</summary>
    public static SecurityStatus StatusOf(ValidationFailureKind kind) => VerdictMapping.StatusOf(kind);

    /// <summary>
    /// The RFC 8914 code of a kind (§4 of that RFC; code 27 from RFC 9276), or null for a kind that is
    /// no error: a proven unsigned delegation, an opt-out span, a negative trust anchor, an RRSIG query.
    /// Insecure kinds that RFC 8914 and RFC 9276 §3.2 do name keep their codes (1, 2 and 27).
    /// </summary>
    public static ExtendedErrorCode? ToExtendedErrorCode(ValidationFailureKind kind) => VerdictMapping.ToExtendedErrorCode(kind);

    private static string ClauseOf(ValidationFailureKind kind) => kind switch
    {
        ValidationFailureKind.UnsignedDelegation => "RFC 4035 §5.2",
        ValidationFailureKind.OptOutSpan => "RFC 5155 §9.2",
        ValidationFailureKind.UnsupportedAlgorithm or ValidationFailureKind.UnsupportedDigest => "RFC 4035 §5.2, RFC 6840 §5.2",
        ValidationFailureKind.Nsec3IterationsTooHigh or ValidationFailureKind.Nsec3IterationsAboveHardLimit => "RFC 9276 §3.2",
        ValidationFailureKind.NegativeTrustAnchor => "RFC 7646",
        ValidationFailureKind.BadSignature => "RFC 4035 §5.3.3",
        ValidationFailureKind.SignatureExpired or ValidationFailureKind.SignatureNotYetValid or
        ValidationFailureKind.InvalidSignatureFields => "RFC 4035 §5.3.1",
        ValidationFailureKind.SignatureExpiredBeforeValid => "RFC 4034 §3.1.5",
        ValidationFailureKind.MissingSignatures => "RFC 4035 §5.3",
        ValidationFailureKind.DnskeyMissing or ValidationFailureKind.NoKeyMatchesDs or
        ValidationFailureKind.DsKeyDidNotSign => "RFC 4035 §5.2",
        ValidationFailureKind.NoZoneKeyBit => "RFC 4034 §2.1.1",
        ValidationFailureKind.RevokedKey => "RFC 5011 §2.1",
        ValidationFailureKind.MalformedKey => "RFC 4034 §2.1",
        ValidationFailureKind.MissingDenialProof or ValidationFailureKind.InvalidDenialProof => "RFC 4035 §5.4, RFC 5155 §8",
        ValidationFailureKind.MissingWildcardProof => "RFC 4035 §5.3.4, RFC 5155 §8.8",
        ValidationFailureKind.WorkLimitExceeded => "CVE-2023-50387/50868 limits",
        ValidationFailureKind.InconsistentAnswer => "RFC 4035 §5",
        ValidationFailureKind.NoTrustAnchor => "RFC 4035 §4.3",
        ValidationFailureKind.RrsigQuery => "RFC 4034 §3",
        ValidationFailureKind.RootKeySentinel => "RFC 8509 §3.2",
        ValidationFailureKind.WildcardDname => "RFC 4592 §4.4",
        ValidationFailureKind.AlgorithmDowngrade => "RFC 6840 §5.11",
        _ => "RFC 4035",
    };

    private static string Describe(ValidationFailureKind kind) => kind switch
    {
        ValidationFailureKind.UnsignedDelegation => "the parent proves there is no DS (unsigned delegation)",
        ValidationFailureKind.OptOutSpan => "the name is in an NSEC3 opt-out span",
        ValidationFailureKind.UnsupportedAlgorithm => "every DS or anchor uses an unsupported algorithm",
        ValidationFailureKind.UnsupportedDigest => "every DS uses an unsupported digest type",
        ValidationFailureKind.Nsec3IterationsTooHigh => "NSEC3 iterations above the insecure limit",
        ValidationFailureKind.NegativeTrustAnchor => "a negative trust anchor covers the name",
        ValidationFailureKind.BadSignature => "signature does not verify",
        ValidationFailureKind.SignatureExpired => "signature expired",
        ValidationFailureKind.SignatureNotYetValid => "signature not yet valid",
        ValidationFailureKind.SignatureExpiredBeforeValid => "signature expires before it becomes valid",
        ValidationFailureKind.MissingSignatures => "no usable RRSIG for data from a signed zone",
        ValidationFailureKind.DnskeyMissing => "DS at the parent but no DNSKEY in the zone",
        ValidationFailureKind.NoKeyMatchesDs => "no DNSKEY matches the DS records",
        ValidationFailureKind.DsKeyDidNotSign => "the key the DS names did not sign the DNSKEY RRset",
        ValidationFailureKind.NoZoneKeyBit => "the key lacks the Zone Key flag",
        ValidationFailureKind.RevokedKey => "the key is revoked",
        ValidationFailureKind.MalformedKey => "the key cannot be used",
        ValidationFailureKind.InvalidSignatureFields => "signature fields do not fit the data",
        ValidationFailureKind.MissingDenialProof => "no NSEC/NSEC3 proof for a negative answer",
        ValidationFailureKind.InvalidDenialProof => "the NSEC/NSEC3 records do not prove the denial",
        ValidationFailureKind.MissingWildcardProof => "wildcard answer without proof that the name does not exist",
        ValidationFailureKind.Nsec3IterationsAboveHardLimit => "NSEC3 iterations above the hard limit",
        ValidationFailureKind.WorkLimitExceeded => "validation work limit exceeded",
        ValidationFailureKind.InconsistentAnswer => "answer inconsistent with the chain of trust",
        ValidationFailureKind.NoTrustAnchor => "no trust anchor covers the name",
        ValidationFailureKind.RrsigQuery => "RRSIG records are not signed, so an RRSIG query cannot be authenticated",
        ValidationFailureKind.RootKeySentinel => "the root key sentinel's claim about a root trust anchor is false",
        ValidationFailureKind.WildcardDname => "a DNAME synthesized from a wildcard owner",
        ValidationFailureKind.AlgorithmDowngrade => "an algorithm of the DS set did not sign (algorithm downgrade hardening)",
        _ => kind.ToString(),
    };
}

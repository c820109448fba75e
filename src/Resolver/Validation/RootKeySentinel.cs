// RootKeySentinel: the root key trust anchor sentinel of RFC 8509. A query whose first label is
// "root-key-sentinel-is-ta-NNNNN" or "root-key-sentinel-not-ta-NNNNN" lets a client learn whether
// this resolver trusts the root KSK with key tag NNNNN: a Secure answer turns into SERVFAIL when the
// label's claim is false (§3.2). Only Secure answers to A and AAAA questions are touched — the test
// needs a validated chain, and §3.2 makes the sentinel a rule for address queries only: any other type
// at a sentinel name is an ordinary question with an ordinary answer.
using System.Globalization;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;

namespace Resolver.Validation;

internal static class RootKeySentinel
{
    private const string IsTa = "root-key-sentinel-is-ta-";
    private const string NotTa = "root-key-sentinel-not-ta-";
    private const int IsTaLength = 24 + 5;   // the prefix and five digits
    private const int NotTaLength = 25 + 5;

    /// <summary>The outcome to report for <paramref name="qname"/>/<paramref name="qtype"/>: unchanged, or Bogus when the sentinel's claim is false.</summary>
    public static ValidationOutcome Apply(DnsName qname, RrType qtype, ValidationOutcome outcome, TrustAnchorStore anchors, DateTimeOffset now)
    {
        // RFC 8509 §3.2: the sentinel test is made only for a QTYPE of A or AAAA; any other question
        // gets the result of normal resolution. Only a label of a sentinel's exact length is decoded:
        // every Secure answer passes here.
        if (outcome.Status != SecurityStatus.Secure || qtype is not (RrType.A or RrType.AAAA) || qname.LabelCount == 0 ||
            qname.GetLabel(0).Length is not (IsTaLength or NotTaLength) ||
            !TryParse(System.Text.Encoding.Latin1.GetString(qname.GetLabel(0)), out bool claimsTrusted, out ushort keyTag))
        {
            return outcome;
        }

        bool trusted = TrustedRootKeyTags(anchors, now).Contains(keyTag);
        if (trusted == claimsTrusted)
        {
            return outcome;
        }

        string detail = trusted
            ? $"the root key with tag {keyTag} is a trust anchor here (root-key-sentinel-not-ta)"
            : $"the root key with tag {keyTag} is not a trust anchor here (root-key-sentinel-is-ta)";
        return outcome with
        {
            Status = SecurityStatus.Bogus,
            Failure = new ValidationFailure(ValidationFailureKind.RootKeySentinel, DnsName.Root, detail, keyTag),
        };
    }

    // RFC 8509 §2: the label is the prefix followed by exactly five decimal digits (leading zeros kept);
    // labels compare without regard to case (RFC 4343).
    internal static bool TryParse(string label, out bool claimsTrusted, out ushort keyTag)
    {
        claimsTrusted = label.StartsWith(IsTa, StringComparison.OrdinalIgnoreCase);
        string prefix = claimsTrusted ? IsTa : NotTa;
        keyTag = 0;
        if ((!claimsTrusted && !label.StartsWith(NotTa, StringComparison.OrdinalIgnoreCase)) || label.Length != prefix.Length + 5)
        {
            return false;
        }

        ReadOnlySpan<char> digits = label.AsSpan(prefix.Length);
        // NumberStyles.None: digits only, no sign or white space.
        return ushort.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out keyTag);
    }

    // §3.2: the key tags of the root's trust anchors in force (a DS anchor names its key's tag).
    private static HashSet<ushort> TrustedRootKeyTags(TrustAnchorStore anchors, DateTimeOffset now) =>
    [
        .. anchors.Anchors
            .Where(a => a.Zone.IsRoot && a.IsValidAt(now))
            .Select(a => a.Data switch
            {
                DsData ds => (ushort?)ds.KeyTag,
                DnskeyData key => KeyTags.Compute(key),
                _ => null,
            })
            .OfType<ushort>(),
    ];
}

// DsCheck: the registrant's view of one delegation's DNSSEC link (RFC 4035 §5.2) — which parent DS
// matches which child DNSKEY (DsDigest.Match on key tag, algorithm and digest), whether that key
// signs the child's DNSKEY RRset (SignatureVerifier.Check), which DS records match nothing, and the
// DS records (SHA-256 and SHA-384) to submit for the current key-signing keys. Pure: records and
// the instant in, a report out.
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;

namespace Resolver.Cli.CheckDs;

/// <summary>One parent DS and what it matched.</summary>
/// <param name="Ds">The DS record.</param>
/// <param name="Status">Match, or the closest reason it matched no key (unsupported digest/algorithm, digest/algorithm/tag mismatch).</param>
/// <param name="Key">The key it matched (or the key with its tag and algorithm, for a digest mismatch).</param>
/// <param name="KeySignsKeySet">True when the matched key validly signs the DNSKEY RRset.</param>
internal sealed record DsFinding(DsData Ds, DsMatchStatus Status, DnskeyData? Key, bool KeySignsKeySet)
{
    public bool Usable => Status == DsMatchStatus.Match && KeySignsKeySet;
}

/// <summary>One child DNSKEY: does it sign the DNSKEY RRset, and which DS records point at it.</summary>
/// <param name="Key">The key.</param>
/// <param name="Signature">The outcome of checking its RRSIG over the DNSKEY RRset (null when it made none).</param>
/// <param name="MatchedBy">The parent DS records that match it.</param>
internal sealed record KeyFinding(DnskeyData Key, SignatureCheckResult? Signature, IReadOnlyList<DsData> MatchedBy)
{
    public bool SignsKeySet => Signature is { IsValid: true };
}

/// <summary>The whole check.</summary>
/// <param name="Zone">The child zone.</param>
/// <param name="Ds">Every parent DS record.</param>
/// <param name="Keys">Every child DNSKEY.</param>
/// <param name="Submit">The DS records the registrant should have at the parent for its current key-signing keys.</param>
internal sealed record DsCheckReport(DnsName Zone, IReadOnlyList<DsFinding> Ds, IReadOnlyList<KeyFinding> Keys, IReadOnlyList<DsData> Submit)
{
    /// <summary>At least one DS matches a key that signs the DNSKEY RRset.</summary>
    public bool LinkHolds => Ds.Any(d => d.Usable);

    /// <summary>DS records that match no key at all (stale or wrong).</summary>
    public IEnumerable<DsFinding> Orphans => Ds.Where(d => d.Status != DsMatchStatus.Match);
}

internal static class DsCheck
{
    // When a DS matches no key, report the most telling reason: unsupported beats mismatches, and
    // a digest mismatch (right tag and algorithm) says more than a key-tag mismatch.
    private static readonly DsMatchStatus[] s_precedence =
    [
        DsMatchStatus.Match,
        DsMatchStatus.UnsupportedDigest,
        DsMatchStatus.UnsupportedAlgorithm,
        DsMatchStatus.DigestMismatch,
        DsMatchStatus.AlgorithmMismatch,
        DsMatchStatus.KeyTagMismatch,
    ];

    /// <param name="zone">The child zone.</param>
    /// <param name="ds">The parent's DS records for the zone.</param>
    /// <param name="keys">The zone's DNSKEY records.</param>
    /// <param name="keySetSignatures">The RRSIGs over the zone's DNSKEY RRset.</param>
    /// <param name="now">The instant signature windows are checked at.</param>
    public static DsCheckReport Run(DnsName zone, IReadOnlyList<DsData> ds, IReadOnlyList<DnskeyData> keys, IReadOnlyList<RrsigData> keySetSignatures, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(ds);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(keySetSignatures);
        RrSet? keySet = keys.Count == 0 ? null : new RrSet(zone, RrClass.IN, RrType.DNSKEY, 0, keys);
        var signatures = new Dictionary<DnskeyData, SignatureCheckResult>();
        if (keySet is not null)
        {
            foreach (DnskeyData key in keys)
            {
                SignatureCheckResult? found = null;
                foreach (RrsigData rrsig in keySetSignatures.Where(s => s.KeyTag == key.KeyTag && s.Algorithm == key.Algorithm))
                {
                    SignatureCheckResult check = SignatureVerifier.Check(keySet, rrsig, keySet, zone, now);
                    if (check.IsValid && !key.Equals(check.Key))
                    {
                        continue; // made by another key with the same tag and algorithm
                    }

                    found = check;
                    if (check.IsValid)
                    {
                        break;
                    }
                }

                if (found is { } result)
                {
                    signatures[key] = result;
                }
            }
        }

        var dsFindings = new List<DsFinding>();
        foreach (DsData record in ds)
        {
            DsMatchStatus best = DsMatchStatus.KeyTagMismatch;
            DnskeyData? bestKey = null;
            foreach (DnskeyData key in keys)
            {
                DsMatchStatus status = DsDigest.Match(zone, record, key);
                if (Array.IndexOf(s_precedence, status) < Array.IndexOf(s_precedence, best) || bestKey is null && status == best)
                {
                    best = status;
                    bestKey = status is DsMatchStatus.Match or DsMatchStatus.DigestMismatch ? key : null;
                }
            }

            if (keys.Count == 0 && DsDigest.GetLength(record.DigestType) == 0)
            {
                best = DsMatchStatus.UnsupportedDigest;
            }

            bool signs = best == DsMatchStatus.Match && bestKey is not null && signatures.TryGetValue(bestKey, out SignatureCheckResult sig) && sig.IsValid;
            dsFindings.Add(new DsFinding(record, best, bestKey, signs));
        }

        var keyFindings = keys.Select(key => new KeyFinding(
            key,
            signatures.TryGetValue(key, out SignatureCheckResult sig) ? sig : null,
            [.. dsFindings.Where(d => d.Status == DsMatchStatus.Match && key.Equals(d.Key)).Select(d => d.Ds)])).ToList();

        // RFC 6781 §3.2.1 / RFC 4035 §5.2: the DS should name the keys that sign the DNSKEY RRset —
        // the SEP keys when there are any that sign it, else every key that signs it.
        List<DnskeyData> ksks = keyFindings.Where(k => k.SignsKeySet && k.Key.IsSecureEntryPoint && !k.Key.IsRevoked).Select(k => k.Key).ToList();
        if (ksks.Count == 0)
        {
            ksks = keyFindings.Where(k => k.SignsKeySet && !k.Key.IsRevoked).Select(k => k.Key).ToList();
        }

        var submit = new List<DsData>();
        foreach (DnskeyData key in ksks)
        {
            foreach (DigestType digest in (ReadOnlySpan<DigestType>)[DigestType.Sha256, DigestType.Sha384])
            {
                if (DsDigest.CreateDs(zone, key, digest) is { } record)
                {
                    submit.Add(record);
                }
            }
        }

        return new DsCheckReport(zone, dsFindings, keyFindings, submit);
    }
}

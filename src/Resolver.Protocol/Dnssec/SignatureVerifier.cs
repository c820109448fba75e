// SignatureVerifier: checks one RRSIG over one RRset against the signer's DNSKEY RRset (RFC 4035
// §5.3): the cheap field checks of §5.3.1 first (type covered, signer = the zone and the owner at
// or below it, Labels, algorithm support, validity window in RFC 1982 serial arithmetic), then the
// candidate keys — tag, algorithm, owner, Zone Key flag, protocol 3, not revoked — and the
// cryptography, trying colliding keys only up to a bound (KeyTrap, CVE-2023-50387) and stopping
// where the caller's remaining work allowance (verifications, key imports) ends. Pure: the
// instant is a parameter.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Dnssec;

/// <summary>RRSIG verification (RFC 4035 §5.3).</summary>
public static class SignatureVerifier
{
    /// <summary>
    /// Checks <paramref name="rrsig"/> over <paramref name="rrset"/> with the signer's keys.
    /// Never throws for a bad signature or key: the result says what is wrong.
    /// </summary>
    /// <param name="rrset">The RRset (its owner, class and type are those of the RRSIG record).</param>
    /// <param name="rrsig">One RRSIG covering it.</param>
    /// <param name="signerKeys">The DNSKEY RRset of the signer (owner = the RRSIG signer name).</param>
    /// <param name="zone">The zone the RRset belongs to: the signer must be this name (RFC 4035
    /// §5.3.1). Null accepts any signer at or above the owner (for callers that learn the zone from
    /// the signature).</param>
    /// <param name="now">The current time.</param>
    /// <param name="options">Policy, clock skew, key-collision bound and key cache; null for <see cref="SignatureCheckOptions.Default"/>.</param>
    /// <param name="limit">The most verifications and key imports this check may do — a caller's
    /// remaining per-resolution budget (KeyTrap, CVE-2023-50387); the check stops there with
    /// <see cref="SignatureStatus.WorkLimitReached"/>. Null: no limit beyond <see cref="SignatureCheckOptions.MaxKeysPerSignature"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="signerKeys"/> is not a DNSKEY RRset.</exception>
    public static SignatureCheckResult Check(
        RrSet rrset,
        RrsigData rrsig,
        RrSet signerKeys,
        DnsName? zone,
        DateTimeOffset now,
        SignatureCheckOptions? options = null,
        SignatureWorkLimit? limit = null)
    {
        ArgumentNullException.ThrowIfNull(rrset);
        ArgumentNullException.ThrowIfNull(rrsig);
        ArgumentNullException.ThrowIfNull(signerKeys);
        if (signerKeys.Type != RrType.DNSKEY)
        {
            throw new ArgumentException("The signer keys must be a DNSKEY RRset.", nameof(signerKeys));
        }

        options ??= SignatureCheckOptions.Default;
        SignatureStatus status = CheckFields(rrset, rrsig, zone, ToSerial(now), (long)options.ClockSkew.TotalSeconds, options.Policy);
        if (status != SignatureStatus.Valid)
        {
            return Result(status, rrsig, 0, 0, null);
        }

        if (signerKeys.Name != rrsig.SignerName || signerKeys.Class != rrset.Class)
        {
            return Result(SignatureStatus.NoMatchingKey, rrsig, 0, 0, null);
        }

        return CheckKeys(rrset, rrsig, signerKeys, options, limit ?? SignatureWorkLimit.Unlimited);
    }

    /// <summary>
    /// The TTL a validated RRset may be kept for (RFC 4035 §5.3.3, PITFALLS "Signatures"): no more
    /// than the RRset's TTL and the RRSIG's original TTL, and not past the signature expiration.
    /// </summary>
    public static uint GetValidatedTtl(RrSet rrset, RrsigData rrsig, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rrset);
        ArgumentNullException.ThrowIfNull(rrsig);
        int untilExpiry = (int)(rrsig.SignatureExpiration - ToSerial(now));
        uint ttl = Math.Min(rrset.Ttl, rrsig.OriginalTtl);
        return untilExpiry <= 0 ? 0 : Math.Min(ttl, (uint)untilExpiry);
    }

    /// <summary>Seconds since the epoch modulo 2^32, the RRSIG time representation (RFC 4034 §3.1.5).</summary>
    internal static uint ToSerial(DateTimeOffset time) => unchecked((uint)time.ToUnixTimeSeconds());

    /// <summary>
    /// The RFC 4035 §5.3.1 checks that need no key. The validity window uses RFC 1982 serial
    /// arithmetic: a is before b when (int)(a - b) &lt; 0, so windows keep working across 2106.
    /// </summary>
    internal static SignatureStatus CheckFields(RrSet rrset, RrsigData rrsig, DnsName? zone, uint now, long skew, DnssecAlgorithmPolicy policy)
    {
        if (rrsig.TypeCovered != rrset.Type)
        {
            return SignatureStatus.WrongType;
        }

        if ((zone is not null && rrsig.SignerName != zone) || !rrset.Name.IsSubdomainOf(rrsig.SignerName))
        {
            return SignatureStatus.WrongSigner;
        }

        if (rrsig.Labels > rrset.Name.SignatureLabelCount)
        {
            return SignatureStatus.BadLabels;
        }

        if (!policy.Supports(rrsig.Algorithm) || SignatureAlgorithms.Get(rrsig.Algorithm) is null)
        {
            return SignatureStatus.UnsupportedAlgorithm;
        }

        if ((int)(rrsig.SignatureExpiration - rrsig.SignatureInception) < 0)
        {
            return SignatureStatus.InvalidValidityPeriod;
        }

        if ((int)(now - rrsig.SignatureInception) + skew < 0)
        {
            return SignatureStatus.NotYetValid;
        }

        if ((int)(rrsig.SignatureExpiration - now) + skew < 0)
        {
            return SignatureStatus.Expired;
        }

        return SignatureStatus.Valid;
    }

    private static SignatureCheckResult CheckKeys(RrSet rrset, RrsigData rrsig, RrSet signerKeys, SignatureCheckOptions options, SignatureWorkLimit limit)
    {
        ISignatureAlgorithm algorithm = SignatureAlgorithms.Get(rrsig.Algorithm)!;
        SignatureStatus? rejection = null;
        int verifications = 0;
        int imports = 0;
        int attempts = 0;
        bool limitReached = false;
        bool workLimitReached = false;
        SignedData.Buffer signed = default;
        bool haveSigned = false;
        try
        {
            foreach (RecordData data in signerKeys.Data)
            {
                var key = (DnskeyData)data;
                if (key.Algorithm != rrsig.Algorithm || key.KeyTag != rrsig.KeyTag)
                {
                    continue;
                }

                SignatureStatus? unusable =
                    !key.IsZoneKey ? SignatureStatus.NotZoneKey :
                    key.Protocol != 3 ? SignatureStatus.BadKeyProtocol :
                    key.IsRevoked && !options.AllowRevokedSigner ? SignatureStatus.RevokedKey : null;
                if (unusable is not null)
                {
                    rejection ??= unusable;
                    continue;
                }

                // Imports count too: a malformed key still costs a parse.
                if (attempts >= options.MaxKeysPerSignature)
                {
                    limitReached = true;
                    break;
                }

                if (!haveSigned)
                {
                    // Labels were checked in CheckFields, so this cannot fail.
                    haveSigned = SignedData.TryCreate(rrset, rrsig, out signed);
                    if (!haveSigned)
                    {
                        return Result(SignatureStatus.BadLabels, rrsig, verifications, imports, null);
                    }
                }

                // The caller's allowance is checked before the work, never after: a per-resolution
                // budget must hold exactly, whatever the number of keys, signatures and servers.
                bool owned = true;
                VerificationKey? imported = null;
                bool cached = options.KeyCache is { } cache && cache.TryGet(key, out imported);
                if (cached)
                {
                    owned = false;
                }

                bool wouldVerify = !cached || imported is not null;   // a key remembered as malformed costs nothing
                if ((wouldVerify && verifications >= limit.Verifications) || (!cached && imports >= limit.KeyImports))
                {
                    workLimitReached = true;
                    break;
                }

                attempts++;
                if (!cached)
                {
                    imports++;
                    imported = options.KeyCache is { } keyCache
                        ? keyCache.Import(algorithm, key, out owned)
                        : algorithm.ImportKey(key.PublicKey);
                }

                if (imported is null)
                {
                    rejection = SignatureStatus.MalformedKey;
                    continue;
                }

                verifications++;
                bool ok;
                try
                {
                    ok = imported.Verify(signed.Span, rrsig.Signature);
                }
                finally
                {
                    if (owned)
                    {
                        imported.Dispose();
                    }
                }

                if (ok)
                {
                    return Result(SignatureStatus.Valid, rrsig, verifications, imports, key);
                }
            }
        }
        finally
        {
            if (haveSigned)
            {
                signed.Dispose();
            }
        }

        SignatureStatus status =
            workLimitReached ? SignatureStatus.WorkLimitReached :
            limitReached ? SignatureStatus.KeyCollisionLimit :
            verifications > 0 ? SignatureStatus.BadSignature :
            rejection ?? SignatureStatus.NoMatchingKey;
        return Result(status, rrsig, verifications, imports, null);
    }

    private static SignatureCheckResult Result(SignatureStatus status, RrsigData rrsig, int verifications, int imports, DnskeyData? key) =>
        new(status, rrsig.KeyTag, rrsig.Algorithm, verifications, key) { KeyImportsPerformed = imports };
}

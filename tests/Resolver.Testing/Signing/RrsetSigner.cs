// RrsetSigner: makes the RRSIG over one RRset (RFC 4034 §3, RFC 4035 §2.2). The fields come from
// the caller and the set — validity window passed in (never the clock), Labels from the owner with
// a leading "*" not counted (RFC 4034 §3.1.3), original TTL the set's — and the octets signed are
// built by the Protocol's own SignedData, so the signer and the verifier cannot disagree on the
// canonical form.
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Signing;

/// <summary>Signs single RRsets.</summary>
public static class RrsetSigner
{
    /// <summary>Creates the RRSIG data for <paramref name="rrset"/>.</summary>
    /// <param name="rrset">The RRset to sign.</param>
    /// <param name="key">The signing key.</param>
    /// <param name="signer">The signer name: the zone whose DNSKEY RRset holds <paramref name="key"/>.</param>
    /// <param name="inception">Signature inception, seconds since the epoch (mod 2^32).</param>
    /// <param name="expiration">Signature expiration, seconds since the epoch (mod 2^32).</param>
    /// <param name="originalTtl">The Original TTL field; null for the set's TTL.</param>
    /// <param name="labels">The Labels field; null for the owner's count without a leading <c>*</c>.</param>
    public static RrsigData Sign(
        RrSet rrset,
        SigningKey key,
        DnsName signer,
        uint inception,
        uint expiration,
        uint? originalTtl = null,
        byte? labels = null)
    {
        ArgumentNullException.ThrowIfNull(rrset);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(signer);
        var unsigned = new RrsigData(
            rrset.Type,
            key.Algorithm,
            labels ?? (byte)rrset.Name.SignatureLabelCount,
            originalTtl ?? rrset.Ttl,
            expiration,
            inception,
            key.KeyTag,
            signer,
            []);
        byte[] signedData = SignedData.Create(rrset, unsigned);
        return WithSignature(unsigned, key.Sign(signedData));
    }

    /// <summary>Signs <paramref name="rrset"/> and returns the RRSIG as a record (owner, class and TTL of the set).</summary>
    /// <inheritdoc cref="Sign(RrSet, SigningKey, DnsName, uint, uint, uint?, byte?)"/>
    public static ResourceRecord SignToRecord(RrSet rrset, SigningKey key, DnsName signer, uint inception, uint expiration)
    {
        ArgumentNullException.ThrowIfNull(rrset);
        return new ResourceRecord(rrset.Name, rrset.Class, rrset.Ttl, Sign(rrset, key, signer, inception, expiration));
    }

    /// <summary>A copy of <paramref name="rrsig"/> with another signature field.</summary>
    public static RrsigData WithSignature(RrsigData rrsig, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(rrsig);
        return new RrsigData(
            rrsig.TypeCovered,
            rrsig.Algorithm,
            rrsig.Labels,
            rrsig.OriginalTtl,
            rrsig.SignatureExpiration,
            rrsig.SignatureInception,
            rrsig.KeyTag,
            rrsig.SignerName,
            signature);
    }

    /// <summary>Seconds since the epoch modulo 2^32, as RRSIG times are written (RFC 4034 §3.1.5).</summary>
    public static uint ToSerial(DateTimeOffset time) => unchecked((uint)time.ToUnixTimeSeconds());
}

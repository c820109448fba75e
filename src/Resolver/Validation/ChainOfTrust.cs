// ChainOfTrust: what the validator used to reach its verdict — for each zone cut from the trust
// anchor down, the anchor or DS that vouched for the zone's keys, the key that signed the DNSKEY
// RRset and that signature's window; for each answer RRset, the signature that covered it; and
// the denial proofs used. This is what `query --trace` prints and what operators debug with.
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver;

/// <summary>One RRSIG the validator relied on.</summary>
/// <param name="Owner">Owner of the signed RRset.</param>
/// <param name="TypeCovered">Type of the signed RRset.</param>
/// <param name="Signer">The signing zone.</param>
/// <param name="KeyTag">Key tag of the signing key.</param>
/// <param name="Algorithm">Signing algorithm.</param>
/// <param name="Inception">Start of the validity period.</param>
/// <param name="Expiration">End of the validity period.</param>
public sealed record SignatureInfo(
    DnsName Owner,
    RrType TypeCovered,
    DnsName Signer,
    ushort KeyTag,
    DnssecAlgorithm Algorithm,
    DateTimeOffset Inception,
    DateTimeOffset Expiration)
{
    /// <summary>Describes a signature, turning its 32-bit serial times into instants near <paramref name="now"/> (RFC 1982).</summary>
    public static SignatureInfo From(DnsName owner, RrsigData rrsig, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(rrsig);
        return new(owner, rrsig.TypeCovered, rrsig.SignerName, rrsig.KeyTag, rrsig.Algorithm,
            SerialToInstant(rrsig.SignatureInception, now), SerialToInstant(rrsig.SignatureExpiration, now));
    }

    // RFC 4034 §3.1.5: the time is the one closest to now that has these low 32 bits.
    private static DateTimeOffset SerialToInstant(uint serial, DateTimeOffset now)
    {
        long nowSeconds = now.ToUnixTimeSeconds();
        int delta = unchecked((int)(serial - (uint)nowSeconds));
        return DateTimeOffset.FromUnixTimeSeconds(nowSeconds + delta);
    }
}

/// <summary>How the keys of one zone were (or were not) authenticated.</summary>
/// <param name="Zone">The zone.</param>
/// <param name="Status">Secure, Insecure or Bogus for this zone's keys.</param>
/// <param name="FromTrustAnchor">True when the keys were checked against a configured trust anchor,
/// false when against the DS RRset at the parent.</param>
/// <param name="MatchedDs">The DS (or anchor DS) records that matched a key that signed the DNSKEY RRset.</param>
/// <param name="DsSignature">The parent's signature over the DS RRset (null for a trust anchor or insecure cut).</param>
/// <param name="KeySetSignature">The signature over the DNSKEY RRset made by the matched key.</param>
/// <param name="Keys">The zone's DNSKEY records (empty when insecure or missing).</param>
/// <param name="Denial">For an insecure cut, how the absence of DS was proven.</param>
/// <param name="Failure">Why the zone is not secure, when it is not.</param>
public sealed record ZoneCutLink(
    DnsName Zone,
    SecurityStatus Status,
    bool FromTrustAnchor,
    IReadOnlyList<DsData> MatchedDs,
    SignatureInfo? DsSignature,
    SignatureInfo? KeySetSignature,
    IReadOnlyList<DnskeyData> Keys,
    DenialInfo? Denial,
    ValidationFailure? Failure);

/// <summary>A denial-of-existence proof the validator used.</summary>
/// <param name="Zone">The zone whose NSEC/NSEC3 records proved it.</param>
/// <param name="Kind">What was proven (e.g. "NXDOMAIN", "NODATA", "no DS (insecure delegation)", "opt-out").</param>
/// <param name="Mechanism">"NSEC" or "NSEC3".</param>
/// <param name="Records">The owner names of the NSEC/NSEC3 records used.</param>
public sealed record DenialInfo(DnsName Zone, string Kind, string Mechanism, IReadOnlyList<DnsName> Records);

/// <summary>Everything the validator relied on for one answer.</summary>
/// <param name="Anchor">The trust-anchor zone the chain starts at (null when none covers the name).</param>
/// <param name="ZoneCuts">The zones from the anchor down to the signers of the answer, top first.</param>
/// <param name="Signatures">The signatures over the answer's RRsets (answer and authority).</param>
/// <param name="Denials">Denial proofs used for the answer itself (NXDOMAIN, NODATA, wildcard).</param>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.ChainOfTrustJsonConverter))]
public sealed record ChainOfTrust(
    DnsName? Anchor,
    IReadOnlyList<ZoneCutLink> ZoneCuts,
    IReadOnlyList<SignatureInfo> Signatures,
    IReadOnlyList<DenialInfo> Denials)
{
    /// <summary>An empty chain (nothing was validated).</summary>
    public static ChainOfTrust None { get; } = new(null, [], [], []);

    /// <summary>
    /// The chain as text to read or log: the trust anchor, each zone cut from it down (status, matched
    /// DS or anchor, keys, signatures, the proof of an unsigned delegation, the reason it failed), the
    /// signatures over the answer and the denial proofs; one line per fact.
    /// </summary>
    public override string ToString() => Validation.ChainOfTrustText.Format(this);
}

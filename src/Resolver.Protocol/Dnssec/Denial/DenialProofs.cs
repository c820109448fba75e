// DenialProofs: the one entry point a validator calls for a negative or wildcard response — given
// what the response claims (NXDOMAIN, NODATA, a wildcard answer, a referral without DS) and the
// authority section's already signature-checked records, it runs the NSEC or NSEC3 proof and
// returns a DenialResult. Which kind of record is present picks the proof.
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Dnssec.Denial;

/// <summary>What a response claims, and so which denial it needs.</summary>
public enum DenialResponseKind
{
    /// <summary>RCODE NXDOMAIN: the query name does not exist (RFC 4035 §3.1.3.2).</summary>
    NxDomain,

    /// <summary>NOERROR with no answer: the name has no records of the query type, DS included (RFC 4035 §3.1.3.1).</summary>
    NoData,

    /// <summary>An answer synthesized from a wildcard (RRSIG labels fewer than the owner's): no closer match may exist (RFC 4035 §3.1.3.3).</summary>
    WildcardAnswer,

    /// <summary>A referral without DS: the delegation at the query name must be proven unsigned (RFC 4035 §3.1.4.1).</summary>
    Referral,
}

/// <summary>Chooses and runs the NSEC or NSEC3 proof a response needs.</summary>
public static class DenialProofs
{
    /// <summary>
    /// Proves what a response claims with the NSEC or NSEC3 records in <paramref name="records"/>
    /// (other types are skipped). With both kinds present both proofs run and the stronger result
    /// (Secure, then Insecure) is returned; with neither the result is Bogus with a missing clause.
    /// </summary>
    /// <param name="response">What the response claims.</param>
    /// <param name="qname">The query name; for <see cref="DenialResponseKind.WildcardAnswer"/> the answer's owner,
    /// for <see cref="DenialResponseKind.Referral"/> the delegation point (the NS owner).</param>
    /// <param name="qtype">The query type (used by <see cref="DenialResponseKind.NoData"/>).</param>
    /// <param name="zone">The zone that signed the denial records (their RRSIG signer).</param>
    /// <param name="records">The authority section's records, signatures already checked by the caller.</param>
    /// <param name="rrsigLabels">For <see cref="DenialResponseKind.WildcardAnswer"/>, the Labels field of the answer's RRSIG; otherwise ignored.</param>
    /// <param name="options">NSEC3 limits; null for <see cref="Nsec3ProofOptions.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="response"/> is not a defined value.</exception>
    public static DenialResult Prove(
        DenialResponseKind response,
        DnsName qname,
        RrType qtype,
        DnsName zone,
        IReadOnlyList<ResourceRecord> records,
        int rrsigLabels = 0,
        Nsec3ProofOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (response is < DenialResponseKind.NxDomain or > DenialResponseKind.Referral)
        {
            throw new ArgumentOutOfRangeException(nameof(response), response, "Unknown response kind.");
        }

        bool hasNsec = false, hasNsec3 = false;
        foreach (ResourceRecord record in records)
        {
            hasNsec |= record.Data is NsecData;
            hasNsec3 |= record.Data is Nsec3Data;
        }

        DenialResult? nsec = hasNsec || !hasNsec3 ? ProveNsec(response, qname, qtype, zone, records, rrsigLabels) : null;
        if (nsec is { IsSecure: true } || !hasNsec3)
        {
            return nsec!;
        }

        DenialResult nsec3 = ProveNsec3(response, qname, qtype, zone, records, rrsigLabels, options);
        return nsec is null || nsec3.Status < nsec.Status ? nsec3 : nsec;
    }

    private static DenialResult ProveNsec(
        DenialResponseKind response, DnsName qname, RrType qtype, DnsName zone, IReadOnlyList<ResourceRecord> records, int rrsigLabels) =>
        response switch
        {
            DenialResponseKind.NxDomain => NsecProofs.ProveNxDomain(qname, zone, records),
            DenialResponseKind.NoData => NsecProofs.ProveNoData(qname, qtype, zone, records),
            DenialResponseKind.WildcardAnswer => NsecProofs.ProveWildcardAnswer(qname, rrsigLabels, zone, records),
            _ => NsecProofs.ProveInsecureDelegation(qname, zone, records),
        };

    private static DenialResult ProveNsec3(
        DenialResponseKind response, DnsName qname, RrType qtype, DnsName zone, IReadOnlyList<ResourceRecord> records, int rrsigLabels,
        Nsec3ProofOptions? options) =>
        response switch
        {
            DenialResponseKind.NxDomain => Nsec3Proofs.ProveNxDomain(qname, zone, records, options),
            DenialResponseKind.NoData => Nsec3Proofs.ProveNoData(qname, qtype, zone, records, options),
            DenialResponseKind.WildcardAnswer => Nsec3Proofs.ProveWildcardAnswer(qname, rrsigLabels, zone, records, options),
            _ => Nsec3Proofs.ProveInsecureDelegation(qname, zone, records, options),
        };
}

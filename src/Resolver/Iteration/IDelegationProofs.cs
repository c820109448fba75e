// IDelegationProofs: the seam through which the iterator hands the validator side the denial
// records it saw at zone cuts, without reading them itself. A referral without a DS carries the
// parent's NSEC/NSEC3 saying the child has none (RFC 4035 §3.1.4.1); an answer whose chain enters
// an unsigned child may carry the same (Unbound's val_cnametonsec). Which of those records prove
// what is a DNSSEC question (type bitmaps, NSEC3 hashing, wildcard signatures): it is answered in
// Resolver.Validation.DelegationProofs, which the facade wires in. Without one, nothing is cached
// from them and the validator asks for the DS as it would for any other.
using System.Collections.Immutable;
using Resolver.Protocol;

namespace Resolver.Iteration;

/// <summary>Receives the delegation proofs the iterator saw; the iterator does not interpret them.</summary>
internal interface IDelegationProofs
{
    /// <summary>
    /// A referral from <paramref name="parent"/> to <paramref name="child"/> without a DS RRset:
    /// <paramref name="denial"/> holds its NSEC/NSEC3 (and SOA) records with their signatures.
    /// </summary>
    void FromReferral(DnsName child, RrClass @class, DnsName parent, ImmutableArray<ResourceRecord> denial);

    /// <summary>
    /// An answer, CNAME or DNAME response from <paramref name="zone"/>'s servers for
    /// <paramref name="question"/> (scrubbed): its authority section may prove a delegation on the
    /// answer's chain unsigned.
    /// </summary>
    void FromAnswer(DnsMessage response, DnsQuestion question, DnsName zone);
}

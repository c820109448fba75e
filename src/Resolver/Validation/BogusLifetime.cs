// BogusLifetime: how long what failed validation is kept — the one owner of Unbound's val-bogus-ttl
// here. A Bogus key entry stands for a broken zone for BogusTtl; Bogus answer data stays in the RRset
// cache no longer than that (long enough that a flood of queries for it does not reach the network
// each time, short enough that a repaired zone is seen soon); the DNSKEY (and an unvalidated DS) of
// a zone whose keys failed are dropped, so they cannot outlive the key entry. What failed only
// because the resolution's work budget ran out, or could not be fetched, is not kept at all.
using Resolver.Protocol;

namespace Resolver.Validation;

internal sealed class BogusLifetime(TimeSpan bogusTtl)
{
    /// <summary>The bogus TTL (ValidatorOptions.BogusTtl).</summary>
    public TimeSpan BogusTtl { get; } = bogusTtl;

    /// <summary>The bogus TTL in whole seconds: the longest Bogus answer data is kept.</summary>
    public uint DataTtl => (uint)BogusTtl.TotalSeconds;

    /// <summary>How long a key entry is kept: its TTL (at most <paramref name="maxTtl"/>), the bogus TTL when Bogus, none when unresolved.</summary>
    public TimeSpan ForKeyEntry(KeyEntry entry, TimeSpan maxTtl) => entry.State switch
    {
        KeyEntryState.Unresolved => TimeSpan.Zero,
        // A spent budget (KeyTrap, CVE-2023-50387) says nothing about the zone: the budget may
        // have gone on another zone of the same resolution (a CNAME chain, a decoy-laden
        // parent), so remembering the zone as Bogus would break it for BogusTtl for every
        // question. Each later resolution is bounded by its own budget, which is the KeyTrap
        // mitigation; the zone's good names still validate (cf. BIND poisoning ok.keytrap.bad).
        KeyEntryState.Bogus when entry.Failure?.Kind == ValidationFailureKind.WorkLimitExceeded => TimeSpan.Zero,
        KeyEntryState.Bogus => BogusTtl,
        _ => TimeSpan.FromSeconds(Math.Min(entry.Ttl, maxTtl.TotalSeconds)),
    };

    /// <summary>
    /// The key data of a zone cut whose keys failed that must leave the RRset cache with the key
    /// entry: the DNSKEY RRset, and the DS RRset unless it validated (the parent's good data stays
    /// for its TTL: only the child's DNSKEY failed, and the parent need not be asked again).
    /// </summary>
    public static IEnumerable<(DnsName Zone, RrType Type)> KeyDataToForget(ChainOfTrust chain)
    {
        foreach (ZoneCutLink cut in chain.ZoneCuts)
        {
            if (cut.Status == SecurityStatus.Bogus)
            {
                yield return (cut.Zone, RrType.DNSKEY);
                if (cut.DsSignature is null)
                {
                    yield return (cut.Zone, RrType.DS);
                }
            }
        }
    }
}

// ApexNsSets: the two NS RRsets of a zone cut — the parent's copy in a referral and the child's own at
// its apex — and which one guides iteration. RFC 2181 §5.4.1 ranks the authority section of an
// authoritative answer above a referral, so the child's NS RRset, once an authoritative response of
// the zone carries it, replaces the parent's copy in the cache (CacheTrust.ChildNs), with the
// addresses of its servers that came beside it. It may never outlive the NS RRset it replaces: a
// child cannot keep its delegation alive by repeating its own NS RRset (the "ghost domain" names of
// CVE-2012-1192; BIND and Unbound do not let the child's copy extend the cached TTL). When one set's
// servers all fail, the other is tried (RecursiveIterator): the child's set after the parent's, and
// the parent's fresh referral after the child's; a child-side set whose servers all failed is then
// dropped for the parent's ("domain sale": the old servers answer lame, the parent points elsewhere).
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Iteration;

/// <summary>Learns a zone's own NS RRset and offers it when the parent's servers fail.</summary>
internal static class ApexNsSets
{
    /// <summary>
    /// Caches the NS RRset at <paramref name="zone"/>'s apex from the authority section of an
    /// authoritative (scrubbed) response of the zone's servers, and the addresses of its servers from
    /// the additional section (glue rank: they only serve to reach servers).
    /// </summary>
    public static void LearnFromAuthoritative(DnsCache cache, DnsMessage scrubbed, DnsName zone)
    {
        if (!scrubbed.IsAuthoritativeAnswer)
        {
            return;
        }

        SignedRrSet? ns = RrSet.Group(scrubbed.Authorities).RrSets
            .FirstOrDefault(set => set.RrSet.Type == RrType.NS && set.RrSet.Name.Equals(zone));
        if (ns is null)
        {
            return;
        }

        // Ghost-domain rule: the child's copy expires no later than the NS RRset already cached for
        // the zone (the parent's, or an earlier child copy), so only the parent can renew it.
        uint ttl = ns.RrSet.Ttl;
        if (cache.GetRrSet(zone, RrType.NS, ns.RrSet.Class) is { } cached)
        {
            if (cached.Trust > CacheTrust.ChildNs)
            {
                return;   // an authoritative NS answer is already cached: it outranks this copy
            }

            ttl = Math.Min(ttl, cached.RemainingTtl(cache.Now));
        }

        RrSet set = ns.RrSet;
        cache.SetRrSet(new SignedRrSet(new RrSet(set.Name, set.Class, set.Type, ttl, set.Data), ns.Signatures), zone, CacheTrust.ChildNs);
        var servers = new HashSet<DnsName>(set.Data.Cast<NsData>().Select(d => d.NameServer));
        foreach (SignedRrSet address in RrSet.Group(scrubbed.Additionals).RrSets)
        {
            if (address.RrSet.Type is RrType.A or RrType.AAAA && servers.Contains(address.RrSet.Name))
            {
                cache.SetRrSet(address, zone, CacheTrust.Glue);
            }
        }
    }

    /// <summary>
    /// The zone's own NS RRset as a delegation point, when it is cached and names a server that
    /// <paramref name="tried"/> (the parent's referral) does not; null otherwise.
    /// </summary>
    public static DelegationPoint? ChildSide(DnsCache cache, DelegationPoint tried, int port, AddressFamilies families)
    {
        if (cache.GetRrSet(tried.Zone, RrType.NS) is not { Trust: >= CacheTrust.ChildNs } ns)
        {
            return null;
        }

        var names = ns.RrSet.RrSet.Data.Cast<NsData>().Select(d => d.NameServer).ToList();
        if (names.TrueForAll(n => tried.NameServers.Contains(n)))
        {
            return null;
        }

        var dp = new DelegationPoint(tried.Zone, names);
        dp.AddCachedAddresses(cache, port, families);
        return dp;
    }

    /// <summary>
    /// Drops the cached NS RRset of <paramref name="zone"/> before the parent's fresh referral is
    /// cached: its servers all failed in this resolution, so the parent's copy (lower ranked) must be
    /// able to take its place.
    /// </summary>
    public static void ForgetFailed(DnsCache cache, DnsName zone) => cache.Remove(zone, RrType.NS);
}

// DnameSynthesis: the CNAME a DNAME stands for (RFC 6672). A DNAME at D with target T redirects
// every name strictly below D: name N = P.D becomes P.T (§2.2), and a response carries, beside the
// DNAME, a CNAME from N to P.T with the DNAME's TTL (§3.1, §3.4). That CNAME is synthesized, never
// signed: a validator checks it against the validated DNAME instead (§5.3.1). This file owns making
// that CNAME (for answers from the network and from the cache), finding the cached DNAME that
// covers a name, and recognising a synthesized CNAME in an answer.
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Iteration;

/// <summary>CNAMEs synthesized from DNAMEs.</summary>
internal static class DnameSynthesis
{
    /// <summary>
    /// The unsigned CNAME from <paramref name="from"/> to <paramref name="target"/> that
    /// <paramref name="dname"/> synthesizes, with the DNAME's TTL (what is left of it when cached).
    /// </summary>
    public static ZonedRrSet Cname(ZonedRrSet dname, DnsName from, DnsName target, DateTimeOffset now)
    {
        RrSet set = dname.RrSet.RrSet;
        uint ttl = dname.CacheEntry?.RemainingTtl(now) ?? set.Ttl;
        var cname = new RrSet(from, set.Class, RrType.CNAME, ttl, [new CnameData(target)]);
        return new ZonedRrSet(new SignedRrSet(cname, []), dname.Zone, null);
    }

    /// <summary>
    /// The cached DNAME (answer or authority trust) that redirects <paramref name="name"/> and the
    /// name it redirects to — null when the substitution would overflow (YXDOMAIN, RFC 6672 §2.2);
    /// null when no cached DNAME covers the name.
    /// The DNAME closest to the root is taken: a zone has no names below a DNAME (RFC 6672 §2.4),
    /// so a lower one can only be stale.
    /// </summary>
    public static (CachedRrSet Dname, DnsName? Target)? FindCached(DnsCache cache, DnsName name, RrClass @class)
    {
        for (int labels = 0; labels < name.LabelCount; labels++)
        {
            DnsName owner = name.GetSuffix(labels);
            CachedRrSet? hit = cache.GetRrSet(owner, RrType.DNAME, @class);
            if (hit is null || hit.Trust < CacheTrust.Authority || hit.RrSet.RrSet.Data[0] is not DnameData dname)
            {
                continue;
            }

            return ResponseScrubber.TrySynthesize(name, owner, dname.Target, out DnsName target) ? (hit, target) : (hit, null);
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="set"/> is an unsigned CNAME that the DNAME in
    /// <paramref name="dname"/> synthesizes exactly (owner strictly below the DNAME, target its
    /// substitution), so that the DNAME's verdict is the CNAME's (RFC 6672 §5.3.1).
    /// </summary>
    public static bool IsSynthesizedBy(SignedRrSet set, SignedRrSet dname)
    {
        RrSet cname = set.RrSet;
        RrSet alias = dname.RrSet;
        return cname.Type == RrType.CNAME && set.Signatures.IsEmpty && cname.Data.Length == 1 && cname.Data[0] is CnameData data &&
               alias.Type == RrType.DNAME && alias.Class == cname.Class && alias.Data.Length == 1 && alias.Data[0] is DnameData redirect &&
               cname.Name.IsStrictSubdomainOf(alias.Name) &&
               ResponseScrubber.TrySynthesize(cname.Name, alias.Name, redirect.Target, out DnsName target) && target.Equals(data.Target);
    }
}

// TestWalkers: the chain walker the validation tests stand on — trusting a hierarchy's root DS,
// default limits, a key-entry cache of its own — so each test states only its iterator and data.
using Resolver.Iteration;
using Resolver.Protocol.Dnssec;
using Resolver.Testing.Signing;
using Resolver.Validation;

namespace Resolver.Tests.Validation;

internal static class TestWalkers
{
    /// <summary>A walker over <paramref name="iterator"/> that trusts <paramref name="anchors"/>' trust-anchor DS.</summary>
    public static ChainWalker Create(ZoneHierarchy anchors, IDnsIterator iterator, TimeProvider? time = null)
    {
        var options = new ValidatorOptions
        {
            TrustAnchors = TrustAnchorStore.Create(anchors.TrustAnchorDs.Select(r => new TrustAnchor(r.Name, r.Data))),
        };
        var cache = new KeyEntryCache(time ?? TimeProvider.System, options.KeyCacheCapacity, options.BogusTtl, TimeSpan.FromDays(1));
        return new ChainWalker(iterator, options, cache, new PublicKeyCache());
    }
}

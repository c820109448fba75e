// Regression (conformance scenarios unbound/val_unsecds_negcache.rpl, val_nsec3_nods.rpl,
// val_nsec3_nods_negcache.rpl, val_nsec3_b3_optout_negcache.rpl and the Deckard copies): the NSEC/NSEC3
// records by which a referral proves its delegation has no DS (RFC 4035 §3.1.4.1) were thrown away,
// so the validator asked the parent for the DS — and parents that do not answer that query left the
// resolution failing. The referral's proof is now cached as the NODATA answer to the child's DS.
// Also unbound/iter_ds_referral.rpl: a DS question answered with the referral (DS in the authority
// section) is an answer, not a NODATA without proof.
using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using Resolver.Tests.Scenarios;
using static Resolver.Tests.Scenarios.ScenarioZones;

namespace Resolver.Tests.Regressions;

public sealed class ValUnsecdsNegcacheTests
{
    private static Task<ResolveResult> Resolve(DnsResolver resolver, string name, RrType type = RrType.A) =>
        resolver.ResolveAsync(N(name), type, CancellationToken.None);

    // The parent's server times out on every DS query, as in the scenarios.
    private static void KillDsQueries(SignedNetwork net, string parent)
    {
        int index = net.ServerIndexOf(parent);
        net.Transport.Dead = (server, q) => server == index && q.Type == RrType.DS;
    }

    [Fact]
    public async Task Nsec3_parent_that_never_answers_DS_still_proves_the_unsigned_delegation()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        KillDsQueries(net, "test.");
        using DnsResolver resolver = net.Resolver();

        ResolveResult result = await Resolve(resolver, "www.unsigned.test.");

        Assert.False(result.IsResolutionFailure, result.ToString());
        Assert.Equal(SecurityStatus.Insecure, result.Status);
        Assert.Equal(ValidationFailureKind.UnsignedDelegation, result.Reason!.Kind);
        Assert.Equal(N("unsigned.test."), result.Reason.Zone);
        Assert.Single(result.Records);
        Assert.Equal(0, net.Count("test.", "unsigned.test.", RrType.DS));
    }

    [Fact]
    public async Task Nsec_parent_that_never_answers_DS_still_proves_the_unsigned_delegation()
    {
        ZoneHierarchy hierarchy = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("test.")   // NSEC
            .AddUnsignedZone("plain.test.", text: "www A 192.0.2.80\n")
            .Build();
        await using SignedNetwork net = SignedNetwork.Start(hierarchy);
        KillDsQueries(net, "test.");
        using DnsResolver resolver = net.Resolver();

        ResolveResult result = await Resolve(resolver, "www.plain.test.");

        Assert.Equal(SecurityStatus.Insecure, result.Status);
        Assert.Equal(ValidationFailureKind.UnsignedDelegation, result.Reason!.Kind);
        Assert.Equal("NSEC", result.Chain.ZoneCuts[^1].Denial!.Mechanism);
        Assert.Single(result.Records);
        Assert.Equal(0, net.Count("test.", "plain.test.", RrType.DS));
    }

    [Fact]
    public async Task Opt_out_parent_that_never_answers_DS_leaves_the_child_insecure()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        KillDsQueries(net, "optout.test.");
        using DnsResolver resolver = net.Resolver();

        ResolveResult result = await Resolve(resolver, "www.child.optout.test.");

        Assert.Equal(SecurityStatus.Insecure, result.Status);
        Assert.Equal(ValidationFailureKind.OptOutSpan, result.Reason!.Kind);
        Assert.Single(result.Records);
        Assert.Equal(0, net.Count("optout.test.", "child.optout.test.", RrType.DS));
    }

    [Fact]
    public async Task Signed_delegation_is_untouched_the_DS_in_the_referral_is_used()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        KillDsQueries(net, "test.");
        using DnsResolver resolver = net.Resolver();

        ResolveResult result = await Resolve(resolver, "www.example.test.");

        Assert.Equal(SecurityStatus.Secure, result.Status);
        Assert.NotNull(result.Chain.ZoneCuts[^1].DsSignature);
    }

    [Fact]
    public async Task DS_question_answered_with_a_referral_carrying_the_DS_is_an_answer()
    {
        // iter_ds_referral: the parent answers "example.test. DS" with its referral (NS + DS + RRSIG
        // in the authority section, no SOA) instead of an answer.
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        net.ResponderOf("test.").Tamper = response =>
        {
            DnsQuestion q = response.Questions[0];
            if (q.Type != RrType.DS || q.Name != N("example.test.") || response.Answers.Count == 0)
            {
                return response;
            }

            response.Authorities.Clear();
            response.Authorities.Add(new ResourceRecord(q.Name, 3600, new NsData(N("ns1.example.test."))));
            foreach (ResourceRecord rr in response.Answers)
            {
                response.Authorities.Add(rr);
            }

            response.Answers.Clear();
            response.IsAuthoritativeAnswer = false;
            return response;
        };
        using DnsResolver resolver = net.Resolver();

        ResolveResult ds = await Resolve(resolver, "example.test.", RrType.DS);

        Assert.Equal(SecurityStatus.Secure, ds.Status);
        Assert.Equal(ResponseCode.NoError, ds.ResponseCode);
        Assert.Contains(ds.Records, r => r.Type == RrType.DS);
        Assert.Equal(1, net.Count("test.", "example.test.", RrType.DS));
    }

    [Fact]
    public void Cache_keeps_a_referral_proof_without_SOA_for_the_least_TTL_of_its_denial_records()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var cache = new DnsCache(new DnsCacheOptions(), time);
        DnsName child = N("sub.example.test.");
        DnsName parent = N("example.test.");
        var nsec = new ResourceRecord(child, 600, new NsecData(N("zz.example.test."), TypeBitmap.FromTypes([RrType.NS, RrType.RRSIG, RrType.NSEC])));
        var sig = new ResourceRecord(child, 300, new RrsigData(
            RrType.NSEC, DnssecAlgorithm.Ed25519, 3, 600, 2000000000, 1000000000, 1234, parent, new byte[64]));

        CachedNegative? stored = cache.SetDsDenial(child, RrClass.IN, parent, [nsec, sig]);

        Assert.NotNull(stored);
        Assert.True(stored.TtlFromDenialRecords);
        Assert.Equal(NegativeKind.NoData, stored.Kind);
        Assert.Equal(parent, stored.Zone);
        Assert.Equal(300u, stored.RemainingTtl(time.GetUtcNow()));
        Assert.Same(stored, cache.GetNegative(child, RrType.DS));
        Assert.Null(cache.GetNegative(child, RrType.A));

        time.Advance(TimeSpan.FromSeconds(301));
        Assert.Null(cache.GetNegative(child, RrType.DS));
    }

    [Fact]
    public void Cache_stores_no_referral_proof_without_NSEC_records_or_over_a_live_DS()
    {
        using var cache = new DnsCache();
        DnsName child = N("sub.example.test.");
        DnsName parent = N("example.test.");
        Assert.Null(cache.SetDsDenial(child, RrClass.IN, parent, ImmutableArray<ResourceRecord>.Empty));

        var ds = new RrSet(child, RrClass.IN, RrType.DS, 3600, [new DsData(1234, DnssecAlgorithm.Ed25519, DigestType.Sha256, new byte[32])]);
        cache.SetRrSet(new SignedRrSet(ds, []), parent, CacheTrust.Authority);
        var nsec = new ResourceRecord(child, 600, new NsecData(N("zz.example.test."), TypeBitmap.FromTypes([RrType.NS, RrType.RRSIG, RrType.NSEC])));
        Assert.Null(cache.SetDsDenial(child, RrClass.IN, parent, [nsec]));
        Assert.Null(cache.GetNegative(child, RrType.DS));
    }
}

// Regression (conformance scenarios unbound/val_cnametonsec.rpl, val_cnametooptin.rpl): a CNAME
// answer whose target lies in an unsigned child carries the parent's NSEC/NSEC3 for the child (NS,
// no DS) in its authority section; that proof was ignored and the parent, which does not answer DS
// queries, was asked for the DS. It is now cached as the NODATA answer to the child's DS.
public sealed class ValCnametonsecTests
{
    [Fact]
    public async Task Cname_into_an_unsigned_child_is_insecure_from_the_proof_in_the_answer()
    {
        ZoneHierarchy hierarchy = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("test.", text: "alias CNAME www.plain.test.\n")   // NSEC
            .AddUnsignedZone("plain.test.", text: "www A 192.0.2.80\n")
            .Build();
        DnsName plain = N("plain.test.");
        ResourceRecord[] proof = [.. hierarchy["test."].Records.Where(r => r.Name == plain && Covers(r) == RrType.NSEC)];
        Assert.Equal(2, proof.Length);   // the NSEC and its RRSIG

        await using SignedNetwork net = SignedNetwork.Start(hierarchy);
        int parent = net.ServerIndexOf("test.");
        net.Transport.Dead = (server, q) => server == parent && q.Type == RrType.DS;
        net.ResponderOf("test.").Tamper = response =>
        {
            if (response.Questions[0].Name == N("alias.test.") && response.Answers.Count > 0)
            {
                proof.ToList().ForEach(response.Authorities.Add);
            }
            else if (response.Authorities.Any(r => r.Name == plain && r.Type == RrType.NS))
            {
                // In the scenario one server serves parent and child, so no referral shows the proof.
                foreach (ResourceRecord rr in response.Authorities.Where(r => Covers(r) is RrType.NSEC or RrType.NSEC3).ToList())
                {
                    response.Authorities.Remove(rr);
                }
            }

            return response;
        };
        using DnsResolver resolver = net.Resolver();

        ResolveResult result = await resolver.ResolveAsync(N("alias.test."), RrType.A, CancellationToken.None);

        Assert.False(result.IsResolutionFailure, result.ToString());
        Assert.Equal(SecurityStatus.Insecure, result.Status);
        Assert.Equal(ValidationFailureKind.UnsignedDelegation, result.Reason!.Kind);
        Assert.Contains(result.Answers, r => r.Data is CnameData);
        Assert.Contains(result.Records, r => r.Data is AData);
        Assert.Equal(0, net.Count("test.", "plain.test.", RrType.DS));
    }
}

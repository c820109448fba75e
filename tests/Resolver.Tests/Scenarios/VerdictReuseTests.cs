// VerdictReuseTests (issue 15 item 2): a warm answer built from an alias chain reuses the verdict it
// got when its data entered the cache — no signature is checked again — as long as it is built
// from the very same cache entries; when one link is refreshed (a new entry), it is validated again.
// Issue 13: each link keeps its own verdict (Unbound's per-RRset security status), so a chain whose
// target was validated on its own checks only the alias.
using Microsoft.Extensions.Time.Testing;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Testing.Signing;

namespace Resolver.Tests.Scenarios;

public sealed class VerdictReuseTests
{
    [Theory]
    [InlineData("alias.example.test.", SecurityStatus.Secure)]     // CNAME in the zone
    [InlineData("ton3.example.test.", SecurityStatus.Secure)]      // CNAME into another signed zone
    [InlineData("toinsec.example.test.", SecurityStatus.Insecure)] // CNAME into an unsigned zone
    public async Task A_warm_alias_chain_reuses_its_verdict_without_checking_a_signature(string name, SecurityStatus status)
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        using DnsResolver resolver = net.Resolver();

        ResolveResult cold = await resolver.ResolveAsync(DnsName.Parse(name), RrType.A, CancellationToken.None);
        ResolveResult warm = await resolver.ResolveAsync(DnsName.Parse(name), RrType.A, CancellationToken.None);

        Assert.Equal(status, cold.Status);
        Assert.Equal(status, warm.Status);
        Assert.True(cold.Work.SignatureValidations > 0);
        Assert.Equal(0, warm.Work.UpstreamQueries);
        Assert.Equal(0, warm.Work.SignatureValidations);
        Assert.Equal(cold.Records.Select(r => r.Data), warm.Records.Select(r => r.Data));
        Assert.Equal(cold.CanonicalName, warm.CanonicalName);
    }

    [Fact]
    public async Task A_chain_is_validated_again_once_its_entries_expire()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using DnsResolver resolver = net.Resolver(time, o => o.Cache.MaxTtl = TimeSpan.FromSeconds(100));
        DnsName alias = DnsName.Parse("ton3.example.test.");
        await resolver.ResolveAsync(alias, RrType.A, CancellationToken.None);
        // Every link expires; the target is fetched afresh on its own first, then the chain is asked again.
        time.Advance(TimeSpan.FromSeconds(101));
        await resolver.ResolveAsync(DnsName.Parse("www.n3.test."), RrType.A, CancellationToken.None);
        ResolveResult again = await resolver.ResolveAsync(alias, RrType.A, CancellationToken.None);

        Assert.Equal(SecurityStatus.Secure, again.Status);
        Assert.True(again.Work.SignatureValidations > 0, again.Work.ToString());
    }

    [Theory]
    [InlineData("alias.example.test.", "www.example.test.")]   // CNAME in the zone
    [InlineData("ton3.example.test.", "www.n3.test.")]         // CNAME into another signed zone
    public async Task A_chain_reuses_the_verdict_its_target_got_on_its_own(string name, string target)
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        using DnsResolver resolver = net.Resolver();
        await resolver.ResolveAsync(DnsName.Parse("www.example.test."), RrType.A, CancellationToken.None);   // the alias zone's keys
        ResolveResult alone = await resolver.ResolveAsync(DnsName.Parse(target), RrType.A, CancellationToken.None);

        ResolveResult chain = await resolver.ResolveAsync(DnsName.Parse(name), RrType.A, CancellationToken.None);
        ResolveResult warm = await resolver.ResolveAsync(DnsName.Parse(name), RrType.A, CancellationToken.None);

        Assert.Equal(SecurityStatus.Secure, alone.Status);
        Assert.Equal(SecurityStatus.Secure, chain.Status);
        Assert.Equal(1, chain.Work.SignatureValidations);   // the CNAME's signature only (the zone's keys are known too)
        Assert.Equal(alone.Chain.Signatures.Single(), chain.Chain.Signatures[^1]);
        Assert.Equal(0, warm.Work.SignatureValidations);
        Assert.Equal(chain.Chain.Signatures, warm.Chain.Signatures);
        Assert.Equal(chain.Chain.ZoneCuts, warm.Chain.ZoneCuts);
    }

    // A three-link chain across zones (the warm benchmark's shape, longer): every link and the final
    // RRset keep their verdicts, so the warm answer checks no signature at all.
    [Fact]
    public async Task A_warm_three_link_chain_checks_no_signature()
    {
        ZoneHierarchy zones = new ZoneHierarchyBuilder()
            .AddZone(".", ZoneSigningOptions.For(DnsName.Root, true, DnssecAlgorithm.EcdsaP256Sha256))
            .AddZone("test.", ZoneSigningOptions.For(DnsName.Parse("test."), true, DnssecAlgorithm.EcdsaP256Sha256))
            .AddZone("example.test.", ZoneSigningOptions.For(DnsName.Parse("example.test."), true, DnssecAlgorithm.EcdsaP256Sha256), text: """
                one  CNAME  two
                two  CNAME  three.other.test.
                www  A      192.0.2.1
                """)
            .AddZone("other.test.", ZoneSigningOptions.For(DnsName.Parse("other.test."), true, DnssecAlgorithm.Ed25519), text: """
                three  CNAME  www.example.test.
                """)
            .Build();
        await using SignedNetwork net = SignedNetwork.Start(zones);
        using DnsResolver resolver = net.Resolver();

        ResolveResult cold = await resolver.ResolveAsync(DnsName.Parse("one.example.test."), RrType.A, CancellationToken.None);
        ResolveResult warm = await resolver.ResolveAsync(DnsName.Parse("one.example.test."), RrType.A, CancellationToken.None);

        Assert.Equal(SecurityStatus.Secure, cold.Status);
        Assert.Equal(SecurityStatus.Secure, warm.Status);
        Assert.Equal(4, cold.Chain.Signatures.Count(s => s.TypeCovered is RrType.CNAME or RrType.A));
        Assert.Equal(0, warm.Work.SignatureValidations);
        Assert.Equal(0, warm.Work.UpstreamQueries);
        Assert.Equal(cold.Chain.Signatures, warm.Chain.Signatures);
        Assert.Equal(cold.Records.Select(r => r.Data), warm.Records.Select(r => r.Data));
    }

    // A DNAME answer: the CNAME it synthesizes has no cache entry of its own (the DNAME's verdict
    // stands for it, RFC 6672 §5.3.1), so no whole-answer verdict could be kept for it before; the
    // DNAME and the target RRset now keep theirs, and the warm answer checks no signature.
    [Fact]
    public async Task A_warm_dname_answer_reuses_the_verdicts_of_the_dname_and_its_target()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        using DnsResolver resolver = net.Resolver();

        ResolveResult cold = await resolver.ResolveAsync(DnsName.Parse("www.old.example.test."), RrType.A, CancellationToken.None);
        ResolveResult warm = await resolver.ResolveAsync(DnsName.Parse("www.old.example.test."), RrType.A, CancellationToken.None);

        Assert.Equal(SecurityStatus.Secure, cold.Status);
        Assert.Equal(SecurityStatus.Secure, warm.Status);
        Assert.Equal(0, warm.Work.SignatureValidations);
        Assert.Equal(cold.Records.Select(r => r.Data), warm.Records.Select(r => r.Data));
        Assert.Equal(cold.Chain.Signatures, warm.Chain.Signatures);
    }
}

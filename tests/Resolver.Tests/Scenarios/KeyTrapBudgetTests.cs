// KeyTrapBudgetTests: the work budget is per resolution, not per attempt (KeyTrap, CVE-2023-50387).
// keytrap.test. is served by up to three servers that all return the decoys (KeyTrapZone: keys
// sharing a tag, keys with tags of their own, garbage signatures naming them), so every failed
// answer is re-fetched from another server (Bogus recovery); the verifications and key imports
// reported in ResolveResult.Work must stay within ValidatorOptions.MaxSignatureValidations and
// MaxKeyImports whatever the number of servers and restarts, and a budget spent on a zone's keys
// must not be remembered as if the zone were broken.
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Resolver.Protocol;
using Resolver.Testing.Signing;
using static Resolver.Tests.Scenarios.ScenarioZones;

namespace Resolver.Tests.Scenarios;

public sealed class KeyTrapBudgetTests
{
    private static readonly DnsName Trap = N("www.keytrap.test.");
    private static readonly ConcurrentDictionary<int, ZoneHierarchy> s_hierarchies = new();

    // Per attempt at www.keytrap.test.: 3 signatures × 4 colliding keys + 8 keys with tags of their
    // own = 20 verifications and (cold) 12 imports; the chain above it costs 5 of each.
    internal static ZoneHierarchy TrapHierarchy(int servers) => s_hierarchies.GetOrAdd(servers, n =>
    {
        var parent = new StringBuilder();
        var child = new StringBuilder("www A 192.0.2.70\nok A 192.0.2.71\n");
        for (int i = 2; i <= n; i++)
        {
            parent.Append($"keytrap NS ns{i}.keytrap\nns{i}.keytrap A {ExtraServer(i)}\n");
            child.Append($"@ NS ns{i}\nns{i} A {ExtraServer(i)}\n");
        }

        DnsName apex = N("keytrap.test.");
        ZoneHierarchy h = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("test.", text: parent.ToString())
            .AddZone("keytrap.test.", ZoneSigningOptions.For(apex, true, DnssecAlgorithm.RsaSha256), text: child.ToString())
            .Build();
        return h.With(KeyTrapZone.Arm(h["keytrap.test."], Trap, RrType.A, collidingKeys: 12, collidingSignatures: 3, distinctKeys: 8));
    });

    internal static IPAddress ExtraServer(int i) => IPAddress.Parse($"192.0.2.{200 + i}");

    /// <summary>The trap hierarchy with keytrap.test. served, decoys and all, by <paramref name="servers"/> servers.</summary>
    internal static SignedNetwork StartTrap(int servers)
    {
        ZoneHierarchy h = TrapHierarchy(servers);
        SignedNetwork net = SignedNetwork.Start(h, spare: servers - 1);
        for (int i = 2; i <= servers; i++)
        {
            net.ServeAt(h.Zones.Count + i - 2, ExtraServer(i), h["keytrap.test."]);
        }

        return net;
    }

    [Fact]
    public async Task KeyTrap_ThreeServersAndRestarts_SignatureValidationsNeverExceedTheBudget_Cve2023_50387()
    {
        // 5 for the chain, 20 at the first server; at the second, a signature began with 1 of the
        // budget left used to try all 4 colliding keys (33 of 30): the check must stop at the budget.
        await using SignedNetwork net = StartTrap(3);
        using DnsResolver resolver = net.Resolver(configure: o =>
        {
            o.Validation.MaxSignatureValidations = 30;
            o.Validation.MaxKeyImports = 100;   // the verification budget is the one under test
            o.Validation.MaxRestarts = 4;
        });
        ResolveResult result = await resolver.ResolveAsync(Trap, RrType.A, CancellationToken.None);

        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(ValidationFailureKind.WorkLimitExceeded, result.Reason!.Kind);
        Assert.Equal(Resolver.Protocol.ExtendedErrorCode.DnssecBogus, result.Reason.ExtendedErrorCode);
        Assert.InRange(result.Work.SignatureValidations, 26, 30);
    }

    [Fact]
    public async Task KeyTrap_DecoyKeyImports_AreCountedAndBounded_MaxKeyImports_Cve2023_50387()
    {
        await using SignedNetwork net = StartTrap(3);
        using DnsResolver resolver = net.Resolver(configure: o => o.Validation.MaxKeyImports = 8);
        ResolveResult result = await resolver.ResolveAsync(Trap, RrType.A, CancellationToken.None);

        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(ValidationFailureKind.WorkLimitExceeded, result.Reason!.Kind);
        Assert.Equal(8, result.Work.KeyImports);
        Assert.Contains("DNSKEY imports", result.Reason.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyTrap_DefaultBudget_ThreeServers_BogusWithinTheBudget_GoodNamesStaySecure()
    {
        await using SignedNetwork net = StartTrap(3);
        using DnsResolver resolver = net.Resolver();
        var defaults = new ValidatorOptions();
        ResolveResult trap = await resolver.ResolveAsync(Trap, RrType.A, CancellationToken.None);
        Assert.Equal(SecurityStatus.Bogus, trap.Status);
        Assert.InRange(trap.Work.SignatureValidations, 1, defaults.MaxSignatureValidations);
        Assert.InRange(trap.Work.KeyImports, 1, defaults.MaxKeyImports);

        ResolveResult good = await resolver.ResolveAsync(N("ok.keytrap.test."), RrType.A, CancellationToken.None);
        Assert.Equal(SecurityStatus.Secure, good.Status);
    }

    [Fact]
    public void KeyTrap_AnyBudget_AnyNumberOfServers_WorkNeverExceedsTheConfiguredBudget()
    {
        Gen<(int Servers, int Signatures, int Imports, int Restarts)> cases =
            from servers in Gen.Choose(1, 3)
            from signatures in Gen.Choose(1, 80)
            from imports in Gen.Choose(1, 30)
            from restarts in Gen.Choose(0, 4)
            select (servers, signatures, imports, restarts);
        Prop.ForAll(Arb.From(cases), c =>
        {
            ResolveResult result = ResolveTrap(c.Servers, c.Signatures, c.Imports, c.Restarts).GetAwaiter().GetResult();
            Assert.True(result.Work.SignatureValidations <= c.Signatures, $"{c}: {result.Work}");
            Assert.True(result.Work.KeyImports <= c.Imports, $"{c}: {result.Work}");
            Assert.True(result.Status is SecurityStatus.Bogus, $"{c}: {result.Status} {result.ResolutionError}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(12));
    }

    [Fact]
    public async Task BudgetSpentOnTheKeys_IsNotRememberedAsBogus_TheNextResolutionIsSecure()
    {
        // Cold, www.example.test. needs 6 verifications (root DNSKEY, test. DS and DNSKEY,
        // example.test. DS and DNSKEY, the answer); with 4 the budget runs out at example.test.'s
        // DNSKEY RRset. That says nothing about example.test.: the next resolution, with the parents'
        // keys cached, fits in its own budget — it must not find example.test. remembered as Bogus.
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        using DnsResolver resolver = net.Resolver(configure: o => o.Validation.MaxSignatureValidations = 4);
        ResolveResult cold = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        Assert.Equal(SecurityStatus.Bogus, cold.Status);
        Assert.Equal(ValidationFailureKind.WorkLimitExceeded, cold.Reason!.Kind);

        ResolveResult again = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        Assert.Equal(SecurityStatus.Secure, again.Status);
    }

    private static async Task<ResolveResult> ResolveTrap(int servers, int signatures, int imports, int restarts)
    {
        await using SignedNetwork net = StartTrap(servers);
        using DnsResolver resolver = net.Resolver(configure: o =>
        {
            o.Validation.MaxSignatureValidations = signatures;
            o.Validation.MaxKeyImports = imports;
            o.Validation.MaxRestarts = restarts;
        });
        return await resolver.ResolveAsync(Trap, RrType.A, CancellationToken.None);
    }
}

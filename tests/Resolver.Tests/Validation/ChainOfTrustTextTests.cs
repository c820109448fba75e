// ChainOfTrustTextTests: ChainOfTrust.ToString() is the readable chain an app can log (the text the
// console prints for --trace), not the compiler's record dump.
using Resolver.Protocol;
using Resolver.Tests.Scenarios;

namespace Resolver.Tests.Validation;

public sealed class ChainOfTrustTextTests
{
    [Fact]
    public async Task A_secure_answers_chain_reads_from_the_anchor_down_to_the_signatures()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        using DnsResolver resolver = net.Resolver();
        ResolveResult result = await resolver.ResolveAsync(DnsName.Parse("www.example.test."), RrType.A, CancellationToken.None);

        string text = result.Chain.ToString();

        Assert.StartsWith("CHAIN OF TRUST (anchor: .):\n", text, StringComparison.Ordinal);
        Assert.Contains("\n  example.test. secure\n", text, StringComparison.Ordinal);
        Assert.Contains("DS at the parent: DS ", text, StringComparison.Ordinal);
        Assert.Contains("SIGNATURES OVER THE ANSWER:\n  www.example.test. A signed by example.test. key ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ZoneCuts =", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_chain_says_so() =>
        Assert.Equal("CHAIN OF TRUST (anchor: none):\n  (no zone cut was validated)\n", ChainOfTrust.None.ToString());
}

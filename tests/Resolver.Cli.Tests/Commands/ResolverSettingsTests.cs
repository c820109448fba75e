// ResolverSettingsTests: the console's resolver flags take their defaults and ranges from the
// library's declarations (TransportLimits, DnsCacheLimits) — help prints them, the bounds are
// accepted, one step outside is a one-line usage error naming the range.
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Transport;
using static Resolver.Cli.Tests.CliHarness;

namespace Resolver.Cli.Tests.Commands;

public sealed class ResolverSettingsTests
{
    private static ResolveResult SecureA(DnsName name, RrType type, ResolveBehavior _) =>
        Secure(name, type, A(name.ToString(), "192.0.2.1"), Sig(name.ToString(), RrType.A, "example."));

    [Fact]
    public async Task Help_PrintsTheDeclaredDefaultsAndRanges()
    {
        CliRun help = await RunAsync(SecureA, "query", "--help");
        Assert.Contains($"default {TransportLimits.UdpTimeout.Default.TotalSeconds}; range {TransportLimits.UdpTimeout.RangeText}", help.Output, StringComparison.Ordinal);
        Assert.Contains($"range {DnsCacheLimits.MaxStale.RangeText}", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_AcceptsTheDeclaredBounds_AndRejectsOutside()
    {
        OptionLimit<TimeSpan> limit = TransportLimits.UdpTimeout;
        (CliRun low, ResolverOptions? lowOptions) = await RunAsync(new FakeResolver(SecureA), "query", "www.example", "--timeout", limit.Min.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, low.ExitCode);
        Assert.Equal(limit.Min, lowOptions!.Transport.UdpTimeout);
        (CliRun high, _) = await RunAsync(new FakeResolver(SecureA), "query", "www.example", "--timeout", (limit.Max.TotalSeconds + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(64, high.ExitCode);
        AssertOneLineError(high);
        Assert.Contains($"--timeout must be between {OptionLimit.Format(limit.Min)} and {OptionLimit.Format(limit.Max)}", high.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forward_TakesTlsAndHttpsUpstreams_WithTheirPinsAndNames()
    {
        string pin = Convert.ToBase64String(new byte[32]);
        (CliRun run, ResolverOptions? options) = await RunAsync(new FakeResolver(SecureA), "query", "www.example",
            "--forward", "tls://192.0.2.1#dns.example", "--forward", "https://doh.example/dns-query@192.0.2.2", "--forward", "192.0.2.3",
            "--upstream-pin", pin);

        Assert.Equal(0, run.ExitCode);
        TlsUpstream tls = Assert.Single(options!.TlsUpstreams);
        Assert.Equal(System.Net.IPEndPoint.Parse("192.0.2.1:853"), tls.EndPoint);
        Assert.Equal("dns.example", tls.AuthenticationName);
        Assert.Equal([pin], tls.SpkiPins);
        HttpsUpstream https = Assert.Single(options.HttpsUpstreams);
        Assert.Equal(System.Net.IPEndPoint.Parse("192.0.2.2:443"), https.EndPoint);
        Assert.Equal(3, options.Forwarders.Count);
    }

    [Theory]
    [InlineData("tls://dns.example")]
    [InlineData("https://doh.example/dns-query")]
    public async Task Forward_RejectsAnEncryptedUpstreamItCannotReach_WithOneLine(string forwarder)
    {
        (CliRun run, _) = await RunAsync(new FakeResolver(SecureA), "query", "www.example", "--forward", forwarder);
        Assert.Equal(64, run.ExitCode);
        AssertOneLineError(run);
        Assert.Contains("--forward", run.Error, StringComparison.Ordinal);
    }
}

// ConfigurationBindingTests: services.AddDnssecResolver(configuration.GetSection("Dnssec")) with an
// in-memory configuration — a complete good section reaches ResolverOptions (root hints and trust
// anchors from files, XML and inline text, forwarders over plain DNS, TLS and HTTPS, stub and
// forward zones, limits of every section), and each kind of bad value fails start-up
// (ValidateOnStart) with a message that names the key.
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Tests.DependencyInjection;

public sealed class ConfigurationBindingTests : IDisposable
{
    private const string HintsText = """
        .                        3600000      NS    A.ROOT.LAB.
        A.ROOT.LAB.              3600000      A     127.53.0.1
        """;

    private const string AnchorZone = ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D";

    private readonly string _dir = Directory.CreateTempSubdirectory("resolver-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddDnssecResolver(configuration.GetSection("Dnssec")).BuildServiceProvider();
    }

    // What a host does at start with ValidateOnStart: every registered startup validation runs.
    private static OptionsValidationException StartFails(Dictionary<string, string?> values)
    {
        using ServiceProvider provider = Build(values);
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void A_complete_section_binds_every_kind_of_setting()
    {
        string xml = File("root-anchors.xml", ReadRootAnchorsXml());
        using ServiceProvider provider = Build(new()
        {
            ["Dnssec:RootHintsFile"] = File("root.hints", HintsText),
            ["Dnssec:TrustAnchorFiles:0"] = File("anchor.zone", AnchorZone),
            ["Dnssec:TrustAnchorFiles:1"] = xml,
            ["Dnssec:TrustAnchors:0"] = "lab. IN DS 36894 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
            ["Dnssec:NegativeTrustAnchors:0"] = "broken.example",
            ["Dnssec:Forwarders:0"] = "192.0.2.53",
            ["Dnssec:Forwarders:1"] = "[2001:db8::53]:5353",
            ["Dnssec:Forwarders:2"] = "tls://192.0.2.54#dns.example",
            ["Dnssec:Forwarders:3"] = "https://dns.example/dns-query@192.0.2.55",
            ["Dnssec:UpstreamPins:0"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            ["Dnssec:StubZones:0:Zone"] = "corp.example",
            ["Dnssec:StubZones:0:Servers:0"] = "10.0.0.1",
            ["Dnssec:ForwardZones:0:Zone"] = "internal.example.",
            ["Dnssec:ForwardZones:0:Servers:0"] = "10.0.0.2:5300",
            ["Dnssec:ForwardZones:0:ForwardFirst"] = "true",
            ["Dnssec:Iteration:MaxReferrals"] = "20",
            ["Dnssec:Iteration:QnameMinimisation"] = "false",
            ["Dnssec:Transport:UdpTimeout"] = "00:00:02",
            ["Dnssec:Cache:SizeLimit"] = "1048576",
            ["Dnssec:Cache:ServeStale"] = "true",
            ["Dnssec:Validation:MaxKeyImports"] = "16",
            ["Dnssec:Validation:HardenAlgorithmDowngrade"] = "true",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        ResolverOptions options = provider.GetRequiredService<IOptions<ResolverOptions>>().Value;

        Assert.Equal(IPEndPoint.Parse("127.53.0.1:53"), Assert.Single(options.Iteration.RootHints.Servers).EndPoint);
        // inline (lab.), the zone file (KSK-2017) and IANA's XML (KSK-2017 and KSK-2024: only the XML has 38696).
        TrustAnchor[] anchors = [.. options.Validation.TrustAnchors.Anchors];
        Assert.Contains(anchors, a => a.Zone == DnsName.Parse("lab.") && a.Data is DsData { KeyTag: 36894 });
        Assert.Contains(anchors, a => a.Zone.IsRoot && a.Data is DsData { KeyTag: 20326 });
        Assert.Contains(anchors, a => a.Zone.IsRoot && a.Data is DsData { KeyTag: 38696 } or DnskeyData { KeyTag: 38696 });
        Assert.Contains(DnsName.Parse("broken.example."), options.Validation.TrustAnchors.NegativeTrustAnchors);
        Assert.Equal(
            [IPEndPoint.Parse("192.0.2.53:53"), IPEndPoint.Parse("[2001:db8::53]:5353"), IPEndPoint.Parse("192.0.2.54:853"), IPEndPoint.Parse("192.0.2.55:443")],
            options.Forwarders);
        Assert.Equal("dns.example", Assert.Single(options.TlsUpstreams).AuthenticationName);
        Assert.Single(Assert.Single(options.HttpsUpstreams).SpkiPins);
        Assert.Equal(DnsName.Parse("corp.example."), Assert.Single(options.Iteration.StubZones).Zone);
        ForwardZone forward = Assert.Single(options.Iteration.ForwardZones);
        Assert.True(forward.ForwardFirst);
        Assert.Equal(IPEndPoint.Parse("10.0.0.2:5300"), Assert.Single(forward.Servers));
        Assert.Equal(20, options.Iteration.MaxReferrals);
        Assert.False(options.Iteration.QnameMinimisation);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Transport.UdpTimeout);
        Assert.Equal(1048576, options.Cache.SizeLimit);
        Assert.True(options.Cache.ServeStale);
        Assert.Equal(16, options.Validation.MaxKeyImports);
        Assert.True(options.Validation.HardenAlgorithmDowngrade);
        Assert.NotNull(provider.GetRequiredService<IDnsResolver>());
    }

    [Fact]
    public void An_empty_section_keeps_the_defaults()
    {
        using ServiceProvider provider = Build([]);

        provider.GetRequiredService<IStartupValidator>().Validate();
        ResolverOptions options = provider.GetRequiredService<IOptions<ResolverOptions>>().Value;
        Assert.Same(RootHints.Iana, options.Iteration.RootHints);
        Assert.Same(TrustAnchorStore.Default, options.Validation.TrustAnchors);
        Assert.Empty(options.Forwarders);
        Assert.Equal(IterationLimits.MaxReferrals.Default, options.Iteration.MaxReferrals);
    }

    [Theory]
    [InlineData("Dnssec:Iteration:MaxReferrals", "500", "Dnssec:Iteration:MaxReferrals: 500 is out of range; MaxReferrals must be between 1 and 128.")]
    [InlineData("Dnssec:Iteration:MaxReferrals", "many", "Dnssec:Iteration:MaxReferrals: 'many' is not an integer; Default 32; range 1 – 128.")]
    [InlineData("Dnssec:Transport:UdpTimeout", "2 seconds", "Dnssec:Transport:UdpTimeout: '2 seconds' is not a time span")]
    [InlineData("Dnssec:Validation:MaxKeyImports", "0", "Dnssec:Validation:MaxKeyImports: 0 is out of range")]
    [InlineData("Dnssec:Cache:ServeStale", "yes", "Dnssec:Cache:ServeStale: 'yes' is not true or false.")]
    [InlineData("Dnssec:Iteration:MaxReferals", "20", "Dnssec:Iteration:MaxReferals: not a Iteration setting")]
    [InlineData("Dnssec:Forwarder:0", "192.0.2.1", "Dnssec:Forwarder: not a resolver setting")]
    [InlineData("Dnssec:Forwarders:0", "dns.example", "Dnssec:Forwarders:0: 'dns.example' is not an address")]
    [InlineData("Dnssec:Forwarders:0", "tls://192.0.2.1#", "Dnssec:Forwarders:0: ")]
    [InlineData("Dnssec:TrustAnchors:0", ". IN DS not a digest", "Dnssec:TrustAnchors:0: ")]
    [InlineData("Dnssec:NegativeTrustAnchors:0", "a..b", "Dnssec:NegativeTrustAnchors:0: ")]
    [InlineData("Dnssec:StubZones:0:Zone", "corp.example", "Dnssec:StubZones:0:Servers: missing")]
    public void Each_bad_value_fails_start_naming_its_key(string key, string value, string message)
    {
        OptionsValidationException e = StartFails(new() { [key] = value });

        Assert.Contains(e.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_file_fails_start_naming_the_key_and_the_file()
    {
        string missing = Path.Combine(_dir, "no-such.hints");

        OptionsValidationException e = StartFails(new() { ["Dnssec:RootHintsFile"] = missing, ["Dnssec:TrustAnchorFiles:0"] = missing });

        Assert.Contains(e.Failures, f => f.StartsWith("Dnssec:RootHintsFile: ", StringComparison.Ordinal) && f.Contains(missing, StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.StartsWith("Dnssec:TrustAnchorFiles:0: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_root_hints_file_without_servers_fails_start()
    {
        OptionsValidationException e = StartFails(new() { ["Dnssec:RootHintsFile"] = File("empty.hints", "; nothing here\n") });

        Assert.Contains(e.Failures, f => f.StartsWith("Dnssec:RootHintsFile: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_that_contradict_each_other_fail_start()
    {
        OptionsValidationException e = StartFails(new() { ["Dnssec:Cache:MinTtl"] = "01:00:00", ["Dnssec:Cache:MaxTtl"] = "00:10:00" });

        string failure = Assert.Single(e.Failures);
        Assert.StartsWith("Dnssec: MinTtl must be between", failure, StringComparison.Ordinal);
        Assert.Contains("at most MaxTtl", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        OptionsValidationException e = StartFails(new()
        {
            ["Dnssec:Iteration:MaxReferrals"] = "0",
            ["Dnssec:Transport:UdpTimeout"] = "soon",
            ["Dnssec:Forwarders:0"] = "nowhere",
        });

        Assert.Equal(3, e.Failures.Count());
    }

    [Fact]
    public void Resolving_the_resolver_fails_the_same_way_without_a_host()
    {
        using ServiceProvider provider = Build(new() { ["Dnssec:Iteration:MaxReferrals"] = "500" });

        OptionsValidationException e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IDnsResolver>());
        Assert.Contains("Dnssec:Iteration:MaxReferrals", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_works_without_dependency_injection()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Forwarders:0"] = "192.0.2.53:5353",
            ["Iteration:MaxReferrals"] = "999",
        }).Build();
        var options = new ResolverOptions();

        IReadOnlyList<string> problems = ResolverConfiguration.Apply(configuration, options);

        Assert.Equal(IPEndPoint.Parse("192.0.2.53:5353"), Assert.Single(options.Forwarders));
        Assert.Equal("Iteration:MaxReferrals: 999 is out of range; MaxReferrals must be between 1 and 128.", Assert.Single(problems));
        Assert.Equal(IterationLimits.MaxReferrals.Default, options.Iteration.MaxReferrals);
    }

    private static string ReadRootAnchorsXml()
    {
        using Stream stream = typeof(DnsResolver).Assembly.GetManifestResourceStream("Resolver.root-anchors.xml")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

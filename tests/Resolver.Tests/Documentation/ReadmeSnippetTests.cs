// ReadmeSnippetTests: the README's "Configuration" section works as written — its two C# blocks are
// copied here verbatim but for the file names, which point at files this test writes (so a change
// of API that breaks them breaks the build), and its appsettings.json block is read from README.md
// itself and bound with ResolverConfiguration without a single problem.
using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Transport;

namespace Resolver.Tests.Documentation;

public sealed class ReadmeSnippetTests : IDisposable
{
    private const string Hints = ".  3600000 NS a.root.test.\na.root.test. 3600000 A 192.0.2.1\n";
    private const string AnchorZone = ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("resolver-readme-").FullName;

    public ReadmeSnippetTests()
    {
        File.WriteAllText(Path.Combine(_dir, "root.hints"), Hints);
        File.WriteAllText(Path.Combine(_dir, "trust-anchor.zone"), AnchorZone);
        using Stream xml = typeof(DnsResolver).Assembly.GetManifestResourceStream("Resolver.root-anchors.xml")!;
        using FileStream copy = File.Create(Path.Combine(_dir, "root-anchors.xml"));
        xml.CopyTo(copy);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    [Fact]
    public void The_configuration_in_code_block_sets_what_it_says()
    {
        // --- README "Configuration", first block (file names through In(...)) ---
        var options = new ResolverOptions();

        options.Iteration.RootHints = RootHints.Parse(File.ReadAllText(In("root.hints")));

        options.Validation.TrustAnchors = TrustAnchorStore.Create(TrustAnchorStore.ParseZoneText(File.ReadAllText(In("trust-anchor.zone"))));
        using (FileStream xml = File.OpenRead(In("root-anchors.xml")))
        {
            options.Validation.TrustAnchors = TrustAnchorStore.Create(TrustAnchorStore.ParseRootAnchorsXml(xml));
        }
        options.Validation.TrustAnchors = options.Validation.TrustAnchors.With(TrustAnchorStore.ParseZoneText(
            "corp.example. IN DS 31589 8 2 CDE0D742D6998AA554A92D890F8184C698CFAC8A26FA59875A990C03E576343C"));

        options.Iteration.StubZones.Add(new StubZone(DnsName.Parse("corp.example."), [IPEndPoint.Parse("10.0.0.53:53")]));
        options.Iteration.ForwardZones.Add(new ForwardZone(DnsName.Parse("internal.example."), [IPEndPoint.Parse("10.0.0.54:53")], forwardFirst: true));

        using var resolver = new DnsResolver(options);
        // --- end of the block ---

        Assert.Equal(IPEndPoint.Parse("192.0.2.1:53"), Assert.Single(options.Iteration.RootHints.Servers).EndPoint);
        Assert.Contains(options.Validation.TrustAnchors.Anchors, a => a.Zone.IsRoot && a.Data is DsData { KeyTag: 38696 });
        Assert.Contains(options.Validation.TrustAnchors.Anchors, a => a.Zone == DnsName.Parse("corp.example.") && a.Data is DsData { KeyTag: 31589 });
        Assert.Single(options.Iteration.StubZones);
        Assert.True(Assert.Single(options.Iteration.ForwardZones).ForwardFirst);
        Assert.Empty(options.Forwarders);
    }

    [Fact]
    public void The_forwarding_block_forwards_over_plain_dns_tls_and_https()
    {
        // --- README "Configuration", second block ---
        var forwarding = new ResolverOptions();
        forwarding.Forwarders.Add(IPEndPoint.Parse("192.0.2.53:53"));
        forwarding.ForwardTo(TlsUpstream.Parse("tls://9.9.9.9#dns.quad9.net"));
        forwarding.ForwardTo(HttpsUpstream.Parse("https://dns.quad9.net/dns-query@9.9.9.9"));
        forwarding.Validation.HardenAlgorithmDowngrade = true;   // RFC 6840 §5.11; default false
        forwarding.Validation.MaxKeyImports = 16;               // KeyTrap budget per resolution (CVE-2023-50387)
        // --- end of the block ---

        forwarding.Validate();
        Assert.Equal([IPEndPoint.Parse("192.0.2.53:53"), IPEndPoint.Parse("9.9.9.9:853"), IPEndPoint.Parse("9.9.9.9:443")], forwarding.Forwarders);
        Assert.Equal("dns.quad9.net", Assert.Single(forwarding.TlsUpstreams).AuthenticationName);
        Assert.Single(forwarding.HttpsUpstreams);
    }

    [Fact]
    public void The_readme_appsettings_json_binds_without_a_problem()
    {
        string json = ReadmeJsonBlock();
        foreach (string file in new[] { "root.hints", "trust-anchor.zone", "root-anchors.xml" })
        {
            json = json.Replace($"\"{file}\"", System.Text.Json.JsonSerializer.Serialize(In(file)), StringComparison.Ordinal);
        }

        IConfiguration configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var options = new ResolverOptions();

        IReadOnlyList<string> problems = ResolverConfiguration.Apply(configuration.GetSection("Dnssec"), options);

        Assert.Empty(problems);
        options.Validate();
        Assert.Equal(IPEndPoint.Parse("192.0.2.1:53"), Assert.Single(options.Iteration.RootHints.Servers).EndPoint);
        Assert.Contains(options.Validation.TrustAnchors.Anchors, a => a.Zone == DnsName.Parse("corp.example."));
        Assert.Contains(DnsName.Parse("broken.example."), options.Validation.TrustAnchors.NegativeTrustAnchors);
        Assert.Single(options.Iteration.StubZones);
        Assert.Equal(2, Assert.Single(options.Iteration.ForwardZones).Servers.Length);
        Assert.Equal(24, options.Iteration.MaxReferrals);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Transport.UdpTimeout);
        Assert.True(options.Cache.ServeStale);
        Assert.True(options.Validation.HardenAlgorithmDowngrade);
    }

    // The ```json block of README.md's "## Configuration" section.
    private static string ReadmeJsonBlock()
    {
        DirectoryInfo? dir = new(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Resolver.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        string readme = File.ReadAllText(Path.Combine(dir.FullName, "README.md"));
        int section = readme.IndexOf("## Configuration", StringComparison.Ordinal);
        int start = readme.IndexOf("```json\n", section, StringComparison.Ordinal) + "```json\n".Length;
        int end = readme.IndexOf("```", start, StringComparison.Ordinal);
        Assert.True(section >= 0 && start > section && end > start, "README.md has a ```json block under ## Configuration");
        return readme[start..end];
    }
}

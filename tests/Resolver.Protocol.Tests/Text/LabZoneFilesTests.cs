// Tests that ZoneFileReader reads every zone file the lab serves (BIND dnssec-signzone and
// ldns-signzone output, unsigned and deliberately broken zones), the lab's root hints and trust
// anchors, and that ZoneFileWriter's output of each zone reads back to the same records.
using System.Diagnostics;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;
using Resolver.Testing;
using Xunit.Abstractions;

namespace Resolver.Protocol.Tests.Text;

public sealed class LabZoneFilesTests(ITestOutputHelper output)
{
    private static LabState Lab => LabState.Current;

    // The apex is the SOA's owner: every lab zone file holds exactly one zone.
    private static DnsName Apex(IReadOnlyList<ResourceRecord> records) =>
        Assert.Single(records, r => r.Type == RrType.SOA).Name;

    // Most files set $ORIGIN; hosted-unsigned.zone relies on the server's configured origin, which
    // the lab derives from the file name (root.zone is the root).
    private static DnsName OriginOf(string path)
    {
        string file = Path.GetFileNameWithoutExtension(path);
        return file == "root" ? DnsName.Root : DnsName.Parse(file + ".");
    }

    private static IReadOnlyList<ResourceRecord> ParseFile(string path)
    {
        using var reader = new StreamReader(path);
        return [.. ZoneFileReader.Read(reader, OriginOf(path))];
    }

    // plan.tsv: zone, NSD instance, addresses, signer (bind / ldns / unsigned), denial
    // (nsec, nsec3(salt,iterations[,optout]) or -), description.
    private static Dictionary<DnsName, (string Signer, string Denial)> ReadPlan() =>
        File.ReadLines(Lab.PlanPath)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToDictionary(f => DnsName.Parse(f[0]), f => (f[3], f[4]));

    [LabFact]
    public void EveryLabZoneFile_Parses_AndMatchesThePlan()
    {
        var files = Lab.ZoneFiles();
        var plan = ReadPlan();
        Assert.True(files.Count >= 50, $"only {files.Count} zone files in {Lab.ZonesDirectory}");

        var clock = Stopwatch.StartNew();
        var parsed = files.Select(f => (File: Path.GetFileName(f), Records: ParseFile(f))).ToList();
        clock.Stop();
        output.WriteLine($"parsed {parsed.Count} files, {parsed.Sum(p => p.Records.Count)} records in {clock.ElapsedMilliseconds} ms");

        var bad = DnsName.Parse("bad.");
        int signed = 0;
        foreach (var (file, records) in parsed)
        {
            Assert.True(records.Count > 0, file);
            DnsName apex = Apex(records);
            Assert.Equal(OriginOf(file), apex);
            Assert.Equal(RrType.SOA, records[0].Type);
            Assert.All(records, r => Assert.True(r.Name.IsSubdomainOf(apex), $"{file}: {r.Name} is outside {apex}"));
            Assert.Contains(records, r => r.Name == apex && r.Type == RrType.NS);

            // hosted-unsigned.zone is the hoster's template for the registry's unsigned delegations
            // (d0001.reg. and the rest), so it has no plan row of its own; every other file has one.
            Assert.True(plan.ContainsKey(apex) || file == "hosted-unsigned.zone", $"{file} is not in plan.tsv");
            var (signer, denial) = plan.GetValueOrDefault(apex, ("unsigned", "-"));
            if (signer == "unsigned")
            {
                Assert.DoesNotContain(records, r => r.Type is RrType.RRSIG or RrType.DNSKEY);
                continue;
            }

            if (apex.IsStrictSubdomainOf(bad))
            {
                // Broken on purpose (missing signatures, keys or denial records): parsing is the test.
                continue;
            }

            signed++;
            Assert.Contains(records, r => r.Name == apex && r.Type == RrType.DNSKEY);
            Assert.Contains(records, r => r.Name == apex && r.Data is RrsigData { TypeCovered: RrType.SOA });
            Assert.Contains(records, r => r.Name == apex && r.Data is RrsigData { TypeCovered: RrType.DNSKEY });
            if (denial == "nsec")
            {
                Assert.Contains(records, r => r.Name == apex && r.Type == RrType.NSEC);
            }
            else
            {
                // nsec3(salt,iterations[,optout]); a salt of '-' is empty.
                string[] args = denial["nsec3(".Length..^1].Split(',');
                var param = Assert.Single(records.Select(r => r.Data).OfType<Nsec3ParamData>());
                Assert.Equal(args[0] == "-" ? [] : Convert.FromHexString(args[0]), param.Salt.ToArray());
                Assert.Equal(ushort.Parse(args[1]), param.Iterations);
                var chain = records.Select(r => r.Data).OfType<Nsec3Data>().ToList();
                Assert.NotEmpty(chain);
                Assert.All(chain, n => Assert.Equal(args.Length > 2 && args[2] == "optout", n.IsOptOut));
            }
        }

        Assert.True(signed >= 35, $"only {signed} signed zones");
    }

    [LabFact]
    public void RegistryTld_HasItsThousandDelegations_AndOptOutNsec3()
    {
        var records = ParseFile(Lab.ZonePath("reg"));
        DnsName apex = DnsName.Parse("reg.");
        int delegations = records.Where(r => r.Type == RrType.NS && r.Name != apex).Select(r => r.Name).Distinct().Count();
        Assert.Equal(1000, delegations);
        var nsec3 = records.Select(r => r.Data).OfType<Nsec3Data>().ToList();
        Assert.NotEmpty(nsec3);
        Assert.All(nsec3, n => Assert.True(n.IsOptOut));
    }

    [LabFact]
    public void LdnsSignedZone_Iter200_Reads()
    {
        var records = ParseFile(Lab.ZonePath("iter200.n3"));
        var param = Assert.Single(records.Select(r => r.Data).OfType<Nsec3ParamData>());
        Assert.Equal(200, param.Iterations);
        Assert.All(records.Select(r => r.Data).OfType<Nsec3Data>(), n => Assert.Equal(200, n.Iterations));
    }

    [LabFact]
    public void KeytrapZone_WithItsManyKeys_Reads()
    {
        var records = ParseFile(Lab.ZonePath("keytrap.bad"));
        Assert.True(records.Count(r => r.Type == RrType.DNSKEY) > 10);
    }

    [LabFact]
    public void RootHints_AndTrustAnchors_Parse()
    {
        var hints = ZoneFileReader.Parse(File.ReadAllText(Lab.RootHintsPath));
        Assert.Contains(hints, r => r.Name.IsRoot && r.Type == RrType.NS);
        var nsNames = hints.Where(r => r.Type == RrType.NS).Select(r => ((NsData)r.Data).NameServer).ToList();
        Assert.NotEmpty(nsNames);
        Assert.All(nsNames, ns => Assert.Contains(hints, r => r.Name == ns && r.Type is RrType.A or RrType.AAAA));

        var anchors = ZoneFileReader.Parse(File.ReadAllText(Lab.TrustAnchorPath));
        var ds = anchors.Where(r => r.Type == RrType.DS).ToList();
        var keys = anchors.Where(r => r.Type == RrType.DNSKEY).ToList();
        Assert.NotEmpty(ds);
        Assert.NotEmpty(keys);
        Assert.All(anchors, r => Assert.True(r.Name.IsRoot));
        Assert.All(keys, k => Assert.True(((DnskeyData)k.Data).IsSecureEntryPoint));

        Assert.Equal(ds, ZoneFileReader.Parse(File.ReadAllText(Lab.TrustAnchorDsPath)));
        Assert.Equal(keys, ZoneFileReader.Parse(File.ReadAllText(Lab.TrustAnchorDnskeyPath)));

        // The trust anchor's DNSKEY is the root zone's KSK.
        var rootZone = ParseFile(Lab.ZonePath("."));
        Assert.All(keys, k => Assert.Contains(rootZone, r => r.Name.IsRoot && r.Data.Equals(k.Data)));
    }

    [LabFact]
    public void EveryLabZone_WrittenAndReadBack_IsTheSameRecords()
    {
        var clock = Stopwatch.StartNew();
        int total = 0;
        foreach (string file in Lab.ZoneFiles())
        {
            var records = ParseFile(file);
            string text = ZoneFileWriter.Write(records);
            var again = ZoneFileReader.Parse(text);
            Assert.True(records.SequenceEqual(again), $"{Path.GetFileName(file)} did not round-trip");
            total += records.Count;
        }

        output.WriteLine($"round-tripped {total} records in {clock.ElapsedMilliseconds} ms");
    }
}

// The locator itself (tests/Resolver.Testing/LabState.cs): these run with or without a lab.
public sealed class LabStateTests
{
    [Fact]
    public void Locate_WithoutLabState_UsesSharedLabBesideTheRepository()
    {
        var lab = LabState.Locate(null, LabState.StartDirectory);
        Assert.NotNull(lab.RepositoryRoot);
        Assert.True(File.Exists(Path.Combine(lab.RepositoryRoot!, "Resolver.sln")));
        string expectedLab = Path.GetFullPath(Path.Combine(lab.RepositoryRoot!, "..", "shared", "lab"));
        Assert.Equal(expectedLab, lab.LabDirectory);
        Assert.Equal(Path.Combine(expectedLab, "state"), lab.StateDirectory);
        Assert.Equal(Path.Combine(expectedLab, "matrix.tsv"), lab.MatrixPath);
        Assert.Equal(Path.Combine(expectedLab, "state", "zones"), lab.ZonesDirectory);
        Assert.False(lab.FromEnvironment);
    }

    [Fact]
    public void Locate_WithLabState_TakesTheStateFromIt_ButTheMatrixFromTheLabDirectory()
    {
        string state = Path.Combine(Path.GetTempPath(), "resolver-no-such-lab-" + Guid.NewGuid().ToString("N"));
        var lab = LabState.Locate(state, LabState.StartDirectory);
        Assert.True(lab.FromEnvironment);
        Assert.Equal(state, lab.StateDirectory);
        Assert.Equal(Path.Combine(state, "ta", "root.hints"), lab.RootHintsPath);
        Assert.Equal(Path.Combine(state, "ta", "trust-anchor.zone"), lab.TrustAnchorPath);
        Assert.Equal(Path.Combine(state, "plan.tsv"), lab.PlanPath);
        Assert.Equal(Path.Combine(state, "zones", "feat.lab.zone"), lab.ZonePath("feat.lab."));
        Assert.Equal(Path.Combine(state, "zones", "root.zone"), lab.ZonePath("."));
        Assert.EndsWith(Path.Combine("shared", "lab", "matrix.tsv"), lab.MatrixPath);

        Assert.False(lab.IsBuilt);
        Assert.False(lab.IsUp);
        Assert.Empty(lab.ZoneFiles());
        string? reason = lab.SkipReason();
        Assert.NotNull(reason);
        Assert.StartsWith("lab not built: run ", reason);
        Assert.Contains("build-zones", reason);
        Assert.Contains($"LAB_STATE={state}", reason);
    }

    [Fact]
    public void SkipReason_ForABuiltLab_DependsOnWhetherItMustBeRunning()
    {
        string state = Directory.CreateTempSubdirectory("resolver-lab-state-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(state, "zones"));
            File.WriteAllText(Path.Combine(state, "zones", "x.zone"), "x. 1 IN NS ns.x.\n");
            Directory.CreateDirectory(Path.Combine(state, "run"));
            // A PID that cannot belong to a live process.
            File.WriteAllText(Path.Combine(state, "run", "nsd-root.pid"), "2147483646\n");

            var lab = LabState.Locate(state, LabState.StartDirectory);
            Assert.True(lab.IsBuilt);
            Assert.False(lab.IsUp);
            Assert.Null(lab.SkipReason());
            Assert.StartsWith("lab not running: run ", lab.SkipReason(requireUp: true));

            // This test process is certainly alive.
            File.WriteAllText(Path.Combine(state, "run", "nsd-root.pid"), Environment.ProcessId.ToString());
            Assert.True(lab.IsUp);
            Assert.Null(lab.SkipReason(requireUp: true));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}

// LabValidationMatrixTests: the product's proof against a real DNS hierarchy — every row of the
// lab's matrix.tsv, resolved through the public DnsResolver from the lab's root hints and trust
// anchor, must get the expected security status (secure / insecure / bogus) and, for non-bogus
// rows, the expected RCODE. Skipped with a message when the lab is not running.
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Text;
using Resolver.Testing;
using Xunit.Abstractions;

namespace Resolver.Tests.Lab;

public sealed class LabValidationMatrixTests(ITestOutputHelper output)
{
    internal static DnsResolver LabResolver(Action<ResolverOptions>? configure = null)
    {
        var options = new ResolverOptions
        {
            Iteration = new IterationOptions { RootHints = RootHints.Parse(File.ReadAllText(LabState.Current.RootHintsPath)) },
            Transport = new Resolver.Transport.TransportOptions { UdpTimeout = TimeSpan.FromMilliseconds(800) },
        };
        options.Validation.TrustAnchors = TrustAnchorStore.Create(TrustAnchorStore.ParseZoneText(File.ReadAllText(LabState.Current.TrustAnchorPath)));
        configure?.Invoke(options);
        return new DnsResolver(options);
    }

    internal static IEnumerable<string[]> Rows() =>
        File.ReadLines(LabState.Current.MatrixPath)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'));

    [LabFact(RequiresRunning = true)]
    public async Task Every_matrix_row_gets_the_expected_status_through_the_library_api()
    {
        using DnsResolver resolver = LabResolver();
        var failures = new List<string>();
        int rows = 0;
        foreach (string[] row in Rows())
        {
            Assert.True(RrTypeText.TryParseType(row[1], out RrType type));
            ResolveResult result = await resolver.ResolveAsync(DnsName.Parse(row[0]), type, CancellationToken.None);
            rows++;
            string status = result.IsResolutionFailure ? "failed" : result.Status.ToString().ToLowerInvariant();
            string rcode = DnsMessage.FormatRcode(result.ResponseCode);
            bool ok = status == row[2] && (row[2] == "bogus" || rcode == row[3]);
            output.WriteLine($"{(ok ? "ok  " : "MISS")} {row[0]} {row[1]}: {rcode} {status} (want {row[2]} {row[3]}) {result.Reason?.ToString() ?? result.ResolutionError} [{result.Work}]");
            if (!ok)
            {
                failures.Add($"{row[0]} {row[1]} ({row[4]}): got {rcode} {status}, want {row[3]} {row[2]} — {result}");
            }
        }

        Assert.True(rows > 80, $"only {rows} rows");
        Assert.True(failures.Count == 0, $"{failures.Count} of {rows} rows wrong:\n" + string.Join("\n", failures));
    }
}

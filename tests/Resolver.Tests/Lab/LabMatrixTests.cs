// Against the real lab (NSD on 127.53.x.x:53, its own root): every row of matrix.tsv resolved from the
// lab's root hints must get the matrix's RCODE. Bogus rows are skipped here — without the validator
// (next issue) a bogus answer looks like any other; its RCODE is the validator's to turn into SERVFAIL.
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Text;
using Resolver.Testing;
using Resolver.Transport;
using Xunit.Abstractions;

namespace Resolver.Tests.Lab;

public sealed class LabMatrixTests(ITestOutputHelper output)
{
    private static IEnumerable<string[]> Rows() =>
        File.ReadLines(LabState.Current.MatrixPath)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'));

    private static RrType ParseType(string text) =>
        RrTypeText.TryParseType(text, out RrType type) ? type : throw new FormatException("unknown type " + text);

    private static RecursiveIterator LabIterator(out DnsCache cache, bool minimise = false)
    {
        cache = new DnsCache();
        var options = new IterationOptions
        {
            RootHints = RootHints.Parse(File.ReadAllText(LabState.Current.RootHintsPath)),
            QnameMinimisation = minimise,
        };
        var transport = new TransportOptions { UdpTimeout = TimeSpan.FromSeconds(2) };
        return new RecursiveIterator(new DnsTransport(), cache, options, transport);
    }

    [LabTheory(RequiresRunning = true)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_non_bogus_matrix_row_gets_the_expected_rcode(bool minimise)
    {
        using RecursiveIterator iterator = LabIterator(out DnsCache cache, minimise);
        var failures = new List<string>();
        int checkedRows = 0;
        foreach (string[] row in Rows())
        {
            if (row[2] == "bogus")
            {
                continue;
            }

            var question = new DnsQuestion(DnsName.Parse(row[0]), ParseType(row[1]));
            IterationResult result = await iterator.ResolveAsync(question, default);
            string expected = row[3];
            string actual = DnsMessage.FormatRcode(result.ResponseCode);
            checkedRows++;
            output.WriteLine($"{row[0]} {row[1]}: {actual} (expected {expected}) {result}");
            if (actual != expected)
            {
                failures.Add($"{row[0]} {row[1]} ({row[4]}): {actual}, expected {expected} — {result}");
            }
        }

        Assert.True(checkedRows > 50, $"only {checkedRows} rows checked");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        cache.Dispose();
    }

    [LabFact(RequiresRunning = true)]
    public async Task Onedown_costs_the_dead_servers_timeout_at_most_once()
    {
        using RecursiveIterator iterator = LabIterator(out DnsCache cache);
        var first = await iterator.ResolveAsync(new DnsQuestion(DnsName.Parse("www.onedown.lab."), RrType.A), default);
        Assert.Equal(IterationStatus.Answer, first.Status);
        // Another name in the zone: the black hole (127.53.9.1) and the closed port are backed off, so
        // the working server is asked first and the resolution costs exactly one query.
        var second = await iterator.ResolveAsync(new DnsQuestion(DnsName.Parse("onedown.lab."), RrType.SOA), default);
        Assert.Equal(IterationStatus.Answer, second.Status);
        Assert.Equal(1, second.UpstreamQueries);
        cache.Dispose();
    }

    [LabFact(RequiresRunning = true)]
    public async Task Large_answer_comes_over_tcp_and_dnssec_records_are_kept()
    {
        using RecursiveIterator iterator = LabIterator(out DnsCache cache);
        var result = await iterator.ResolveAsync(new DnsQuestion(DnsName.Parse("big.feat.lab."), RrType.TXT), default);
        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.False(result.Answers[^1].RrSet.Signatures.IsEmpty);
        Assert.Equal(DnsName.Parse("feat.lab."), result.Zone);
        cache.Dispose();
    }
}

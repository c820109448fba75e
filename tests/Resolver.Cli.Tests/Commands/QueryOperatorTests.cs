// QueryOperatorTests: `query` as operators use dig, kdig, delv and unbound-host (issue 16 item 11) —
// --short and +short, batch mode from a file and from standard input (-f FILE, -f -), reverse lookups
// (-x ADDR), -4/-6, --tcp, a port for every --forward form, error texts without .NET type or
// parameter names, network errors that say why, and --help listing each of them.
using System.Net;
using Resolver.Cli;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using static Resolver.Cli.Tests.CliHarness;

namespace Resolver.Cli.Tests.Commands;

public sealed class QueryOperatorTests
{
    private static ResolveResult SecureA(DnsName name, RrType type, ResolveBehavior _) =>
        Secure(name, type, A(name.ToString(), "192.0.2.1"), Sig(name.ToString(), RrType.A, "example."));

    // www.example. CNAME → host.example. A, signed: +short prints the target, then the address.
    private static ResolveResult Aliased(DnsName name, RrType type, ResolveBehavior _) =>
        Secure(name, type,
            new ResourceRecord(name, 300, new CnameData(Name("host.example."))), Sig(name.ToString(), RrType.CNAME, "example."),
            A("host.example.", "192.0.2.7"), Sig("host.example.", RrType.A, "example."));

    [Theory]
    [InlineData("--short")]
    [InlineData("+short")]
    [InlineData("+SHORT")]
    public async Task Short_PrintsTheDataAlone_AliasesFirst_NoSignatures(string flag)
    {
        CliRun run = await RunAsync(Aliased, "query", "www.example", flag);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("host.example.\n192.0.2.7\n", run.Output);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Short_Bogus_PrintsNothingOnStdout_OneLineOnStderr_Exit1()
    {
        CliRun run = await RunAsync((name, type, _) => Bogus(name, type, withheld: true), "query", "www.example", "+short");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.StartsWith("dnssec-resolve: www.example. A: bogus: signature expired in zone example.", run.Error, StringComparison.Ordinal);
        AssertOneLineError(run);
    }

    [Fact]
    public async Task Short_ResolutionFailure_SaysWhyOnStderr_Exit2()
    {
        CliRun run = await RunAsync((name, type, _) => new ResolveResult
        {
            Question = new DnsQuestion(name, type),
            Status = SecurityStatus.Indeterminate,
            ResponseCode = ResponseCode.ServFail,
            ResolutionError = "192.0.2.53:53: timed out (no UDP response within 2 s)",
        }, "query", "www.example", "--short");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal("dnssec-resolve: www.example. A: resolution failed: 192.0.2.53:53: timed out (no UDP response within 2 s)\n", run.Error);
    }

    [Theory]
    [InlineData("--json")]
    [InlineData("--trace")]
    public async Task Short_DoesNotCombineWithJsonOrTrace(string other)
    {
        CliRun run = await RunAsync(SecureA, "query", "www.example", "--short", other);
        Assert.Equal(64, run.ExitCode);
        AssertOneLineError(run);
    }

    [Fact]
    public async Task ReverseLookup_AsksPtrForTheAddressesName()
    {
        var resolver = new FakeResolver(SecureA);
        (CliRun v4, _) = await RunAsync(resolver, "query", "-x", "192.0.2.1");
        (CliRun v6, _) = await RunAsync(resolver, "query", "-x", "2001:db8::1", "--short");
        Assert.Equal(0, v4.ExitCode);
        Assert.Equal(0, v6.ExitCode);
        Assert.Equal(
            [(Name("1.2.0.192.in-addr.arpa."), RrType.PTR), (Name("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."), RrType.PTR)],
            resolver.Calls.Select(c => (c.Name, c.Type)));
        Assert.Contains(";; QUESTION: 1.2.0.192.in-addr.arpa. IN PTR", v4.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseLookup_ANonAddress_IsOneLineUsageError()
    {
        var resolver = new FakeResolver(SecureA);
        (CliRun run, _) = await RunAsync(resolver, "query", "-x", "www.example");
        Assert.Equal(64, run.ExitCode);
        Assert.Equal("dnssec-resolve: -x: 'www.example' is not an IPv4 or IPv6 address.\n", run.Error);
        Assert.Empty(resolver.Calls);
    }

    [Fact]
    public async Task Batch_FromAFile_AsksEachLineInOrder_ThroughOneResolver()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "# questions\nwww.example\n\nwww.example AAAA\n; dig-style comment\n-x 192.0.2.1\n");
            int created = 0;
            var resolver = new FakeResolver(SecureA);
            var output = new StringWriter();
            var error = new StringWriter();
            var environment = new CliEnvironment(output, error, _ =>
            {
                created++;
                return resolver;
            });
            int exit = await CliApp.RunAsync(["query", "-f", file, "--short"], environment, handleSignals: false, CancellationToken.None);

            Assert.Equal(0, exit);
            Assert.Equal(1, created);
            Assert.Equal(
                [(Name("www.example."), RrType.A), (Name("www.example."), RrType.AAAA), (Name("1.2.0.192.in-addr.arpa."), RrType.PTR)],
                resolver.Calls.Select(c => (c.Name, c.Type)));
            Assert.Equal("192.0.2.1\n192.0.2.1\n192.0.2.1\n", output.ToString());
            Assert.Equal(string.Empty, error.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Batch_FromStandardInput_TextResultsAreSeparatedByABlankLine_ExitIsTheHighest()
    {
        var resolver = new FakeResolver((name, type, behavior) =>
            name.ToString() == "bad.example." ? Bogus(name, type, withheld: true) : SecureA(name, type, behavior));
        (CliRun run, _) = await RunWithInputAsync(resolver, "www.example\nbad.example\nwww.example MX\n", "query", "-f", "-");

        Assert.Equal(1, run.ExitCode);   // one bogus answer among secure ones
        Assert.Equal(3, resolver.Calls.Count);
        string[] results = run.Output.Split("\n\n;; QUESTION", StringSplitOptions.None);
        Assert.Equal(3, results.Length);
        Assert.StartsWith(";; QUESTION: www.example. IN A", run.Output, StringComparison.Ordinal);
        Assert.Contains(";; STATUS: bogus", results[1], StringComparison.Ordinal);
        Assert.StartsWith(": www.example. IN MX", results[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_ABadLine_IsReportedWithItsNumber_AndTheOthersAreStillAsked()
    {
        var resolver = new FakeResolver(SecureA);
        (CliRun run, _) = await RunWithInputAsync(resolver, "www.example\nwww.example NOSUCHTYPE\nbad line here\nftp.example\n", "query", "-f", "-", "--short");

        Assert.Equal(64, run.ExitCode);
        Assert.Equal([Name("www.example."), Name("ftp.example.")], resolver.Calls.Select(c => c.Name));
        Assert.Equal(
            "dnssec-resolve: - line 2: unknown record type 'NOSUCHTYPE' (use a mnemonic such as A, AAAA, MX, DNSKEY, or TYPEnnn).\n" +
            "dnssec-resolve: - line 3: expected NAME [TYPE] or -x ADDR, not 'bad line here'\n",
            run.Error);
    }

    [Fact]
    public async Task Batch_MissingFile_AndANameBesideIt_AreUsageErrors()
    {
        var resolver = new FakeResolver(SecureA);
        (CliRun missing, _) = await RunAsync(resolver, "query", "-f", "/nonexistent/questions.txt");
        (CliRun both, _) = await RunAsync(resolver, "query", "www.example", "-f", "-");
        Assert.Equal(64, missing.ExitCode);
        Assert.Equal("dnssec-resolve: -f: batch file '/nonexistent/questions.txt': no such file\n", missing.Error);
        Assert.Equal(64, both.ExitCode);
        AssertOneLineError(both);
        Assert.Empty(resolver.Calls);
    }

    [Fact]
    public async Task NoQuestionAtAll_IsAUsageError()
    {
        CliRun run = await RunAsync(SecureA, "query");
        Assert.Equal(64, run.ExitCode);
        Assert.Equal("dnssec-resolve: query: give a NAME, -x ADDR or -f FILE.\nTry 'dnssec-resolve --help'.\n", run.Error);
    }

    [Fact]
    public async Task AddressFamilies_Default4_Flag6_AndBothRefused()
    {
        (CliRun plain, ResolverOptions? defaults) = await RunAsync(new FakeResolver(SecureA), "query", "www.example");
        (CliRun four, ResolverOptions? v4) = await RunAsync(new FakeResolver(SecureA), "query", "www.example", "-4");
        (CliRun six, ResolverOptions? v6) = await RunAsync(new FakeResolver(SecureA), "query", "www.example", "-6");
        (CliRun both, _) = await RunAsync(new FakeResolver(SecureA), "query", "www.example", "-4", "-6");

        Assert.Equal((0, 0, 0), (plain.ExitCode, four.ExitCode, six.ExitCode));
        Assert.Equal((true, false), (defaults!.Iteration.UseIPv4, defaults.Iteration.UseIPv6));
        Assert.Equal((true, false), (v4!.Iteration.UseIPv4, v4.Iteration.UseIPv6));
        Assert.Equal((false, true), (v6!.Iteration.UseIPv4, v6.Iteration.UseIPv6));
        Assert.Equal(64, both.ExitCode);
        Assert.Equal("dnssec-resolve: -4 and -6 exclude each other.\n", both.Error);
    }

    [Theory]
    [InlineData("--tcp")]
    [InlineData("+tcp")]
    public async Task Tcp_AsksEveryServerOverTcp(string flag)
    {
        (CliRun plain, ResolverOptions? defaults) = await RunAsync(new FakeResolver(SecureA), "query", "www.example");
        (CliRun run, ResolverOptions? options) = await RunAsync(new FakeResolver(SecureA), "query", "www.example", flag);
        Assert.Equal((0, 0), (plain.ExitCode, run.ExitCode));
        Assert.False(defaults!.Transport.TcpOnly);
        Assert.True(options!.Transport.TcpOnly);
    }

    [Fact]
    public async Task Forward_TakesAPortInEveryForm()
    {
        (CliRun run, ResolverOptions? options) = await RunAsync(new FakeResolver(SecureA), "query", "www.example",
            "--forward", "192.0.2.54:5353", "--forward", "[2001:db8::1]:8053",
            "--forward", "tls://192.0.2.55:8853#dns.example", "--forward", "https://doh.example:8443/dns-query@192.0.2.56");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["192.0.2.54:5353", "[2001:db8::1]:8053"], options!.Iteration.Forwarders.Select(f => f.ToString()).Take(2));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.55"), 8853), Assert.Single(options.TlsUpstreams).EndPoint);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.56"), 8443), Assert.Single(options.HttpsUpstreams).EndPoint);
    }

    [Theory]
    [InlineData("--timeout", "abc", "dnssec-resolve: --timeout: 'abc' is not a number of seconds.")]
    [InlineData("--max-stale", "soon", "dnssec-resolve: --max-stale: 'soon' is not a number of hours.")]
    public async Task NotANumber_IsSaidInWords_WithoutDotNetTypeNames(string flag, string value, string expected)
    {
        CliRun run = await RunAsync(SecureA, "query", "www.example", flag, value);
        Assert.Equal(64, run.ExitCode);
        Assert.StartsWith(expected + "\n", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
        AssertOneLineError(run);
    }

    [Fact]
    public async Task ServeCounts_NotANumber_IsSaidInWords()
    {
        CliRun run = await RunAsync(SecureA, "serve", "--listen", "127.0.0.1:0", "--answer-cache", "lots");
        Assert.Equal(64, run.ExitCode);
        Assert.StartsWith("dnssec-resolve: --answer-cache: 'lots' is not a whole number.\n", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n")]
    [InlineData("; only a comment\n")]
    public async Task EmptyRootHints_SayWhatIsWrong_WithoutParameterNames(string content)
    {
        string hints = Path.GetTempFileName();
        try
        {
            File.WriteAllText(hints, content);
            CliRun run = await RunAsync(SecureA, "query", "www.example", "--root-hints", hints);
            Assert.Equal(64, run.ExitCode);
            Assert.StartsWith($"dnssec-resolve: root hints file '{hints}'", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("(Parameter", run.Error, StringComparison.Ordinal);
            AssertOneLineError(run);
        }
        finally
        {
            File.Delete(hints);
        }
    }

    [Fact]
    public async Task NetworkErrors_SayWhy_RefusedOverUdpAndTcp()
    {
        // A real resolver forwarding to a port nothing listens on: the kernel answers at once.
        using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        probe.Close();
        foreach ((string[] extra, string why) in new[] { (Array.Empty<string>(), "refused (ICMP port unreachable: nothing listens on that port)"), (["--tcp"], "connection refused") })
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var environment = new CliEnvironment(output, error, options => new DnsResolver(options));
            int exit = await CliApp.RunAsync(["query", "www.example", "--forward", $"127.0.0.1:{port}", .. extra], environment, handleSignals: false, CancellationToken.None);

            Assert.Equal(2, exit);
            Assert.Contains($";; ERROR: 127.0.0.1:{port}: {why}\n", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Help_ShowsEveryOperatorFlag()
    {
        CliRun help = await RunAsync(SecureA, "query", "--help");
        foreach (string flag in new[] { "--short", "+short", "-f, --file", "-x", "-4", "-6", "--tcp", "ADDR[:PORT] ([v6]:PORT)", "tls://ADDR[:PORT]", "https://HOST[:PORT]" })
        {
            Assert.Contains(flag, help.Output, StringComparison.Ordinal);
        }
    }
}

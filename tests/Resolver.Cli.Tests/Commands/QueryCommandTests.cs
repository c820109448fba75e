// QueryCommandTests: `query` through the real command tree with a fake resolver — argument parsing
// (default type, optional final dot, --cd, --forward, trust-anchor formats), the text and JSON
// output, exit codes for every verdict, and one-line errors for bad usage and bad files.
using System.Text.Json;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using static Resolver.Cli.Tests.CliHarness;

namespace Resolver.Cli.Tests.Commands;

public sealed class QueryCommandTests
{
    private static ResolveResult SecureA(DnsName name, RrType type, ResolveBehavior _) =>
        Secure(name, type, A(name.ToString(), "192.0.2.1"), Sig(name.ToString(), RrType.A, "example."));

    [Fact]
    public async Task Name_without_final_dot_and_default_type_A_are_resolved_and_secure_exits_0()
    {
        var resolver = new FakeResolver(SecureA);
        (CliRun run, _) = await RunAsync(resolver, "query", "www.example");
        Assert.Equal(0, run.ExitCode);
        (DnsName name, RrType type, ResolveBehavior behavior) = Assert.Single(resolver.Calls);
        Assert.Equal(Name("www.example."), name);
        Assert.Equal(RrType.A, type);
        Assert.Equal(ResolveBehavior.Default, behavior);
        Assert.Contains("www.example.\t300\tIN\tA\t192.0.2.1", run.Output, StringComparison.Ordinal);
        Assert.Contains(";; STATUS: secure, rcode: NOERROR", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("REASON", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Type_is_parsed_ignoring_case_and_cd_asks_with_checking_disabled()
    {
        var resolver = new FakeResolver(SecureA);
        (CliRun run, _) = await RunAsync(resolver, "query", "example.", "dnskey", "--cd");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal((Name("example."), RrType.DNSKEY, ResolveBehavior.CheckingDisabled), Assert.Single(resolver.Calls));
    }

    // An NXDOMAIN below a delegation the parent proves unsigned: Insecure, no error.
    private static ResolveResult UnsignedNx(DnsName name, RrType type, ResolveBehavior _) => new()
    {
        Question = new DnsQuestion(name, type),
        Status = SecurityStatus.Insecure,
        ResponseCode = ResponseCode.NXDomain,
        Reason = new ValidationFailure(ValidationFailureKind.UnsignedDelegation, Name("unsigned.example."), "NSEC at the parent"),
    };

    [Fact]
    public async Task Insecure_nxdomain_exits_0_with_the_reason_and_no_ede_Rfc8914()
    {
        CliRun run = await RunAsync(UnsignedNx, "query", "nx.unsigned.example", "AAAA");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(";; STATUS: insecure, rcode: NXDOMAIN", run.Output, StringComparison.Ordinal);
        Assert.Contains(";; REASON: insecure: the parent proves there is no DS (unsigned delegation) in zone unsigned.example.", run.Output, StringComparison.Ordinal);
        // A proven unsigned zone is no error: no Extended DNS Error (was ";; EDE: 0 (Other)").
        Assert.DoesNotContain(";; EDE:", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("EDE 0", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bogus_exits_1_with_reason_and_says_the_data_was_withheld()
    {
        CliRun run = await RunAsync((name, type, _) => Bogus(name, type, withheld: true), "query", "www.example");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(";; STATUS: bogus", run.Output, StringComparison.Ordinal);
        Assert.Contains("signature expired in zone example.", run.Output, StringComparison.Ordinal);
        Assert.Contains(";; EDE: 7 (SignatureExpired)", run.Output, StringComparison.Ordinal);
        Assert.Contains("withheld; use --cd", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bogus_with_cd_shows_the_data_and_still_exits_1()
    {
        CliRun run = await RunAsync((name, type, behavior) => Bogus(name, type, withheld: behavior == ResolveBehavior.Default, A("www.example.", "192.0.2.9")),
            "query", "www.example", "--cd");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("192.0.2.9", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("withheld", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Indeterminate_and_resolution_failure_exit_2()
    {
        CliRun indeterminate = await RunAsync((name, type, _) => new ResolveResult
        {
            Question = new DnsQuestion(name, type),
            Status = SecurityStatus.Indeterminate,
            ResponseCode = ResponseCode.NoError,
            Reason = new ValidationFailure(ValidationFailureKind.NoTrustAnchor, DnsName.Root, "no anchor"),
        }, "query", "www.example");
        Assert.Equal(2, indeterminate.ExitCode);
        Assert.Contains(";; STATUS: indeterminate", indeterminate.Output, StringComparison.Ordinal);

        CliRun failed = await RunAsync((name, type, _) => new ResolveResult
        {
            Question = new DnsQuestion(name, type),
            Status = SecurityStatus.Unchecked,
            ResponseCode = ResponseCode.ServFail,
            ResolutionError = "all servers of example. timed out",
            ResolutionErrorCode = ExtendedErrorCode.NoReachableAuthority,
        }, "query", "www.example");
        Assert.Equal(2, failed.ExitCode);
        Assert.Contains(";; STATUS: failed, rcode: SERVFAIL", failed.Output, StringComparison.Ordinal);
        Assert.Contains(";; EDE: 22 (NoReachableAuthority)", failed.Output, StringComparison.Ordinal);
        Assert.Contains(";; ERROR: all servers of example. timed out", failed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_reports_key_imports_in_text_and_json_KeyTrap()
    {
        static ResolveResult WithWork(DnsName name, RrType type, ResolveBehavior _) => new()
        {
            Question = new DnsQuestion(name, type),
            Status = SecurityStatus.Bogus,
            ResponseCode = ResponseCode.ServFail,
            Reason = new ValidationFailure(ValidationFailureKind.WorkLimitExceeded, Name("example."), "more than 16 DNSKEY imports"),
            Work = new ValidationWork(40, 0, 6) { KeyImports = 16 },
        };

        CliRun text = await RunAsync(WithWork, "query", "www.example");
        Assert.Contains(";; WORK: 6 upstream queries, 40 signature validations, 16 key imports, 0 NSEC3 hashes", text.Output, StringComparison.Ordinal);
        CliRun json = await RunAsync(WithWork, "query", "www.example", "--json");
        using JsonDocument doc = JsonDocument.Parse(json.Output);
        Assert.Equal(16, doc.RootElement.GetProperty("work").GetProperty("keyImports").GetInt32());
    }

    [Fact]
    public async Task Json_insecure_reason_has_no_ede_Rfc8914()
    {
        CliRun run = await RunAsync(UnsignedNx, "query", "nx.unsigned.example", "AAAA", "--json");
        using JsonDocument doc = JsonDocument.Parse(run.Output);
        JsonElement reason = doc.RootElement.GetProperty("reason");
        Assert.Equal("UnsignedDelegation", reason.GetProperty("kind").GetString());
        Assert.False(reason.TryGetProperty("ede", out _));
        Assert.DoesNotContain("EDE", reason.GetProperty("text").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_is_one_document_with_status_rcode_exit_code_reason_and_records()
    {
        CliRun run = await RunAsync((name, type, _) => Bogus(name, type, withheld: false, A("www.example.", "192.0.2.9"), Sig("www.example.", RrType.A, "example.")),
            "query", "www.example", "--json", "--cd");
        Assert.Equal(1, run.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(run.Output);
        JsonElement root = doc.RootElement;
        Assert.Equal("www.example.", root.GetProperty("question").GetProperty("name").GetString());
        Assert.Equal("A", root.GetProperty("question").GetProperty("type").GetString());
        Assert.Equal("bogus", root.GetProperty("status").GetString());
        Assert.Equal("NOERROR", root.GetProperty("rcode").GetString());
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());
        JsonElement reason = root.GetProperty("reason");
        Assert.Equal("SignatureExpired", reason.GetProperty("kind").GetString());
        Assert.Equal(7, reason.GetProperty("ede").GetInt32());
        Assert.Equal(4711, reason.GetProperty("keyTag").GetInt32());
        Assert.Equal("example.", reason.GetProperty("zone").GetString());
        JsonElement answer = root.GetProperty("answer");
        Assert.Equal(2, answer.GetArrayLength());
        Assert.Equal("A", answer[0].GetProperty("type").GetString());
        Assert.Equal("192.0.2.9", answer[0].GetProperty("data").GetString());
        Assert.Equal("RRSIG", answer[1].GetProperty("type").GetString());
        Assert.False(root.TryGetProperty("chain", out _), "the chain is printed only with --trace");
    }

    [Fact]
    public async Task Json_parts_are_the_library_converters_output()
    {
        ResolveResult? seen = null;
        CliRun run = await RunAsync((name, type, _) => seen = Bogus(name, type, withheld: false, A("www.example.", "192.0.2.9"), Sig("www.example.", RrType.A, "example.")),
            "query", "www.example", "--json", "--cd", "--trace");
        Assert.NotNull(seen);
        using JsonDocument doc = JsonDocument.Parse(run.Output);
        JsonElement root = doc.RootElement;

        // The console and an application serializing the same ResolveResult write the same parts (issue 16 item 6).
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(Node(root.GetProperty("reason")), Node(JsonSerializer.Serialize(seen.Reason))));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(Node(root.GetProperty("answer")), Node(JsonSerializer.Serialize(seen.Answers))));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(Node(root.GetProperty("question")), Node(JsonSerializer.Serialize(seen.Question))));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(Node(root.GetProperty("chain")), Node(JsonSerializer.Serialize(seen.Chain))));

        static System.Text.Json.Nodes.JsonNode? Node(object json) =>
            System.Text.Json.Nodes.JsonNode.Parse(json is JsonElement e ? e.GetRawText() : (string)json);
    }

    [Fact]
    public async Task Trace_prints_zone_cuts_keys_signature_windows_and_denials_in_text_and_json()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var rootDs = new DsData(20326, DnssecAlgorithm.RsaSha256, DigestType.Sha256, new byte[32]);
        var key = new DnskeyData(257, 3, DnssecAlgorithm.RsaSha256, new byte[] { 3, 1, 0, 1, 9, 9, 9 });
        var keySig = new SignatureInfo(DnsName.Root, RrType.DNSKEY, DnsName.Root, key.KeyTag, DnssecAlgorithm.RsaSha256, now.AddDays(-1), now.AddDays(30));
        var denial = new DenialInfo(Name("example."), "NXDOMAIN", "NSEC3", [Name("abc.example.")]);
        var chain = new ChainOfTrust(DnsName.Root,
            [new ZoneCutLink(DnsName.Root, SecurityStatus.Secure, true, [rootDs], null, keySig, [key], null, null),
             new ZoneCutLink(Name("example."), SecurityStatus.Insecure, false, [], null, null, [], new DenialInfo(DnsName.Root, "no DS (insecure delegation)", "NSEC", [Name("example.")]), null)],
            [keySig], [denial]);
        ResolveResult Answer(DnsName name, RrType type, ResolveBehavior _) => new()
        {
            Question = new DnsQuestion(name, type),
            Status = SecurityStatus.Insecure,
            ResponseCode = ResponseCode.NXDomain,
            Chain = chain,
        };

        CliRun text = await RunAsync(Answer, "query", "nx.example", "--trace");
        Assert.Contains(";; CHAIN OF TRUST (anchor: .):", text.Output, StringComparison.Ordinal);
        Assert.Contains("trust anchor: DS 20326 alg 8 (RsaSha256) digest 2 (Sha256)", text.Output, StringComparison.Ordinal);
        Assert.Contains($"DNSKEY: {key.KeyTag} alg 8 KSK (flags 257)", text.Output, StringComparison.Ordinal);
        Assert.Contains("valid 2027-01-14T08:00:00Z .. 2027-02-14T08:00:00Z", text.Output, StringComparison.Ordinal);
        Assert.Contains("no DS (insecure delegation) proven by NSEC in .: example.", text.Output, StringComparison.Ordinal);
        Assert.Contains("NXDOMAIN proven by NSEC3 in example.: abc.example.", text.Output, StringComparison.Ordinal);

        CliRun json = await RunAsync(Answer, "query", "nx.example", "--trace", "--json");
        using JsonDocument doc = JsonDocument.Parse(json.Output);
        JsonElement cuts = doc.RootElement.GetProperty("chain").GetProperty("zoneCuts");
        Assert.Equal(2, cuts.GetArrayLength());
        Assert.True(cuts[0].GetProperty("fromTrustAnchor").GetBoolean());
        Assert.Equal(20326, cuts[0].GetProperty("matchedDs")[0].GetProperty("keyTag").GetInt32());
        Assert.Equal("2027-02-14T08:00:00Z", cuts[0].GetProperty("keySetSignature").GetProperty("expiration").GetString());
        Assert.Equal("NSEC", cuts[1].GetProperty("denial").GetProperty("mechanism").GetString());
        Assert.Equal("NXDOMAIN", doc.RootElement.GetProperty("chain").GetProperty("denials")[0].GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("NOSUCHTYPE")]
    [InlineData("A,CNAME")]
    public async Task Unknown_type_is_bad_usage_in_one_line(string type)
    {
        var resolver = new FakeResolver(SecureA);
        (CliRun run, _) = await RunAsync(resolver, "query", "www.example", type);
        Assert.Equal(64, run.ExitCode);
        AssertOneLineError(run);
        Assert.Contains("unknown record type", run.Error, StringComparison.Ordinal);
        Assert.Empty(resolver.Calls);
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("this-label-is-far-too-long-for-dns-because-it-has-more-than-sixty-three-octets.example")]
    public async Task Malformed_name_is_bad_usage_in_one_line(string name)
    {
        CliRun run = await RunAsync(SecureA, "query", name);
        Assert.Equal(64, run.ExitCode);
        AssertOneLineError(run);
        Assert.Contains("is not a valid domain name", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_and_malformed_trust_anchor_files_are_bad_usage_in_one_line()
    {
        CliRun missing = await RunAsync(SecureA, "query", "www.example", "--trust-anchor", "/nonexistent/anchors.zone");
        Assert.Equal(64, missing.ExitCode);
        AssertOneLineError(missing);
        Assert.Contains("no such file", missing.Error, StringComparison.Ordinal);

        string bad = Path.GetTempFileName();
        try
        {
            File.WriteAllText(bad, ". IN A 192.0.2.1\n");
            CliRun malformed = await RunAsync(SecureA, "query", "www.example", "--trust-anchor", bad);
            Assert.Equal(64, malformed.ExitCode);
            AssertOneLineError(malformed);
            Assert.Contains("DS or DNSKEY", malformed.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public async Task Trust_anchor_files_are_read_as_zone_text_or_iana_xml_by_content()
    {
        string zoneFile = Path.GetTempFileName();
        string xmlFile = Path.GetTempFileName();
        try
        {
            File.WriteAllText(zoneFile, "example. 3600 IN DS 12345 13 2 " + new string('A', 64) + "\n");
            File.WriteAllText(xmlFile, """
                <?xml version="1.0" encoding="UTF-8"?>
                <TrustAnchor id="test" source="test">
                  <Zone>.</Zone>
                  <KeyDigest id="k1" validFrom="2017-02-02T00:00:00+00:00">
                    <KeyTag>20326</KeyTag><Algorithm>8</Algorithm><DigestType>2</DigestType>
                    <Digest>E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D</Digest>
                  </KeyDigest>
                </TrustAnchor>
                """);
            (CliRun run, ResolverOptions? options) = await RunAsync(new FakeResolver(SecureA), "query", "www.example", "--trust-anchor", zoneFile, "--trust-anchor", xmlFile);
            Assert.Equal(0, run.ExitCode);
            TrustAnchor[] anchors = [.. options!.Validation.TrustAnchors.Anchors.OrderBy(a => a.Zone)];
            Assert.Equal(2, anchors.Length);
            Assert.Equal(DnsName.Root, anchors[0].Zone);
            Assert.Equal(20326, ((DsData)anchors[0].Data).KeyTag);
            Assert.Equal(Name("example."), anchors[1].Zone);
            Assert.Equal(12345, ((DsData)anchors[1].Data).KeyTag);
        }
        finally
        {
            File.Delete(zoneFile);
            File.Delete(xmlFile);
        }
    }

    [Fact]
    public async Task Default_options_use_the_embedded_root_anchor_and_iterate_from_the_root()
    {
        (CliRun run, ResolverOptions? options) = await RunAsync(new FakeResolver(SecureA), "query", "www.example");
        Assert.Equal(0, run.ExitCode);
        Assert.Same(TrustAnchorStore.Default, options!.Validation.TrustAnchors);
        Assert.Empty(options.Forwarders);
        Assert.Same(Resolver.RootHints.Iana, options.Iteration.RootHints);
    }

    [Fact]
    public async Task Forwarders_take_an_optional_port_and_root_hints_are_read()
    {
        string hints = Path.GetTempFileName();
        try
        {
            File.WriteAllText(hints, ". 3600 IN NS a.root.test.\na.root.test. 3600 IN A 127.0.0.77\n");
            (CliRun run, ResolverOptions? options) = await RunAsync(new FakeResolver(SecureA),
                "query", "www.example", "--forward", "192.0.2.53", "--forward", "192.0.2.54:5353", "--forward", "[::1]:8053", "--forward", "[2001:db8::1]", "--root-hints", hints);
            Assert.Equal(0, run.ExitCode);
            Assert.Equal(["192.0.2.53:53", "192.0.2.54:5353", "[::1]:8053", "[2001:db8::1]:53"], options!.Forwarders.Select(f => f.ToString()));
            Assert.Equal("127.0.0.77:53", Assert.Single(options.Iteration.RootHints.Servers).EndPoint.ToString());
        }
        finally
        {
            File.Delete(hints);
        }
    }

    [Fact]
    public async Task Harden_algo_downgrade_flag_turns_the_option_on_and_it_is_off_by_default()
    {
        (CliRun plain, ResolverOptions? defaults) = await RunAsync(new FakeResolver(SecureA), "query", "www.example");
        Assert.Equal(0, plain.ExitCode);
        Assert.False(defaults!.Validation.HardenAlgorithmDowngrade);
        (CliRun hardened, ResolverOptions? options) = await RunAsync(new FakeResolver(SecureA), "query", "www.example", "--harden-algo-downgrade");
        Assert.Equal(0, hardened.ExitCode);
        Assert.True(options!.Validation.HardenAlgorithmDowngrade);
    }

    [Fact]
    public async Task Serve_stale_and_prefetch_flags_turn_the_options_on_and_they_are_off_by_default()
    {
        (CliRun plain, ResolverOptions? defaults) = await RunAsync(new FakeResolver(SecureA), "query", "www.example");
        Assert.Equal(0, plain.ExitCode);
        Assert.False(defaults!.Cache.ServeStale);
        Assert.False(defaults.Cache.Prefetch);
        (CliRun on, ResolverOptions? options) = await RunAsync(new FakeResolver(SecureA), "query", "www.example", "--serve-stale", "--max-stale", "48", "--prefetch");
        Assert.Equal(0, on.ExitCode);
        Assert.True(options!.Cache.ServeStale);
        Assert.Equal(TimeSpan.FromHours(48), options.Cache.MaxStale);
        Assert.True(options.Cache.Prefetch);
    }

    [Fact]
    public async Task Qname_minimisation_is_on_unless_turned_off()
    {
        (CliRun plain, ResolverOptions? defaults) = await RunAsync(new FakeResolver(SecureA), "query", "www.example");
        Assert.Equal(0, plain.ExitCode);
        Assert.True(defaults!.Iteration.QnameMinimisation);
        (CliRun off, ResolverOptions? options) = await RunAsync(new FakeResolver(SecureA), "query", "www.example", "--no-qname-minimisation");
        Assert.Equal(0, off.ExitCode);
        Assert.False(options!.Iteration.QnameMinimisation);
    }

    [Fact]
    public async Task Forward_zone_flags_add_forward_zones_and_forward_first_applies_to_them()
    {
        (CliRun run, ResolverOptions? options) = await RunAsync(new FakeResolver(SecureA),
            "query", "www.example", "--forward-zone", "corp.example=192.0.2.53,192.0.2.54:5353", "--forward-zone", "lab.=[2001:db8::1]");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["corp.example. => 192.0.2.53:53, 192.0.2.54:5353", "lab. => [2001:db8::1]:53"], options!.Iteration.ForwardZones.Select(z => z.ToString()));
        Assert.Empty(options.Forwarders);

        (CliRun first, ResolverOptions? firstOptions) = await RunAsync(new FakeResolver(SecureA),
            "query", "www.example", "--forward-zone", "corp.example=192.0.2.53", "--forward-first");
        Assert.Equal(0, first.ExitCode);
        Assert.True(Assert.Single(firstOptions!.Iteration.ForwardZones).ForwardFirst);
    }

    [Theory]
    [InlineData("--forward", "not-an-address")]
    [InlineData("--max-stale", "1000")]
    [InlineData("--forward-zone", "corp.example")]
    [InlineData("--forward-zone", "corp.example=")]
    [InlineData("--forward-zone", "=192.0.2.1")]
    [InlineData("--forward-zone", "corp.example=not-an-address")]
    [InlineData("--forward", "192.0.2.1:")]
    [InlineData("--root-hints", "/nonexistent/root.hints")]
    [InlineData("--timeout", "0")]
    public async Task Bad_resolver_options_are_bad_usage_in_one_line(string option, string value)
    {
        CliRun run = await RunAsync(SecureA, "query", "www.example", option, value);
        Assert.Equal(64, run.ExitCode);
        AssertOneLineError(run);
    }

    [Fact]
    public async Task Unknown_option_and_missing_name_are_bad_usage()
    {
        CliRun unknown = await RunAsync(SecureA, "query", "www.example", "--frobnicate");
        Assert.Equal(64, unknown.ExitCode);
        Assert.Contains("--frobnicate", unknown.Error, StringComparison.Ordinal);
        CliRun missing = await RunAsync(SecureA, "query");
        Assert.Equal(64, missing.ExitCode);
        Assert.Contains("Try 'dnssec-resolve --help'", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_exit_codes()
    {
        CliRun root = await RunAsync(SecureA, "--help");
        Assert.Equal(0, root.ExitCode);
        Assert.Contains("64 bad usage", root.Output, StringComparison.Ordinal);
        Assert.Contains("1 bogus", root.Output, StringComparison.Ordinal);
        CliRun query = await RunAsync(SecureA, "query", "--help");
        Assert.Contains("0 secure or insecure (NXDOMAIN and NODATA included), 1 bogus, 2 resolution failure or indeterminate, 64 bad usage", query.Output, StringComparison.Ordinal);
        Assert.Contains("--trust-anchor", query.Output, StringComparison.Ordinal);
    }
}

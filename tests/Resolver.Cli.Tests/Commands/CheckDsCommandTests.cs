// CheckDsCommandTests: `check-ds` through the command tree with a fake resolver serving a signed
// zone's DS and DNSKEY answers: exit 0 and the DS to submit when the chain holds, exit 1 with the
// stale DS flagged when it does not, exit 2 when the records cannot be fetched.
using Resolver.Cli.Tests.CheckDs;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using static Resolver.Cli.Tests.CliHarness;

namespace Resolver.Cli.Tests.Commands;

public sealed class CheckDsCommandTests
{
    private static Func<DnsName, RrType, ResolveBehavior, ResolveResult> Zone(DsData[] ds, SecurityStatus keyStatus = SecurityStatus.Secure)
    {
        // Signed now, so the command's own clock finds the signature valid.
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var keySet = new RrSet(DsCheckTests.Zone, RrClass.IN, RrType.DNSKEY, 3600, [DsCheckTests.Ksk.Dnskey, DsCheckTests.Zsk.Dnskey]);
        RrsigData sig = RrsetSigner.Sign(keySet, DsCheckTests.Ksk, DsCheckTests.Zone, (uint)(now - 3600), (uint)(now + 86_400));
        return (name, type, behavior) =>
        {
            Assert.Equal(ResolveBehavior.CheckingDisabled, behavior);
            Assert.Equal(DsCheckTests.Zone, name);
            return type == RrType.DS
                ? new ResolveResult
                {
                    Question = new DnsQuestion(name, type),
                    Status = SecurityStatus.Secure,
                    ResponseCode = ResponseCode.NoError,
                    Answers = [.. ds.Select(d => new ResourceRecord(name, 3600, d))],
                }
                : new ResolveResult
                {
                    Question = new DnsQuestion(name, type),
                    Status = keyStatus,
                    ResponseCode = ResponseCode.NoError,
                    Answers = [.. keySet.ToRecords(), new ResourceRecord(name, 3600, sig)],
                    Reason = keyStatus == SecurityStatus.Bogus
                        ? new ValidationFailure(ValidationFailureKind.NoKeyMatchesDs, name, "no DNSKEY matches the DS")
                        : null,
                };
        };
    }

    [Fact]
    public async Task Chain_that_holds_exits_0_and_prints_the_ds_to_submit()
    {
        DsData ds = DsCheckTests.Ksk.CreateDs(DsCheckTests.Zone);
        CliRun run = await RunAsync(Zone([ds]), "check-ds", "child.example");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"child.example.\tIN\tDS\t{ds}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"-> matches DNSKEY {DsCheckTests.Ksk.KeyTag} alg 13 KSK (flags 257), which signs the DNSKEY RRset", run.Output, StringComparison.Ordinal);
        Assert.Contains(";; CHAIN: holds", run.Output, StringComparison.Ordinal);
        Assert.Contains(";; DS records to submit", run.Output, StringComparison.Ordinal);
        Assert.Contains($"child.example.\tIN\tDS\t{DsCheckTests.Ksk.KeyTag} 13 4 ", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("WARNING", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stale_ds_only_exits_1_and_is_flagged()
    {
        var stale = new DsData(1, DnssecAlgorithm.EcdsaP256Sha256, DigestType.Sha256, new byte[32]);
        CliRun run = await RunAsync(Zone([stale], SecurityStatus.Bogus), "check-ds", "child.example.");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("MATCHES NOTHING: no DNSKEY has this key tag", run.Output, StringComparison.Ordinal);
        Assert.Contains(";; WARNING: 1 DS record(s) match no key", run.Output, StringComparison.Ordinal);
        Assert.Contains(";; CHAIN: BROKEN", run.Output, StringComparison.Ordinal);
        Assert.Contains("DNSKEY bogus (bogus: no DNSKEY matches the DS records", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_ds_at_the_parent_exits_1()
    {
        CliRun run = await RunAsync(Zone([]), "check-ds", "child.example.");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the delegation is unsigned", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_failure_exits_2_and_root_is_bad_usage()
    {
        CliRun failed = await RunAsync((name, type, _) => new ResolveResult
        {
            Question = new DnsQuestion(name, type),
            Status = SecurityStatus.Unchecked,
            ResponseCode = ResponseCode.ServFail,
            ResolutionError = "timed out",
        }, "check-ds", "child.example.");
        Assert.Equal(2, failed.ExitCode);
        AssertOneLineError(failed);

        CliRun root = await RunAsync((_, _, _) => throw new InvalidOperationException("not called"), "check-ds", ".");
        Assert.Equal(64, root.ExitCode);
        AssertOneLineError(root);
    }
}

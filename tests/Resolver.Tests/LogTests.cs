// LogTests: what the resolver writes to its ILogger (issue 16 item 8) — a resolution that succeeds
// writes nothing at Information (its line is Debug); one that fails, or whose answer is Bogus, writes
// exactly one Information entry, a sentence that names the question and says why.
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Resolver.Protocol;
using Resolver.Testing.Signing;
using Resolver.Tests.Scenarios;
using static Resolver.Tests.Scenarios.ScenarioZones;

namespace Resolver.Tests;

public sealed class LogTests
{
    private static DnsResolver Resolver(SignedNetwork net, CapturingLoggerFactory logs) =>
        new(net.Options(), new FakeTimeProvider(ZoneSigningOptions.ValidAt), logs, net.Transport);

    private static LogEntry[] Information(CapturingLoggerFactory logs) => [.. logs.Entries.Where(e => e.Level >= LogLevel.Information)];

    [Fact]
    public async Task SecureAndInsecureAnswers_WriteNothingAtInformation_OneDebugSentenceEach()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        var logs = new CapturingLoggerFactory();
        using DnsResolver resolver = Resolver(net, logs);

        Assert.Equal(SecurityStatus.Secure, (await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None)).Status);
        Assert.Equal(SecurityStatus.Insecure, (await resolver.ResolveAsync(N("www.unsigned.test."), RrType.A, CancellationToken.None)).Status);
        Assert.Equal(SecurityStatus.Secure, (await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None)).Status);

        Assert.Empty(Information(logs));
        LogEntry[] resolved = [.. logs.Entries.Where(e => e.EventId.Id is 401 or 405)];
        Assert.Equal(
            ["Resolved www.example.test. A: NOERROR, Secure.", "Resolved www.example.test. A: NOERROR, Secure."],
            resolved.Where(e => e.EventId.Id == 401).Select(e => e.Message));
        LogEntry insecure = Assert.Single(resolved, e => e.EventId.Id == 405);
        Assert.StartsWith("Resolved www.unsigned.test. A: NOERROR, insecure: ", insecure.Message);
        Assert.All(resolved, e => Assert.Equal(LogLevel.Debug, e.Level));
    }

    [Fact]
    public async Task BogusAnswer_WritesExactlyOneInformationSentence_WithTheReason()
    {
        ZoneHierarchy broken = Standard.With(Standard["example.test."].CorruptSignature(N("www.example.test."), RrType.A));
        await using SignedNetwork net = SignedNetwork.Start(broken);
        var logs = new CapturingLoggerFactory();
        using DnsResolver resolver = Resolver(net, logs);

        ResolveResult result = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Assert.Equal(SecurityStatus.Bogus, result.Status);
        LogEntry entry = Assert.Single(Information(logs));
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal(411, entry.EventId.Id);
        Assert.Equal($"The answer for www.example.test. A is bogus (withheld): {result.Reason}.", entry.Message);
    }

    [Fact]
    public async Task BogusAnswerWithCheckingDisabled_SaysTheDataWasGiven()
    {
        ZoneHierarchy broken = Standard.With(Standard["example.test."].CorruptSignature(N("www.example.test."), RrType.A));
        await using SignedNetwork net = SignedNetwork.Start(broken);
        var logs = new CapturingLoggerFactory();
        using DnsResolver resolver = Resolver(net, logs);

        ResolveResult result = await resolver.ResolveAsync(N("www.example.test."), RrType.A, ResolveBehavior.CheckingDisabled, CancellationToken.None);

        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.False(result.DataWithheld);
        LogEntry entry = Assert.Single(Information(logs));
        Assert.Equal($"The answer for www.example.test. A is bogus (given: checking disabled): {result.Reason}.", entry.Message);
    }

    [Fact]
    public async Task FailedResolution_WritesExactlyOneInformationSentence_WithTheError()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        net.Transport.Dead = (_, q) => q.Name.Equals(N("www.example.test."));
        var logs = new CapturingLoggerFactory();
        using DnsResolver resolver = Resolver(net, logs);

        ResolveResult result = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Assert.True(result.IsResolutionFailure);
        LogEntry entry = Assert.Single(Information(logs));
        Assert.Equal(410, entry.EventId.Id);
        Assert.Equal($"Could not resolve www.example.test. A: {result.ResolutionError}.", entry.Message);
        // The iterator's own account of the failure stays at Debug.
        Assert.Contains(logs.Entries, e => e.EventId.Id == 205 && e.Level == LogLevel.Debug);
    }

    [Fact]
    public async Task EveryMessage_IsASentence()
    {
        ZoneHierarchy broken = Standard.With(Standard["example.test."].CorruptSignature(N("www.example.test."), RrType.A));
        await using SignedNetwork net = SignedNetwork.Start(broken);
        var logs = new CapturingLoggerFactory();
        using DnsResolver resolver = Resolver(net, logs);

        await resolver.ResolveAsync(N("alias.example.test."), RrType.AAAA, CancellationToken.None);
        await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        await resolver.ResolveAsync(N("www.unsigned.test."), RrType.A, CancellationToken.None);

        Assert.True(logs.Entries.Count > 10, $"{logs.Entries.Count} entries");
        Assert.All(logs.Entries, e =>
        {
            Assert.True(char.IsUpper(e.Message[0]), e.Message);
            Assert.EndsWith(".", e.Message, StringComparison.Ordinal);
            Assert.False(e.Message.EndsWith("..", StringComparison.Ordinal), e.Message);
        });
    }
}

// CliHarness: runs the real dnssec-resolve command tree in-process with captured output and a fake
// resolver (canned ResolveResults, recorded calls and options), so tests need no network.
using System.Buffers.Binary;
using System.Collections.Concurrent;
using Resolver.Cli;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Cli.Tests;

internal sealed record CliRun(int ExitCode, string Output, string Error);

internal sealed class FakeResolver(Func<DnsName, RrType, ResolveBehavior, ResolveResult> answer) : IDnsResolver
{
    public ConcurrentQueue<(DnsName Name, RrType Type, ResolveBehavior Behavior)> Calls { get; } = new();

    public Task<ResolveResult> ResolveAsync(DnsName name, RrType type, CancellationToken cancellationToken) =>
        ResolveAsync(name, type, ResolveBehavior.Default, cancellationToken);

    public Task<ResolveResult> ResolveAsync(DnsName name, RrType type, ResolveBehavior behavior, CancellationToken cancellationToken)
    {
        Calls.Enqueue((name, type, behavior));
        return Task.FromResult(answer(name, type, behavior));
    }
}

internal static class CliHarness
{
    public static Task<(CliRun Run, ResolverOptions? Options)> RunAsync(IDnsResolver resolver, params string[] args) =>
        RunWithInputAsync(resolver, string.Empty, args);

    /// <summary>As <see cref="RunAsync(IDnsResolver, string[])"/>, with <paramref name="input"/> as standard input.</summary>
    public static async Task<(CliRun Run, ResolverOptions? Options)> RunWithInputAsync(IDnsResolver resolver, string input, params string[] args)
    {
        ResolverOptions? seen = null;
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment(output, error, options =>
        {
            seen = options;
            return resolver;
        }, StandardInput: new StringReader(input));
        int exit = await CliApp.RunAsync(args, environment, handleSignals: false, CancellationToken.None);
        return (new CliRun(exit, output.ToString(), error.ToString()), seen);
    }

    public static async Task<CliRun> RunAsync(Func<DnsName, RrType, ResolveBehavior, ResolveResult> answer, params string[] args) =>
        (await RunAsync(new FakeResolver(answer), args)).Run;

    public static DnsName Name(string text) => DnsName.Parse(text);

    /// <summary>One query and its response over a DNS-over-TCP stream (RFC 7766: 2-byte length prefix).</summary>
    public static async Task<DnsMessage> TcpExchangeAsync(Stream stream, DnsMessage query, TimeSpan timeout)
    {
        byte[] wire = query.ToWire();
        byte[] framed = new byte[wire.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)wire.Length);
        wire.CopyTo(framed, 2);
        await stream.WriteAsync(framed).AsTask().WaitAsync(timeout);
        byte[] prefix = new byte[2];
        await stream.ReadExactlyAsync(prefix).AsTask().WaitAsync(timeout);
        byte[] body = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(body).AsTask().WaitAsync(timeout);
        return DnsMessage.Parse(body);
    }

    public static ResourceRecord A(string owner, string address, uint ttl = 300) =>
        new(Name(owner), ttl, new AData(System.Net.IPAddress.Parse(address)));

    public static ResourceRecord Sig(string owner, RrType covered, string signer, ushort tag = 4711) =>
        new(Name(owner), 300, new RrsigData(covered, DnssecAlgorithm.EcdsaP256Sha256, (byte)Name(owner).LabelCount, 300,
            2_000_000_000, 1_700_000_000, tag, Name(signer), new byte[64]));

    public static ResolveResult Secure(DnsName name, RrType type, params ResourceRecord[] answers) => new()
    {
        Question = new DnsQuestion(name, type),
        Status = SecurityStatus.Secure,
        ResponseCode = ResponseCode.NoError,
        Answers = answers,
        CanonicalName = name,
    };

    public static ResolveResult Bogus(DnsName name, RrType type, bool withheld, params ResourceRecord[] answers) => new()
    {
        Question = new DnsQuestion(name, type),
        Status = SecurityStatus.Bogus,
        ResponseCode = ResponseCode.NoError,
        Answers = withheld ? [] : answers,
        DataWithheld = withheld,
        Reason = new ValidationFailure(ValidationFailureKind.SignatureExpired, Name("example."), "RRSIG over www.example./A", 4711, DnssecAlgorithm.EcdsaP256Sha256),
        CanonicalName = name,
    };

    /// <summary>No stack trace, exactly one diagnostic line (plus the --help hint for parse errors).</summary>
    public static void AssertOneLineError(CliRun run)
    {
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 1, 2);
        Assert.StartsWith("dnssec-resolve: ", lines[0], StringComparison.Ordinal);
    }
}

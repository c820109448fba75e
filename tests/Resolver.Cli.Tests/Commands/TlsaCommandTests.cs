// TlsaCommandTests: `tlsa HOST PORT` through the command tree against a real TLS server on loopback
// (HttpsTestServer, a certificate made in the test) with a fake resolver serving the host's address
// and TLSA records: the chain sent, which record matches which certificate, unusable records, the
// verdict and the exit code (0 authenticated, 1 not).
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using static Resolver.Cli.Tests.CliHarness;

namespace Resolver.Cli.Tests.Commands;

public sealed class TlsaCommandTests : IAsyncLifetime
{
    private const string Host = "dane.example";
    private readonly X509Certificate2 _certificate = TlsDnsServer.MakeCertificate(Host);
    private HttpsTestServer _server = null!;

    public Task InitializeAsync()
    {
        _server = HttpsTestServer.Start(_certificate);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificate.Dispose();
    }

    private Func<DnsName, RrType, ResolveBehavior, ResolveResult> Zone(params TlsaData[] tlsa) => (name, type, _) => type switch
    {
        RrType.A => Secure(name, type, A(Host + ".", "127.0.0.1")),
        RrType.TLSA => Secure(name, type, [.. tlsa.Select(t => new ResourceRecord(name, 300, t))]),
        _ => Secure(name, type),
    };

    private TlsaData DaneEe() => new(3, 1, 1, SHA256.HashData(_certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    [Fact]
    public async Task Matching_dane_ee_record_exits_0_and_names_the_certificate()
    {
        CliRun run = await RunAsync(Zone(new TlsaData(3, 1, 9, [1, 2]), DaneEe()), "tlsa", Host, _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains($";; TLSA _{_server.Port}._tcp.dane.example. — secure", run.Output, StringComparison.Ordinal);
        Assert.Contains($";;   [0] CN={Host} (issuer CN={Host})", run.Output, StringComparison.Ordinal);
        Assert.Contains($"_{_server.Port}._tcp.dane.example.\tIN\tTLSA\t{DaneEe()}\n;;   -> matches certificate 0 (DANE-EE", run.Output, StringComparison.Ordinal);
        Assert.Contains(";;   -> unusable: unknown matching type 9", run.Output, StringComparison.Ordinal);
        Assert.Contains(";; DANE: authenticated (Matched)", run.Output, StringComparison.Ordinal);
        Assert.Equal(1, _server.Accepted);
    }

    [Fact]
    public async Task Wrong_hash_exits_1_with_the_reason()
    {
        CliRun run = await RunAsync(Zone(new TlsaData(3, 1, 1, new byte[32])), "tlsa", Host, _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(";;   -> matches no certificate", run.Output, StringComparison.Ordinal);
        Assert.Contains(";; DANE: failed (NoMatch)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_port_is_bad_usage()
    {
        CliRun run = await RunAsync(Zone(DaneEe()), "tlsa", Host, "70000");
        Assert.Equal(64, run.ExitCode);
    }
}

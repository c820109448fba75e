// TransportBenchmarks: one forwarded query to a warm recursive upstream — the local Unbound of
// tests/Upstream/up, which answers every transport from the same cache — over UDP, TCP on a reused
// connection, DNS over TLS on a reused connection (RFC 7858, pipelined) and DNS over HTTPS on a reused
// HTTP/2 connection (RFC 8484), in one run with allocations. The UDP round trip is the baseline: issue
// 17 asks that a reused DoT or DoH connection cost no more than 2× it on loopback. The upstream must be
// running (the lab, then tests/Upstream/up); without it the setup says how to start it.
using System.Net;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Resolver.Protocol;
using Resolver.Testing;
using Resolver.Transport;

namespace Resolver.Benchmarks.Transport;

[MemoryDiagnoser]
public class TransportBenchmarks
{
    private static readonly DnsName s_name = DnsName.Parse("lab.");

    private DnsTransport _plain = null!;
    private DnsOverTlsTransport _tls = null!;
    private DnsOverHttpsTransport _https = null!;
    private IPEndPoint _udp = null!;
    private IPEndPoint _dot = null!;
    private IPEndPoint _doh = null!;
    private readonly TransportOptions _udpOptions = new();
    private readonly TransportOptions _tcpOptions = new() { TcpOnly = true };
    private ushort _id;

    [GlobalSetup]
    public async Task Setup()
    {
        UpstreamState upstream = UpstreamState.Current
            ?? throw new InvalidOperationException("TransportBenchmarks need the local upstream: " + UpstreamState.SkipReason);
        X509Certificate2Collection roots = [];
        roots.ImportFromPemFile(upstream.CaPath);
        _udp = new IPEndPoint(upstream.Address, 53);
        _dot = new IPEndPoint(upstream.Address, 853);
        _doh = new IPEndPoint(upstream.Address, 443);
        _plain = new DnsTransport();
        _tls = new DnsOverTlsTransport([new TlsUpstream { EndPoint = _dot, AuthenticationName = upstream.Name, TrustedRoots = roots }]);
        _https = new DnsOverHttpsTransport([new HttpsUpstream { Uri = new Uri($"https://{upstream.Name}/dns-query"), Address = _doh, TrustedRoots = roots }]);

        // Warm the upstream's cache and open the reused connections before timing.
        foreach (TransportResult warm in new[] { await Udp(), await TcpReused(), await DotReused(), await Doh2() })
        {
            if (!warm.HasResponse)
            {
                throw new InvalidOperationException($"the upstream did not answer at {warm.Server}: {warm.Error}");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tls.Dispose();
        _https.Dispose();
        (_plain as IDisposable)?.Dispose();
    }

    private DnsMessage Query() => DnsMessage.CreateQuery(++_id, s_name, RrType.DS, recursionDesired: true);

    [Benchmark(Baseline = true, Description = "UDP")]
    public Task<TransportResult> Udp() => _plain.QueryAsync(_udp, Query(), _udpOptions, default);

    [Benchmark(Description = "TCP, reused connection")]
    public Task<TransportResult> TcpReused() => _plain.QueryAsync(_udp, Query(), _tcpOptions, default);

    [Benchmark(Description = "DoT, reused connection")]
    public Task<TransportResult> DotReused() => _tls.QueryAsync(_dot, Query(), _udpOptions, default);

    [Benchmark(Description = "DoH, HTTP/2 reused connection")]
    public Task<TransportResult> Doh2() => _https.QueryAsync(_doh, Query(), _udpOptions, default);
}

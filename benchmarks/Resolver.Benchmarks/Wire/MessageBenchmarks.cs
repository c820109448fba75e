// MessageBenchmarks: parse and write a 1,245-byte DNSSEC-heavy response (RSA KSK+ZSK DNSKEY RRset
// with its RRSIG, plus an NSEC3 and its RRSIG), real bytes from the lab. The baseline is a plain
// copy of the same bytes: the floor any parser sits on.
using BenchmarkDotNet.Attributes;
using Resolver.Protocol;
using Resolver.Testing;

namespace Resolver.Benchmarks.Wire;

[MemoryDiagnoser]
public class MessageBenchmarks
{
    private byte[] _wire = [];
    private DnsMessage _message = null!;
    private readonly byte[] _buffer = new byte[DnsMessage.MaxSize];

    [GlobalSetup]
    public void Setup()
    {
        _wire = PacketFixtures.Load("dnssec-heavy");
        _message = DnsMessage.Parse(_wire);
    }

    [Benchmark(Baseline = true, Description = "copy 1,245 bytes (floor)")]
    public byte[] CopyBytes() => _wire.AsSpan().ToArray();

    [Benchmark(Description = "parse DNSSEC response")]
    public DnsMessage Parse() => DnsMessage.Parse(_wire);

    [Benchmark(Description = "write DNSSEC response (compressed)")]
    public int Write() => _message.WriteTo(_buffer);

    [Benchmark(Description = "parse + write")]
    public int RoundTrip() => DnsMessage.Parse(_wire).WriteTo(_buffer);
}

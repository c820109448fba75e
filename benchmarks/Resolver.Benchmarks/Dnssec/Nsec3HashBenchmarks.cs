// Nsec3HashBenchmarks: NSEC3 owner-name hashing (RFC 5155 §5) of a typical 22-byte wire-form name
// with a 4-byte salt, at 0 iterations (RFC 9276 §3.1) and 10. "hash" is Nsec3Hash.Compute into a
// caller buffer, the figure compare-openssl.sh sets against `openssl speed sha1` (iterations + 1
// SHA-1 compressions per hash); "owner name" adds the base32hex label and the DnsName; "one SHA-1"
// is the BCL's SHA1.HashData over the same 26 bytes — the floor of one iteration as Nsec3Hash does
// it. "proposed" is the same RFC 5155 §5 hash through one reused IncrementalHash (a caller-owned
// hasher), which skips the per-call native context set-up of the one-shot HashData; Setup checks
// that it gives Nsec3Hash's result. "managed SHA-1" is a prototype of the other fix: SHA-1 written
// in C# for the one-block inputs of this benchmark (NSEC3 rounds after the first are always one
// block: 20-byte digest + salt up to 35 bytes), which pays no native call at all.
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;

namespace Resolver.Benchmarks.Dnssec;

[MemoryDiagnoser]
public class Nsec3HashBenchmarks
{
    private static readonly DnsName s_name = DnsName.Parse("www.example-zone.com.");
    private static readonly DnsName s_zone = DnsName.Parse("example-zone.com.");
    private static readonly byte[] s_salt = [0xAA, 0xBB, 0xCC, 0xDD];
    private readonly byte[] _hash = new byte[Nsec3Hash.HashLength];
    private readonly byte[] _input = [.. s_name.WireForm, .. s_salt];
    private IncrementalHash _sha1 = null!;

    /// <summary>The NSEC3 Iterations field (additional hashes).</summary>
    [Params(0, 10)]
    public int Iterations { get; set; }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "RFC 5155 fixes SHA-1 as the NSEC3 hash.")]
    [GlobalSetup]
    public void Setup()
    {
        _sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        byte[] expected = Nsec3Hash.Compute(s_name, s_salt, Iterations);
        _ = HashWithReusedContext();
        if (!_hash.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidOperationException("The proposed NSEC3 hash differs from Nsec3Hash.Compute.");
        }

        Array.Clear(_hash);
        _ = HashWithManagedSha1();
        if (!_hash.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidOperationException("The managed SHA-1 NSEC3 hash differs from Nsec3Hash.Compute.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _sha1.Dispose();

    [Benchmark(Description = "hash")]
    public byte Hash()
    {
        Nsec3Hash.Compute(s_name, s_salt, Iterations, _hash);
        return _hash[0];
    }

    [Benchmark(Description = "owner name")]
    public DnsName OwnerName() => Nsec3Hash.ComputeOwnerName(s_name, s_zone, s_salt, Iterations);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "The floor for NSEC3 hashing, which RFC 5155 fixes to SHA-1.")]
    [Benchmark(Description = "one SHA-1 (floor)")]
    public int OneSha1() => SHA1.HashData(_input, _hash);

    [Benchmark(Description = "hash, reused IncrementalHash (proposed)")]
    public byte HashWithReusedContext()
    {
        // RFC 5155 §5: IH(salt, x, 0) = H(x || salt); IH(salt, x, k) = H(IH(salt, x, k-1) || salt).
        // The name here is already lowercase.
        Span<byte> digest = _hash;
        _sha1.AppendData(s_name.WireForm);
        _sha1.AppendData(s_salt);
        _sha1.GetHashAndReset(digest);
        for (int i = 0; i < Iterations; i++)
        {
            _sha1.AppendData(digest);
            _sha1.AppendData(s_salt);
            _sha1.GetHashAndReset(digest);
        }

        return _hash[0];
    }

    [Benchmark(Description = "hash, managed SHA-1 (prototype)")]
    public byte HashWithManagedSha1()
    {
        Span<byte> message = stackalloc byte[55];
        ReadOnlySpan<byte> wire = s_name.WireForm;
        wire.CopyTo(message);
        s_salt.CopyTo(message[wire.Length..]);
        OneBlockSha1(message[..(wire.Length + s_salt.Length)], _hash);
        s_salt.CopyTo(message[Nsec3Hash.HashLength..]);
        for (int i = 0; i < Iterations; i++)
        {
            _hash.CopyTo(message);
            OneBlockSha1(message[..(Nsec3Hash.HashLength + s_salt.Length)], _hash);
        }

        return _hash[0];
    }

    // FIPS 180-4 §6.1 SHA-1 of a message of at most 55 bytes (one padded block). Prototype only.
    private static void OneBlockSha1(ReadOnlySpan<byte> message, Span<byte> digest)
    {
        Span<uint> w = stackalloc uint[80];
        Span<byte> block = stackalloc byte[64];
        block.Clear();
        message.CopyTo(block);
        block[message.Length] = 0x80;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(block[56..], (ulong)message.Length * 8);
        for (int t = 0; t < 16; t++)
        {
            w[t] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(block[(4 * t)..]);
        }

        for (int t = 16; t < 80; t++)
        {
            w[t] = uint.RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        }

        uint a = 0x67452301, b = 0xEFCDAB89, c = 0x98BADCFE, d = 0x10325476, e = 0xC3D2E1F0;
        for (int t = 0; t < 80; t++)
        {
            uint f = t < 20 ? ((b & c) | (~b & d)) + 0x5A827999
                : t < 40 ? (b ^ c ^ d) + 0x6ED9EBA1
                : t < 60 ? ((b & c) | (b & d) | (c & d)) + 0x8F1BBCDC
                : (b ^ c ^ d) + 0xCA62C1D6;
            uint temp = uint.RotateLeft(a, 5) + f + e + w[t];
            e = d;
            d = c;
            c = uint.RotateLeft(b, 30);
            b = a;
            a = temp;
        }

        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(digest, 0x67452301 + a);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(digest[4..], 0xEFCDAB89 + b);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(digest[8..], 0x98BADCFE + c);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(digest[12..], 0x10325476 + d);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(digest[16..], 0xC3D2E1F0 + e);
    }
}

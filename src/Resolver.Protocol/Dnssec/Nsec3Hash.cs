// Nsec3Hash: the NSEC3 owner-name hash of RFC 5155 §5, IH(salt, x, k) — SHA-1 (hash algorithm 1,
// the only one defined) of the lowercased wire-form name and the salt, iterated k more times over
// the previous digest and the salt — and its base32hex owner label (RFC 5155 §3.3). Everything
// runs in stack buffers: no allocation per iteration.
using System.Security.Cryptography;
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Dnssec;

/// <summary>NSEC3 owner-name hashing (RFC 5155 §5).</summary>
public static class Nsec3Hash
{
    /// <summary>The NSEC3 hash algorithm number for SHA-1, the only one defined (RFC 5155 §11).</summary>
    public const byte Sha1Algorithm = 1;

    /// <summary>Length of a SHA-1 NSEC3 hash in bytes.</summary>
    public const int HashLength = 20;

    /// <summary>
    /// The largest iteration count accepted: RFC 5155 §10.3 allows no more than 2,500 for any key
    /// size. A record with more is not hashed at all — a validator treats it as insecure, and
    /// RFC 9276 §3.2 recommends a much lower limit, which callers apply before calling.
    /// </summary>
    public const int MaxIterations = 2500;

    /// <summary>Hashes <paramref name="name"/> into <paramref name="destination"/> (at least 20 bytes).</summary>
    /// <param name="name">The name to hash; case is ignored (it is lowercased first).</param>
    /// <param name="salt">The NSEC3 salt (0–255 bytes).</param>
    /// <param name="iterations">Additional iterations (the NSEC3 Iterations field), 0 to <see cref="MaxIterations"/>.</param>
    /// <param name="destination">Receives the 20-byte hash.</param>
    /// <exception cref="ArgumentOutOfRangeException">Iterations above <see cref="MaxIterations"/>, salt above 255 bytes, or a short destination.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "RFC 5155 fixes SHA-1 as the NSEC3 hash; it names records, it does not protect secrets.")]
    public static void Compute(DnsName name, ReadOnlySpan<byte> salt, int iterations, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(salt.Length, byte.MaxValue, nameof(salt));
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, HashLength, nameof(destination));

        // Room for the longest name + the longest salt; later rounds reuse it as digest ‖ salt.
        Span<byte> buffer = stackalloc byte[DnsName.MaxWireLength + byte.MaxValue];
        ReadOnlySpan<byte> wire = name.WireForm;
        Span<byte> lower = buffer[..wire.Length];
        wire.CopyTo(lower);
        DnsName.AsciiToLower(lower);
        salt.CopyTo(buffer[wire.Length..]);
        Span<byte> digest = destination[..HashLength];
        SHA1.HashData(buffer[..(wire.Length + salt.Length)], digest);

        if (iterations > 0)
        {
            salt.CopyTo(buffer[HashLength..]);
            Span<byte> round = buffer[..(HashLength + salt.Length)];
            for (int i = 0; i < iterations; i++)
            {
                digest.CopyTo(round);
                SHA1.HashData(round, digest);
            }
        }
    }

    /// <summary>Hashes <paramref name="name"/> and returns the 20-byte hash.</summary>
    /// <inheritdoc cref="Compute(DnsName, ReadOnlySpan{byte}, int, Span{byte})"/>
    public static byte[] Compute(DnsName name, ReadOnlySpan<byte> salt, int iterations)
    {
        byte[] hash = new byte[HashLength];
        Compute(name, salt, iterations, hash);
        return hash;
    }

    /// <summary>The hash as the lowercase base32hex label that names the NSEC3 record (32 characters).</summary>
    /// <inheritdoc cref="Compute(DnsName, ReadOnlySpan{byte}, int, Span{byte})"/>
    public static string ComputeLabel(DnsName name, ReadOnlySpan<byte> salt, int iterations)
    {
        Span<byte> hash = stackalloc byte[HashLength];
        Compute(name, salt, iterations, hash);
        return Base32Hex.Encode(hash);
    }

    /// <summary>The owner name of the NSEC3 record for <paramref name="name"/>: its hash label under <paramref name="zone"/>.</summary>
    /// <inheritdoc cref="Compute(DnsName, ReadOnlySpan{byte}, int, Span{byte})"/>
    public static DnsName ComputeOwnerName(DnsName name, DnsName zone, ReadOnlySpan<byte> salt, int iterations)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Span<byte> hash = stackalloc byte[HashLength];
        Compute(name, salt, iterations, hash);
        Span<char> chars = stackalloc char[32];
        int length = Base32Hex.EncodeTo(hash, chars);
        Span<byte> label = stackalloc byte[32];
        for (int i = 0; i < length; i++)
        {
            label[i] = (byte)chars[i];
        }

        return zone.Prepend(label[..length]);
    }
}

// ZoneSigningOptions: how ZoneSigner signs a zone — the keys (KSK+ZSK split, a single combined
// key, or several algorithms at once), keys published without signing, the signature window
// (passed in, never read from a clock), and the denial of existence: NSEC, or NSEC3 with salt,
// iterations and opt-out. ZoneKeys makes the usual key sets from a zone name, reproducibly.
using System.Security.Cryptography;
using Resolver.Protocol;

namespace Resolver.Testing.Signing;

/// <summary>Which authenticated denial of existence a signed zone carries.</summary>
public enum DenialKind
{
    /// <summary>An NSEC chain (RFC 4034 §4, RFC 4035 §2.3).</summary>
    Nsec,

    /// <summary>An NSEC3 chain and an NSEC3PARAM at the apex (RFC 5155 §7.1).</summary>
    Nsec3,

    /// <summary>No denial records at all (for tests that need a zone without proofs).</summary>
    None,
}

/// <summary>Settings for <see cref="ZoneSigner.Sign"/>. Immutable.</summary>
public sealed record ZoneSigningOptions
{
    /// <summary>Default signature inception: 2023-11-14T22:13:20Z.</summary>
    public const uint DefaultInception = 1_700_000_000;

    /// <summary>Default signature expiration: 2030-03-17T17:46:40Z.</summary>
    public const uint DefaultExpiration = 1_900_000_000;

    /// <summary>An instant inside the default window (2027-01-15T08:00:00Z), for verification.</summary>
    public static DateTimeOffset ValidAt { get; } = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    /// <summary>
    /// The signing keys. Per algorithm (RFC 4035 §2.2: every algorithm in the DNSKEY RRset signs
    /// every RRset): keys with the SEP flag sign the DNSKEY RRset, keys without it sign everything
    /// else; an algorithm with only SEP keys (a combined signing key) or only non-SEP keys signs
    /// everything with what it has.
    /// </summary>
    public required IReadOnlyList<SigningKey> Keys { get; init; }

    /// <summary>Keys whose DNSKEY is published at the apex but which sign nothing (standby or rollover keys).</summary>
    public IReadOnlyList<SigningKey> PublishedOnly { get; init; } = [];

    /// <summary>Signature inception, seconds since the epoch (mod 2^32).</summary>
    public uint Inception { get; init; } = DefaultInception;

    /// <summary>Signature expiration, seconds since the epoch (mod 2^32).</summary>
    public uint Expiration { get; init; } = DefaultExpiration;

    /// <summary>NSEC, NSEC3 or none. Default NSEC.</summary>
    public DenialKind Denial { get; init; } = DenialKind.Nsec;

    /// <summary>The NSEC3 salt (empty by default, as RFC 9276 §3.1 recommends).</summary>
    public ReadOnlyMemory<byte> Nsec3Salt { get; init; } = ReadOnlyMemory<byte>.Empty;

    /// <summary>NSEC3 additional iterations (0 by default, RFC 9276 §3.1).</summary>
    public ushort Nsec3Iterations { get; init; }

    /// <summary>NSEC3 opt-out: unsigned delegations (and empty non-terminals only they create) get
    /// no NSEC3 record and every NSEC3 has the opt-out flag (RFC 5155 §6, §7.1).</summary>
    public bool Nsec3OptOut { get; init; }

    /// <summary>TTL of the DNSKEY RRset. Default 3600.</summary>
    public uint DnskeyTtl { get; init; } = 3600;

    /// <summary>Options with a KSK + ZSK pair (or one combined key) for each algorithm, from <see cref="ZoneKeys.Generate"/>.</summary>
    public static ZoneSigningOptions For(DnsName zone, bool splitKeys = true, params DnssecAlgorithm[] algorithms) =>
        new() { Keys = ZoneKeys.Generate(zone, splitKeys, algorithms) };
}

/// <summary>Makes the key sets zones usually have.</summary>
public static class ZoneKeys
{
    /// <summary>
    /// For each algorithm (Ed25519 when none is given), a KSK (flags 257) and a ZSK (flags 256), or
    /// with <paramref name="splitKeys"/> false a single combined key (flags 257). Seeds derive from
    /// the zone name, so the same zone always gets the same ECDSA/EdDSA keys and different zones
    /// (almost always) different ones.
    /// </summary>
    public static IReadOnlyList<SigningKey> Generate(DnsName zone, bool splitKeys = true, params DnssecAlgorithm[] algorithms)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (algorithms is null || algorithms.Length == 0)
        {
            algorithms = [DnssecAlgorithm.Ed25519];
        }

        int seed = SeedOf(zone);
        var keys = new List<SigningKey>();
        foreach (DnssecAlgorithm algorithm in algorithms)
        {
            keys.Add(SigningKey.Generate(algorithm, SigningKey.KskFlags, seed));
            if (splitKeys)
            {
                keys.Add(SigningKey.Generate(algorithm, SigningKey.ZskFlags, seed + 1));
            }
        }

        return keys;
    }

    /// <summary>A stable seed for a zone name (case-insensitive): the first bytes of SHA-256 of its lowercased wire form,
    /// even so that seed and seed + 1 are distinct RSA pool slots.</summary>
    public static int SeedOf(DnsName zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        byte[] hash = SHA256.HashData(zone.ToLowerInvariant().WireForm);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(hash) & 0x7FFF_FFFE;
    }
}

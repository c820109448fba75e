// DnssecAlgorithmPolicy: which signing algorithms and DS digest types a validator will use. It
// starts from everything this library implements (RFC 8624 §3.1 "MUST"/"RECOMMENDED" for
// validation, minus what it says MUST NOT be validated: RSAMD5, DSA, GOST) and can only be
// narrowed, e.g. to drop SHA-1 where local policy forbids it. Anything not in the policy is
// "unsupported": RFC 4035 §5.2 makes such zones insecure, never bogus.
using System.Collections.Immutable;

namespace Resolver.Protocol.Dnssec;

/// <summary>An immutable set of supported DNSSEC signing algorithms and DS digest types.</summary>
public sealed class DnssecAlgorithmPolicy
{
    private static readonly ImmutableArray<DnssecAlgorithm> s_implementedAlgorithms =
    [
        DnssecAlgorithm.RsaSha1, DnssecAlgorithm.RsaSha1Nsec3Sha1, DnssecAlgorithm.RsaSha256, DnssecAlgorithm.RsaSha512,
        DnssecAlgorithm.EcdsaP256Sha256, DnssecAlgorithm.EcdsaP384Sha384, DnssecAlgorithm.Ed25519, DnssecAlgorithm.Ed448,
    ];

    private static readonly ImmutableArray<DigestType> s_implementedDigests = [DigestType.Sha1, DigestType.Sha256, DigestType.Sha384];

    // Bit n set = algorithm (or digest type) n supported; both registries are 8-bit.
    private readonly UInt128 _algorithmsLow;
    private readonly UInt128 _algorithmsHigh;
    private readonly UInt128 _digestsLow;
    private readonly UInt128 _digestsHigh;

    private DnssecAlgorithmPolicy(IEnumerable<DnssecAlgorithm> algorithms, IEnumerable<DigestType> digests)
    {
        Algorithms = [.. algorithms.Distinct().Order()];
        DigestTypes = [.. digests.Distinct().Order()];
        foreach (DnssecAlgorithm a in Algorithms)
        {
            Set(ref _algorithmsLow, ref _algorithmsHigh, (byte)a);
        }

        foreach (DigestType d in DigestTypes)
        {
            Set(ref _digestsLow, ref _digestsHigh, (byte)d);
        }
    }

    /// <summary>Every algorithm and digest type this library can verify: algorithms 5, 7, 8, 10, 13,
    /// 14, 15, 16 and digest types 1, 2, 4.</summary>
    public static DnssecAlgorithmPolicy Default { get; } = new(s_implementedAlgorithms, s_implementedDigests);

    /// <summary>The supported signing algorithms, in ascending order.</summary>
    public ImmutableArray<DnssecAlgorithm> Algorithms { get; }

    /// <summary>The supported DS digest types, in ascending order.</summary>
    public ImmutableArray<DigestType> DigestTypes { get; }

    /// <summary>True when signatures of <paramref name="algorithm"/> are verified.</summary>
    public bool Supports(DnssecAlgorithm algorithm) => IsSet(_algorithmsLow, _algorithmsHigh, (byte)algorithm);

    /// <summary>True when DS records of <paramref name="digestType"/> are checked.</summary>
    public bool Supports(DigestType digestType) => IsSet(_digestsLow, _digestsHigh, (byte)digestType);

    /// <summary>This policy without the given algorithms.</summary>
    public DnssecAlgorithmPolicy Without(params ReadOnlySpan<DnssecAlgorithm> algorithms)
    {
        var removed = algorithms.ToArray();
        return new(Algorithms.Where(a => !removed.Contains(a)), DigestTypes);
    }

    /// <summary>This policy without the given digest types.</summary>
    public DnssecAlgorithmPolicy Without(params ReadOnlySpan<DigestType> digestTypes)
    {
        var removed = digestTypes.ToArray();
        return new(Algorithms, DigestTypes.Where(d => !removed.Contains(d)));
    }

    /// <summary>This policy without anything that relies on SHA-1: algorithms 5 and 7 and digest type 1.</summary>
    public DnssecAlgorithmPolicy WithoutSha1() =>
        Without(DnssecAlgorithm.RsaSha1, DnssecAlgorithm.RsaSha1Nsec3Sha1).Without(DigestType.Sha1);

    /// <summary>This policy restricted to the given algorithms and digest types (anything not implemented is ignored).</summary>
    public DnssecAlgorithmPolicy Intersect(IEnumerable<DnssecAlgorithm> algorithms, IEnumerable<DigestType> digestTypes)
    {
        ArgumentNullException.ThrowIfNull(algorithms);
        ArgumentNullException.ThrowIfNull(digestTypes);
        var a = algorithms.ToHashSet();
        var d = digestTypes.ToHashSet();
        return new(Algorithms.Where(a.Contains), DigestTypes.Where(d.Contains));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"algorithms {string.Join(',', Algorithms.Select(a => (byte)a))}; digests {string.Join(',', DigestTypes.Select(d => (byte)d))}";

    private static void Set(ref UInt128 low, ref UInt128 high, byte bit)
    {
        if (bit < 128)
        {
            low |= UInt128.One << bit;
        }
        else
        {
            high |= UInt128.One << (bit - 128);
        }
    }

    private static bool IsSet(UInt128 low, UInt128 high, byte bit) =>
        bit < 128 ? ((low >> bit) & UInt128.One) != UInt128.Zero : ((high >> (bit - 128)) & UInt128.One) != UInt128.Zero;
}

// ByteGen: FsCheck generators for the scalars and byte strings every other generator builds on:
// integers biased towards their edge values, booleans, and byte blobs. Blobs are filled from a
// generated seed rather than byte by byte, which keeps them cheap at the sizes real keys and
// signatures have while staying reproducible from FsCheck's replay seed.
using FsCheck;
using FsCheck.Fluent;

namespace Resolver.Testing.Generators;

/// <summary>Scalar and byte-string generators.</summary>
public static class ByteGen
{
    /// <summary>Any byte.</summary>
    public static Gen<byte> Any { get; } = Gen.Choose(0, 255).Select(i => (byte)i);

    /// <summary>True or false.</summary>
    public static Gen<bool> Bool { get; } = Gen.Elements(false, true);

    /// <summary>A seed for a <see cref="Random"/> that builds a larger value deterministically.</summary>
    public static Gen<int> Seed { get; } = Gen.Choose(0, int.MaxValue);

    /// <summary>A byte, often 0 or 255.</summary>
    public static Gen<byte> Byte { get; } = Gen.Frequency((8, Any), (1, Gen.Elements<byte>(0, 1, 255)));

    /// <summary>A 16-bit value, often at an edge.</summary>
    public static Gen<ushort> UInt16 { get; } = Gen.Frequency(
        (8, Gen.Choose(0, ushort.MaxValue).Select(i => (ushort)i)),
        (2, Gen.Choose(0, 20).Select(i => (ushort)i)),
        (1, Gen.Elements<ushort>(0, 1, 0x7FFF, 0x8000, ushort.MaxValue)));

    /// <summary>A 32-bit value, often at an edge.</summary>
    public static Gen<uint> UInt32 { get; } = Gen.Frequency(
        (8, from high in Gen.Choose(0, ushort.MaxValue) from low in Gen.Choose(0, ushort.MaxValue) select ((uint)high << 16) | (uint)low),
        (2, Gen.Choose(0, 86400 * 7).Select(i => (uint)i)),
        (1, Gen.Elements<uint>(0, 1, 0x7FFFFFFF, 0x80000000, uint.MaxValue)));

    /// <summary>A blob of <paramref name="min"/> to <paramref name="max"/> random bytes.</summary>
    public static Gen<byte[]> Blob(int min, int max) =>
        from length in Gen.Choose(min, max)
        from seed in Seed
        select Fill(seed, length);

    /// <summary>A blob whose length is usually small but sometimes up to <paramref name="max"/>.</summary>
    public static Gen<byte[]> SkewedBlob(int min, int typical, int max) =>
        Gen.Frequency((6, Blob(min, Math.Max(min, typical))), (1, Blob(min, max)));

    /// <summary><paramref name="length"/> bytes from a seeded generator.</summary>
    public static byte[] Fill(int seed, int length)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}

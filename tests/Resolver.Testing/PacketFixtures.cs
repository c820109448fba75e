// PacketFixtures: real DNS responses captured from the lab's NSD servers, embedded in this
// assembly (see Packets/README.md for what each one is).
using System.Reflection;

namespace Resolver.Testing;

/// <summary>Loads the embedded packet fixtures by name (file name without <c>.bin</c>).</summary>
public static class PacketFixtures
{
    /// <summary>Every fixture name.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. typeof(PacketFixtures).Assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".bin", StringComparison.Ordinal))
            .Select(n => n["Resolver.Testing.Packets.".Length..^".bin".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>The bytes of fixture <paramref name="name"/>.</summary>
    public static byte[] Load(string name)
    {
        Assembly assembly = typeof(PacketFixtures).Assembly;
        using Stream stream = assembly.GetManifestResourceStream($"Resolver.Testing.Packets.{name}.bin")
            ?? throw new ArgumentException($"No packet fixture named '{name}'.", nameof(name));
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}

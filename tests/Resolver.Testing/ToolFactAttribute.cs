// ToolFactAttribute: a fact that runs an external program (kdig, ...) and is skipped, naming the
// Debian package to install, when that program is not on PATH — CI installs it (.ci/run).
using Xunit;

namespace Resolver.Testing;

/// <summary>A fact that needs a program on PATH: skipped with the package to install when it is absent.</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    /// <summary>Needs <paramref name="program"/>, found in the Debian package <paramref name="package"/>.</summary>
    /// <param name="program">The executable's name.</param>
    /// <param name="package">Where it comes from.</param>
    public ToolFactAttribute(string program, string package)
    {
        Program = program;
        Package = package;
    }

    /// <summary>The executable's name.</summary>
    public string Program { get; }

    /// <summary>The Debian package that installs it.</summary>
    public string Package { get; }

    /// <inheritdoc/>
    public override string Skip
    {
        get => base.Skip ?? (Find(Program) is null ? $"{Program} is not on PATH (apt-get install {Package}; .ci/run installs it)" : null!);
        set => base.Skip = value;
    }

    /// <summary>The full path of <paramref name="program"/> on PATH; null when it is not there.</summary>
    /// <param name="program">The executable's name.</param>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}

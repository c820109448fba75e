// LabState: the one place tests find the lab (../shared/lab beside the repository, or $LAB_STATE),
// learn whether it is built (zone files present) and running (the root NSD's PID alive), and get
// the paths of its zones, root hints, trust anchors, plan and matrix. LabFact/LabTheory skip a test
// with a message saying how to build or start the lab when it is not there.
using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace Resolver.Testing;

/// <summary>Where the lab's files are, and whether it is built and running.</summary>
public sealed class LabState
{
    private static readonly Lazy<LabState> s_current = new(Locate);

    private LabState(string? repositoryRoot, string stateDirectory, string labDirectory, bool fromEnvironment)
    {
        RepositoryRoot = repositoryRoot;
        StateDirectory = stateDirectory;
        LabDirectory = labDirectory;
        FromEnvironment = fromEnvironment;
    }

    /// <summary>The lab as found from this process's environment and base directory.</summary>
    public static LabState Current => s_current.Value;

    /// <summary>The directory holding Resolver.sln, or null when it cannot be found.</summary>
    public string? RepositoryRoot { get; }

    /// <summary>The lab's state directory: <c>$LAB_STATE</c>, else <c>../shared/lab/state</c> beside the repository.</summary>
    public string StateDirectory { get; }

    /// <summary>The lab's own directory (scripts, matrix.tsv): <c>../shared/lab</c> beside the repository.</summary>
    public string LabDirectory { get; }

    /// <summary>True when the state directory came from <c>$LAB_STATE</c>.</summary>
    public bool FromEnvironment { get; }

    /// <summary>The zone files as served, <c>state/zones/*.zone</c>.</summary>
    public string ZonesDirectory => Path.Combine(StateDirectory, "zones");

    /// <summary>The lab's root hints.</summary>
    public string RootHintsPath => Path.Combine(StateDirectory, "ta", "root.hints");

    /// <summary>The root trust anchor, DS and DNSKEY lines.</summary>
    public string TrustAnchorPath => Path.Combine(StateDirectory, "ta", "trust-anchor.zone");

    /// <summary>The root trust anchor, DS lines only.</summary>
    public string TrustAnchorDsPath => Path.Combine(StateDirectory, "ta", "trust-anchor-ds.zone");

    /// <summary>The root trust anchor, DNSKEY lines only.</summary>
    public string TrustAnchorDnskeyPath => Path.Combine(StateDirectory, "ta", "trust-anchor-dnskey.zone");

    /// <summary>What each zone is for (<c>state/plan.tsv</c>).</summary>
    public string PlanPath => Path.Combine(StateDirectory, "plan.tsv");

    /// <summary>The expected-outcome matrix (<c>matrix.tsv</c> in the lab directory, beside <c>state/</c>).</summary>
    public string MatrixPath => MatrixFile("matrix.tsv");

    /// <summary>The newer cases (<c>matrix-next.tsv</c>: rollovers, large responses, lame delegations, signature and denial edges).</summary>
    public string NextMatrixPath => MatrixFile("matrix-next.tsv");

    private string MatrixFile(string name) =>
        // When the repository is not beside shared/ but $LAB_STATE is the lab's own state folder,
        // the matrix sits next to that folder.
        File.Exists(Path.Combine(LabDirectory, name)) || Directory.GetParent(StateDirectory) is not { } parent ||
        !File.Exists(Path.Combine(parent.FullName, name))
            ? Path.Combine(LabDirectory, name)
            : Path.Combine(parent.FullName, name);

    /// <summary>PID files of the running servers.</summary>
    public string RunDirectory => Path.Combine(StateDirectory, "run");

    /// <summary>True when the zones have been built (<c>build-zones</c> has run).</summary>
    public bool IsBuilt => Directory.Exists(ZonesDirectory) && Directory.EnumerateFiles(ZonesDirectory, "*.zone").Any();

    /// <summary>True when the lab's servers are running (the root NSD's PID file names a live process).</summary>
    public bool IsUp => IsBuilt && IsProcessAlive(Path.Combine(RunDirectory, "nsd-root.pid"));

    /// <summary>Why a lab-backed test cannot run, or null when it can.</summary>
    /// <param name="requireUp">True when the test needs the servers running, not only the files.</param>
    public string? SkipReason(bool requireUp = false)
    {
        if (!IsBuilt)
        {
            return $"lab not built: run {Path.Combine(LabDirectory, "build-zones")} (LAB_STATE={StateDirectory})";
        }

        if (requireUp && !IsUp)
        {
            return $"lab not running: run {Path.Combine(LabDirectory, "up")} (LAB_STATE={StateDirectory})";
        }

        return null;
    }

    /// <summary>The path of a zone's file, e.g. <c>ZonePath("feat.lab")</c>; the root is <c>root</c>.</summary>
    public string ZonePath(string zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        string file = zone.TrimEnd('.');
        return Path.Combine(ZonesDirectory, (file.Length == 0 ? "root" : file) + ".zone");
    }

    /// <summary>Every zone file, sorted by file name.</summary>
    public IReadOnlyList<string> ZoneFiles() =>
        IsBuilt ? [.. Directory.EnumerateFiles(ZonesDirectory, "*.zone").Order(StringComparer.Ordinal)] : [];

    /// <summary>Finds the lab from <c>$LAB_STATE</c> and the repository root.</summary>
    public static LabState Locate() => Locate(Environment.GetEnvironmentVariable("LAB_STATE"), StartDirectory);

    /// <summary>
    /// Where the search for the repository starts: the test binaries' directory, which normally lies
    /// inside the repository; when they are built elsewhere (dotnet test --artifacts-path), the
    /// source location recorded at compile time.
    /// </summary>
    public static string StartDirectory =>
        FindRepositoryRoot(AppContext.BaseDirectory) is null && SourceDirectory() is { } source ? source : AppContext.BaseDirectory;

    private static string? SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path) is { } dir && Directory.Exists(dir) ? dir : null;

    /// <summary>Finds the lab from an explicit <c>LAB_STATE</c> value and a start directory (for tests of the locator).</summary>
    public static LabState Locate(string? labStateVariable, string startDirectory)
    {
        string? root = FindRepositoryRoot(startDirectory);
        string? sharedLab = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "lab"));
        if (!string.IsNullOrWhiteSpace(labStateVariable))
        {
            string state = Path.GetFullPath(labStateVariable);
            // The matrix lives with the lab's scripts, not in the state directory.
            string labDir = sharedLab ?? Path.GetDirectoryName(state.TrimEnd(Path.DirectorySeparatorChar)) ?? state;
            return new LabState(root, state, labDir, fromEnvironment: true);
        }

        string lab = sharedLab ?? Path.GetFullPath(Path.Combine(startDirectory, "shared", "lab"));
        return new LabState(root, Path.Combine(lab, "state"), lab, fromEnvironment: false);
    }

    /// <summary>Walks up from <paramref name="startDirectory"/> to the directory holding Resolver.sln.</summary>
    public static string? FindRepositoryRoot(string startDirectory)
    {
        for (DirectoryInfo? dir = new(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Resolver.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static bool IsProcessAlive(string pidFile)
    {
        if (!File.Exists(pidFile) ||
            !int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;   // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"lab state {StateDirectory} (built: {IsBuilt}, up: {IsUp})";
}

/// <summary>A fact that needs the lab: skipped, saying how to build or start it, when it is absent.</summary>
public sealed class LabFactAttribute : FactAttribute
{
    /// <summary>True when the test needs the lab's servers running, not only its files.</summary>
    public bool RequiresRunning { get; set; }

    /// <inheritdoc/>
    public override string Skip
    {
        get => base.Skip ?? LabState.Current.SkipReason(RequiresRunning)!;
        set => base.Skip = value;
    }
}

/// <summary>A theory that needs the lab: skipped, saying how to build or start it, when it is absent.</summary>
public sealed class LabTheoryAttribute : TheoryAttribute
{
    /// <summary>True when the test needs the lab's servers running, not only its files.</summary>
    public bool RequiresRunning { get; set; }

    /// <inheritdoc/>
    public override string Skip
    {
        get => base.Skip ?? LabState.Current.SkipReason(RequiresRunning)!;
        set => base.Skip = value;
    }
}

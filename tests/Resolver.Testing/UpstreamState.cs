// UpstreamState: the one place tests find the real encrypted upstream tests/Upstream/up starts — a
// local Unbound serving DNS over TLS and DNS over HTTPS from the lab — through the env file it writes
// ($RESOLVER_UPSTREAM_STATE/env, default /tmp/resolver-upstream/env). UpstreamFact skips a test,
// saying how to start it, when that upstream (or the lab behind it) is not running.
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Resolver.Testing;

/// <summary>Where the encrypted upstream listens and how to authenticate it.</summary>
public sealed class UpstreamState
{
    private static readonly Lazy<UpstreamState?> s_current = new(Locate);

    private UpstreamState(IPAddress address, string name, string caPath, string pin)
    {
        Address = address;
        Name = name;
        CaPath = caPath;
        Pin = pin;
    }

    /// <summary>The running upstream, or null.</summary>
    public static UpstreamState? Current => s_current.Value;

    /// <summary>The address DoT (853) and DoH (443) listen on.</summary>
    public IPAddress Address { get; }

    /// <summary>The name its certificate is issued for.</summary>
    public string Name { get; }

    /// <summary>The PEM root its certificate chains to.</summary>
    public string CaPath { get; }

    /// <summary>The SPKI pin of its key.</summary>
    public string Pin { get; }

    /// <summary>Why a test that needs the upstream cannot run, or null when it can.</summary>
    public static string? SkipReason =>
        LabState.Current.SkipReason(requireUp: true) ?? (Current is null
            ? "the encrypted upstream is not running: start it with tests/Upstream/up (after the lab); .ci/run does"
            : null);

    private static UpstreamState? Locate()
    {
        string directory = Environment.GetEnvironmentVariable("RESOLVER_UPSTREAM_STATE") ?? "/tmp/resolver-upstream";
        string env = Path.Combine(directory, "env");
        if (!File.Exists(env))
        {
            return null;
        }

        Dictionary<string, string> values = File.ReadLines(env)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!values.TryGetValue("UPSTREAM_ADDR", out string? address) || !values.TryGetValue("UPSTREAM_NAME", out string? name) ||
            !values.TryGetValue("UPSTREAM_CA", out string? ca) || !values.TryGetValue("UPSTREAM_PIN", out string? pin) ||
            !IPAddress.TryParse(address, out IPAddress? ip) || !Listening(ip, 853))
        {
            return null;
        }

        return new UpstreamState(ip, name, ca, pin);
    }

    private static bool Listening(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            return socket.ConnectAsync(address, port).Wait(TimeSpan.FromSeconds(1)) && socket.Connected;
        }
        catch (Exception e) when (e is SocketException or AggregateException)
        {
            return false;
        }
    }
}

/// <summary>A test that needs the encrypted upstream (and the lab): skipped, saying how to start it, when absent.</summary>
public sealed class UpstreamFactAttribute : FactAttribute
{
    /// <inheritdoc/>
    public override string Skip
    {
        get => base.Skip ?? UpstreamState.SkipReason!;
        set => base.Skip = value;
    }
}

// ServerSelector: picks which of a zone's servers to ask first, from what past queries taught (in the
// spirit of Unbound's infra cache): a smoothed round-trip time per server, unknown servers slotted in
// at a middling guess so they get probed, and servers that timed out pushed to the back for a back-off
// period that doubles with each further timeout. Ties are shuffled with the CSPRNG so load spreads and
// the choice is not predictable. Times come from the injected TimeProvider. Instance state, bounded.
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;

namespace Resolver.Iteration;

/// <summary>RTT-aware server ordering with back-off for dead servers.</summary>
internal sealed class ServerSelector
{
    // An unknown server ranks as if it answered in this time (Unbound uses 376 ms).
    private const double UnknownRttMs = 300;
    private const int MaxTracked = 8192;
    private readonly ConcurrentDictionary<IPEndPoint, ServerState> _servers = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _backoff;

    public ServerSelector(TimeProvider time, TimeSpan backoff)
    {
        _time = time;
        _backoff = backoff;
    }

    /// <summary>Orders candidates: live servers by smoothed RTT, then servers in back-off.</summary>
    public List<IPEndPoint> Order(IEnumerable<IPEndPoint> candidates)
    {
        IPEndPoint[] shuffled = [.. candidates];
        RandomNumberGenerator.Shuffle<IPEndPoint>(shuffled);
        DateTimeOffset now = _time.GetUtcNow();
        // OrderBy is stable, so equal keys keep their shuffled order.
        return [.. shuffled.OrderBy(s => IsBackedOff(s, now)).ThenBy(Rtt)];
    }

    /// <summary>True when the server timed out recently and is still in back-off.</summary>
    public bool IsBackedOff(IPEndPoint server) => IsBackedOff(server, _time.GetUtcNow());

    /// <summary>Records an answer (any answer: the server is alive) and its round-trip time.</summary>
    public void RecordResponse(IPEndPoint server, TimeSpan roundTrip)
    {
        ServerState state = Get(server);
        lock (state)
        {
            double ms = roundTrip.TotalMilliseconds;
            state.SmoothedRttMs = state.SmoothedRttMs < 0 ? ms : (0.7 * state.SmoothedRttMs) + (0.3 * ms);
            state.Timeouts = 0;
            state.BackedOffUntil = DateTimeOffset.MinValue;
        }
    }

    /// <summary>Records a timeout or network error: the server goes to the back for the back-off period.</summary>
    public void RecordFailure(IPEndPoint server)
    {
        ServerState state = Get(server);
        lock (state)
        {
            state.Timeouts = Math.Min(state.Timeouts + 1, 5);
            state.BackedOffUntil = _time.GetUtcNow() + (_backoff * (1 << (state.Timeouts - 1)));
        }
    }

    private bool IsBackedOff(IPEndPoint server, DateTimeOffset now)
    {
        if (!_servers.TryGetValue(server, out ServerState? state))
        {
            return false;
        }

        lock (state)
        {
            return now < state.BackedOffUntil;
        }
    }

    private double Rtt(IPEndPoint server) =>
        _servers.TryGetValue(server, out ServerState? state) && state.SmoothedRttMs >= 0 ? state.SmoothedRttMs : UnknownRttMs;

    private ServerState Get(IPEndPoint server)
    {
        if (_servers.Count >= MaxTracked)
        {
            // Bounded memory: forgetting what we learnt only costs a few probes.
            _servers.Clear();
        }

        return _servers.GetOrAdd(server, static _ => new ServerState());
    }

    private sealed class ServerState
    {
        public double SmoothedRttMs = -1;
        public int Timeouts;
        public DateTimeOffset BackedOffUntil = DateTimeOffset.MinValue;
    }
}

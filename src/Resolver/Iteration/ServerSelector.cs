// ServerSelector: picks which of a zone's servers to ask first, and how long to wait for each, from
// what past queries taught (in the spirit of Unbound's infra cache): a smoothed round-trip time and
// its variance per server, unknown servers slotted in at a middling guess so they get probed, and
// servers that timed out pushed to the back for a back-off period that doubles with each further
// timeout. The wait for one attempt is the retransmission timeout of RFC 6298 §2 (SRTT + 4·RTTVAR,
// at least 50 ms as Unbound's RTT_MIN_TIMEOUT), a configured first guess for a server never heard
// from, doubled for each timeout in a row (§5.5), never above the transport's UDP timeout. Ties are
// shuffled with the CSPRNG so load spreads and the choice is not predictable. A server that answered
// lame for a zone (Unbound's infra-cache lameness, kept infra-lame-ttl) is asked last for that zone
// until the memory expires, so one lame server costs one query per expiry, not one per resolution.
// A server that answered an EDNS query with FORMERR (RFC 6891 §7) is remembered as EDNS-less for as
// long (Unbound keeps edns_version -1 in its infra cache), so later queries go without OPT at once.
// Times come from the injected TimeProvider. Instance state, bounded, shared by every resolution of
// one resolver.
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Resolver.Protocol;

namespace Resolver.Iteration;

/// <summary>RTT-aware server ordering with back-off for dead servers.</summary>
internal sealed class ServerSelector
{
    // An unknown server ranks as if it answered in this time (Unbound uses 376 ms).
    private const double UnknownRttMs = 300;

    // RFC 6298 §2.4 allows a lower bound below its 1 s; Unbound's RTT_MIN_TIMEOUT is 50 ms, enough
    // for scheduling jitter on a host whose servers answer in well under a millisecond.
    private const double MinTimeoutMs = 50;
    private const int MaxTracked = 8192;
    private const int MaxCountedTimeouts = 16;
    private readonly ConcurrentDictionary<IPEndPoint, ServerState> _servers = new();
    private readonly ConcurrentDictionary<(IPEndPoint Server, DnsName Zone), DateTimeOffset> _lame = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _backoff;
    private readonly TimeSpan _unknownTimeout;
    private readonly TimeSpan _lameTtl;

    public ServerSelector(TimeProvider time, TimeSpan backoff, TimeSpan unknownTimeout, TimeSpan lameTtl)
    {
        _time = time;
        _backoff = backoff;
        _unknownTimeout = unknownTimeout;
        _lameTtl = lameTtl;
    }

    /// <summary>
    /// How long to wait for <paramref name="server"/>'s answer to the next query: its RFC 6298
    /// retransmission timeout (or the first guess for an unknown server), doubled for each timeout in a
    /// row, at most <paramref name="max"/>.
    /// </summary>
    public TimeSpan Timeout(IPEndPoint server, TimeSpan max)
    {
        double ms = _unknownTimeout.TotalMilliseconds;
        int timeouts = 0;
        if (_servers.TryGetValue(server, out ServerState? state))
        {
            lock (state)
            {
                if (state.SmoothedRttMs >= 0)
                {
                    ms = Math.Max(MinTimeoutMs, state.SmoothedRttMs + (4 * state.RttVarianceMs));
                }

                timeouts = state.Timeouts;
            }
        }

        ms *= 1 << Math.Min(timeouts, 10);
        return ms >= max.TotalMilliseconds ? max : TimeSpan.FromMilliseconds(ms);
    }

    /// <summary>
    /// Orders candidates for <paramref name="zone"/>: live servers by smoothed RTT, then servers in
    /// back-off, then servers remembered as lame for the zone (asked only when nothing else is left).
    /// </summary>
    public List<IPEndPoint> Order(IEnumerable<IPEndPoint> candidates, DnsName zone)
    {
        IPEndPoint[] shuffled = [.. candidates];
        RandomNumberGenerator.Shuffle<IPEndPoint>(shuffled);
        DateTimeOffset now = _time.GetUtcNow();
        // OrderBy is stable, so equal keys keep their shuffled order.
        return [.. shuffled.OrderBy(s => IsLame(s, zone, now)).ThenBy(s => IsBackedOff(s, now)).ThenBy(Rtt)];
    }

    /// <summary>
    /// Remembers that <paramref name="server"/> answered lame for <paramref name="zone"/> (REFUSED, NOTIMP,
    /// a negative answer from its cache, an upward referral): it is asked last for the zone for the
    /// configured time. A zero time turns the memory off.
    /// </summary>
    public void RecordLame(IPEndPoint server, DnsName zone)
    {
        if (_lameTtl <= TimeSpan.Zero)
        {
            return;
        }

        if (_lame.Count >= MaxTracked)
        {
            _lame.Clear();
        }

        _lame[(server, zone)] = _time.GetUtcNow() + _lameTtl;
    }

    /// <summary>True while <paramref name="server"/> is remembered as lame for <paramref name="zone"/>.</summary>
    public bool IsLame(IPEndPoint server, DnsName zone) => IsLame(server, zone, _time.GetUtcNow());

    private bool IsLame(IPEndPoint server, DnsName zone, DateTimeOffset now)
    {
        if (!_lame.TryGetValue((server, zone), out DateTimeOffset until))
        {
            return false;
        }

        if (now < until)
        {
            return true;
        }

        _lame.TryRemove(new KeyValuePair<(IPEndPoint, DnsName), DateTimeOffset>((server, zone), until));
        return false;
    }

    /// <summary>Remembers that the server rejected EDNS (FORMERR to a query with OPT), for the lame TTL.</summary>
    public void RecordNoEdns(IPEndPoint server)
    {
        ServerState state = Get(server);
        lock (state)
        {
            state.NoEdnsUntil = _time.GetUtcNow() + _lameTtl;
        }
    }

    /// <summary>True while the server is remembered as one that rejects EDNS.</summary>
    public bool RejectsEdns(IPEndPoint server)
    {
        if (!_servers.TryGetValue(server, out ServerState? state))
        {
            return false;
        }

        lock (state)
        {
            return _time.GetUtcNow() < state.NoEdnsUntil;
        }
    }

    /// <summary>True when the server timed out recently and is still in back-off.</summary>
    public bool IsBackedOff(IPEndPoint server) => IsBackedOff(server, _time.GetUtcNow());

    /// <summary>Records an answer (any answer: the server is alive) and its round-trip time.</summary>
    public void RecordResponse(IPEndPoint server, TimeSpan roundTrip)
    {
        ServerState state = Get(server);
        lock (state)
        {
            // RFC 6298 §2.2–2.3: the first sample sets SRTT and RTTVAR = R/2; later ones are smoothed
            // with alpha 1/8 and beta 1/4.
            double ms = roundTrip.TotalMilliseconds;
            if (state.SmoothedRttMs < 0)
            {
                state.SmoothedRttMs = ms;
                state.RttVarianceMs = ms / 2;
            }
            else
            {
                state.RttVarianceMs = (0.75 * state.RttVarianceMs) + (0.25 * Math.Abs(state.SmoothedRttMs - ms));
                state.SmoothedRttMs = (0.875 * state.SmoothedRttMs) + (0.125 * ms);
            }

            state.Timeouts = 0;
            state.BackedOffUntil = DateTimeOffset.MinValue;
        }
    }

    /// <summary>How many queries in a row the server has lost since it last answered (0 for an unknown server).</summary>
    public int LossesInARow(IPEndPoint server)
    {
        if (!_servers.TryGetValue(server, out ServerState? state))
        {
            return 0;
        }

        lock (state)
        {
            return state.Timeouts;
        }
    }

    /// <summary>
    /// Records a timeout or network error of a query sent when the server had lost
    /// <paramref name="lossesBefore"/> queries in a row: the server goes to the back for the back-off
    /// period, which doubles with each loss in a row (up to 16×). Queries in flight together that time
    /// out together are one loss, not several: only the first to report one that was sent at the current
    /// count counts it (Unbound's rtt_lost backs the timeout off only when the query was sent with the
    /// current one), so a burst of concurrent resolutions meeting one slow moment does not declare a
    /// server down that a single retransmission would have reached. Returns the losses in a row now.
    /// </summary>
    public int RecordFailure(IPEndPoint server, int lossesBefore)
    {
        ServerState state = Get(server);
        lock (state)
        {
            if (state.Timeouts == lossesBefore)
            {
                state.Timeouts = Math.Min(state.Timeouts + 1, MaxCountedTimeouts);
                state.BackedOffUntil = _time.GetUtcNow() + (_backoff * (1 << (Math.Min(state.Timeouts, 5) - 1)));
            }

            return state.Timeouts;
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
        public double RttVarianceMs;
        public int Timeouts;
        public DateTimeOffset BackedOffUntil = DateTimeOffset.MinValue;
        public DateTimeOffset NoEdnsUntil = DateTimeOffset.MinValue;
    }
}

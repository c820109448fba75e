// AuthorityRounds: the ServerLoop policy for a zone's authoritative servers. A server that does not
// answer is not given up at once: UDP loses packets (RFC 1035 §4.2.1 expects retransmission), so
// once every server of the zone had its turn, the ones that timed out are asked again, up to
// IterationOptions.MaxAttemptsPerServer times in all. A server that refused the connection, answered
// lame, or used up its attempts is not asked again by this resolution (ResolutionContext.MarkDead for
// the unreachable ones). When the known addresses run out, more server names are looked up — several
// at once when no address is left (bounded by MaxNameServerLookups per delegation and the resolution's
// NameServerLookupBudget) — and at last the parent-side glue of the server names. A minimised question (RFC 9156) gets one round: a server that does not
// answer it may be one that drops such queries, and the caller sends the full name next.
using System.Net;
using Microsoft.Extensions.Logging;
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Transport;

namespace Resolver.Iteration;

/// <summary>Looks a server's name up: its addresses, found within the resolution's budget.</summary>
internal delegate Task<List<IPEndPoint>> ServerAddressLookup(DnsName server, ResolutionContext context, CancellationToken cancellationToken);

/// <summary>Asking one zone's authoritative servers.</summary>
internal sealed class AuthorityRounds : ServerRounds
{
    private readonly DelegationPoint _zone;
    private readonly bool _cachedDelegation;
    private readonly bool _minimised;
    private readonly bool _stub;
    private readonly int _rounds;
    private readonly IterationOptions _options;
    private readonly ServerSelector _servers;
    private readonly ServerAddressLookup _lookUp;
    private readonly ILogger _logger;
    private readonly HashSet<IPEndPoint> _done = [];
    private readonly Dictionary<IPEndPoint, int> _timeouts = [];
    private readonly DnsCache _cache;
    private int _lookups;
    private bool _parentSideTried;
    private readonly List<(DnsName Name, Task<List<IPEndPoint>> Lookup)> _pending = [];
    private string _lastFailure;
    private ZoneReply? _recursiveAnswer;

    public AuthorityRounds(
        DelegationPoint zone, DnsQuestion question, ResolutionContext context, bool cachedDelegation, bool minimised, bool stub,
        IterationOptions options, ServerSelector servers, ServerAddressLookup lookUp, DnsCache cache, ILogger logger)
        : base(zone.Zone, question, context)
    {
        _cache = cache;
        _zone = zone;
        _cachedDelegation = cachedDelegation;
        _minimised = minimised;
        _stub = stub;
        _rounds = minimised ? 1 : options.MaxAttemptsPerServer;
        _options = options;
        _servers = servers;
        _lookUp = lookUp;
        _logger = logger;
        // Say so when an address family is left out: the servers may well have addresses of the other.
        _lastFailure = "no address for any name server of " + zone.Zone + options.Families switch
        {
            { IPv4: false } => " (IPv6 only)",
            { IPv6: false } => " (IPv4 only)",
            _ => string.Empty,
        };
    }

    /// <inheritdoc/>
    public override bool Forwarding => false;

    /// <inheritdoc/>
    public override IEnumerable<IPEndPoint> Candidates(int round) =>
        // A server whose data for this zone failed validation is not asked again in a re-fetch
        // (Unbound's blacklist); with no other server left the re-fetch fails and the caller keeps
        // its verdict on what it had.
        // Only the re-fetched question itself avoids them: looking up a server's addresses is no
        // DNSSEC data of the zone, and may need the distrusted server (its own zone's glue).
        // In round N a server is a candidate when it timed out fewer than N times so far.
        _zone.Addresses.Select(a => a.EndPoint)
            .Where(e => !_done.Contains(e) && _timeouts.GetValueOrDefault(e) < round && !Context.IsDead(e) && !Context.HasFailed(e, Question)
                && (Context.Depth > 0 || Context.Distrust?.Distrusts(Zone, e) != true));

    /// <inheritdoc/>
    public override int TimeoutsOf(IPEndPoint server) => _timeouts.GetValueOrDefault(server);

    /// <inheritdoc/>
    public override void NoResponse(IPEndPoint server, TransportResult result, int round, int lossesBefore)
    {
        if (result.Status == TransportStatus.Timeout)
        {
            // A server that has not answered its last MaxAttemptsPerServer queries, in this
            // resolution or before, is down: one probe per resolution is all it gets until it
            // answers again (and it is asked last while its back-off lasts).
            int inARow = _servers.RecordFailure(server, lossesBefore);
            int count = _timeouts[server] = _timeouts.GetValueOrDefault(server) + 1;
            if (count >= _options.MaxAttemptsPerServer || inARow >= _options.MaxAttemptsPerServer)
            {
                Context.MarkDead(server);
                _done.Add(server);
            }
        }
        else
        {
            // A refused connection or an unreachable network does not heal in a retry.
            if (result.Status == TransportStatus.NetworkError)
            {
                Context.MarkDead(server);
                _servers.RecordFailure(server, lossesBefore);
            }

            _done.Add(server);
        }

        _lastFailure = Failed(server, result);
        Log.SkippingServer(_logger, server, Zone, _lastFailure);
    }

    /// <inheritdoc/>
    public override ZoneReply? Judge(IPEndPoint server, DnsMessage response)
    {
        _done.Add(server);
        DnsMessage scrubbed = ResponseScrubber.Scrub(response, Question, Zone, out int dropped);
        if (dropped > 0)
        {
            Log.ScrubbedRecords(_logger, dropped, server, Zone);
        }

        Classification classification = ResponseClassifier.IsUpwardReferral(response, Zone)
            ? new Classification(ResponseKind.Lame, Reason: "upward referral")
            : ResponseClassifier.Classify(scrubbed, Question, Zone, requireAuthoritative: true);
        if (classification.Kind == ResponseKind.Lame)
        {
            Context.MarkFailed(server, Question);
            // A refusal of a minimised name is not remembered as lameness for the zone: the
            // server may serve the zone and only mishandle the minimised query (RFC 9156 §3);
            // the full name, asked next, tells.
            if (!_minimised && scrubbed.ResponseCode is not (ResponseCode.ServFail or ResponseCode.FormErr))
            {
                _servers.RecordLame(server, Zone);
            }

            _lastFailure = $"{server}: {classification.Reason}";
            Log.SkippingServer(_logger, server, Zone, classification.Reason ?? "lame");
            return null;
        }

        if (classification.Kind is ResponseKind.Answer or ResponseKind.Cname or ResponseKind.Dname &&
            scrubbed.RecursionAvailable && !scrubbed.IsAuthoritativeAnswer && !_stub && _recursiveAnswer is null)
        {
            // RA set and AA clear: a recursor answering from its cache, not the zone's server
            // (Unbound's recursion-lame, iter_ranoaa_lame). Its data may be stale or wrong, so
            // it is the last resort, as Unbound's server selection uses rec-lame servers only
            // when nothing else is left: the zone's other servers are asked first, and this
            // answer is taken only if none of them gives one.
            _recursiveAnswer = new ZoneReply(scrubbed, classification, server, null);
            _lastFailure = $"{server}: answer with RA but without AA (recursive lame)";
            return null;
        }

        return new ZoneReply(scrubbed, classification, server, null) { Received = response };
    }

    /// <inheritdoc/>
    // Every known address failed or none is known: find addresses of more server names, and then the
    // full address sets of names known only by glue (Unbound fetches such missing targets when it
    // runs out of servers: an IPv6-only address of a server with IPv4 glue). A minimised question
    // whose servers were all tried does not look up more of them: the caller sends the full name
    // next, which does so if it needs to (the lookups would only ask the same silent servers,
    // spending their retransmissions).
    // With no address left worth asking, several names are looked up at once (ParallelNameServerLookups,
    // as Unbound's target-fetch-policy fetches several targets at the first level); otherwise one at a
    // time, since the next known server may answer first. Every name looked up counts against the
    // resolution's NameServerLookupBudget as well as this delegation's MaxNameServerLookups. When no
    // name is left, the parent-side addresses of the servers (referral glue that a child's own answer
    // replaced) are the last resort (Unbound's parent-side glue; Deckard's iter_pcdiff).
    public override async Task<bool> FindMoreServersAsync(CancellationToken cancellationToken)
    {
        if (_minimised && (_done.Count > 0 || _timeouts.Count > 0))
        {
            return false;
        }

        bool noneLeft = _zone.Addresses.All(a => _done.Contains(a.EndPoint) || Context.IsDead(a.EndPoint));
        int width = Math.Min((noneLeft ? _options.ParallelNameServerLookups : 1) - _pending.Count, _options.MaxNameServerLookups - _lookups);
        // Names without any address first, several at once; then, one at a time, the full address sets
        // of names known only by glue (looking those up may ask the very servers still to be tried).
        int started = 0;
        while (started < width && (_zone.NextToLookUp() ?? (started == 0 && _pending.Count == 0 ? _zone.NextToLookUp(alsoKnown: true) : null)) is { } next)
        {
            if (_zone.Addresses.Any(a => a.Name.Equals(next)))
            {
                width = 1;
            }

            _zone.MarkLookedUp(next);
            if (_cachedDelegation && next.IsSubdomainOf(Zone))
            {
                // A server named inside a cached zone whose address is gone (its glue expired) can
                // only be looked up through the zone's own servers, which have just failed: the
                // lookup would recurse into the same zone for nothing. The caller asks the parent
                // for fresh glue instead (Unbound's parent-side last resort).
                continue;
            }

            if (!Context.TryCountAddressLookup(_options.NameServerLookupBudget))
            {
                _lastFailure = $"more than {_options.NameServerLookupBudget} name-server address lookups";
                break;
            }

            _lookups++;
            started++;
            _pending.Add((next, _lookUp(next, Context, cancellationToken)));
        }

        if (_pending.Count == 0)
        {
            if (started > 0 || _parentSideTried)
            {
                return started > 0;
            }

            _parentSideTried = true;
            if (_zone.AddParentSideAddresses(_cache, _options.ServerPort, _options.Families) > 0)
            {
                return true;
            }

            // Nothing else is left — typically two zones whose servers are named in each other, with the
            // only addresses in glue the scrubber kept out: that glue, from the referral to this zone, is
            // used for this delegation alone (never cached, never an answer; DelegationPoint.LastResortGlue).
            int added = _zone.UseLastResortGlue();
            if (added > 0)
            {
                Log.UsingOutOfZoneGlue(_logger, Zone, added);
            }

            return added > 0;
        }

        // The servers are asked as soon as one lookup gives an address; the others go on meanwhile and
        // are collected the next time more servers are needed (a dead server's lookup costing its
        // timeouts does not hold up a live one's). Lookups still running when a server answered end
        // on their own (their results go to the cache) and are not awaited.
        while (_pending.Count > 0)
        {
            await Task.WhenAny(_pending.Select(p => p.Lookup)).ConfigureAwait(false);
            bool found = false;
            foreach ((DnsName name, Task<List<IPEndPoint>> lookup) in _pending.Where(p => p.Lookup.IsCompleted).ToList())
            {
                _pending.Remove((name, lookup));
                foreach (IPEndPoint address in await lookup.ConfigureAwait(false))
                {
                    _zone.AddAddress(name, address);
                    found = true;
                }
            }

            if (found)
            {
                break;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    // No more servers to find: retransmit to the ones that timed out, if any attempts remain.
    public override bool AnotherRound(int round) =>
        _recursiveAnswer is null && round < _rounds && _timeouts.Any(t => !_done.Contains(t.Key) && !Context.IsDead(t.Key));

    /// <inheritdoc/>
    public override ZoneReply Finish()
    {
        if (_done.Count == 0 && _timeouts.Count == 0 && Context.Distrust is { } distrust && _zone.Addresses.Any(a => distrust.Distrusts(Zone, a.EndPoint)))
        {
            return ZoneReply.Failed($"every other server of {Zone} supplied data that failed validation");
        }

        if (_done.Count == 0 && _timeouts.Count == 0 && _zone.Addresses.Select(a => a.EndPoint).Where(Context.IsDead).ToList() is { Count: > 0 } dead)
        {
            // Nothing was asked because every known server already failed in this resolution (e.g.
            // the parent's fresh referral named the same servers): say so, not "no address".
            _lastFailure = $"every server of {Zone} failed earlier in this resolution ({string.Join(", ", dead)})";
        }

        // RFC 8914 §4.23: no server of the zone could be reached or gave a usable answer.
        return _recursiveAnswer ?? ZoneReply.Failed(_lastFailure, ExtendedErrorCode.NoReachableAuthority);
    }

    /// <inheritdoc/>
    public override ZoneReply BudgetSpent(string reason) => _recursiveAnswer ?? ZoneReply.Failed(reason);
}

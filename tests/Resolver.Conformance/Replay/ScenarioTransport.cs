// ScenarioTransport: the network of a replayed scenario. Each upstream query is answered by the
// first entry (ranges in file order, entries in order) whose range covers the current step and the
// server's address and whose MATCH fits the query; the answer is a copy of the entry's message with
// the query's ID (ADJUST copy_id) and question (copy_query). A query nothing matches times out at
// once — there is no waiting, the clock is the scenario's. Every query is logged for CHECK_OUT_QUERY.
// A query no range answers may be answered by a STEP REPLY that follows the QUERY step (testbound
// hands such a reply to the pending query it matches); the runner lists them in PendingReplies.
// Testbound uses each REPLY step once, in order, so a server that answers the same question twice
// (an error, then the real answer) is scripted as two REPLY steps: the first unused entry that
// matches answers, and only when every matching one was used is the last matching one reused.
using System.Net;
using Resolver.Conformance.Rpl;
using Resolver.Protocol;
using Resolver.Transport;

namespace Resolver.Conformance.Replay;

/// <summary>One query the resolver sent upstream.</summary>
internal sealed record SentQuery(IPEndPoint Server, DnsMessage Query, int? EntryLine)
{
    public override string ToString() => $"{Server.Address} {Query.Question} -> {(EntryLine is { } l ? "entry at line " + l : "timeout")}";
}

/// <summary>Answers upstream queries from the scenario's ranges.</summary>
internal sealed class ScenarioTransport(RplScenario scenario) : IDnsTransport
{
    private readonly Lock _gate = new();
    private readonly List<SentQuery> _sent = [];

    /// <summary>The step the scenario is at (the last QUERY step).</summary>
    public int Step { get; set; }

    /// <summary>The steps after it up to the answer's check: testbound keeps a query no range answers
    /// pending and answers it as the scenario moves on (NOTHING steps), so a range that starts at one
    /// of those steps also counts, the earliest first.</summary>
    public IReadOnlyList<int> PendingSteps { get; set; } = [];

    private IReadOnlyList<RplEntry> _pendingReplies = [];
    private readonly HashSet<RplEntry> _usedReplies = [];

    /// <summary>The entries of the REPLY steps between the current QUERY step and the next one.</summary>
    public IReadOnlyList<RplEntry> PendingReplies
    {
        get => _pendingReplies;
        set
        {
            lock (_gate)
            {
                _pendingReplies = value;
                _usedReplies.Clear();
            }
        }
    }

    public IReadOnlyList<SentQuery> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    public Task<TransportResult> QueryAsync(IPEndPoint server, DnsMessage query, TransportOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        (DnsMessage? response, int? line) = Answer(server.Address, query, overTcp: false);
        bool tcp = false;
        if (response is { IsTruncated: true } && options.RetryTruncatedOverTcp)
        {
            tcp = true;
            (response, line) = Answer(server.Address, query, overTcp: true);
        }

        lock (_gate)
        {
            _sent.Add(new SentQuery(server, query, line));
        }

        return Task.FromResult(response is null
            ? TransportResult.Failure(TransportStatus.Timeout, server, tcp, TimeSpan.Zero, "no scenario entry matches")
            : TransportResult.FromResponse(server, response, tcp, TimeSpan.FromMilliseconds(1)));
    }

    private (DnsMessage? Response, int? Line) Answer(IPAddress server, DnsMessage query, bool overTcp)
    {
        foreach (int step in PendingSteps.Prepend(Step).Distinct())
        {
            foreach (RplRange range in scenario.Ranges)
            {
                if (!range.Covers(step, server))
                {
                    continue;
                }

                foreach (RplEntry entry in range.Entries)
                {
                    if (QueryMatcher.Matches(entry, query, overTcp))
                    {
                        return (ResponseOf(entry, query), entry.Line);
                    }
                }
            }
        }

        RplEntry? reuse = null;
        lock (_gate)
        {
            foreach (RplEntry entry in _pendingReplies)
            {
                if (!QueryMatcher.Matches(entry, query, overTcp))
                {
                    continue;
                }

                if (_usedReplies.Add(entry))
                {
                    return (ResponseOf(entry, query), entry.Line);
                }

                reuse = entry;
            }
        }

        return reuse is null ? (null, null) : (ResponseOf(reuse, query), reuse.Line);
    }

    /// <summary>A fresh message from an entry, adjusted to the query.</summary>
    public static DnsMessage ResponseOf(RplEntry entry, DnsMessage query)
    {
        if (entry.Error is not null)
        {
            throw new ScenarioException($"entry at line {entry.Line} is used but could not be read: {entry.Error}");
        }

        DnsMessage message;
        if (entry.RawPacket is not null)
        {
            message = DnsMessage.Parse(entry.RawPacket);
        }
        else
        {
            message = new DnsMessage
            {
                IsResponse = entry.Has("QR"),
                OpCode = entry.OpCode,
                IsAuthoritativeAnswer = entry.Has("AA"),
                IsTruncated = entry.Has("TC"),
                RecursionDesired = entry.Has("RD"),
                RecursionAvailable = entry.Has("RA"),
                AuthenticData = entry.Has("AD"),
                CheckingDisabled = entry.Has("CD"),
                ResponseCode = entry.Rcode,
            };
            foreach (DnsQuestion q in entry.Questions)
            {
                message.Questions.Add(q);
            }

            Copy(entry.Answer, message.Answers);
            Copy(entry.Authority, message.Authorities);
            Copy(entry.Additional, message.Additionals);
            if (query.Edns is not null || entry.Has("DO") || (int)entry.Rcode > 15)
            {
                message.Edns = new EdnsRecord { DnssecOk = entry.Has("DO") };
            }
        }

        if (entry.Adjust.Contains("copy_id"))
        {
            message.Id = query.Id;
        }

        if (entry.Adjust.Contains("copy_query"))
        {
            message.Questions.Clear();
            foreach (DnsQuestion q in query.Questions)
            {
                message.Questions.Add(q);
            }
        }

        return message;
    }

    private static void Copy(List<ResourceRecord> from, IList<ResourceRecord> to)
    {
        foreach (ResourceRecord rr in from)
        {
            to.Add(rr);
        }
    }
}

/// <summary>A scenario that cannot be replayed as written (an unreadable entry in use).</summary>
internal sealed class ScenarioException(string message) : Exception(message);

// IterationOptions: every limit and switch of the iterator and forwarder, with documented defaults
// and ranges declared once in IterationLimits (the limits are what stop a hostile or broken
// delegation from costing unbounded work).
using System.Net;
using Resolver.Iteration;

namespace Resolver;

/// <summary>Limits and switches of iterative resolution (and of forwarding mode).</summary>
public sealed class IterationOptions
{
    /// <summary>The root servers to start from. Default: the IANA hints (<see cref="RootHints.Iana"/>).</summary>
    public RootHints RootHints { get; set; } = RootHints.Iana;

    /// <summary>
    /// Upstream resolvers for forwarding (stub) mode: when non-empty, questions go to these with RD=1,
    /// DO=1, CD=1 instead of being iterated from the root. Default empty (iterate).
    /// </summary>
    public IList<IPEndPoint> Forwarders { get; } = new List<IPEndPoint>();

    /// <summary>
    /// Zones whose servers are configured (Unbound's stub-zone): names at or below one are resolved
    /// starting at its servers rather than from the root, unless a deeper delegation is cached. Default empty.
    /// </summary>
    public IList<StubZone> StubZones { get; } = new List<StubZone>();

    /// <summary>
    /// Domains forwarded to configured resolvers (Unbound's forward-zone, Knot's policy.FORWARD):
    /// names at or below one are asked of its upstreams with RD=1 (answers still validated here);
    /// the deepest matching stub or forward zone wins. Only used when iterating (with
    /// <see cref="Forwarders"/> set every name is forwarded). Default empty.
    /// </summary>
    public IList<ForwardZone> ForwardZones { get; } = new List<ForwardZone>();

    /// <summary>The port of servers learnt from referrals and glue. Default 53; range 1 – 65535.</summary>
    public int ServerPort { get; set; } = IterationLimits.ServerPort.Default;

    /// <summary>Use IPv6 addresses of servers. Default false (many hosts have no IPv6 route).</summary>
    public bool UseIPv6 { get; set; }

    /// <summary>
    /// Use IPv4 addresses of servers. Default true; turn it off, with <see cref="UseIPv6"/> on, to
    /// iterate over IPv6 only (dig's -6). At least one of the two must be on.
    /// </summary>
    public bool UseIPv4 { get; set; } = true;

    /// <summary>The address families servers may be reached on.</summary>
    internal AddressFamilies Families => new(UseIPv4, UseIPv6);

    /// <summary>The longest CNAME/DNAME chain followed (links). Default 11; range 1 – 32.</summary>
    public int MaxAliasChain { get; set; } = IterationLimits.MaxAliasChain.Default;

    /// <summary>The most referrals followed in one resolution, including sub-resolutions. Default 32; range 1 – 128.</summary>
    public int MaxReferrals { get; set; } = IterationLimits.MaxReferrals.Default;

    /// <summary>The most upstream queries sent for one resolution, including NS address lookups. Default 96; range 1 – 1000.</summary>
    public int MaxUpstreamQueries { get; set; } = IterationLimits.MaxUpstreamQueries.Default;

    /// <summary>
    /// Forwarding mode: rounds over the upstream list before a question fails. An upstream resolver
    /// may itself be waiting on a slow or dead authoritative server, so a timeout is retried (as a
    /// stub resolver's resolv.conf "attempts" does). Default 3; range 1 – 10.
    /// </summary>
    public int ForwarderAttempts { get; set; } = IterationLimits.ForwarderAttempts.Default;

    /// <summary>How many missing name-server addresses are looked up for one delegation. Default 4; range 0 – 16.</summary>
    public int MaxNameServerLookups { get; set; } = IterationLimits.MaxNameServerLookups.Default;

    /// <summary>
    /// How many name-server names are looked up at once when a zone has no server address left worth
    /// asking (glueless delegations, dead or missing addresses); the A and AAAA of one name are always
    /// looked up together. With an address still to try, names are looked up one at a time.
    /// Default 3 (Unbound's target-fetch-policy starts with 3); range 1 – 8.
    /// </summary>
    public int ParallelNameServerLookups { get; set; } = IterationLimits.ParallelNameServerLookups.Default;

    /// <summary>
    /// How many name-server names may be looked up in one resolution, nested lookups included, on top
    /// of <see cref="MaxNameServerLookups"/> per delegation: a web of glueless delegations cannot cost
    /// more. Default 32; range 0 – 128.
    /// </summary>
    public int NameServerLookupBudget { get; set; } = IterationLimits.NameServerLookupBudget.Default;

    /// <summary>How deeply NS address lookups may nest (a lookup for a lookup …). Default 4; range 0 – 8.</summary>
    public int MaxLookupDepth { get; set; } = IterationLimits.MaxLookupDepth.Default;

    /// <summary>
    /// How long a server that timed out is tried last (RTT back-off), doubled on each further timeout up
    /// to 16×. Default 30 s; range 1 s – 1 hour.
    /// </summary>
    public TimeSpan DeadServerBackoff { get; set; } = IterationLimits.DeadServerBackoff.Default;

    /// <summary>
    /// Iterating: how many times one server is sent the same question in one resolution when it does
    /// not answer — a lost UDP packet is retransmitted (RFC 1035 §4.2.1) after the zone's other servers
    /// had their turn, each time with a doubled timeout (RFC 6298 §5.5); after the last one the server
    /// is not asked again in that resolution. A server that failed this many queries in a row across
    /// resolutions counts as down: one probe per resolution until it answers. Default 5 (Unbound's
    /// outbound-msg-retry); range 1 – 10.
    /// </summary>
    public int MaxAttemptsPerServer { get; set; } = IterationLimits.MaxAttemptsPerServer.Default;

    /// <summary>
    /// Iterating: how long to wait for the first answer of a server never heard from; once it has
    /// answered, the wait follows its measured round-trip time (RFC 6298 §2, at least 50 ms), and it is
    /// never longer than <see cref="Transport.TransportOptions.UdpTimeout"/>. Default 376 ms (Unbound's
    /// first guess); range 10 ms – 60 s.
    /// </summary>
    public TimeSpan UnknownServerTimeout { get; set; } = IterationLimits.UnknownServerTimeout.Default;

    /// <summary>
    /// Iterating: how long a server that answered lame for a zone — REFUSED, NOTIMP, a negative answer
    /// from its cache (RA without AA), an answer with neither data nor a referral, an upward referral —
    /// is asked only after the zone's other servers (Unbound's infra-lame-ttl). SERVFAIL and FORMERR are
    /// not remembered: they are often passing or about EDNS. Default 15 minutes; range 0 (off) – 1 day.
    /// </summary>
    public TimeSpan LameServerTtl { get; set; } = IterationLimits.LameServerTtl.Default;

    /// <summary>
    /// Send minimised query names to servers above the zone of the name (RFC 9156), in relaxed mode:
    /// NXDOMAIN, REFUSED, SERVFAIL or no answer to a minimised query sends the full name instead
    /// (§3; Unbound's qname-minimisation-strict: no). Default true, as Unbound's qname-minimisation
    /// (the lab matrix and the conformance corpus pass either way).
    /// </summary>
    public bool QnameMinimisation { get; set; } = true;

    /// <summary>
    /// QNAME minimisation: the most queries one resolution sends while revealing labels (RFC 9156
    /// §2.3 MAX_MINIMISE_COUNT): a long name gets several labels added per step so that the full
    /// name is sent by this step at the latest. Default 10; range 1 – 64.
    /// </summary>
    public int MaxMinimiseCount { get; set; } = IterationLimits.MaxMinimiseCount.Default;

    /// <summary>
    /// QNAME minimisation: how many of the first steps add a single label before the rest are spread
    /// over the remaining <see cref="MaxMinimiseCount"/> steps (RFC 9156 §2.3 MINIMISE_ONE_LAB).
    /// Default 4; range 0 – <see cref="MaxMinimiseCount"/>.
    /// </summary>
    public int MinimiseOneLabel { get; set; } = IterationLimits.MinimiseOneLabel.Default;

    /// <summary>The EDNS(0) UDP payload size advertised. Default 1232 (DNS Flag Day 2020); range 512 – 4096.</summary>
    public ushort UdpPayloadSize { get; set; } = IterationLimits.UdpPayloadSize.Default;

    /// <summary>Checks every value against its documented range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    /// <exception cref="ArgumentNullException"><see cref="RootHints"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="UseIPv4"/> and <see cref="UseIPv6"/> are both off.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(RootHints);
        if (!UseIPv4 && !UseIPv6)
        {
            throw new ArgumentException("UseIPv4 and UseIPv6 are both off: no server could be reached.", nameof(UseIPv4));
        }

        IterationLimits.ServerPort.Validate(ServerPort);
        IterationLimits.MaxAliasChain.Validate(MaxAliasChain);
        IterationLimits.MaxReferrals.Validate(MaxReferrals);
        IterationLimits.MaxUpstreamQueries.Validate(MaxUpstreamQueries);
        IterationLimits.ForwarderAttempts.Validate(ForwarderAttempts);
        IterationLimits.MaxNameServerLookups.Validate(MaxNameServerLookups);
        IterationLimits.MaxLookupDepth.Validate(MaxLookupDepth);
        IterationLimits.ParallelNameServerLookups.Validate(ParallelNameServerLookups);
        IterationLimits.NameServerLookupBudget.Validate(NameServerLookupBudget);
        IterationLimits.UdpPayloadSize.Validate(UdpPayloadSize);
        IterationLimits.MaxAttemptsPerServer.Validate(MaxAttemptsPerServer);
        IterationLimits.MaxMinimiseCount.Validate(MaxMinimiseCount);
        IterationLimits.MinimiseOneLabel.Validate(MinimiseOneLabel, MaxMinimiseCount, nameof(MaxMinimiseCount));
        IterationLimits.UnknownServerTimeout.Validate(UnknownServerTimeout);
        IterationLimits.LameServerTtl.Validate(LameServerTtl);
        IterationLimits.DeadServerBackoff.Validate(DeadServerBackoff);

        foreach (StubZone stub in StubZones)
        {
            ArgumentNullException.ThrowIfNull(stub, nameof(StubZones));
        }

        foreach (ForwardZone forward in ForwardZones)
        {
            ArgumentNullException.ThrowIfNull(forward, nameof(ForwardZones));
        }

        foreach (IPEndPoint forwarder in Forwarders)
        {
            ArgumentNullException.ThrowIfNull(forwarder, nameof(Forwarders));
        }
    }
}

// SignedNetwork: a signed ZoneHierarchy served by in-process authoritative servers on loopback —
// one server per zone, plus any extra server a test adds for a zone — and DnsResolvers wired to it.
// The hierarchy's zone data names its servers by documentation addresses (192.0.2.n, 2001:db8::n)
// and is signed that way; an address-mapping IDnsTransport (a decorator, the seam STYLE §12
// names) sends each query to the loopback server standing for that address over real UDP/TCP, so
// no signed record has to change. The same decorator injects faults per question (a server that
// is dead for DNSKEY queries only, say). For forwarding mode it also stands in for one recursive
// upstream (ForwarderAddress) that answers every question from the zone holding the name, as the
// generated forward_*.rpl scenarios do (no alias chasing).
using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using Resolver.Testing.Signing;
using Resolver.Transport;

namespace Resolver.Tests.Scenarios;

internal sealed class SignedNetwork : IAsyncDisposable
{
    private readonly TestDnsNetwork _net;
    private readonly ConcurrentDictionary<IPAddress, int> _serverOf = new();
    private readonly SignedZoneResponder?[] _responders;

    private SignedNetwork(ZoneHierarchy hierarchy, TestDnsNetwork net)
    {
        Hierarchy = hierarchy;
        _net = net;
        _responders = new SignedZoneResponder?[net.Servers.Count];
        Transport = new MappingTransport(this);
    }

    public ZoneHierarchy Hierarchy { get; private set; }

    public MappingTransport Transport { get; }

    public TestDnsNetwork Servers => _net;

    /// <summary>Serves every zone of <paramref name="hierarchy"/>, and leaves <paramref name="spare"/> servers for <see cref="ServeAt"/>.</summary>
    public static SignedNetwork Start(ZoneHierarchy hierarchy, int spare = 0)
    {
        TestDnsNetwork net = TestDnsNetwork.Start(hierarchy.Zones.Count + spare);
        var network = new SignedNetwork(hierarchy, net);
        for (int i = 0; i < hierarchy.Zones.Count; i++)
        {
            SignedZone zone = hierarchy.Zones[i];
            var (_, v4, v6) = hierarchy.NameServer(zone.Origin);
            network.Serve(i, zone);
            network._serverOf[v4] = i;
            network._serverOf[v6] = i;
        }

        return network;
    }

    /// <summary>Serves <paramref name="zone"/> (e.g. a broken copy) on spare server <paramref name="index"/>, reachable at <paramref name="address"/>.</summary>
    public void ServeAt(int index, IPAddress address, SignedZone zone)
    {
        Serve(index, zone);
        _serverOf[address] = index;
    }

    /// <summary>
    /// Makes spare server <paramref name="index"/> a recursive upstream over the whole hierarchy
    /// (HierarchyRecursor: CNAME chains followed across zones, in one answer), reachable at
    /// <paramref name="address"/>; <paramref name="tamper"/> rewrites its answers (question, answer).
    /// </summary>
    public IPEndPoint ServeForwarder(int index, IPAddress address, Func<DnsQuestion, DnsMessage, DnsMessage>? tamper = null)
    {
        AuthoritativeServer server = _net[index];
        server.AddZone(".", TestZones.Soa("."));
        server.Rewrite = (query, response) =>
        {
            DnsQuestion question = query.Questions[0];
            DnsMessage full = HierarchyRecursor.Answer(Hierarchy, question);
            full = tamper is null ? full : tamper(question, full);
            response.Answers.Clear();
            response.Authorities.Clear();
            response.Additionals.Clear();
            full.Answers.ToList().ForEach(response.Answers.Add);
            full.Authorities.ToList().ForEach(response.Authorities.Add);
            full.Additionals.ToList().ForEach(response.Additionals.Add);
            response.ResponseCode = full.ResponseCode;
            response.IsAuthoritativeAnswer = false;
            response.RecursionAvailable = true;
            return response;
        };
        _serverOf[address] = index;
        return new IPEndPoint(address, 53);
    }

    /// <summary>Replaces the zone with <paramref name="zone"/>'s origin on its own server (a repair, a breakage, a re-signing).</summary>
    public SignedZoneResponder Replace(SignedZone zone)
    {
        Hierarchy = Hierarchy.With(zone);
        int index = _serverOf[Hierarchy.NameServer(zone.Origin).V4];
        return Serve(index, zone);
    }

    /// <summary>The responder of the server for <paramref name="zone"/>.</summary>
    public SignedZoneResponder ResponderOf(string zone) => _responders[ServerIndexOf(zone)]!;

    public int ServerIndexOf(string zone) => _serverOf[Hierarchy.NameServer(DnsName.Parse(zone)).V4];

    /// <summary>Queries the server for <paramref name="zone"/> received for <paramref name="name"/>/<paramref name="type"/>.</summary>
    public int Count(string zone, string name, RrType type) => _net[ServerIndexOf(zone)].CountQueries(name, type);

    public ResolverOptions Options(Action<ResolverOptions>? configure = null)
    {
        var (rootName, rootV4, _) = Hierarchy.NameServer(Hierarchy.Top.Origin);
        var options = new ResolverOptions
        {
            Iteration = new IterationOptions { RootHints = new RootHints([new RootServer(rootName, new IPEndPoint(rootV4, 53))]) },
            Transport = TestZones.FastTransport(),
        };
        options.Validation.TrustAnchors = TrustAnchorStore.Create(Hierarchy.TrustAnchorDs.Select(r => new TrustAnchor(r.Name, r.Data)));
        configure?.Invoke(options);
        return options;
    }

    /// <summary>The address of the recursive upstream that forwarding resolvers on this network use.</summary>
    public static readonly IPAddress ForwarderAddress = IPAddress.Parse("198.51.100.53");

    /// <summary>A forwarding-mode resolver whose upstream answers from the hierarchy (see <see cref="ForwarderAddress"/>).</summary>
    public DnsResolver ForwardingResolver(FakeTimeProvider? time = null, Action<ResolverOptions>? configure = null) =>
        Resolver(time, o =>
        {
            o.Iteration.Forwarders.Add(new IPEndPoint(ForwarderAddress, 53));
            configure?.Invoke(o);
        });

    // The upstream's answer: the zone that holds the name (its parent for a DS at an apex) answers,
    // with RA set and AA clear, through that zone's responder (and so its Tamper hook).
    private DnsMessage AnswerAsUpstream(DnsMessage query)
    {
        DnsQuestion q = query.Questions[0];
        bool atApex = Hierarchy.Zones.Any(z => z.Origin == q.Name);
        DnsName name = q.Type == RrType.DS && !q.Name.IsRoot && atApex ? q.Name.Parent : q.Name;
        SignedZone zone = Hierarchy.Zones.Where(z => name.IsSubdomainOf(z.Origin)).OrderByDescending(z => z.Origin.LabelCount).First();
        var response = new DnsMessage { Id = query.Id, IsResponse = true, RecursionDesired = true, RecursionAvailable = true, CheckingDisabled = query.CheckingDisabled };
        response.Questions.Add(q);
        if (query.Edns is { } edns)
        {
            response.Edns = new EdnsRecord { DnssecOk = edns.DnssecOk, UdpPayloadSize = 1232 };
        }

        DnsMessage answered = _responders[ServerIndexOf(zone.Origin.ToString())]!.Answer(query, response);
        answered.IsAuthoritativeAnswer = false;
        answered.RecursionAvailable = true;
        return answered;
    }

    /// <summary>A resolver on this network; on <paramref name="time"/> (a FakeTimeProvider at the signing window's ValidAt) when given.</summary>
    public DnsResolver Resolver(FakeTimeProvider? time = null, Action<ResolverOptions>? configure = null) =>
        new(Options(configure), time ?? new FakeTimeProvider(ZoneSigningOptions.ValidAt), transport: Transport);

    public ValueTask DisposeAsync() => _net.DisposeAsync();

    private SignedZoneResponder Serve(int index, SignedZone zone)
    {
        var responder = new SignedZoneResponder(zone);
        _responders[index] = responder;
        AuthoritativeServer server = _net[index];
        server.AddZone(zone.Origin.ToString(), TestZones.Soa(zone.Origin.ToString()));
        server.Rewrite = (query, response) => responder.Answer(query, response);
        return responder;
    }

    /// <summary>Sends each query to the loopback server standing for the address asked; fails questions a test marks dead.</summary>
    internal sealed class MappingTransport(SignedNetwork network) : IDnsTransport
    {
        private readonly DnsTransport _inner = new();

        /// <summary>Questions to time out on (server index, question) — a server dead for some queries only.</summary>
        public Func<int, DnsQuestion, bool>? Dead { get; set; }

        public int Sent;

        public async Task<TransportResult> QueryAsync(IPEndPoint server, DnsMessage query, TransportOptions options, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Sent);
            // The built-in upstream stands at ForwarderAddress only while no test has put a server
            // of its own there (ServeForwarder, ServeAt): a test's own upstream, with its tamper —
            // the attacker a forwarding test models — must never be bypassed by the built-in one.
            if (server.Address.Equals(ForwarderAddress) && !network._serverOf.ContainsKey(server.Address))
            {
                return TransportResult.FromResponse(server, DnsMessage.Parse(network.AnswerAsUpstream(query).ToWire()), false, TimeSpan.Zero);
            }

            if (!network._serverOf.TryGetValue(server.Address, out int index))
            {
                return TransportResult.Failure(TransportStatus.NetworkError, server, false, TimeSpan.Zero, "no server at " + server.Address);
            }

            if (Dead?.Invoke(index, query.Questions[0]) == true)
            {
                return TransportResult.Failure(TransportStatus.Timeout, server, false, options.UdpTimeout, "dead (test)");
            }

            TransportResult result = await _inner.QueryAsync(network._net[index].EndPoint, query, options, cancellationToken).ConfigureAwait(false);
            return result.HasResponse
                ? TransportResult.FromResponse(server, result.Response!, result.OverTcp, result.RoundTripTime)
                : TransportResult.Failure(result.Status, server, result.OverTcp, result.RoundTripTime, result.Error ?? "failed");
        }
    }
}

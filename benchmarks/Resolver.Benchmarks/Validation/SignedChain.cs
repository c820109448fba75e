// SignedChain: the signed three-level chain the validation benchmarks resolve against — root →
// test. → example.test. on three in-process loopback servers, one zone each, KSK + ZSK per zone,
// www.example.test. A 192.0.2.1 — and the resolver options that trust its root.
using System.Net;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using Resolver.Testing.Signing;

namespace Resolver.Benchmarks.Validation;

internal static class SignedChain
{
    public static readonly DnsName Www = DnsName.Parse("www.example.test.");

    /// <summary>alias.example.test. CNAME www.example.test. — a one-link chain in the same zone.</summary>
    public static readonly DnsName Alias = DnsName.Parse("alias.example.test.");

    /// <summary>a3.example.test. CNAME a2 → a2 CNAME alias → alias CNAME www: a three-link chain in the same zone.</summary>
    public static readonly DnsName Chain3 = DnsName.Parse("a3.example.test.");

    private static readonly DnsName s_chain2 = DnsName.Parse("a2.example.test.");

    /// <summary>Signs the chain for the servers of <paramref name="net"/> (0: root, 1: test., 2: example.test.); zones in that order.</summary>
    public static SignedZone[] Sign(TestDnsNetwork net, DnssecAlgorithm algorithm, DenialKind denial = DenialKind.Nsec)
    {
        SignedZone example = Zone("example.test.", net[2].Address, algorithm, denial, [new ResourceRecord(Www, 3600, new AData(IPAddress.Parse("192.0.2.1"))), new ResourceRecord(Alias, 3600, new CnameData(Www)),
            new ResourceRecord(s_chain2, 3600, new CnameData(Alias)), new ResourceRecord(Chain3, 3600, new CnameData(s_chain2))]);
        SignedZone test = Zone("test.", net[1].Address, algorithm, denial, Delegation(example, net[2].Address));
        SignedZone root = Zone(".", net[0].Address, algorithm, denial, Delegation(test, net[1].Address));
        return [root, test, example];
    }

    /// <summary>Options that start at the chain's root server and trust its root DS.</summary>
    public static ResolverOptions Options(TestDnsNetwork net, SignedZone root)
    {
        var options = new ResolverOptions
        {
            Iteration = new IterationOptions
            {
                RootHints = new RootHints([new RootServer(DnsName.Parse("ns1."), net[0].EndPoint)]),
                ServerPort = net.Port,
            },
        };
        options.Validation.TrustAnchors = TrustAnchorStore.Create(root.CreateDsRecords().Select(r => new TrustAnchor(r.Name, r.Data)));
        return options;
    }

    private static SignedZone Zone(string origin, IPAddress nsAddress, DnssecAlgorithm algorithm, DenialKind denial, IEnumerable<ResourceRecord> extra)
    {
        DnsName apex = DnsName.Parse(origin);
        DnsName ns = apex.Prepend("ns1");
        ResourceRecord[] records =
        [
            new(apex, 3600, new SoaData(ns, apex.Prepend("hostmaster"), 1, 7200, 3600, 1_209_600, 300)),
            new(apex, 3600, new NsData(ns)),
            new(ns, 3600, new AData(nsAddress)),
            .. extra,
        ];
        return ZoneSigner.Sign(records, ZoneSigningOptions.For(apex, true, algorithm) with { Denial = denial });
    }

    private static IEnumerable<ResourceRecord> Delegation(SignedZone child, IPAddress nsAddress)
    {
        DnsName ns = child.Origin.Prepend("ns1");
        return [new(child.Origin, 3600, new NsData(ns)), new(ns, 3600, new AData(nsAddress)), .. child.CreateDsRecords()];
    }

    /// <summary>Signatures are checked at an instant inside the signer's window, whatever the machine's clock says.</summary>
    internal sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => ZoneSigningOptions.ValidAt;
    }
}

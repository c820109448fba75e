// ChainThroughWildcardsAndOptOutTests (issue 12, item 5): CNAME chains through wildcard expansions
// and into NSEC3 opt-out spans, iterating and through a forwarder that returns the whole chain in
// one answer. Each wildcard-expanded RRset of a chain needs its own proof that its next closer name
// does not exist (RFC 4035 §5.3.4, RFC 5155 §8.8); a CNAME into an unsigned delegation covered by
// opt-out is Insecure (RFC 5155 §9.2), the zone cut found by DS queries where the answer names none;
// opt-out never excuses a missing closest-encloser proof (RFC 5155 §8.4).
using System.Net;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using static Resolver.Tests.Scenarios.ScenarioZones;

namespace Resolver.Tests.Scenarios;

public sealed class ChainThroughWildcardsAndOptOutTests
{
    private static readonly IPAddress s_upstream = IPAddress.Parse("198.51.100.53");

    // test. (NSEC3 opt-out) → example.test. (NSEC), other.test. (NSEC3), insecure.test. (unsigned).
    private static readonly Lazy<ZoneHierarchy> s_zones = new(() => new ZoneHierarchyBuilder()
        .AddZone(".")
        .AddZone("test.", ZoneSigningOptions.For(N("test.")) with { Denial = DenialKind.Nsec3, Nsec3OptOut = true, Nsec3Salt = new byte[] { 0xAB, 0xCD } })
        .AddZone("example.test.", text: "chain CNAME a.w1\n*.w1 CNAME b.w2.other.test.\noptout CNAME www.insecure.test.\ngone CNAME nothere.test.\nbelow CNAME nothere.insecure.test.\n")
        .AddZone("other.test.", ZoneSigningOptions.For(N("other.test.")) with { Denial = DenialKind.Nsec3, Nsec3Salt = new byte[] { 0x01 } }, text: "*.w2 A 192.0.2.82\n")
        .AddUnsignedZone("insecure.test.", text: "www A 192.0.2.81\n")
        .Build());

    private static async Task<ResolveResult> Resolve(string name, bool forward, Func<DnsQuestion, DnsMessage, DnsMessage>? tamper = null, RrType type = RrType.A)
    {
        await using SignedNetwork net = SignedNetwork.Start(s_zones.Value, spare: 1);
        Action<ResolverOptions>? configure = null;
        if (forward)
        {
            IPEndPoint upstream = net.ServeForwarder(net.Servers.Servers.Count - 1, s_upstream, tamper);
            configure = o => o.Iteration.Forwarders.Add(upstream);
        }
        else if (tamper is not null)
        {
            foreach (SignedZone zone in s_zones.Value.Zones)
            {
                net.ResponderOf(zone.Origin.ToString()).Tamper = m => tamper(m.Questions[0], m);
            }
        }

        using DnsResolver resolver = net.Resolver(configure: configure);
        return await resolver.ResolveAsync(N(name), type, ResolveBehavior.Default, CancellationToken.None);
    }

    // Drops the NSEC/NSEC3 records (with their RRSIGs) of `zone` from every answer that carries an
    // RRset of that zone expanded from a wildcard (RRSIG labels below the owner's, RFC 4035 §5.3.2).
    private static Func<DnsQuestion, DnsMessage, DnsMessage> StripWildcardProof(string zone) => (_, m) =>
    {
        DnsName z = N(zone);
        if (m.Answers.Any(r => r.Data is RrsigData s && s.Labels < r.Name.LabelCount && r.Name.IsSubdomainOf(z)))
        {
            Keep(m, r => !(r.Name.IsSubdomainOf(z) && IsDenial(r)));
        }

        return m;
    };

    private static bool IsDenial(ResourceRecord r) =>
        r.Type is RrType.NSEC or RrType.NSEC3 || r.Data is RrsigData { TypeCovered: RrType.NSEC or RrType.NSEC3 };

    private static void Keep(DnsMessage m, Func<ResourceRecord, bool> keep)
    {
        var kept = m.Authorities.Where(keep).ToList();
        m.Authorities.Clear();
        kept.ForEach(m.Authorities.Add);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CnameToWildcardCnameToWildcardA_EachExpansionProven_IsSecure_Rfc4035Section5_3_4(bool forward)
    {
        ResolveResult result = await Resolve("chain.example.test.", forward);
        Assert.Equal(SecurityStatus.Secure, result.Status);
        Assert.Equal(ResponseCode.NoError, result.ResponseCode);
        Assert.Equal([IPAddress.Parse("192.0.2.82")], result.Records.Select(r => ((AData)r.Data).Address));
        // One wildcard proof per expansion, each from its own zone (NSEC in example.test., NSEC3 in other.test.).
        Assert.Equal(["example.test.", "other.test."], result.Chain.Denials.Select(d => d.Zone.ToString()).Order());
    }

    // Forwarding: the DS walk that finds the zone holding each signed RRset (RFC 4035 §5.3.1, the
    // signer is only a claim) stops at a wildcard expansion's closest encloser — the names below it
    // are proven not to exist, so none is a cut. It asked DS at b.w2.other.test. (a wildcard NODATA).
    [Fact]
    public async Task ForwardedWildcardExpansion_NoDsQueryBelowTheClosestEncloser_Rfc4035Section5_3_4()
    {
        var asked = new System.Collections.Concurrent.ConcurrentQueue<DnsQuestion>();
        ResolveResult result = await Resolve("chain.example.test.", forward: true, (q, m) =>
        {
            asked.Enqueue(q);
            return m;
        });
        Assert.True(result.Status == SecurityStatus.Secure, result.Reason?.ToString());
        DnsName[] dsAsked = [.. asked.Where(q => q.Type == RrType.DS).Select(q => q.Name)];
        Assert.Contains(N("w2.other.test."), dsAsked);
        Assert.DoesNotContain(N("b.w2.other.test."), dsAsked);
        Assert.DoesNotContain(N("a.w1.example.test."), dsAsked);
    }

    // Regression (forwarding): the chain's answer carries both zones' proofs; other.test.'s NSEC3s
    // were checked against example.test.'s keys, and the missing NSEC was reported as missing RRSIGs
    // (EDE 10) instead of a missing wildcard proof.
    [Theory]
    [InlineData(false, "example.test.")]
    [InlineData(true, "example.test.")]
    [InlineData(false, "other.test.")]
    [InlineData(true, "other.test.")]
    public async Task ChainWhoseOneExpansionLacksItsProof_IsBogus_Rfc5155Section8_8(bool forward, string zone)
    {
        ResolveResult result = await Resolve("chain.example.test.", forward, StripWildcardProof(zone));
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.True(result.Reason!.Kind == ValidationFailureKind.MissingWildcardProof, result.Reason.ToString());
        Assert.Equal(N(zone), result.Reason.Zone);
    }

    // example.test.'s server follows the chain inside its own zone (RFC 1034 §4.3.2 step 3a, as NSD
    // and BIND do): chain CNAME, the expanded a.w1 CNAME and its proof in one response.
    private static Func<DnsQuestion, DnsMessage, DnsMessage> InZoneChain(bool stripProof) => (q, m) =>
    {
        DnsName example = N("example.test.");
        if (q.Name != N("chain.example.test.") || q.Type != RrType.A)
        {
            return m;
        }

        DnsMessage full = Resolver.Testing.Servers.HierarchyRecursor.Answer(s_zones.Value, q, recursive: false);
        m.Answers.Clear();
        full.Answers.Where(r => r.Name.IsSubdomainOf(example)).ToList().ForEach(m.Answers.Add);
        m.Authorities.Clear();
        full.Authorities.Where(r => r.Name.IsSubdomainOf(example) && !(stripProof && IsDenial(r))).ToList().ForEach(m.Authorities.Add);
        return m;
    };

    [Fact]
    public async Task InZoneChainWithWildcardExpansion_FromOneAuthoritativeResponse_IsSecure_Rfc4035Section5_3_4()
    {
        ResolveResult result = await Resolve("chain.example.test.", forward: false, InZoneChain(stripProof: false));
        Assert.True(result.Status == SecurityStatus.Secure, result.Reason?.ToString());
        Assert.Equal(["example.test.", "other.test."], result.Chain.Denials.Select(d => d.Zone.ToString()).Order());
    }

    [Fact]
    public async Task InZoneChainWithWildcardExpansion_WithoutItsProof_IsBogus_Rfc4035Section5_3_4()
    {
        ResolveResult result = await Resolve("chain.example.test.", forward: false, InZoneChain(stripProof: true));
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.True(result.Reason!.Kind == ValidationFailureKind.MissingWildcardProof, result.Reason.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SecureCnameIntoOptOutUnsignedDelegation_IsInsecure_Rfc5155Section9_2(bool forward)
    {
        ResolveResult result = await Resolve("optout.example.test.", forward);
        Assert.Equal(SecurityStatus.Insecure, result.Status);
        // Proven by the DS query for insecure.test.: NODATA from test. whose next closer lies in an opt-out span.
        Assert.True(result.Reason!.Kind == ValidationFailureKind.OptOutSpan, result.Reason.ToString());
        Assert.Equal(N("test."), result.Reason.Zone);
        Assert.Contains(result.Records, r => r.Data is AData a && a.Address.Equals(IPAddress.Parse("192.0.2.81")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CnameToNxDomainInOptOutSpan_IsInsecureNxDomain_Rfc5155Section9_2(bool forward)
    {
        ResolveResult result = await Resolve("gone.example.test.", forward);
        Assert.Equal(SecurityStatus.Insecure, result.Status);
        Assert.Equal(ResponseCode.NXDomain, result.ResponseCode);
        Assert.Equal(ValidationFailureKind.OptOutSpan, result.Reason!.Kind);
    }

    [Theory]
    [InlineData(false, RrType.A, ResponseCode.NXDomain, "below.example.test.")]
    [InlineData(true, RrType.A, ResponseCode.NXDomain, "below.example.test.")]
    [InlineData(false, RrType.TXT, ResponseCode.NoError, "optout.example.test.")]
    [InlineData(true, RrType.TXT, ResponseCode.NoError, "optout.example.test.")]
    public async Task SecureCnameToNegativeAnswerBelowOptOutDelegation_IsInsecure_Rfc4035Section5_2(bool forward, RrType type, ResponseCode rcode, string name)
    {
        // The unsigned zone's NXDOMAIN/NODATA has no proof at all; the DS walk to the target finds
        // the unsigned cut insecure.test. (in test.'s opt-out span), so nothing below it is Bogus.
        ResolveResult result = await Resolve(name, forward, type: type);
        Assert.True(result.Status == SecurityStatus.Insecure, result.Reason?.ToString());
        Assert.Equal(rcode, result.ResponseCode);
        Assert.Contains(result.Answers, r => r.Type == RrType.CNAME);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CnameToOptOutNxDomainWithoutClosestEncloser_IsBogus_Rfc5155Section8_4(bool forward)
    {
        DnsName encloserOwner = s_zones.Value[N("test.")].Nsec3OwnerOf(N("test."));
        ResolveResult result = await Resolve("gone.example.test.", forward, (_, m) =>
        {
            if (m.ResponseCode == ResponseCode.NXDomain)
            {
                Keep(m, r => !(r.Name == encloserOwner && IsDenial(r)));
            }

            return m;
        });
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(N("test."), result.Reason!.Zone);
        Assert.Contains("missing ClosestEncloserMatch", result.Reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwarderAnsweringTheOptOutTargetWithAReferral_GivesTheCnameInsecure_AsUnbound()
    {
        // Regression: a referral from the upstream for the CNAME target was "not recursive" and the
        // resolution failed (SERVFAIL). Unbound takes a forwarder's referral as a NOERROR without data;
        // the NSEC3 opt-out span in it proves no signed delegation covers the target (RFC 5155 §9.2).
        ZoneHierarchy zones = s_zones.Value;
        DnsName insecure = N("insecure.test.");
        ResolveResult result = await Resolve("optout.example.test.", forward: true, (q, m) =>
        {
            if (q.Type == RrType.DS || !(q.Name == N("optout.example.test.") || q.Name.IsSubdomainOf(insecure)))
            {
                return m;
            }

            DnsMessage referral = Resolver.Testing.Servers.HierarchyRecursor.Ask(zones[N("test.")], new DnsQuestion(N("www.insecure.test."), q.Type), recursive: false);
            var chain = m.Answers.Where(r => !r.Name.IsSubdomainOf(insecure)).ToList();
            m.Answers.Clear();
            chain.ForEach(m.Answers.Add);
            Keep(m, _ => false);
            referral.Authorities.ToList().ForEach(m.Authorities.Add);
            m.ResponseCode = ResponseCode.NoError;
            return m;
        });
        Assert.Equal(SecurityStatus.Insecure, result.Status);
        Assert.Equal(ResponseCode.NoError, result.ResponseCode);
        Assert.Equal([RrType.CNAME], result.Answers.Where(r => r.Type != RrType.RRSIG).Select(r => r.Type).Distinct());
    }
}

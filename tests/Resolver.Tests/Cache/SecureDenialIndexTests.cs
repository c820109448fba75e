// SecureDenialIndex (RFC 8198) on its own: which held records a synthesis may use. Regression
// (conformance scenario unbound/stop_nxdomain_label.rpl): a public parent's NSEC proving a name does
// not exist must not answer for a zone configured below it (a stub zone), whose own servers decide.
using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using Resolver.Cache;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;

namespace Resolver.Tests.Cache;

public sealed class SecureDenialIndexTests
{
    private static readonly DnsName s_zone = DnsName.Parse("example.");

    private static DnsName N(string name) => DnsName.Parse(name);

    // The zone's records need not verify here: the index keeps what the validator vouched for, and
    // a synthesized answer is validated again before use.
    private static ResourceRecord Sig(DnsName owner, RrType covered) =>
        new(owner, 300, new RrsigData(covered, DnssecAlgorithm.Ed25519, (byte)owner.SignatureLabelCount, 300, 1_900_000_000, 1_700_000_000, 1, s_zone, new byte[64]));

    private static ImmutableArray<ResourceRecord> NxDomainProof() =>
    [
        new(s_zone, 300, new SoaData(N("ns.example."), N("h.example."), 1, 2, 3, 4, 300)),
        Sig(s_zone, RrType.SOA),
        new(s_zone, 300, new NsecData(N("a.example."), TypeBitmap.FromTypes([RrType.NS, RrType.SOA, RrType.RRSIG, RrType.NSEC, RrType.DNSKEY]))),
        Sig(s_zone, RrType.NSEC),
        new(N("a.example."), 300, new NsecData(N("m.example."), TypeBitmap.FromTypes([RrType.A, RrType.RRSIG, RrType.NSEC]))),
        Sig(N("a.example."), RrType.NSEC),
    ];

    private static SecureDenialIndex Index(FakeTimeProvider time, Func<DnsName, RrType, bool>? validated = null)
    {
        var index = new SecureDenialIndex(time, TimeSpan.FromHours(3), 1000, new DnsCacheOptions().AggressiveNsecMaxIterations);
        index.Add(s_zone, NxDomainProof(), validated ?? ((_, _) => true), time.GetUtcNow().AddDays(1));
        return index;
    }

    [Fact]
    public void Covered_name_is_NXDOMAIN_and_an_existing_type_gap_is_NODATA()
    {
        SecureDenialIndex index = Index(new FakeTimeProvider());

        Assert.Equal(NegativeKind.NxDomain, index.Synthesize(N("b.example."), RrType.A)?.Kind);
        Assert.Equal(NegativeKind.NxDomain, index.Synthesize(N("x.b.example."), RrType.A)?.Kind);
        Assert.Equal(NegativeKind.NoData, index.Synthesize(N("a.example."), RrType.TXT)?.Kind);
        Assert.Null(index.Synthesize(N("a.example."), RrType.A));
        Assert.Null(index.Synthesize(N("z.example."), RrType.A));
    }

    [Fact]
    public void A_configured_zone_below_the_proof_is_not_answered_for()
    {
        SecureDenialIndex index = Index(new FakeTimeProvider());

        Assert.Null(index.Synthesize(N("www.b.example."), RrType.A, floor: N("b.example.")));
        Assert.NotNull(index.Synthesize(N("www.b.example."), RrType.A, floor: s_zone));
    }

    [Fact]
    public void Records_the_validator_did_not_check_are_not_kept()
    {
        SecureDenialIndex index = Index(new FakeTimeProvider(), (owner, type) => !(owner == N("a.example.") && type == RrType.NSEC));

        Assert.Null(index.Synthesize(N("b.example."), RrType.A));
    }

    [Fact]
    public void Records_of_an_answer_found_Bogus_are_forgotten()
    {
        SecureDenialIndex index = Index(new FakeTimeProvider());

        index.Remove(NxDomainProof());

        Assert.Null(index.Synthesize(N("b.example."), RrType.A));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Wildcard_expansion_answers_other_covered_names_until_forgotten()
    {
        var time = new FakeTimeProvider();
        SecureDenialIndex index = Index(time);
        // *.example. expanded at c.example. (Labels 1), proven by the NSEC a. -> m. covering c.example.
        var expanded = new SignedRrSet(
            new RrSet(N("c.example."), RrClass.IN, RrType.A, 300, [new AData(System.Net.IPAddress.Parse("192.0.2.1"))]),
            [new RrsigData(RrType.A, DnssecAlgorithm.Ed25519, 1, 300, 1_900_000_000, 1_700_000_000, 1, s_zone, new byte[64])]);
        index.AddWildcard(s_zone, expanded, TimeSpan.FromDays(1), time.GetUtcNow().AddDays(1));

        SynthesizedAnswer? answer = index.SynthesizeWildcard(N("d.example."), RrType.A);

        Assert.NotNull(answer);
        Assert.All(answer.Records, r => Assert.Equal(N("d.example."), r.Name));
        Assert.Contains(answer.Proof, r => r.Name == N("a.example.") && r.Type == RrType.NSEC);
        Assert.Null(index.SynthesizeWildcard(N("a.example."), RrType.A));   // exists: no expansion there
        index.RemoveWildcard(expanded);
        Assert.Null(index.SynthesizeWildcard(N("d.example."), RrType.A));
    }

    [Fact]
    public void Records_expire_with_the_negative_TTL()
    {
        var time = new FakeTimeProvider();
        SecureDenialIndex index = Index(time);

        time.Advance(TimeSpan.FromSeconds(301));

        Assert.Null(index.Synthesize(N("b.example."), RrType.A));
    }
}

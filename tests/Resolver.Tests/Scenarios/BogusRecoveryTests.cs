// BogusRecoveryTests: the whole resolver when one of a zone's two servers serves broken DNSSEC data
// (an expired or corrupted DNSKEY signature, an unsigned answer: a stale or "DNSSEC-lame"
// secondary). The server that supplied the failing RRset is distrusted for the zone and the other
// is asked (Unbound's blacklist, val-max-restart); a Bogus key entry is then kept for BogusTtl and
// answers for the zone without more queries; a DS that validated stays cached when only the
// child's DNSKEY failed. The broken server is always asked first: it has glue in the referral,
// the good one is named out of bailiwick and only looked up when needed.
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Resolver.Protocol;
using Resolver.Testing.Signing;
using static Resolver.Tests.Scenarios.ScenarioZones;

namespace Resolver.Tests.Scenarios;

public sealed class BogusRecoveryTests
{
    private static readonly IPAddress GoodAddress = IPAddress.Parse("192.0.2.200");
    private static readonly DnsName Example = N("example.test.");

    private static readonly Lazy<ZoneHierarchy> s_twoServers = new(() => new ZoneHierarchyBuilder()
        .AddZone(".")
        .AddZone("test.", text: "example NS ns.other.test.\n")
        .AddZone("other.test.", text: $"ns A {GoodAddress}\n")
        .AddZone("example.test.", text: "@ NS ns.other.test.\nwww A 192.0.2.10\nftp A 192.0.2.11\n")
        .Build());

    [Fact]
    public async Task BrokenDnskeyAtTheFirstServer_TheOtherServerIsAsked_Secure()
    {
        ZoneHierarchy good = s_twoServers.Value;
        SignedZone broken = good["example.test."].CorruptSignature(Example, RrType.DNSKEY);
        await using SignedNetwork net = StartWithBrokenFirstServer(good, broken);
        using DnsResolver resolver = net.Resolver();

        ResolveResult result = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Assert.Equal(SecurityStatus.Secure, result.Status);
        Assert.Equal(1, net.Count("example.test.", "example.test.", RrType.DNSKEY));
        Assert.Equal(1, GoodServer(net).CountQueries("example.test.", RrType.DNSKEY));
    }

    [Fact]
    public async Task UnsignedAnswerFromADnssecLameServer_TheOtherServerIsAsked_Secure()
    {
        ZoneHierarchy good = s_twoServers.Value;
        SignedZone lame = good["example.test."].StripSignatures(N("www.example.test."), RrType.A);
        await using SignedNetwork net = StartWithBrokenFirstServer(good, lame);
        using DnsResolver resolver = net.Resolver();

        ResolveResult result = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Assert.Equal(SecurityStatus.Secure, result.Status);
        Assert.Equal(1, GoodServer(net).CountQueries("www.example.test.", RrType.A));
    }

    [Theory]
    [InlineData(2, SecurityStatus.Secure)]
    [InlineData(0, SecurityStatus.Bogus)]
    public async Task UnsignedAnswer_WhenNoServerAnswersTheDsWalkDown_IsJudgedInTheSignedZone_NotAResolutionFailure(int restarts, SecurityStatus expected)
    {
        // Regression (conformance unbound/iter_dnsseclame_ds, iter_dnsseclame_bug): unsigned data
        // below the cut sends the validator looking for a deeper zone (DS at the owner); when
        // nobody answers those DS queries the data was left unresolved (SERVFAIL, no recovery).
        // It is judged in the zone known to be signed: Bogus, and the other server is asked.
        ZoneHierarchy good = s_twoServers.Value;
        SignedZone lame = good["example.test."].StripSignatures(N("www.example.test."), RrType.A);
        await using SignedNetwork net = StartWithBrokenFirstServer(good, lame);
        net.Transport.Dead = (_, q) => q.Type == RrType.DS && q.Name.Equals(N("www.example.test."));
        using DnsResolver resolver = net.Resolver(configure: o => o.Validation.MaxRestarts = restarts);

        ResolveResult result = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Assert.False(result.IsResolutionFailure, result.ResolutionError);
        Assert.Equal(expected, result.Status);
        if (expected == SecurityStatus.Bogus)
        {
            Assert.Equal(ValidationFailureKind.MissingSignatures, result.Reason!.Kind);
        }
    }

    [Fact]
    public async Task NoRestartsAllowed_TheBrokenServersAnswerIsBogus()
    {
        ZoneHierarchy good = s_twoServers.Value;
        SignedZone broken = good["example.test."].CorruptSignature(Example, RrType.DNSKEY);
        await using SignedNetwork net = StartWithBrokenFirstServer(good, broken);
        using DnsResolver resolver = net.Resolver(configure: o => o.Validation.MaxRestarts = 0);

        ResolveResult result = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Empty(GoodServer(net).Queries);
    }

    [Fact]
    public async Task BogusKeyEntry_AnswersForTheZone_WithoutMoreQueries_Ede7()
    {
        // RFC 4035 §4.7: Bogus data may be cached briefly. The zone's only server signs its DNSKEY
        // RRset with an expired signature; a later name in the zone is Bogus for the same reason
        // (SignatureExpired, RFC 8914 EDE 7) from the cached key entry — no DNSKEY or DS queries.
        ZoneHierarchy expired = Standard.With(ExpiredDnskey(Standard["example.test."]));
        await using SignedNetwork net = SignedNetwork.Start(expired);
        using DnsResolver resolver = net.Resolver();
        ResolveResult first = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
        Assert.Equal(SecurityStatus.Bogus, first.Status);
        Assert.Equal(ValidationFailureKind.SignatureExpired, first.Reason!.Kind);
        int keyQueries = KeyQueries(net);

        ResolveResult second = await resolver.ResolveAsync(N("www.example.test."), RrType.AAAA, CancellationToken.None);

        Assert.Equal(SecurityStatus.Bogus, second.Status);
        Assert.Equal(ValidationFailureKind.SignatureExpired, second.Reason!.Kind);
        Assert.Equal(7, (int?)second.Reason.ExtendedErrorCode);
        Assert.Equal(keyQueries, KeyQueries(net));
    }

    [Fact]
    public async Task BogusDnskey_TheValidatedDsStaysCached_AfterTheBogusTtl()
    {
        // Only the child's DNSKEY failed: the parent's DS RRset validated and keeps its TTL, so once
        // the Bogus key entry has expired and the zone is repaired, only the DNSKEY is asked again.
        ZoneHierarchy expired = Standard.With(ExpiredDnskey(Standard["example.test."]));
        await using SignedNetwork net = SignedNetwork.Start(expired);
        var time = new FakeTimeProvider(ZoneSigningOptions.ValidAt);
        using DnsResolver resolver = net.Resolver(time);
        Assert.Equal(SecurityStatus.Bogus, (await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None)).Status);
        int dsQueries = net.Count("test.", "example.test.", RrType.DS);

        net.Replace(Standard["example.test."]);   // the operator repairs the zone
        time.Advance(TimeSpan.FromSeconds(61));   // past the 60 s bogus TTL
        ResolveResult repaired = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Assert.Equal(SecurityStatus.Secure, repaired.Status);
        Assert.Equal(dsQueries, net.Count("test.", "example.test.", RrType.DS));
    }

    // The hierarchy served with example.test.'s own server holding the broken copy and the good
    // copy on a spare server at GoodAddress (ns.other.test.).
    private static SignedNetwork StartWithBrokenFirstServer(ZoneHierarchy good, SignedZone broken)
    {
        SignedNetwork net = SignedNetwork.Start(good.With(broken), spare: 1);
        net.ServeAt(good.Zones.Count, GoodAddress, good["example.test."]);
        return net;
    }

    private static Resolver.Testing.Servers.AuthoritativeServer GoodServer(SignedNetwork net) => net.Servers[net.Hierarchy.Zones.Count];

    private static SignedZone ExpiredDnskey(SignedZone zone)
    {
        uint inception = (uint)ZoneSigningOptions.ValidAt.AddDays(-10).ToUnixTimeSeconds();
        uint expiration = (uint)ZoneSigningOptions.ValidAt.AddDays(-1).ToUnixTimeSeconds();
        return zone.ResignRrSet(zone.Origin, RrType.DNSKEY, inception, expiration);
    }

    private static int KeyQueries(SignedNetwork net) =>
        net.Count("example.test.", "example.test.", RrType.DNSKEY) + net.Count("test.", "example.test.", RrType.DS);
}

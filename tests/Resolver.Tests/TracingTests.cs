// TracingTests: the resolver's spans (issue 16 item 10) — under the "dns.resolve" span, one
// "dns.upstream.query" child per query really sent (server address and port, transport, question,
// rcode or failure) and one "dns.dnssec.chain_step" per step of the chain of trust walked (zone, what
// was checked, result, and the reason when not Secure).
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Resolver.Protocol;
using Resolver.Testing.Signing;
using Resolver.Tests.Scenarios;
using static Resolver.Tests.Scenarios.ScenarioZones;

namespace Resolver.Tests;

/// <summary>
/// Tests that attach an ActivityListener run alone: a listener is process-wide, and while one listens
/// the resolver records a span for every resolution and skips its warm fast path (DnsResolver), which
/// tests running beside them (WarmRecallTests) observe.
/// </summary>
[CollectionDefinition(nameof(ActivityListenerCollection), DisableParallelization = true)]
public sealed class ActivityListenerCollection;

[Collection(nameof(ActivityListenerCollection))]
public sealed class TracingTests
{
    [Fact]
    public async Task Resolve_HasAChildSpanPerUpstreamQuery_WithServerTransportAndRcode()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        using var spans = new SpanRecorder();
        using DnsResolver resolver = net.Resolver();

        ResolveResult result = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Assert.Equal(SecurityStatus.Secure, result.Status);
        Activity resolve = Assert.Single(spans.Named("dns.resolve"));
        Assert.Equal("secure", resolve.GetTagItem("dns.resolver.outcome"));
        Activity[] queries = [.. spans.Named("dns.upstream.query")];
        Assert.Equal(net.Servers.AllQueries.Count(), queries.Length);
        Assert.Equal(result.Work.UpstreamQueries, queries.Length);
        // Each is a child of the resolution, or of the chain-of-trust step that asked for keys.
        HashSet<ActivitySpanId> parents = [resolve.SpanId, .. spans.Named("dns.dnssec.chain_step").Select(s => s.SpanId)];
        Assert.Contains(queries, q => q.ParentSpanId == resolve.SpanId);
        Assert.All(queries, q =>
        {
            Assert.Contains(q.ParentSpanId, parents);
            Assert.Equal(ActivityKind.Client, q.Kind);
            Assert.Equal("udp", q.GetTagItem("dns.resolver.transport"));
            Assert.Equal("NOERROR", q.GetTagItem("dns.response_code"));
            Assert.Equal(53, q.GetTagItem("server.port"));
            Assert.True(q.Duration > TimeSpan.Zero);
        });
        // The root's server was asked, under its own address (the question each time as sent).
        var (_, rootV4, _) = net.Hierarchy.NameServer(DnsName.Root);
        Assert.Contains(queries, q => (string?)q.GetTagItem("server.address") == rootV4.ToString());
        Assert.Contains(queries, q => (string?)q.GetTagItem("dns.question.name") == "www.example.test." && (string?)q.GetTagItem("dns.question.type") == "A");
    }

    [Fact]
    public async Task FailedUpstreamQuery_SpanSaysWhy()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        net.Transport.Dead = (_, q) => q.Name.Equals(N("www.example.test."));
        using var spans = new SpanRecorder();
        using DnsResolver resolver = net.Resolver();

        ResolveResult result = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Assert.True(result.IsResolutionFailure);
        Activity resolve = Assert.Single(spans.Named("dns.resolve"));
        Assert.Equal(ActivityStatusCode.Error, resolve.Status);
        Activity[] timedOut = [.. spans.Named("dns.upstream.query").Where(q => (string?)q.GetTagItem("error.type") == "timeout")];
        Assert.NotEmpty(timedOut);
        Assert.All(timedOut, q => Assert.Equal(ActivityStatusCode.Error, q.Status));
    }

    [Fact]
    public async Task Resolve_HasAChainStepSpanPerZone_WithWhatWasCheckedAndTheResult()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        using var spans = new SpanRecorder();
        using DnsResolver resolver = net.Resolver();

        await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Activity resolve = Assert.Single(spans.Named("dns.resolve"));
        Activity[] steps = [.. spans.Named("dns.dnssec.chain_step")];
        Assert.Equal([".", "example.test.", "test."], steps.Select(s => (string)s.GetTagItem("dns.dnssec.zone")!).Order());
        Assert.All(steps, s => Assert.Equal("secure", s.GetTagItem("dns.dnssec.result")));
        Activity root = Assert.Single(steps, s => (string?)s.GetTagItem("dns.dnssec.zone") == ".");
        Assert.Equal("trust anchor -> DNSKEY", root.GetTagItem("dns.dnssec.check"));
        Activity child = Assert.Single(steps, s => (string?)s.GetTagItem("dns.dnssec.zone") == "example.test.");
        Assert.Equal("DS at the parent -> DNSKEY", child.GetTagItem("dns.dnssec.check"));
        Assert.Equal(resolve.SpanId, child.ParentSpanId);
        // The walk recurses towards the anchor: test.'s step runs inside example.test.'s.
        Activity tld = Assert.Single(steps, s => (string?)s.GetTagItem("dns.dnssec.zone") == "test.");
        Assert.Equal(child.SpanId, tld.ParentSpanId);
        // The DS and DNSKEY queries of the walk are children of the step that sent them.
        Assert.Contains(spans.Named("dns.upstream.query"), q => q.ParentSpanId == child.SpanId && (string?)q.GetTagItem("dns.question.type") == "DNSKEY");
    }

    [Fact]
    public async Task BrokenZone_ChainStepSpan_CarriesTheReason()
    {
        ZoneHierarchy broken = Standard.With(Standard["example.test."].CorruptSignature(N("example.test."), RrType.DNSKEY));
        await using SignedNetwork net = SignedNetwork.Start(broken);
        using var spans = new SpanRecorder();
        using DnsResolver resolver = net.Resolver();

        ResolveResult result = await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);

        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Activity step = Assert.Single(spans.Named("dns.dnssec.chain_step"), s => (string?)s.GetTagItem("dns.dnssec.zone") == "example.test.");
        Assert.Equal("bogus", step.GetTagItem("dns.dnssec.result"));
        Assert.Equal(ActivityStatusCode.Error, step.Status);
        Assert.Contains("example.test.", (string)step.GetTagItem("dns.dnssec.reason")!);
    }
}

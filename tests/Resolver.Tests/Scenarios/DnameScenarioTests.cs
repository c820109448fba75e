// DnameScenarioTests: the whole resolver on DNAME redirection (RFC 6672) over the standard signed
// hierarchy, where example.test. holds "old DNAME n3.test.": the answer carries the CNAME the DNAME
// synthesizes, a later name below the DNAME is redirected from the cached DNAME without asking
// example.test. again, the same name asked again stays Secure (the unsigned synthesized CNAME is
// never cached as data of its own), and a question for type CNAME is answered by the synthesis.
using Resolver.Protocol;
using Resolver.Protocol.Records;
using static Resolver.Tests.Scenarios.ScenarioZones;

namespace Resolver.Tests.Scenarios;

public sealed class DnameScenarioTests
{
    private static Task<ResolveResult> Resolve(DnsResolver resolver, string name, RrType type) =>
        resolver.ResolveAsync(N(name), type, CancellationToken.None);

    private static bool IsCname(ResourceRecord rr, string owner, string target) =>
        rr.Data is CnameData cname && rr.Name == N(owner) && cname.Target == N(target);

    [Fact]
    public async Task Answer_CarriesTheSynthesizedCname_AfterTheDname_Rfc6672Section3_1()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        using DnsResolver resolver = net.Resolver();
        ResolveResult result = await Resolve(resolver, "www.old.example.test.", RrType.A);
        Assert.Equal(SecurityStatus.Secure, result.Status);
        int dname = result.Answers.ToList().FindIndex(r => r.Data is DnameData);
        int cname = result.Answers.ToList().FindIndex(r => IsCname(r, "www.old.example.test.", "www.n3.test."));
        Assert.True(dname >= 0 && cname > dname, string.Join(" | ", result.Answers));
    }

    [Fact]
    public async Task SameNameAgain_FromTheCache_StaysSecure_Rfc6672Section5_3_1()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        using DnsResolver resolver = net.Resolver();
        Assert.Equal(SecurityStatus.Secure, (await Resolve(resolver, "www.old.example.test.", RrType.A)).Status);
        ResolveResult again = await Resolve(resolver, "www.old.example.test.", RrType.A);
        Assert.Equal(SecurityStatus.Secure, again.Status);
        Assert.Equal(0, again.Work.UpstreamQueries);
        Assert.Single(again.Records);
    }

    [Fact]
    public async Task OtherNameBelow_IsRedirectedByTheCachedDname_WithoutAskingAgain_Rfc6672Section3_4()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        using DnsResolver resolver = net.Resolver();
        Assert.Equal(SecurityStatus.Secure, (await Resolve(resolver, "www.old.example.test.", RrType.A)).Status);
        ResolveResult result = await Resolve(resolver, "x.wild.old.example.test.", RrType.TXT);
        Assert.Equal(SecurityStatus.Secure, result.Status);
        Assert.Equal(N("x.wild.n3.test."), result.CanonicalName);
        Assert.Contains(result.Answers, r => IsCname(r, "x.wild.old.example.test.", "x.wild.n3.test."));
        Assert.Equal(0, net.Count("example.test.", "x.wild.old.example.test.", RrType.TXT));
    }

    [Fact]
    public async Task CnameQuestionBelowDname_IsAnsweredByTheSynthesis_NotFollowed_Rfc6672Section3_1()
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        using DnsResolver resolver = net.Resolver();
        foreach (string name in new[] { "www.old.example.test.", "other.old.example.test." })   // from the network, then from the cached DNAME
        {
            ResolveResult result = await Resolve(resolver, name, RrType.CNAME);
            Assert.Equal(SecurityStatus.Secure, result.Status);
            Assert.Equal(ResponseCode.NoError, result.ResponseCode);
            ResourceRecord cname = Assert.Single(result.Records);
            Assert.True(IsCname(cname, name, name.Replace("old.example.test.", "n3.test.", StringComparison.Ordinal)), cname.ToString());
            Assert.Contains(result.Answers, r => r.Data is DnameData);
            Assert.DoesNotContain(result.Answers, r => r.Data is AData);
        }
    }
}

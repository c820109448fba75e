// ResolutionErrorCodeTests: a resolution that fails while fetching the chain of trust says which
// RFC 8914 Extended DNS Error describes it — DNSKEY Missing (§4.10) when a zone's DNSKEY RRset
// cannot be fetched, Network Error (§4.24) when its DS RRset cannot — as Unbound reports them,
// No Reachable Authority (§4.23) when no server of the name's zone answers,
// while the status stays Unchecked: a failure to fetch is no DNSSEC verdict (RFC 4035 §4.3).
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using static Resolver.Tests.Scenarios.ScenarioZones;

namespace Resolver.Tests.Scenarios;

public sealed class ResolutionErrorCodeTests
{
    [Fact]
    public async Task UnreachableDnskey_IsDnskeyMissing_Rfc8914Section4_10()
    {
        ResolveResult result = await ResolveWithDead("example.test.", RrType.DNSKEY);
        Assert.True(result.IsResolutionFailure, result.ToString());
        Assert.Equal(SecurityStatus.Unchecked, result.Status);
        Assert.Equal(ExtendedErrorCode.DnskeyMissing, result.ResolutionErrorCode);
    }

    [Fact]
    public async Task UnreachableDs_IsNetworkError_Rfc8914Section4_24()
    {
        // test.'s referrals leave the DS out, so the validator must ask for it — and cannot.
        ResolveResult result = await ResolveWithDead("test.", RrType.DS, stripDsFromReferrals: true);
        Assert.True(result.IsResolutionFailure, result.ToString());
        Assert.Equal(SecurityStatus.Unchecked, result.Status);
        Assert.Equal(ExtendedErrorCode.NetworkError, result.ResolutionErrorCode);
    }

    [Fact]
    public async Task UnreachableAnswer_IsNoReachableAuthority_Rfc8914Section4_23()
    {
        ResolveResult result = await ResolveWithDead("example.test.", RrType.A);
        Assert.True(result.IsResolutionFailure, result.ToString());
        Assert.Equal(SecurityStatus.Unchecked, result.Status);
        Assert.Equal(ExtendedErrorCode.NoReachableAuthority, result.ResolutionErrorCode);
    }

    [Fact]
    public async Task AliasLoop_HasNoCode()
    {
        // A limit or a loop is a failure RFC 8914 has no code for: not "no reachable authority".
        ZoneHierarchy loop = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("test.")
            .AddZone("example.test.", text: "a CNAME b.example.test.\nb CNAME a.example.test.\n")
            .Build();
        await using SignedNetwork net = SignedNetwork.Start(loop);
        using DnsResolver resolver = net.Resolver();
        ResolveResult result = await resolver.ResolveAsync(N("a.example.test."), RrType.A, CancellationToken.None);
        Assert.True(result.IsResolutionFailure, result.ToString());
        Assert.Null(result.ResolutionErrorCode);
    }

    // www.example.test. A with the server of <zone> timing out on every <type> question.
    private static async Task<ResolveResult> ResolveWithDead(string zone, RrType type, bool stripDsFromReferrals = false)
    {
        await using SignedNetwork net = SignedNetwork.Start(Standard);
        if (stripDsFromReferrals)
        {
            net.ResponderOf(zone).Tamper = response =>
            {
                foreach (ResourceRecord ds in response.Authorities.Where(r => r.Type == RrType.DS || r.Data is RrsigData { TypeCovered: RrType.DS }).ToList())
                {
                    response.Authorities.Remove(ds);
                }

                return response;
            };
        }

        int server = net.ServerIndexOf(zone);
        net.Transport.Dead = (index, q) => index == server && q.Type == type;
        using DnsResolver resolver = net.Resolver();
        return await resolver.ResolveAsync(N("www.example.test."), RrType.A, CancellationToken.None);
    }
}

// SignerIsTheZoneTests: the signer of an RRset must be the zone that holds the data (RFC 4035
// §5.3.1). An RRset of a delegated child zone signed (validly) with the parent's key is Bogus,
// iterating — where referrals show the cut — and forwarding, where the cut has to be found by
// walking DS from the anchor to the owner (this library, unlike Unbound, Knot, BIND and PowerDNS,
// does not accept an ancestor signer). The parent's own data and the child's other names are Secure.
using Resolver.Protocol;
using Resolver.Testing.Signing;
using Resolver.Tests.Scenarios;

namespace Resolver.Tests.Validation;

public sealed class SignerIsTheZoneTests
{
    private static async Task<ResolveResult> Resolve(DnsName name, bool forward, RrType type = RrType.A)
    {
        await using SignedNetwork net = SignedNetwork.Start(ParentSignedZones.Build());
        using DnsResolver resolver = forward ? net.ForwardingResolver() : net.Resolver();
        return await resolver.ResolveAsync(name, type, CancellationToken.None);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChildDataSignedByTheParent_IsBogus_Rfc4035Section5_3_1(bool forward)
    {
        ResolveResult result = await Resolve(ParentSignedZones.Www, forward);
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(DnsName.Parse("example.test."), result.Reason!.Zone);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChildDataSignedByTheChild_AndParentData_AreSecure(bool forward)
    {
        Assert.Equal(SecurityStatus.Secure, (await Resolve(ParentSignedZones.Ok, forward)).Status);
        Assert.Equal(SecurityStatus.Secure, (await Resolve(ParentSignedZones.ParentData, forward)).Status);
    }

    [Fact]
    public async Task DsRRset_SignedByTheParent_IsSecure_WhenForwarding_Rfc4035Section2_4()
    {
        // The DS RRset is the parent side's data: its owner is the child's apex, its signer the parent.
        ResolveResult result = await Resolve(DnsName.Parse("example.test."), forward: true, RrType.DS);
        Assert.Equal(SecurityStatus.Secure, result.Status);
    }

    [Fact]
    public async Task NoProvenCut_KeepsTheSigner_WhenForwarding()
    {
        // www's DS denial is an NSEC3 proof above the insecure iteration limit (RFC 9276 §3.2): it
        // cannot tell whether www is a cut, so the signer's zone judges the data (as before).
        ZoneHierarchy zones = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("test.")
            .AddZone("iter.test.", ZoneSigningOptions.For(DnsName.Parse("iter.test.")) with { Denial = DenialKind.Nsec3, Nsec3Iterations = 200 },
                text: "www A 192.0.2.90\n")
            .Build();
        await using SignedNetwork net = SignedNetwork.Start(zones);
        using DnsResolver resolver = net.ForwardingResolver();
        ResolveResult result = await resolver.ResolveAsync(DnsName.Parse("www.iter.test."), RrType.A, CancellationToken.None);
        Assert.Equal(SecurityStatus.Secure, result.Status);
    }
}

// WildcardDnameTests: a DNAME whose RRSIG shows it was synthesized from a wildcard owner (Labels
// fewer than the owner's) is Bogus (RFC 4592 §4.4: a DNAME at a wildcard name must not redirect;
// Unbound rejects it too), though its signature verifies; a DNAME at its own owner stays Secure.
// End to end through DnsResolver on a signed hierarchy, iterating and forwarding.
using Resolver.Protocol;
using Resolver.Testing.Signing;
using Resolver.Tests.Scenarios;

namespace Resolver.Tests.Validation;

public sealed class WildcardDnameTests
{
    private static ZoneHierarchy Zones() => new ZoneHierarchyBuilder()
        .AddZone(".")
        .AddZone("test.")
        .AddZone("example.test.", text: "www A 192.0.2.1\n*.w DNAME other.test.\nd DNAME other.test.\n")
        .AddZone("other.test.", text: "www A 192.0.2.2\n")
        .Build();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WildcardExpandedDname_IsBogus_Rfc4592Section4_4(bool forward)
    {
        await using SignedNetwork net = SignedNetwork.Start(Zones());
        using DnsResolver resolver = forward ? net.ForwardingResolver() : net.Resolver();

        ResolveResult result = await resolver.ResolveAsync(DnsName.Parse("x.w.example.test."), RrType.DNAME, CancellationToken.None);

        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(ValidationFailureKind.WildcardDname, result.Reason!.Kind);
        Assert.Equal(ExtendedErrorCode.DnssecBogus, result.Reason.ExtendedErrorCode);
    }

    [Fact]
    public async Task DnameAtItsOwnName_IsSecure()
    {
        await using SignedNetwork net = SignedNetwork.Start(Zones());
        using DnsResolver resolver = net.Resolver();

        ResolveResult result = await resolver.ResolveAsync(DnsName.Parse("d.example.test."), RrType.DNAME, CancellationToken.None);

        Assert.Equal(SecurityStatus.Secure, result.Status);
    }
}

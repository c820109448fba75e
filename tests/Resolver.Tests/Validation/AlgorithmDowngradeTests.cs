// AlgorithmDowngradeTests: ValidatorOptions.HardenAlgorithmDowngrade (RFC 6840 §5.11; Unbound's
// harden-algo-downgrade). Off (the default), one valid path through any algorithm of the DS set is
// enough; on, every supported algorithm the DS set names must sign the DNSKEY RRset and every RRset
// of the zone, else Bogus (AlgorithmDowngrade). An algorithm rollover whose DS names only one of
// the signing algorithms is Secure both ways. Iterating and forwarding.
using Resolver.Protocol;
using Resolver.Testing.Signing;
using Resolver.Tests.Scenarios;

namespace Resolver.Tests.Validation;

public sealed class AlgorithmDowngradeTests
{
    private static async Task<ResolveResult> Resolve(ZoneHierarchy zones, bool harden, bool forward)
    {
        await using SignedNetwork net = SignedNetwork.Start(zones);
        Action<ResolverOptions> configure = o => o.Validation.HardenAlgorithmDowngrade = harden;
        using DnsResolver resolver = forward ? net.ForwardingResolver(configure: configure) : net.Resolver(configure: configure);
        return await resolver.ResolveAsync(TwoAlgorithmZones.Www, RrType.A, CancellationToken.None);
    }

    [Fact]
    public void Hardening_IsOffByDefault() => Assert.False(new ValidatorOptions().HardenAlgorithmDowngrade);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DsForBothAlgorithms_SignedWithOne_IsSecure_WhenNotHardened_Rfc6840Section5_11(bool forward)
    {
        ResolveResult result = await Resolve(TwoAlgorithmZones.DsForBothSignedByOne(), harden: false, forward);
        Assert.Equal(SecurityStatus.Secure, result.Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DsForBothAlgorithms_SignedWithOne_IsBogus_WhenHardened(bool forward)
    {
        ResolveResult result = await Resolve(TwoAlgorithmZones.DsForBothSignedByOne(), harden: true, forward);
        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(ValidationFailureKind.AlgorithmDowngrade, result.Reason!.Kind);
        Assert.Equal(DnssecAlgorithm.RsaSha256, result.Reason.Algorithm);
        Assert.Equal(ExtendedErrorCode.DnssecBogus, result.Reason.ExtendedErrorCode);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task AlgorithmRollover_DsForOneAlgorithm_IsSecure_HardenedOrNot(bool harden, bool forward)
    {
        ResolveResult result = await Resolve(TwoAlgorithmZones.RolloverDsForOne(), harden, forward);
        Assert.Equal(SecurityStatus.Secure, result.Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DataSignedWithOneOfTheDsAlgorithms_IsBogus_OnlyWhenHardened(bool harden)
    {
        ResolveResult result = await Resolve(TwoAlgorithmZones.DataMissingRsaSignature(), harden, forward: false);
        if (harden)
        {
            Assert.Equal(SecurityStatus.Bogus, result.Status);
            Assert.Equal(ValidationFailureKind.AlgorithmDowngrade, result.Reason!.Kind);
        }
        else
        {
            Assert.Equal(SecurityStatus.Secure, result.Status);
        }
    }
}

// ZoneCutsTests: "NS without SOA" is the parent side of a zone cut (RFC 6840 §4.1); a zone apex
// (SOA with NS) and an ordinary name are not.
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Dnssec.Denial;

public sealed class ZoneCutsTests
{
    [Theory]
    [InlineData(true, RrType.NS, RrType.RRSIG, RrType.NSEC)]
    [InlineData(true, RrType.NS, RrType.DS, RrType.RRSIG, RrType.NSEC)]
    [InlineData(false, RrType.NS, RrType.SOA, RrType.RRSIG, RrType.NSEC, RrType.DNSKEY)]
    [InlineData(false, RrType.A, RrType.RRSIG, RrType.NSEC)]
    [InlineData(false, RrType.SOA)]
    public void IsParentSide_IsNsWithoutSoa_Rfc6840Section4_1(bool expected, params RrType[] types) =>
        Assert.Equal(expected, ZoneCuts.IsParentSide(TypeBitmap.FromTypes(types)));
}

// ReverseNameTests: the names -x asks PTR for — in-addr.arpa. for IPv4 (RFC 1035 §3.5), nibbles
// under ip6.arpa. for IPv6 (RFC 3596 §2.5) — and one-line refusals of what is not an address.
using Resolver.Cli.Commands;

namespace Resolver.Cli.Tests.Commands;

public sealed class ReverseNameTests
{
    [Theory]
    [InlineData("192.0.2.1", "1.2.0.192.in-addr.arpa.")]
    [InlineData("10.0.0.255", "255.0.0.10.in-addr.arpa.")]
    [InlineData("2001:db8::567:89ab", "b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.")]   // RFC 3596 §2.5's example address
    [InlineData("::1", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.")]
    public void Address_MapsToItsReverseName_Rfc1035Section3_5_Rfc3596Section2_5(string address, string expected) =>
        Assert.Equal(expected, ReverseName.Parse(address).ToString());

    [Theory]
    [InlineData("www.example")]
    [InlineData("192.0.2")]
    [InlineData("1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("")]
    public void NotAnAddress_IsAUsageError(string text)
    {
        UsageException e = Assert.Throws<UsageException>(() => ReverseName.Parse(text));
        Assert.Equal($"-x: '{text}' is not an IPv4 or IPv6 address.", e.Message);
    }
}

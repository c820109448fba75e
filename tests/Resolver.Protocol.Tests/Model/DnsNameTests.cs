// DnsNameTests: parsing, presentation, equality, limits and label operations of DnsName.
using Resolver.Protocol;

namespace Resolver.Protocol.Tests.Model;

public sealed class DnsNameTests
{
    [Fact]
    public void Parse_MissingFinalDot_IsAbsolute()
    {
        Assert.Equal("www.example.com.", DnsName.Parse("www.example.com").ToString());
        Assert.Equal(3, DnsName.Parse("www.example.com.").LabelCount);
    }

    [Fact]
    public void Equality_IgnoresAsciiCase()
    {
        var a = DnsName.Parse("WWW.Example.COM.");
        var b = DnsName.Parse("www.example.com.");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal("WWW.Example.COM.", a.ToString());
    }
}

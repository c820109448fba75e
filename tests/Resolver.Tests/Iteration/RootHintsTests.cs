// Root hints: the built-in IANA set, and parsing the standard named.root format.
using System.Net;
using Resolver.Iteration;
using Resolver.Protocol;

namespace Resolver.Tests.Iteration;

public sealed class RootHintsTests
{
    [Fact]
    public void Iana_hints_hold_a_to_m_with_both_families()
    {
        Assert.Equal(26, RootHints.Iana.Servers.Length);
        Assert.Equal(13, RootHints.Iana.Servers.Select(s => s.Name).Distinct().Count());
        Assert.Contains(RootHints.Iana.Servers, s => s.Name == DnsName.Parse("a.root-servers.net.") && s.EndPoint.Equals(new IPEndPoint(IPAddress.Parse("198.41.0.4"), 53)));
        Assert.Contains(RootHints.Iana.Servers, s => s.EndPoint.Address.Equals(IPAddress.Parse("2001:dc3::35")));
    }

    [Fact]
    public void Standard_format_is_parsed_and_unrelated_addresses_ignored()
    {
        const string text = """
            ; comment
            .                        3600000      NS    A.ROOT-SERVERS.NET.
            A.ROOT-SERVERS.NET.      3600000      A     198.41.0.4
            A.ROOT-SERVERS.NET.      3600000      AAAA  2001:503:ba3e::2:30
            unrelated.example.       3600000      A     192.0.2.1
            """;
        RootHints hints = RootHints.Parse(text, port: 5353);
        Assert.Equal(2, hints.Servers.Length);
        Assert.All(hints.Servers, s => Assert.Equal(5353, s.EndPoint.Port));
    }

    [Fact]
    public void Hints_without_addresses_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => RootHints.Parse(". 3600 NS a.root.\n"));
    }
}

// DnsResolverExtensionsTests: a name as text resolves as its parsed form; a host's addresses come from
// A and AAAA with the weaker verdict of the two (a Bogus AAAA makes the host Bogus and withholds its
// addresses, an unresolvable family does not count), and a malformed name is a DnsFormatException.
using System.Net;
using Resolver.Protocol;
using Resolver.Testing.Signing;
using Resolver.Tests.Scenarios;

namespace Resolver.Tests;

public sealed class DnsResolverExtensionsTests
{
    [Fact]
    public async Task A_name_as_text_resolves_as_its_parsed_form()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        using DnsResolver resolver = net.Resolver();

        ResolveResult result = await resolver.ResolveAsync("www.example.test");

        Assert.Equal(SecurityStatus.Secure, result.Status);
        Assert.Equal(DnsName.Parse("www.example.test."), result.Question.Name);
        Assert.Equal(RrType.A, result.Question.Type);
    }

    [Fact]
    public async Task Addresses_combine_both_families_and_the_weaker_verdict()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        using DnsResolver resolver = net.Resolver();

        AddressResult host = await resolver.ResolveAddressesAsync("www.example.test");

        Assert.False(host.IsResolutionFailure);
        Assert.Equal(RrType.A, host.IPv4.Question.Type);
        Assert.Equal(RrType.AAAA, host.IPv6.Question.Type);
        Assert.Equal(VerdictOf(host.IPv4.Status, host.IPv6.Status), host.Status);
        Assert.Equal(host.IPv4.Answers.Count(r => r.Type == RrType.A) + host.IPv6.Answers.Count(r => r.Type == RrType.AAAA), host.Addresses.Count);
        Assert.All(host.Addresses.Take(host.IPv4.Answers.Count(r => r.Type == RrType.A)), a => Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, a.AddressFamily));
    }

    [Fact]
    public async Task A_bogus_family_makes_the_host_bogus()
    {
        DnsName www = DnsName.Parse("www.example.test.");
        ZoneHierarchy broken = ScenarioZones.Standard.With(ScenarioZones.Standard["example.test."].CorruptSignature(www, RrType.A));
        await using SignedNetwork net = SignedNetwork.Start(broken);
        using DnsResolver resolver = net.Resolver();

        AddressResult host = await resolver.ResolveAddressesAsync("www.example.test");

        Assert.Equal(SecurityStatus.Bogus, host.Status);
        Assert.DoesNotContain(host.Addresses, a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
    }

    [Fact]
    public async Task A_malformed_name_is_a_format_error()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        using DnsResolver resolver = net.Resolver();
        await Assert.ThrowsAsync<DnsFormatException>(() => resolver.ResolveAsync(new string('a', 64) + ".example"));
    }

    private static SecurityStatus VerdictOf(SecurityStatus a, SecurityStatus b)
    {
        SecurityStatus[] order = [SecurityStatus.Secure, SecurityStatus.Insecure, SecurityStatus.Indeterminate, SecurityStatus.Bogus];
        return Array.IndexOf(order, a) >= Array.IndexOf(order, b) ? a : b;
    }
}

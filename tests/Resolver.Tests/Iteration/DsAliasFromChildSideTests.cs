// Regression (conformance scenario unbound/iter_ds_locate_ns_cname.rpl): a DS question went to the
// root (no delegation of the parent was cached yet), and the root's server, authoritative for the
// child as well, answered with the child's CNAME; the iterator followed it and answered NXDOMAIN.
// The DS lives on the parent side of the cut (RFC 4035 §3.1.4.1): an alias from a zone above the
// parent makes the iterator look up the parent's delegation and ask the parent's servers.
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using static Resolver.Tests.TestZones;

namespace Resolver.Tests.Iteration;

public sealed class DsAliasFromChildSideTests
{
    [Fact]
    public async Task Alias_for_a_DS_from_above_the_parent_sends_the_question_to_the_parent()
    {
        await using TestDnsNetwork net = TestDnsNetwork.Start(2);
        // Server 0 serves the root and, as in the scenario, answers the DS of alias.test. from the
        // child side with an alias.
        net[0].AddZone(".", Soa(".") + $"test. NS ns1.test.\nns1.test. A {net[1].Address}\n");
        net[0].Rewrite = (query, response) =>
        {
            if (query.Questions[0].Type == RrType.DS && query.Questions[0].Name == DnsName.Parse("alias.test."))
            {
                response.ResponseCode = ResponseCode.NoError;
                response.IsAuthoritativeAnswer = true;
                response.Authorities.Clear();
                response.Answers.Add(new ResourceRecord(DnsName.Parse("alias.test."), 3600, new CnameData(DnsName.Parse("target.invalid."))));
            }

            return response;
        };
        net[1].AddZone("test.", Soa("test.") + "alias A 192.0.2.8\n");
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);

        IterationResult ds = await iterator.ResolveAsync(Q("alias.test.", RrType.DS), default);

        Assert.Equal(IterationStatus.NoData, ds.Status);
        Assert.True(ds.Aliases.IsEmpty);
        Assert.Equal(DnsName.Parse("test."), ds.Zone);
        Assert.Equal(1, net[1].CountQueries("alias.test.", RrType.DS));
        cache.Dispose();
    }

    [Fact]
    public async Task Alias_for_a_DS_from_the_parent_itself_is_the_answer()
    {
        await using TestDnsNetwork net = TestDnsNetwork.Start(2);
        net[0].AddZone(".", Soa(".") + $"test. NS ns1.test.\nns1.test. A {net[1].Address}\n");
        net[1].AddZone("test.", Soa("test.") + "alias CNAME other\nother A 192.0.2.9\n");
        using RecursiveIterator iterator = Iterator(net, out DnsCache cache);

        IterationResult ds = await iterator.ResolveAsync(Q("alias.test.", RrType.DS), default);

        Assert.False(ds.Aliases.IsEmpty);
        Assert.Equal(1, net[1].CountQueries("alias.test.", RrType.DS));
        cache.Dispose();
    }
}

// EdnsLessServerTests (issue 14 item 6): a signed zone whose only server rejects EDNS (FORMERR to
// any query with OPT, RFC 6891 §7) is still asked — without EDNS — but such a server cannot be asked
// for DNSSEC records (DO lives in OPT, RFC 3225), so its answers cannot validate: Bogus, and the
// reason says why, instead of only "RRSIGs missing".
using Resolver.Protocol;

namespace Resolver.Tests.Scenarios;

public sealed class EdnsLessServerTests
{
    [Fact]
    public async Task A_signed_zone_served_only_without_EDNS_is_Bogus_and_the_reason_names_the_server_and_EDNS()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        var responder = net.ResponderOf("example.test.");
        net.Servers[net.ServerIndexOf("example.test.")].Rewrite = (query, response) =>
        {
            if (query.Edns is not null)
            {
                var formErr = new DnsMessage { Id = query.Id, IsResponse = true, ResponseCode = ResponseCode.FormErr };
                formErr.Questions.Add(query.Questions[0]);
                return formErr;
            }

            return responder.Answer(query, response);
        };
        using DnsResolver resolver = net.Resolver();

        ResolveResult result = await resolver.ResolveAsync(DnsName.Parse("www.example.test."), RrType.A, CancellationToken.None);

        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(ValidationFailureKind.MissingSignatures, result.Reason!.Kind);
        Assert.Contains("without EDNS (RFC 6891 §7)", result.Reason.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_zone_with_EDNS_is_Secure()
    {
        await using SignedNetwork net = SignedNetwork.Start(ScenarioZones.Standard);
        using DnsResolver resolver = net.Resolver();
        ResolveResult result = await resolver.ResolveAsync(DnsName.Parse("www.example.test."), RrType.A, CancellationToken.None);
        Assert.Equal(SecurityStatus.Secure, result.Status);
    }
}

// ResponseBuilder: turns the resolver's ResolveResult into the response message a validating
// resolver sends its client, so a scenario's CHECK_ANSWER can compare messages. RA is set and RD
// copied; AD only for Secure data when the client asked with DO or AD and without CD (RFC 4035
// §3.2.3, RFC 6840 §5.7); SERVFAIL for Bogus unless CD (RFC 4035 §4.5) and for failed resolution;
// RRSIG/NSEC/NSEC3 only for a DO query (RFC 4035 §3.2.1); the authority section for negative
// answers and for wildcard expansions (their proof, RFC 4035 §3.1.3.3); an Extended DNS Error (RFC 8914) when the answer is Bogus and the query had EDNS.
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Conformance.Replay;

/// <summary>What the client's query asked for (the QUERY step's REPLY flags).</summary>
internal sealed record ClientQuery(DnsQuestion Question, bool RecursionDesired, bool DnssecOk, bool CheckingDisabled, bool AuthenticData, bool HasEdns);

internal static class ResponseBuilder
{
    public static DnsMessage Build(ClientQuery query, ResolveResult result)
    {
        var message = new DnsMessage
        {
            IsResponse = true,
            OpCode = OpCode.Query,
            RecursionDesired = query.RecursionDesired,
            RecursionAvailable = true,
            CheckingDisabled = query.CheckingDisabled,
        };
        message.Questions.Add(query.Question);
        if (query.HasEdns)
        {
            message.Edns = new EdnsRecord { DnssecOk = query.DnssecOk };
        }

        bool bogus = result.Status == SecurityStatus.Bogus;
        if (result.IsResolutionFailure || (bogus && !query.CheckingDisabled))
        {
            message.ResponseCode = ResponseCode.ServFail;
            if (bogus && result.Reason is { } reason && message.Edns is not null)
            {
                message.Edns.Options.Add(new ExtendedDnsErrorOption(reason.ExtendedErrorCode ?? ExtendedErrorCode.DnssecBogus, string.Empty));
            }
            else if (result.ResolutionErrorCode is { } code && message.Edns is not null)
            {
                message.Edns.Options.Add(new ExtendedDnsErrorOption(code, string.Empty));
            }

            return message;
        }

        message.ResponseCode = result.ResponseCode;
        if (result.StaleErrorCode is { } stale && message.Edns is not null)
        {
            // RFC 8767 §4 with RFC 8914: a stale answer carries EDE 3 (19 for a stale NXDOMAIN), as serve sends it.
            message.Edns.Options.Add(new ExtendedDnsErrorOption(stale, string.Empty));
        }

        message.AuthenticData = result.Status == SecurityStatus.Secure && (query.DnssecOk || query.AuthenticData) && !query.CheckingDisabled;
        foreach (ResourceRecord rr in result.Answers.Where(r => Keep(r, query)))
        {
            message.Answers.Add(rr);
        }

        // The authority section: a negative answer's SOA and proof, or a wildcard expansion's proof.
        foreach (ResourceRecord rr in result.Authority.Where(r => Keep(r, query)))
        {
            message.Authorities.Add(rr);
        }

        return message;
    }

    // RFC 4035 §3.2.1: DNSSEC records go only to clients that set DO, unless asked for by type.
    private static bool Keep(ResourceRecord rr, ClientQuery query) =>
        query.DnssecOk || rr.Type == query.Question.Type || rr.Type is not (RrType.RRSIG or RrType.NSEC or RrType.NSEC3);
}

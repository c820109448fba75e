// QueryMatcher: decides whether an entry's MATCH keywords fit an outgoing query, as testbound does
// for upstream answers (opcode, qtype, qname, subdomain, question, DO, noedns, TCP/UDP, flags).
using Resolver.Conformance.Rpl;
using Resolver.Protocol;

namespace Resolver.Conformance.Replay;

internal static class QueryMatcher
{
    public static bool Matches(RplEntry entry, DnsMessage query, bool overTcp)
    {
        DnsQuestion? q = query.Question;
        DnsQuestion? e = entry.Question;
        foreach (string keyword in entry.Match)
        {
            bool ok = keyword.ToLowerInvariant() switch
            {
                "opcode" => query.OpCode == entry.OpCode,
                "qtype" => q is not null && e is not null && q.Type == e.Type,
                "qname" => q is not null && e is not null && q.Name == e.Name,
                "subdomain" => q is not null && e is not null && q.Name.IsSubdomainOf(e.Name),
                "question" => q is not null && e is not null && q.Name == e.Name && q.Type == e.Type && q.Class == e.Class,
                "do" => query.Edns?.DnssecOk == true,
                "noedns" => query.Edns is null,   // testpkts' match_noedns: the query carries no OPT
                "tcp" => overTcp,
                "udp" => !overTcp,
                "flags" => query.RecursionDesired == entry.Has("RD") && query.CheckingDisabled == entry.Has("CD"),
                _ => true,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}

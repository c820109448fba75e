// HierarchyRecursor: answers a question over a whole signed ZoneHierarchy as a recursive resolver
// (the upstream of a forwarder) would, from the zones' SignedZoneResponders: the answer of the zone
// that holds the name, with a CNAME chain followed across zones (RFC 1034 §4.3.2 step 3a) — every
// link's answer records and the authority records that came with them (a wildcard expansion's
// proof), the final link's rcode. Without a CNAME in the way it is the one zone's answer.
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;

namespace Resolver.Testing.Servers;

/// <summary>Recursive answers over a <see cref="ZoneHierarchy"/>.</summary>
public static class HierarchyRecursor
{
    // A chain longer than this is a loop in the test data.
    private const int MaxLinks = 8;

    /// <summary>The answer to <paramref name="question"/> with its CNAME chain followed; RD and RA set when <paramref name="recursive"/>.</summary>
    public static DnsMessage Answer(ZoneHierarchy zones, DnsQuestion question, bool recursive = true)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(question);
        DnsMessage result = Ask(ZoneFor(zones, question), question, recursive);
        foreach (DnsName target in Targets(zones, question))
        {
            var step = new DnsQuestion(target, question.Type);
            DnsMessage next = Ask(ZoneFor(zones, step), step, recursive);
            result.ResponseCode = next.ResponseCode;
            foreach (ResourceRecord rr in next.Answers)
            {
                result.Answers.Add(rr);
            }

            foreach (ResourceRecord rr in next.Authorities.Where(r => !result.Authorities.Contains(r)))
            {
                result.Authorities.Add(rr);
            }
        }

        return result;
    }

    /// <summary>The names a CNAME chain from <paramref name="question"/> leads to, in order (not the question's own name).</summary>
    public static IReadOnlyList<DnsName> Targets(ZoneHierarchy zones, DnsQuestion question)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(question);
        var targets = new List<DnsName>();
        DnsName name = question.Name;
        while (question.Type != RrType.CNAME && targets.Count < MaxLinks)
        {
            var step = new DnsQuestion(name, question.Type);
            DnsMessage m = Ask(ZoneFor(zones, step), step, recursive: false);
            if (m.ResponseCode != ResponseCode.NoError || m.Answers.Any(r => r.Name == name && r.Type == question.Type) ||
                m.Answers.FirstOrDefault(r => r.Name == name && r.Data is CnameData)?.Data is not CnameData cname)
            {
                break;
            }

            name = cname.Target;
            targets.Add(name);
        }

        return targets;
    }

    /// <summary>The zone that answers a question: the deepest zone at or above the name — its parent for a DS at an apex.</summary>
    public static SignedZone ZoneFor(ZoneHierarchy zones, DnsQuestion question)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(question);
        DnsName name = question.Type == RrType.DS && !question.Name.IsRoot && zones.Zones.Any(z => z.Origin == question.Name) ? question.Name.Parent : question.Name;
        return zones.Zones.Where(z => name.IsSubdomainOf(z.Origin)).OrderByDescending(z => z.Origin.LabelCount).First();
    }

    /// <summary>One zone's own answer (DO set), RD and RA set when <paramref name="recursive"/>.</summary>
    public static DnsMessage Ask(SignedZone zone, DnsQuestion question, bool recursive)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(question);
        DnsMessage query = DnsMessage.CreateQuery(0, question.Name, question.Type, recursionDesired: recursive, dnssecOk: true);
        var response = new DnsMessage { IsResponse = true, RecursionDesired = recursive, RecursionAvailable = recursive };
        response.Questions.Add(question);
        new SignedZoneResponder(zone).Answer(query, response);
        return response;
    }
}

// RecursiveResponse: what a recursive server hands a stub for a question over a signed hierarchy —
// each zone's SignedZoneResponder answer along the CNAME chain, merged into one response: every
// alias step's answer, then the final answer or denial with its authority section. A DS question at
// a zone's apex is answered by the parent (RFC 4035 §3.1.4.1). The result has been through the wire
// format, as received.
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;

namespace Resolver.Testing.Servers;

/// <summary>Builds the one-message answer a recursive server gives for a question over a <see cref="ZoneHierarchy"/>.</summary>
public static class RecursiveResponse
{
    /// <summary>The merged response for <paramref name="name"/>/<paramref name="type"/> (at most 8 alias hops).</summary>
    public static DnsMessage For(ZoneHierarchy hierarchy, DnsName name, RrType type)
    {
        ArgumentNullException.ThrowIfNull(hierarchy);
        ArgumentNullException.ThrowIfNull(name);
        var combined = new DnsMessage { Id = 1, IsResponse = true, RecursionAvailable = true };
        combined.Questions.Add(new DnsQuestion(name, type));
        DnsName current = name;
        for (int hop = 0; hop < 8; hop++)
        {
            DnsName at = current;
            SignedZone zone = hierarchy.Zones
                .Where(z => at.IsSubdomainOf(z.Origin) && !(type == RrType.DS && at == z.Origin && !z.Origin.IsRoot))
                .MaxBy(z => z.Origin.LabelCount)!;
            DnsMessage query = DnsMessage.CreateQuery(1, current, type);
            var step = new DnsMessage { IsResponse = true };
            step.Questions.Add(query.Questions[0]);
            new SignedZoneResponder(zone).Answer(query, step);
            combined.ResponseCode = step.ResponseCode;
            foreach (ResourceRecord rr in step.Answers)
            {
                combined.Answers.Add(rr);
            }

            DnsName? next = step.Answers.Select(r => r.Data).OfType<CnameData>().LastOrDefault()?.Target;
            if (next is null || step.Answers.Any(r => r.Name == at && r.Type == type))
            {
                foreach (ResourceRecord rr in step.Authorities)
                {
                    combined.Authorities.Add(rr);
                }

                break;
            }

            current = next;
        }

        return DnsMessage.Parse(combined.ToWire());
    }
}

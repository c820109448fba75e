// AuthoritativeZone: one zone as an in-process test server holds it — records parsed from zone text
// with ZoneFileReader, indexed by owner name — and the authoritative answer logic of RFC 1034 §4.3.2
// (referral at a cut, DNAME, exact match, CNAME chased within the zone, NODATA with SOA, empty
// non-terminals, NXDOMAIN with SOA), with RRSIGs added when present and DO is set.
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Testing.Servers;

/// <summary>A zone served by an <see cref="AuthoritativeServer"/>.</summary>
public sealed class AuthoritativeZone
{
    private readonly Dictionary<DnsName, List<ResourceRecord>> _byName = [];

    public AuthoritativeZone(DnsName origin, IEnumerable<ResourceRecord> records)
    {
        Origin = origin;
        foreach (ResourceRecord rr in records)
        {
            if (!_byName.TryGetValue(rr.Name, out var list))
            {
                _byName[rr.Name] = list = [];
            }

            list.Add(rr);
        }

        Soa = _byName.GetValueOrDefault(origin)?.FirstOrDefault(r => r.Data is SoaData)
              ?? throw new ArgumentException($"zone {origin} has no SOA at its apex");
    }

    /// <summary>Parses zone text (relative names complete with <paramref name="origin"/>, default TTL 3600).</summary>
    public static AuthoritativeZone Parse(string origin, string text)
    {
        DnsName o = DnsName.Parse(origin);
        return new AuthoritativeZone(o, ZoneFileReader.Parse(text, o, 3600));
    }

    public DnsName Origin { get; }

    public ResourceRecord Soa { get; }

    /// <summary>Fills <paramref name="response"/> with this zone's answer to <paramref name="question"/>.</summary>
    public void Answer(DnsQuestion question, bool dnssecOk, DnsMessage response)
    {
        DnsName qname = question.Name;
        // A cut between the apex and the name: refer (the DS of the cut itself is answered here, RFC 4035 §3.1.4.1).
        for (int labels = Origin.LabelCount + 1; labels <= qname.LabelCount; labels++)
        {
            DnsName candidate = qname.GetSuffix(labels);
            List<ResourceRecord>? atCut = _byName.GetValueOrDefault(candidate);
            if (atCut is null || !atCut.Exists(r => r.Data is NsData))
            {
                continue;
            }

            if (question.Type == RrType.DS && candidate.Equals(qname))
            {
                break;
            }

            Refer(candidate, atCut, dnssecOk, response);
            return;
        }

        // DNAME at an ancestor (RFC 6672 §2.3): the DNAME and the synthesized CNAME (or YXDOMAIN).
        for (int labels = Origin.LabelCount; labels < qname.LabelCount; labels++)
        {
            DnsName owner = qname.GetSuffix(labels);
            ResourceRecord? dname = _byName.GetValueOrDefault(owner)?.FirstOrDefault(r => r.Data is DnameData);
            if (dname is not null)
            {
                response.IsAuthoritativeAnswer = true;
                Add(response.Answers, [dname], dnssecOk, owner, RrType.DNAME);
                DnsName target = qname;
                DnsName result = ((DnameData)dname.Data).Target;
                int length = result.WireLength;
                for (int i = qname.LabelCount - owner.LabelCount - 1; i >= 0; i--)
                {
                    length += target.GetLabel(i).Length + 1;
                    if (length > DnsName.MaxWireLength)
                    {
                        // RFC 6672 §2.2: a substitution that would overflow is answered YXDOMAIN.
                        response.ResponseCode = ResponseCode.YXDomain;
                        return;
                    }

                    result = result.Prepend(target.GetLabel(i));
                }

                response.Answers.Add(new ResourceRecord(qname, dname.Ttl, new CnameData(result)));
                return;
            }
        }

        response.IsAuthoritativeAnswer = true;
        DnsName name = qname;
        for (int hops = 0; hops < 8; hops++)
        {
            if (_byName.TryGetValue(name, out var records))
            {
                var wanted = records.Where(r => r.Type == question.Type).ToList();
                if (wanted.Count > 0)
                {
                    Add(response.Answers, wanted, dnssecOk, name, question.Type);
                    return;
                }

                ResourceRecord? cname = records.FirstOrDefault(r => r.Data is CnameData);
                if (cname is not null && question.Type != RrType.CNAME)
                {
                    Add(response.Answers, [cname], dnssecOk, name, RrType.CNAME);
                    name = ((CnameData)cname.Data).Target;
                    if (!name.IsSubdomainOf(Origin))
                    {
                        return;   // out of zone: the resolver follows it
                    }

                    continue;
                }

                AddSoa(response, dnssecOk);
                return;
            }

            if (_byName.Keys.Any(k => k.IsStrictSubdomainOf(name)))
            {
                AddSoa(response, dnssecOk);   // empty non-terminal: NODATA
                return;
            }

            if (hops == 0)
            {
                response.ResponseCode = ResponseCode.NXDomain;
            }

            AddSoa(response, dnssecOk);
            return;
        }
    }

    private void Refer(DnsName cut, List<ResourceRecord> atCut, bool dnssecOk, DnsMessage response)
    {
        var ns = atCut.Where(r => r.Data is NsData).ToList();
        response.Authorities.AddRange(ns);
        var ds = atCut.Where(r => r.Data is DsData).ToList();
        if (ds.Count > 0)
        {
            Add(response.Authorities, ds, dnssecOk, cut, RrType.DS);
        }

        foreach (ResourceRecord n in ns)
        {
            DnsName target = ((NsData)n.Data).NameServer;
            if (_byName.TryGetValue(target, out var glue))
            {
                response.Additionals.AddRange(glue.Where(r => r.Type is RrType.A or RrType.AAAA));
            }
        }
    }

    private void AddSoa(DnsMessage response, bool dnssecOk)
    {
        var soa = (SoaData)Soa.Data;
        Add(response.Authorities, [Soa with { Ttl = Math.Min(Soa.Ttl, soa.Minimum) }], dnssecOk, Origin, RrType.SOA);
    }

    private void Add(IList<ResourceRecord> section, List<ResourceRecord> records, bool dnssecOk, DnsName owner, RrType type)
    {
        section.AddRange(records);
        if (dnssecOk && _byName.TryGetValue(owner, out var all))
        {
            section.AddRange(all.Where(r => r.Data is RrsigData sig && sig.TypeCovered == type));
        }
    }
}

internal static class ListExtensions
{
    public static void AddRange<T>(this IList<T> list, IEnumerable<T> items)
    {
        foreach (T item in items)
        {
            list.Add(item);
        }
    }
}

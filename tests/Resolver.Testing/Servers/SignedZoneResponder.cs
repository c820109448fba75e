// SignedZoneResponder: what an authoritative server holding a signed zone answers (RFC 1034 §4.3.2
// with RFC 4035 §3.1): referrals with the DS (and RRSIG) or, for an unsigned child, the NSEC/NSEC3
// showing there is none; DNAME with its synthesized CNAME; exact matches and ANY; CNAME; wildcard
// synthesis (RFC 4592) with the expanded owner and the wildcard's RRSIGs; NODATA and NXDOMAIN with
// the SOA. Denials carry, for the name and each ancestor up to the apex and each ancestor's
// wildcard, the NSEC/NSEC3 that matches or covers it — a small superset of every proof RFC 4035
// §3.1.3 and RFC 5155 §7.2 require, so any correct validator finds what it needs. The in-process
// AuthoritativeServer has no DNSSEC denial or wildcard logic; this replaces its answer wholesale.
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;

namespace Resolver.Testing.Servers;

public sealed class SignedZoneResponder
{
    private readonly Dictionary<DnsName, List<SignedRrSet>> _byOwner = [];
    private readonly List<(DnsName Owner, SignedRrSet Set)> _nsec = [];
    private readonly List<(byte[] Hash, SignedRrSet Set)> _nsec3 = [];
    private readonly Nsec3ParamData? _param;

    public SignedZoneResponder(SignedZone zone)
    {
        Zone = zone;
        foreach (SignedRrSet set in zone.Grouping.RrSets)
        {
            if (!_byOwner.TryGetValue(set.RrSet.Name, out var list))
            {
                _byOwner[set.RrSet.Name] = list = [];
            }

            list.Add(set);
            if (set.RrSet.Type == RrType.NSEC)
            {
                _nsec.Add((set.RrSet.Name, set));
            }
            else if (set.RrSet.Type == RrType.NSEC3 && Resolver.Protocol.Text.Base32Hex.TryDecode(
                System.Text.Encoding.ASCII.GetString(set.RrSet.Name.GetLabel(0)), out byte[] hash))
            {
                _nsec3.Add((hash, set));
            }
            else if (set.RrSet.Type == RrType.NSEC3PARAM && set.RrSet.Name == zone.Origin)
            {
                _param = (Nsec3ParamData)set.RrSet.Data[0];
            }
        }

        _nsec.Sort((a, b) => a.Owner.CompareTo(b.Owner));
        _nsec3.Sort((a, b) => a.Hash.AsSpan().SequenceCompareTo(b.Hash));
    }

    public SignedZone Zone { get; }

    /// <summary>Extra change to each answer (e.g. a TTL above the RRSIG original TTL), or null.</summary>
    public Func<DnsMessage, DnsMessage>? Tamper { get; set; }

    /// <summary>Fills <paramref name="response"/> (header and question already set) with the answer to its question.</summary>
    public DnsMessage Answer(DnsMessage query, DnsMessage response)
    {
        response.Answers.Clear();
        response.Authorities.Clear();
        response.Additionals.Clear();
        response.ResponseCode = ResponseCode.NoError;
        response.IsAuthoritativeAnswer = true;
        bool dnssec = query.Edns?.DnssecOk == true;
        DnsQuestion question = query.Questions[0];
        Fill(question, dnssec, response);
        return Tamper is null ? response : Tamper(response);
    }

    private void Fill(DnsQuestion question, bool dnssec, DnsMessage response)
    {
        DnsName origin = Zone.Origin;
        DnsName qname = question.Name;
        for (int labels = origin.LabelCount + 1; labels <= qname.LabelCount; labels++)
        {
            DnsName cut = qname.GetSuffix(labels);
            if (Find(cut, RrType.NS) is { } ns && !(question.Type == RrType.DS && cut == qname))
            {
                Refer(cut, ns, dnssec, response);
                return;
            }
        }

        for (int labels = origin.LabelCount; labels < qname.LabelCount; labels++)
        {
            DnsName owner = qname.GetSuffix(labels);
            if (Find(owner, RrType.DNAME) is { } dname)
            {
                // RFC 6672 §3.1: the DNAME, then the CNAME it synthesizes (unsigned, TTL of the DNAME).
                Add(response.Answers, dname, dnssec);
                DnsName target = ((DnameData)dname.RrSet.Data[0]).Target;
                for (int i = qname.LabelCount - owner.LabelCount - 1; i >= 0; i--)
                {
                    target = target.Prepend(qname.GetLabel(i));
                }

                response.Answers.Add(new ResourceRecord(qname, dname.RrSet.Ttl, new CnameData(target)));
                return;
            }
        }

        if (_byOwner.TryGetValue(qname, out var sets))
        {
            if (question.Type == RrType.RRSIG && sets.Any(s => !s.Signatures.IsEmpty))
            {
                // A query for type RRSIG: authoritative servers answer with every signature at the name.
                foreach (SignedRrSet set in sets)
                {
                    foreach (RrsigData sig in set.Signatures)
                    {
                        response.Answers.Add(new ResourceRecord(qname, set.RrSet.Ttl, sig));
                    }
                }

                return;
            }

            var wanted = sets.Where(s => s.RrSet.Type == question.Type ||
                (question.Type == RrType.ANY && s.RrSet.Type is not (RrType.NSEC or RrType.NSEC3))).ToList();
            if (wanted.Count > 0)
            {
                wanted.ForEach(s => Add(response.Answers, s, dnssec));
                return;
            }

            if (sets.FirstOrDefault(s => s.RrSet.Type == RrType.CNAME) is { } cname)
            {
                Add(response.Answers, cname, dnssec);
                return;
            }

            NoData(qname, dnssec, response);
            return;
        }

        if (Exists(qname))
        {
            NoData(qname, dnssec, response);
            return;
        }

        DnsName encloser = qname.Parent;
        while (!Exists(encloser))
        {
            encloser = encloser.Parent;
        }

        if (_byOwner.TryGetValue(encloser.Prepend("*"), out var wild))
        {
            // RFC 4592 §3.3.1: the expansion has the query name as owner and keeps the wildcard's RRSIGs.
            SignedRrSet? match = wild.FirstOrDefault(s => s.RrSet.Type == question.Type) ?? wild.FirstOrDefault(s => s.RrSet.Type == RrType.CNAME);
            if (match is not null)
            {
                RrSet rrset = match.RrSet;
                Add(response.Answers, new SignedRrSet(new RrSet(qname, rrset.Class, rrset.Type, rrset.Ttl, rrset.Data), match.Signatures), dnssec);
                if (dnssec)
                {
                    AddDenial(qname, response);
                }

                return;
            }

            NoData(qname, dnssec, response);
            return;
        }

        response.ResponseCode = ResponseCode.NXDomain;
        NoData(qname, dnssec, response);
    }

    private void Refer(DnsName cut, SignedRrSet ns, bool dnssec, DnsMessage response)
    {
        response.IsAuthoritativeAnswer = false;
        Add(response.Authorities, ns, dnssec: false);
        if (Find(cut, RrType.DS) is { } ds)
        {
            Add(response.Authorities, ds, dnssec);
        }
        else if (dnssec)
        {
            AddDenial(cut, response);   // RFC 4035 §3.1.4: prove the unsigned delegation
        }

        foreach (NsData target in ns.RrSet.Data.Cast<NsData>())
        {
            foreach (RrType type in new[] { RrType.A, RrType.AAAA })
            {
                if (Find(target.NameServer, type) is { } glue)
                {
                    foreach (ResourceRecord rr in glue.RrSet.ToRecords())
                    {
                        response.Additionals.Add(rr);
                    }
                }
            }
        }
    }

    private void NoData(DnsName qname, bool dnssec, DnsMessage response)
    {
        SignedRrSet soa = Find(Zone.Origin, RrType.SOA)!;
        var soaData = (SoaData)soa.RrSet.Data[0];
        RrSet negative = new(soa.RrSet.Name, soa.RrSet.Class, RrType.SOA, Math.Min(soa.RrSet.Ttl, soaData.Minimum), soa.RrSet.Data);
        Add(response.Authorities, new SignedRrSet(negative, soa.Signatures), dnssec);
        if (dnssec)
        {
            AddDenial(qname, response);
        }
    }

    // For the name, each ancestor to the apex and each ancestor's wildcard: the NSEC/NSEC3 that
    // matches or covers it.
    private void AddDenial(DnsName qname, DnsMessage response)
    {
        var chosen = new HashSet<SignedRrSet>();
        for (DnsName name = qname; name.IsSubdomainOf(Zone.Origin); name = name.Parent)
        {
            foreach (DnsName probe in new[] { name, name.Prepend("*") })
            {
                if (MatchOrCover(probe) is { } set && chosen.Add(set))
                {
                    Add(response.Authorities, set, dnssec: true);
                }
            }

            if (name == Zone.Origin)
            {
                break;
            }
        }
    }

    private SignedRrSet? MatchOrCover(DnsName name)
    {
        if (_nsec.Count > 0)
        {
            int i = _nsec.FindLastIndex(e => e.Owner.CompareTo(name) <= 0);
            return _nsec[i < 0 ? _nsec.Count - 1 : i].Set;
        }

        if (_nsec3.Count > 0 && _param is not null)
        {
            byte[] hash = Nsec3Hash.Compute(name, _param.Salt, _param.Iterations);
            int i = _nsec3.FindLastIndex(e => e.Hash.AsSpan().SequenceCompareTo(hash) <= 0);
            return _nsec3[i < 0 ? _nsec3.Count - 1 : i].Set;
        }

        return null;
    }

    // A name exists when it or a name below it owns authoritative data (RFC 4592 §2.2.2).
    // NSEC3 owners are hashes, not names of the zone (RFC 5155 §7.1).
    private bool Exists(DnsName name) =>
        _byOwner.Any(e => e.Key.IsSubdomainOf(name) && e.Value.Exists(s => s.RrSet.Type != RrType.NSEC3));

    private SignedRrSet? Find(DnsName owner, RrType type) =>
        _byOwner.TryGetValue(owner, out var sets) ? sets.FirstOrDefault(s => s.RrSet.Type == type) : null;

    private static void Add(IList<ResourceRecord> section, SignedRrSet set, bool dnssec)
    {
        foreach (ResourceRecord rr in set.RrSet.ToRecords())
        {
            section.Add(rr);
        }

        if (dnssec)
        {
            foreach (RrsigData sig in set.Signatures)
            {
                section.Add(new ResourceRecord(set.RrSet.Name, set.RrSet.Class, set.RrSet.Ttl, sig));
            }
        }
    }
}

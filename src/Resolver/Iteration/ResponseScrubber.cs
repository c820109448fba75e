// ResponseScrubber: removes from a response everything the server had no authority to say (RFC 2181
// §5.4.1, the defence against Kaminsky-style injection; Unbound's iter_scrub.c does the same). A server
// asked as a server for zone Z may speak only about names at or below Z ("in bailiwick"); the answer
// section may only hold the chain that starts at the question's name (CNAME targets and DNAME
// synthesis followed); the authority section only NS/SOA/DS/NSEC/NSEC3 (+RRSIGs) relevant to that
// chain; the additional section only addresses of name servers named in the kept NS records.
// Whatever is dropped is never cached and never seen by the layers above.
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Iteration;

/// <summary>Drops out-of-bailiwick and unrelated records from a response.</summary>
internal static class ResponseScrubber
{
    private const int MaxChainNames = 64;

    /// <summary>
    /// Returns a copy of <paramref name="response"/> holding only records the server for
    /// <paramref name="zone"/> may assert about <paramref name="question"/>.
    /// </summary>
    /// <param name="response">The response as received.</param>
    /// <param name="question">The question that was asked.</param>
    /// <param name="zone">The zone the server was asked as a server of (the root for a forwarder).</param>
    /// <param name="dropped">How many records were removed.</param>
    public static DnsMessage Scrub(DnsMessage response, DnsQuestion question, DnsName zone, out int dropped)
    {
        var result = new DnsMessage
        {
            Id = response.Id,
            IsResponse = response.IsResponse,
            OpCode = response.OpCode,
            IsAuthoritativeAnswer = response.IsAuthoritativeAnswer,
            IsTruncated = response.IsTruncated,
            RecursionDesired = response.RecursionDesired,
            RecursionAvailable = response.RecursionAvailable,
            AuthenticData = response.AuthenticData,
            CheckingDisabled = response.CheckingDisabled,
            ResponseCode = response.ResponseCode,
            Edns = response.Edns,
        };
        result.Questions.Add(question);

        List<ResourceRecord> answers = WithoutOverreachingNsec(WithoutCnameConflicts(response.Answers, question), zone);
        List<DnsName> chain = ChainNames(answers, response, question, zone);
        foreach (ResourceRecord rr in answers)
        {
            if (rr.Name.IsSubdomainOf(zone) && (Contains(chain, rr.Name) || IsDnameFor(rr, chain)) && !IsFalseSynthesis(rr, response, zone))
            {
                result.Answers.Add(rr);
            }
        }

        var nsTargets = new HashSet<DnsName>();
        foreach (ResourceRecord rr in result.Answers)
        {
            if (rr.Data is NsData ns)
            {
                nsTargets.Add(ns.NameServer);
            }
        }

        foreach (ResourceRecord rr in WithoutOverreachingNsec([.. response.Authorities], zone))
        {
            if (!rr.Name.IsSubdomainOf(zone))
            {
                continue;
            }

            RrType type = rr.Data is RrsigData sig ? sig.TypeCovered : rr.Type;
            bool keep = type switch
            {
                // NS and SOA must sit at or above a name of the chain (a referral or the zone apex).
                RrType.NS or RrType.SOA => chain.Exists(n => n.IsSubdomainOf(rr.Name)),
                RrType.DS or RrType.NSEC or RrType.NSEC3 => true,
                _ => false,
            };
            if (keep)
            {
                result.Authorities.Add(rr);
                if (rr.Data is NsData ns)
                {
                    nsTargets.Add(ns.NameServer);
                }
            }
        }

        foreach (ResourceRecord rr in response.Additionals)
        {
            RrType type = rr.Data is RrsigData sig ? sig.TypeCovered : rr.Type;
            if (type is RrType.A or RrType.AAAA && rr.Name.IsSubdomainOf(zone) && nsTargets.Contains(rr.Name))
            {
                result.Additionals.Add(rr);
            }
        }

        dropped = response.Answers.Count + response.Authorities.Count + response.Additionals.Count -
                  result.Answers.Count - result.Authorities.Count - result.Additionals.Count;
        return result;
    }

    /// <summary>
    /// The name a DNAME redirects <paramref name="name"/> to (RFC 6672 §2.2): the labels of
    /// <paramref name="name"/> below <paramref name="owner"/> prepended to <paramref name="target"/>.
    /// False when the result would exceed 255 octets (the server would answer YXDOMAIN).
    /// </summary>
    public static bool TrySynthesize(DnsName name, DnsName owner, DnsName target, out DnsName result)
    {
        result = target;
        int prefix = name.LabelCount - owner.LabelCount;
        int length = target.WireLength;
        for (int i = prefix - 1; i >= 0; i--)
        {
            ReadOnlySpan<byte> label = name.GetLabel(i);
            length += label.Length + 1;
            if (length > DnsName.MaxWireLength)
            {
                return false;
            }

            result = result.Prepend(label);
        }

        return true;
    }

    // The names the answer may speak about: the question's name, then every CNAME target and DNAME
    // synthesis reachable from it through records in the zone, to a fixed point (bounded).
    private static List<DnsName> ChainNames(List<ResourceRecord> answers, DnsMessage response, DnsQuestion question, DnsName zone)
    {
        var chain = new List<DnsName> { question.Name };
        bool changed = true;
        while (changed && chain.Count < MaxChainNames)
        {
            changed = false;
            foreach (ResourceRecord rr in answers)
            {
                if (!rr.Name.IsSubdomainOf(zone))
                {
                    continue;
                }

                if (rr.Data is CnameData cname && Contains(chain, rr.Name) && !Contains(chain, cname.Target) &&
                    !(question.Type == RrType.CNAME && rr.Name.Equals(question.Name)) && !IsFalseSynthesis(rr, response, zone))
                {
                    chain.Add(cname.Target);
                    changed = true;
                }
                else if (rr.Data is DnameData dname)
                {
                    foreach (DnsName n in chain.ToArray())
                    {
                        if (n.IsStrictSubdomainOf(rr.Name) && TrySynthesize(n, rr.Name, dname.Target, out DnsName synthesized) &&
                            !Contains(chain, synthesized))
                        {
                            chain.Add(synthesized);
                            changed = true;
                        }
                    }
                }
            }
        }

        return chain;
    }

    // RFC 1034 §3.6.2, RFC 2181 §10.1: a name with a CNAME has no other data (RRSIG and NSEC
    // aside, RFC 4035 §2.5). A response holding both at one name is broken; as Unbound does, the
    // first RRset at the name in the answer section decides — a CNAME first is followed and the
    // other data dropped, other data first is the answer and the CNAME dropped — with the RRSIGs
    // of what is dropped. Questions for CNAME or ANY itself are left as they are.
    private static List<ResourceRecord> WithoutCnameConflicts(IList<ResourceRecord> answers, DnsQuestion question)
    {
        var result = new List<ResourceRecord>(answers);
        if (question.Type is RrType.CNAME or RrType.ANY)
        {
            return result;
        }

        var decided = new Dictionary<DnsName, bool>();   // owner → its first data RRset is a CNAME
        foreach (ResourceRecord rr in answers)
        {
            if (rr.Type is not (RrType.RRSIG or RrType.NSEC))
            {
                decided.TryAdd(rr.Name, rr.Type == RrType.CNAME);
            }
        }

        result.RemoveAll(rr =>
        {
            RrType type = rr.Data is RrsigData sig ? sig.TypeCovered : rr.Type;
            if (type is RrType.RRSIG or RrType.NSEC || !decided.TryGetValue(rr.Name, out bool cnameFirst))
            {
                return false;
            }

            // The first data RRset at the owner is the CNAME (drop the rest) or is not (drop any CNAME).
            return cnameFirst ? type != RrType.CNAME : type == RrType.CNAME;
        });
        return result;
    }

    // RFC 4034 §4.1.1: an NSEC's next name is the zone's next owner, so it lies in the zone. One
    // pointing outside the zone the server was asked for speaks of names it has no authority over
    // (and would deny them from the cache): it is dropped with its RRSIGs, as Unbound's scrubber
    // drops "overreaching" NSEC records.
    private static List<ResourceRecord> WithoutOverreachingNsec(List<ResourceRecord> records, DnsName zone)
    {
        var overreaching = new HashSet<DnsName>();
        foreach (ResourceRecord rr in records)
        {
            if (rr.Data is NsecData nsec && rr.Name.IsSubdomainOf(zone) && !nsec.NextDomainName.IsSubdomainOf(zone))
            {
                overreaching.Add(rr.Name);
            }
        }

        if (overreaching.Count > 0)
        {
            records.RemoveAll(rr => (rr.Type == RrType.NSEC || rr.Data is RrsigData { TypeCovered: RrType.NSEC }) && overreaching.Contains(rr.Name));
        }

        return records;
    }

    // RFC 6672 §2.2, §5.3.1: below a DNAME (in the zone asked) a CNAME can only be the DNAME's
    // synthesis, which is unsigned and so proves nothing by itself; one that names another target
    // is forged or broken. It is dropped and its target not followed (the iterator synthesizes the
    // real CNAME from the DNAME; Unbound's scrubber does the same).
    private static bool IsFalseSynthesis(ResourceRecord rr, DnsMessage response, DnsName zone)
    {
        if (rr.Data is not CnameData cname)
        {
            return false;
        }

        foreach (ResourceRecord other in response.Answers)
        {
            if (other.Data is DnameData dname && other.Name.IsSubdomainOf(zone) && rr.Name.IsStrictSubdomainOf(other.Name) &&
                (!TrySynthesize(rr.Name, other.Name, dname.Target, out DnsName synthesized) || !synthesized.Equals(cname.Target)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDnameFor(ResourceRecord rr, List<DnsName> chain)
    {
        RrType type = rr.Data is RrsigData sig ? sig.TypeCovered : rr.Type;
        return type == RrType.DNAME && chain.Exists(n => n.IsStrictSubdomainOf(rr.Name));
    }

    private static bool Contains(List<DnsName> names, DnsName name) => names.Contains(name);
}

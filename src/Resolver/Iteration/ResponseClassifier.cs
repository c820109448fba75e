// ResponseClassifier: says what a scrubbed response is (in the spirit of Unbound's
// iter_resptype.c): an answer, a CNAME or DNAME to follow, NXDOMAIN, NODATA, a referral to a child
// zone, or "lame" — nothing usable from this server, so the iterator tries the next one. Upward and
// sideways referrals, NXDOMAIN or NODATA from a cache (RA set, AA clear: recursive lame), and
// empty non-authoritative responses are lame.
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Iteration;

/// <summary>What a response says about the question.</summary>
internal enum ResponseKind
{
    Answer,
    Cname,
    Dname,

    /// <summary>A DNAME above the name whose substitution would exceed 255 octets (RFC 6672 §2.2).</summary>
    YxDomain,
    NxDomain,
    NoData,
    Referral,
    Lame,
}

/// <summary>A classified response.</summary>
/// <param name="Kind">What the response is.</param>
/// <param name="Target">For CNAME/DNAME: the name to continue with.</param>
/// <param name="Owner">For CNAME/DNAME: the alias record's owner; for a referral: the child zone.</param>
/// <param name="Reason">For a lame response: why.</param>
internal readonly record struct Classification(ResponseKind Kind, DnsName? Target = null, DnsName? Owner = null, string? Reason = null);

/// <summary>Classifies scrubbed responses.</summary>
internal static class ResponseClassifier
{
    /// <summary>Classifies <paramref name="response"/> (already scrubbed for <paramref name="zone"/>).</summary>
    /// <param name="response">The scrubbed response.</param>
    /// <param name="question">The question asked.</param>
    /// <param name="zone">The zone the server was asked as a server of.</param>
    /// <param name="requireAuthoritative">True for authoritative servers (NXDOMAIN or NODATA with RA but without AA is lame); false for forwarders.</param>
    public static Classification Classify(DnsMessage response, DnsQuestion question, DnsName zone, bool requireAuthoritative)
    {
        DnsName qname = question.Name;
        // RFC 1034 §5.3.3 accepts a response that answers the question or holds a name error, AA or
        // not. What marks a server lame is a negative answer from a cache: NXDOMAIN or NODATA with RA
        // set and AA clear (Unbound's RESPONSE_TYPE_REC_LAME in response_type_from_server; Unbound
        // takes an answer section holding the question's data, or an alias, without looking at AA or
        // RA). Many authoritative servers, and the Unbound/Deckard corpora, set RA and omit AA; the
        // data is still scrubbed to the zone's bailiwick, cached below answer trust (RFC 2181 §5.4.1)
        // and validated.
        bool authoritative = response.IsAuthoritativeAnswer || !requireAuthoritative || !response.RecursionAvailable;
        if (response.ResponseCode == ResponseCode.YXDomain && OverflowingDname(response, qname) is { } owner)
        {
            // RFC 6672 §2.2: a substitution longer than a name can be is answered YXDOMAIN with the
            // DNAME. The claim is checked here (the synthesis must indeed overflow); the DNAME is
            // validated like any other RRset. Any other YXDOMAIN says nothing usable.
            return authoritative ? new(ResponseKind.YxDomain, Owner: owner) : new(ResponseKind.Lame, Reason: "YXDOMAIN with RA but without AA (recursive lame)");
        }

        if (response.ResponseCode is not (ResponseCode.NoError or ResponseCode.NXDomain))
        {
            return new(ResponseKind.Lame, Reason: "rcode " + DnsMessage.FormatRcode(response.ResponseCode));
        }

        Classification? alias = FindAlias(response, question);
        bool hasAnswer = false;
        foreach (ResourceRecord rr in response.Answers)
        {
            if (rr.Name.Equals(qname) && rr.Class == question.Class && (rr.Type == question.Type || question.Type == RrType.ANY))
            {
                hasAnswer = true;
                break;
            }
        }

        if (hasAnswer || alias is not null)
        {
            // RFC 6604 §3: with an alias in the answer, the RCODE speaks of the chain's last name,
            // so the alias is followed and the target asked for in its own right. A DNAME above
            // the name wins over a record at it: there is no data below a DNAME (RFC 6672 §2.4),
            // so a CNAME there (the answer to a CNAME question) is only the DNAME's synthesis.
            if (alias is { Kind: ResponseKind.Dname })
            {
                return alias.Value;
            }

            if (hasAnswer && response.ResponseCode == ResponseCode.NoError)
            {
                return new(ResponseKind.Answer);
            }

            if (alias is not null)
            {
                return alias.Value;
            }

            return authoritative ? new(ResponseKind.NxDomain) : new(ResponseKind.Lame, Reason: "NXDOMAIN with RA but without AA (recursive lame)");
        }

        if (response.ResponseCode == ResponseCode.NXDomain)
        {
            return authoritative ? new(ResponseKind.NxDomain) : new(ResponseKind.Lame, Reason: "NXDOMAIN with RA but without AA (recursive lame)");
        }

        // A delegation below the zone asked, without an SOA, is a referral even when AA is (wrongly)
        // set: the child's own servers answer authoritatively one step later. The zone's apex NS is
        // never taken for one (it is not strictly below the zone), nor is a NODATA with its SOA.
        if (ParentSideCut(response, n => n.IsStrictSubdomainOf(zone) && qname.IsSubdomainOf(n)) is { } referral)
        {
            // RFC 4035 §3.1.4.1: the DS lives on the parent side; a "referral" to the very name asked
            // for its DS means the parent holds none.
            return question.Type == RrType.DS && referral.Equals(qname)
                ? new(ResponseKind.NoData)
                : new(ResponseKind.Referral, Owner: referral);
        }

        bool hasSoa = false;
        bool hasDenial = false;
        foreach (ResourceRecord rr in response.Authorities)
        {
            hasSoa |= rr.Data is SoaData;
            hasDenial |= rr.Type is RrType.NSEC or RrType.NSEC3 && rr.Name.IsSubdomainOf(zone);
        }

        // An empty answer whose authority section carries the zone's NSEC/NSEC3 records is a NODATA
        // even without the SOA (RFC 2308 §2.2 asks for it, but RFC 4035 §3.1.3 makes the proof what
        // counts): the validator judges the proof, and a missing or wrong one is Bogus, not lame.
        // Unbound (iter_resptype.c) likewise takes any empty NOERROR without RA for a NODATA.
        if (hasSoa || hasDenial || response.IsAuthoritativeAnswer || !requireAuthoritative)
        {
            return authoritative ? new(ResponseKind.NoData) : new(ResponseKind.Lame, Reason: "NODATA with RA but without AA (recursive lame)");
        }

        return new(ResponseKind.Lame, Reason: "no answer, referral or SOA (lame or upward referral)");
    }

    /// <summary>
    /// The deepest name <paramref name="isCut"/> accepts that <paramref name="response"/>'s authority
    /// section holds an NS RRset for, when the response speaks from the parent side of that cut: NS
    /// and no SOA (RFC 1034 §4.3.2 step 3b: a referral carries the child's NS; a negative answer
    /// carries its zone's SOA instead, RFC 2308 §2). Null when there is none or an SOA is present.
    /// The one "NS without SOA" test of the iterator (classifying, and a DS asked of the parent).
    /// </summary>
    public static DnsName? ParentSideCut(DnsMessage response, Func<DnsName, bool> isCut)
    {
        DnsName? cut = null;
        foreach (ResourceRecord rr in response.Authorities)
        {
            if (rr.Data is SoaData)
            {
                return null;
            }

            if (rr.Data is NsData && (cut is null || rr.Name.LabelCount > cut.LabelCount) && isCut(rr.Name))
            {
                cut = rr.Name;
            }
        }

        return cut;
    }

    /// <summary>
    /// True when a response, before scrubbing, is an upward referral: no answer records and no SOA,
    /// but an NS RRset in the authority section for a strict ancestor of the zone asked (the root,
    /// say). Unbound's response_type_from_server returns RESPONSE_TYPE_LAME for "a referral upwards"
    /// whatever the AA bit says: the server does not serve the zone (an old BIND's upward referral;
    /// Unbound's iter_lame_aaaa). An NS RRset beside the zone is irrelevant there, as here. The
    /// scrubber removes out-of-zone records, which would leave an empty AA answer that looks like
    /// NODATA, so this is asked of the raw response.
    /// </summary>
    public static bool IsUpwardReferral(DnsMessage response, DnsName zone)
    {
        if (response.ResponseCode != ResponseCode.NoError || response.Answers.Count > 0)
        {
            return false;
        }

        bool upward = false;
        foreach (ResourceRecord rr in response.Authorities)
        {
            if (rr.Data is SoaData || (rr.Data is NsData && rr.Name.IsSubdomainOf(zone)))
            {
                return false;
            }

            upward |= rr.Data is NsData && zone.IsStrictSubdomainOf(rr.Name);
        }

        return upward;
    }

    // The owner of a DNAME in the answer above qname whose substitution for qname would overflow.
    private static DnsName? OverflowingDname(DnsMessage response, DnsName qname)
    {
        foreach (ResourceRecord rr in response.Answers)
        {
            if (rr.Data is DnameData dname && qname.IsStrictSubdomainOf(rr.Name) && !ResponseScrubber.TrySynthesize(qname, rr.Name, dname.Target, out _))
            {
                return rr.Name;
            }
        }

        return null;
    }

    private static Classification? FindAlias(DnsMessage response, DnsQuestion question)
    {
        DnsName qname = question.Name;
        // A DNAME comes first: the CNAME beside it is only its synthesis (RFC 6672 §3.4).
        foreach (ResourceRecord rr in response.Answers)
        {
            if (rr.Data is DnameData dname && qname.IsStrictSubdomainOf(rr.Name) &&
                ResponseScrubber.TrySynthesize(qname, rr.Name, dname.Target, out DnsName target))
            {
                return new(ResponseKind.Dname, target, rr.Name);
            }
        }

        // A CNAME question is answered by the CNAME itself — unless the server chased it anyway and
        // says NXDOMAIN, which then speaks of the chain's last name (RFC 6604 §3): the chain is
        // followed so that the name error is checked where it belongs (as Unbound does).
        bool follow = question.Type != RrType.CNAME || response.ResponseCode == ResponseCode.NXDomain;
        foreach (ResourceRecord rr in response.Answers)
        {
            if (rr.Data is CnameData cname && follow && rr.Name.Equals(qname))
            {
                return new(ResponseKind.Cname, cname.Target, rr.Name);
            }
        }

        return null;
    }
}

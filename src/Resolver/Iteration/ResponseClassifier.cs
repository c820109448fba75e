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
            // so the alias is followed and the target asked for in its own right.
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

        bool hasSoa = false;
        DnsName? referral = null;
        foreach (ResourceRecord rr in response.Authorities)
        {
            if (rr.Data is SoaData)
            {
                hasSoa = true;
            }
            else if (rr.Data is NsData && rr.Name.IsStrictSubdomainOf(zone) && qname.IsSubdomainOf(rr.Name) &&
                     (referral is null || rr.Name.LabelCount > referral.LabelCount))
            {
                referral = rr.Name;
            }
        }

        // A delegation below the zone asked, without an SOA, is a referral even when AA is (wrongly)
        // set: the child's own servers answer authoritatively one step later. The zone's apex NS is
        // never taken for one (it is not strictly below the zone), nor is a NODATA with its SOA.
        if (referral is not null && !hasSoa)
        {
            // RFC 4035 §3.1.4.1: the DS lives on the parent side; a "referral" to the very name asked
            // for its DS means the parent holds none.
            return question.Type == RrType.DS && referral.Equals(qname)
                ? new(ResponseKind.NoData)
                : new(ResponseKind.Referral, Owner: referral);
        }

        if (hasSoa || response.IsAuthoritativeAnswer || !requireAuthoritative)
        {
            return authoritative ? new(ResponseKind.NoData) : new(ResponseKind.Lame, Reason: "NODATA with RA but without AA (recursive lame)");
        }

        return new(ResponseKind.Lame, Reason: "no answer, referral or SOA (lame or upward referral)");
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

        foreach (ResourceRecord rr in response.Answers)
        {
            if (rr.Data is CnameData cname && question.Type != RrType.CNAME && rr.Name.Equals(qname))
            {
                return new(ResponseKind.Cname, cname.Target, rr.Name);
            }
        }

        return null;
    }
}

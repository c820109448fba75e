// ResponseMatcher: the acceptance rule for responses (RFC 5452 §4.3, §9.1): a response counts only
// when it comes from the address and port the query went to, carries the query's ID, is a response
// (QR=1) and repeats the question — name compared case-insensitively, since 0x20-style case changes
// and compression may alter case (RFC 4343). Everything else is ignored, not treated as an error.
using System.Buffers.Binary;
using System.Net;
using Resolver.Protocol;

namespace Resolver.Transport;

/// <summary>Decides whether a received datagram answers the query that is waiting.</summary>
internal static class ResponseMatcher
{
    /// <summary>True when <paramref name="from"/> is the server the query went to.</summary>
    public static bool SourceMatches(IPEndPoint from, IPEndPoint server)
    {
        if (from.Port != server.Port)
        {
            return false;
        }

        IPAddress a = from.Address.IsIPv4MappedToIPv6 ? from.Address.MapToIPv4() : from.Address;
        IPAddress b = server.Address.IsIPv4MappedToIPv6 ? server.Address.MapToIPv4() : server.Address;
        return a.Equals(b);
    }

    /// <summary>True when the first two bytes (the header ID) equal <paramref name="id"/>.</summary>
    public static bool IdMatches(ReadOnlySpan<byte> datagram, ushort id) =>
        datagram.Length >= 2 && BinaryPrimitives.ReadUInt16BigEndian(datagram) == id;

    /// <summary>
    /// True when <paramref name="response"/> is a response to <paramref name="question"/>. A response
    /// with an empty question section is accepted only for an error RCODE other than NXDOMAIN (some
    /// servers send FORMERR/NOTIMP without echoing the question); it carries no data to poison with.
    /// </summary>
    public static bool QuestionMatches(DnsMessage response, DnsQuestion question)
    {
        if (!response.IsResponse)
        {
            return false;
        }

        if (response.Questions.Count == 0)
        {
            return response.ResponseCode is not (ResponseCode.NoError or ResponseCode.NXDomain) &&
                   response.Answers.Count == 0 && response.Authorities.Count == 0 && response.Additionals.Count == 0;
        }

        if (response.Questions.Count != 1)
        {
            return false;
        }

        DnsQuestion q = response.Questions[0];
        return q.Type == question.Type && q.Class == question.Class && q.Name.Equals(question.Name);
    }

    /// <summary>
    /// The response in <paramref name="body"/>, read from a stream (TCP, TLS) or an HTTP exchange, when
    /// it carries <paramref name="id"/>, parses and answers <paramref name="question"/>; else null. On
    /// such a channel nobody else can inject, so a mismatch is a broken server, not noise to skip.
    /// </summary>
    public static DnsMessage? Accept(byte[] body, ushort id, DnsQuestion question) =>
        IdMatches(body, id) && DnsMessage.TryParse(body, out DnsMessage? response, out _) && QuestionMatches(response, question)
            ? response
            : null;

    /// <summary>The argument checks of <see cref="IDnsTransport.QueryAsync"/> every transport makes.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The query does not hold exactly one question.</exception>
    public static void CheckQueryArguments(IPEndPoint server, DnsMessage query, TransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        if (query.Questions.Count != 1)
        {
            throw new ArgumentException("A query holds exactly one question.", nameof(query));
        }
    }
}

// QueryPadding: EDNS(0) padding of queries sent over encrypted transports (RFC 7830), by the block-length
// policy RFC 8467 §4.1 recommends for clients: the query grows to the next multiple of 128 octets, so its
// size says little about the name asked. Shared by DNS over TLS and DNS over HTTPS.
using Resolver.Protocol;

namespace Resolver.Transport;

internal static class QueryPadding
{
    // RFC 8467 §4.1: queries are padded to the closest multiple of 128 octets.
    private const int PaddingBlock = 128;

    // The query's wire form with an EDNS padding option that brings it to a multiple of PaddingBlock
    // (RFC 7830 §3; RFC 8467 §4.1). A query without EDNS is sent as it is (padding lives in OPT).
    public static byte[] Padded(DnsMessage query)
    {
        if (query.Edns is not { } edns)
        {
            return query.ToWire();
        }

        var copy = new DnsMessage
        {
            Id = query.Id,
            OpCode = query.OpCode,
            RecursionDesired = query.RecursionDesired,
            CheckingDisabled = query.CheckingDisabled,
            AuthenticData = query.AuthenticData,
        };
        copy.Questions.Add(query.Questions[0]);
        var padded = new EdnsRecord { UdpPayloadSize = edns.UdpPayloadSize, Version = edns.Version, DnssecOk = edns.DnssecOk, OtherFlags = edns.OtherFlags };
        foreach (EdnsOption option in edns.Options)
        {
            if (option.Code != EdnsOptionCode.Padding)
            {
                padded.Options.Add(option);
            }
        }

        copy.Edns = padded;
        int unpadded = copy.ToWire().Length + 4;   // + the padding option's code and length
        int fill = (PaddingBlock - unpadded % PaddingBlock) % PaddingBlock;
        padded.Options.Add(new GenericEdnsOption(EdnsOptionCode.Padding, new byte[fill]));
        return copy.ToWire();
    }
}

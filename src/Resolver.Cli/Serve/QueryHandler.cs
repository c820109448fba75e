// QueryHandler: turns one query's bytes into one response's bytes, the way a validating recursive
// resolver answers a stub (RFC 4035 §3.2): RD=1 questions are resolved through the library; AD is
// set only for Secure data asked with DO or AD (RFC 6840 §5.7) and never with CD; Bogus becomes
// SERVFAIL with an Extended DNS Error (RFC 8914); CD=1 returns the data unchecked (RFC 4035 §3.2.2);
// without DO no RRSIG/NSEC/NSEC3 is included unless asked for (RFC 4035 §3.2.1); UDP answers larger
// than the client's payload are truncated with TC=1 (RFC 6891 §7, RFC 1035 §4.2.1). Malformed
// queries get FORMERR and never an exception. RD=0 is REFUSED with EDE 20: this server only
// recurses, it answers nothing from its cache without being asked to recurse.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Resolver.Protocol;
using Resolver.Protocol.Text;

namespace Resolver.Cli.Serve;

/// <summary>A response to send (null: send nothing) and the log line describing the exchange (null when not asked for).</summary>
internal readonly record struct HandledQuery(byte[]? Response, string? LogLine);

/// <param name="resolver">Resolves and validates.</param>
/// <param name="answers">Serialized answers to repeat without resolving (serve's message cache); none when null.</param>
internal sealed class QueryHandler(IDnsResolver resolver, AnswerCache? answers = null)
{
    /// <summary>The EDNS payload size this server advertises (DNS Flag Day 2020).</summary>
    public const ushort AdvertisedPayload = 1232;

    /// <summary>The largest UDP response sent even when the client advertises more.</summary>
    public const int MaxUdpResponse = 4096;

    private const int HeaderLength = 12;

    // IXFR (RFC 1995) has no RrType member; a zone transfer is never served by a resolver.
    private const RrType IxfrType = (RrType)251;

    /// <summary>
    /// Writes the answer cache's response to a UDP query into <paramref name="destination"/>; its length,
    /// or 0 when the query needs the full path (<see cref="HandleAsync"/>).
    /// </summary>
    public int TryAnswerFromCache(ReadOnlySpan<byte> query, Span<byte> destination) =>
        answers?.TryAnswer(query, udp: true, destination) ?? 0;

    /// <summary>Answers one query.</summary>
    /// <param name="wire">The query as received.</param>
    /// <param name="udp">True over UDP (responses above the client's payload size are truncated).</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    /// <param name="describe">False to skip building the log line (the hot path when queries are not logged).</param>
    public async ValueTask<HandledQuery> HandleAsync(ReadOnlyMemory<byte> wire, bool udp, CancellationToken cancellationToken, bool describe = true)
    {
        long started = Stopwatch.GetTimestamp();
        if (answers?.TryAnswer(wire.Span, udp) is { } cached)
        {
            return new(cached, describe ? $"{Describe(DnsMessage.Parse(wire.Span))} -> {DnsMessage.FormatRcode((ResponseCode)(cached[3] & 0x0F))} from the answer cache, {cached.Length} bytes" : null);
        }

        if (wire.Length < HeaderLength)
        {
            // Not even a header: there is no ID to answer to (RFC 1035 §4.1.1).
            return new(null, $"dropped {wire.Length}-byte datagram (shorter than a DNS header)");
        }

        if ((wire.Span[2] & 0x80) != 0)
        {
            return new(null, "dropped a response (QR=1) sent to the server");
        }

        if (!DnsMessage.TryParse(wire.Span, out DnsMessage? query, out string? problem))
        {
            DnsMessage formErr = HeaderOnlyError(wire.Span, ResponseCode.FormErr);
            return new(formErr.ToWire(), $"malformed query -> FORMERR ({problem})");
        }

        DnsMessage response = StartResponse(query);
        string verdict;
        bool cacheable = false;
        try
        {
            (verdict, cacheable) = await AnswerAsync(query, response, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a failure inside one resolution must become SERVFAIL, never take the server down
        catch (Exception e)
#pragma warning restore CA1031
        {
            ClearSections(response);
            response.AuthenticData = false;
            response.ResponseCode = ResponseCode.ServFail;
            AddEde(response, ExtendedErrorCode.Other, "internal error: " + e.Message);
            verdict = "internal error: " + e.Message;
        }

        byte[] bytes = Write(response);
        if (udp && bytes.Length > UdpLimit(query))
        {
            // RFC 2181 §9: a truncated answer is marked TC and the client retries over TCP; sending the
            // header and question only is the simplest answer that never gives a partial RRset.
            ClearSections(response);
            response.IsTruncated = true;
            bytes = Write(response);
            verdict += ", truncated";
        }
        else if (cacheable)
        {
            answers?.Store(wire.Span, bytes);
        }

        if (!describe)
        {
            return new(bytes, null);
        }

        double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return new(bytes, string.Create(CultureInfo.InvariantCulture,
            $"{Describe(query)} -> {DnsMessage.FormatRcode(response.ResponseCode)}{(response.AuthenticData ? " ad" : string.Empty)} {verdict}, {bytes.Length} bytes, {ms:0.0} ms"));
    }

    /// <summary>The largest UDP response for this query: the client's EDNS payload, or 512 without EDNS.</summary>
    public static int UdpLimit(DnsMessage query) =>
        query.Edns is { } edns ? Math.Clamp((int)edns.UdpPayloadSize, 512, MaxUdpResponse) : 512;

    // What the answer says for the log, and whether the response may be repeated from the answer
    // cache (only a Secure or Insecure answer: failures and Bogus are always resolved afresh).
    private async Task<(string Verdict, bool Cacheable)> AnswerAsync(DnsMessage query, DnsMessage response, CancellationToken cancellationToken)
    {
        if (query.OpCode != OpCode.Query)
        {
            response.ResponseCode = ResponseCode.NotImp;
            return ("opcode not implemented", false);
        }

        if (query.Edns is { Version: > 0 })
        {
            // RFC 6891 §6.1.3: answer an unknown EDNS version with BADVERS and the version we do speak.
            response.ResponseCode = ResponseCode.BadVers;
            return ("EDNS version not supported", false);
        }

        if (query.Questions.Count != 1)
        {
            response.ResponseCode = ResponseCode.FormErr;
            return ("not exactly one question", false);
        }

        DnsQuestion question = query.Questions[0];
        if (question.Class != RrClass.IN)
        {
            response.ResponseCode = ResponseCode.Refused;
            AddEde(response, ExtendedErrorCode.NotSupported, "only class IN is served");
            return ("class not served", false);
        }

        if (question.Type is RrType.AXFR or RrType.ANY or RrType.OPT or IxfrType)
        {
            response.ResponseCode = question.Type == RrType.OPT ? ResponseCode.FormErr : ResponseCode.NotImp;
            AddEde(response, ExtendedErrorCode.NotSupported, RrTypeText.Format(question.Type) + " queries are not served");
            return ("type not served", false);
        }

        if (!query.RecursionDesired)
        {
            // RFC 8914 §4.21: EDE 20 for a query with RD clear to a server that only recurses.
            response.ResponseCode = ResponseCode.Refused;
            AddEde(response, ExtendedErrorCode.NotAuthoritative, "recursion desired (RD) is required");
            return ("refused (RD=0)", false);
        }

        ResolveBehavior behavior = query.CheckingDisabled ? ResolveBehavior.CheckingDisabled : ResolveBehavior.Default;
        ResolveResult result = await resolver.ResolveAsync(question.Name, question.Type, behavior, cancellationToken).ConfigureAwait(false);
        if (result.IsResolutionFailure)
        {
            response.ResponseCode = ResponseCode.ServFail;
            AddEde(response, result.ResolutionErrorCode ?? ExtendedErrorCode.Other, result.ResolutionError!);
            return ("failed: " + result.ResolutionError, false);
        }

        string status = result.Status.ToString().ToLowerInvariant();
        if (result.Status == SecurityStatus.Bogus && !query.CheckingDisabled)
        {
            // RFC 4035 §5.5: Bogus data is not returned; SERVFAIL says why through the EDE (RFC 8914).
            response.ResponseCode = ResponseCode.ServFail;
            ExtendedErrorCode code = result.Reason?.ExtendedErrorCode ?? ExtendedErrorCode.DnssecBogus;
            AddEde(response, code, result.Reason?.ToString() ?? "bogus");
            return (result.Reason?.ToString() ?? "bogus", false);
        }

        bool dnssecOk = query.Edns?.DnssecOk == true;
        response.ResponseCode = result.ResponseCode;
        foreach (ResourceRecord rr in result.Answers)
        {
            if (dnssecOk || !IsDnssecRecord(rr.Type) || rr.Type == question.Type)
            {
                response.Answers.Add(rr);
            }
        }

        foreach (ResourceRecord rr in result.Authority)
        {
            if (dnssecOk || !IsDnssecRecord(rr.Type))
            {
                response.Authorities.Add(rr);
            }
        }

        // RFC 4035 §3.2.3 + RFC 6840 §5.7: AD only for Secure data, only when the client showed it
        // understands it (DO or AD set); with CD the client validates itself, so AD stays clear.
        response.AuthenticData = result.Status == SecurityStatus.Secure && !query.CheckingDisabled && (dnssecOk || query.AuthenticData);
        if (result.StaleErrorCode is { } stale)
        {
            // RFC 8767 §4 + RFC 8914 §4.4/§4.20: a stale answer says so with EDE 3 (or 19 for NXDOMAIN).
            AddEde(response, stale, "serving stale data: the authorities could not be reached");
            return ("stale " + status, result.Status is SecurityStatus.Secure or SecurityStatus.Insecure);
        }

        return (result.Reason is { } reason ? reason.ToString() : status, result.Status is SecurityStatus.Secure or SecurityStatus.Insecure);
    }

    private static bool IsDnssecRecord(RrType type) => type is RrType.RRSIG or RrType.NSEC or RrType.NSEC3;

    private static DnsMessage StartResponse(DnsMessage query)
    {
        var response = new DnsMessage
        {
            Id = query.Id,
            IsResponse = true,
            OpCode = query.OpCode,
            RecursionDesired = query.RecursionDesired,
            RecursionAvailable = true,
            CheckingDisabled = query.CheckingDisabled,
        };
        foreach (DnsQuestion question in query.Questions)
        {
            response.Questions.Add(question);
        }

        if (query.Edns is { } edns)
        {
            // RFC 3225 §3: DO is copied into the response.
            response.Edns = new EdnsRecord { UdpPayloadSize = AdvertisedPayload, DnssecOk = edns.DnssecOk };
        }

        return response;
    }

    // A header copied from a message that would not parse: same ID, opcode and RD (RFC 1035 §4.1.1).
    private static DnsMessage HeaderOnlyError(ReadOnlySpan<byte> wire, ResponseCode code) => new()
    {
        Id = (ushort)((wire[0] << 8) | wire[1]),
        IsResponse = true,
        OpCode = (OpCode)((wire[2] >> 3) & 0x0F),
        RecursionDesired = (wire[2] & 0x01) != 0,
        RecursionAvailable = true,
        ResponseCode = code,
    };

    private static void AddEde(DnsMessage response, ExtendedErrorCode code, string text)
    {
        // EDE travels in the OPT record (RFC 8914 §2); a client without EDNS gets the RCODE only.
        response.Edns?.Options.Add(new ExtendedDnsErrorOption(code, Shorten(text)));
    }

    private static string Shorten(string text) => Encoding.UTF8.GetByteCount(text) <= 300 ? text : text[..200] + "…";

    private static void ClearSections(DnsMessage response)
    {
        response.Answers.Clear();
        response.Authorities.Clear();
        response.Additionals.Clear();
    }

    private static byte[] Write(DnsMessage response)
    {
        try
        {
            return response.ToWire();
        }
        catch (InvalidOperationException)
        {
            // Larger than 65,535 bytes even over TCP: report SERVFAIL rather than a partial answer.
            ClearSections(response);
            response.AuthenticData = false;
            response.ResponseCode = ResponseCode.ServFail;
            return response.ToWire();
        }
    }

    private static string Describe(DnsMessage query)
    {
        var sb = new StringBuilder();
        if (query.Question is { } q)
        {
            sb.Append(q.Name).Append(' ').Append(RrTypeText.Format(q.Type));
        }
        else
        {
            sb.Append("(no question)");
        }

        sb.Append(query.RecursionDesired ? " +rd" : " -rd");
        if (query.Edns?.DnssecOk == true)
        {
            sb.Append(" +do");
        }

        if (query.CheckingDisabled)
        {
            sb.Append(" +cd");
        }

        if (query.AuthenticData)
        {
            sb.Append(" +ad");
        }

        return sb.ToString();
    }
}

// AnswerChecker: judges the resolver's response against a CHECK_ANSWER entry in two ways (see the
// corpus README). *Verdict*: what the MATCH keywords say about the outcome — rcode, header flags
// (QR TC RD RA AD CD; AA is a server's shaping, and the EDNS DO bit is not a header flag — Deckard's
// files leave it out of expected answers to DO queries), the question, the answer section as
// a set of records (TTLs and order free), EDE codes; authority/additional only when the entry names
// them. *Strict*: every MATCH keyword as written — `all` compares every section and AA too, `ttl`
// compares TTLs.
using Resolver.Conformance.Rpl;
using Resolver.Protocol;

namespace Resolver.Conformance.Replay;

/// <summary>The judgement of one answer.</summary>
internal sealed record CheckOutcome(bool Verdict, bool Strict, string? VerdictDiff, string? StrictDiff);

internal static class AnswerChecker
{
    public static CheckOutcome Check(RplEntry expected, DnsMessage actual)
    {
        var verdict = new List<string>();
        var strict = new List<string>();
        bool all = expected.Match.Contains("all");
        bool ttl = expected.Match.Contains("ttl");
        DnsQuestion? eq = expected.Question;
        DnsQuestion? aq = actual.Question;
        foreach (string keyword in expected.Match.Select(k => k.ToLowerInvariant()))
        {
            switch (keyword)
            {
                case "opcode":
                    Both(actual.OpCode == expected.OpCode, $"opcode {actual.OpCode}, expected {expected.OpCode}");
                    break;
                case "qtype":
                    Both(eq is null || aq?.Type == eq.Type, $"qtype {aq?.Type}, expected {eq?.Type}");
                    break;
                case "qname":
                    Both(eq is null || aq?.Name == eq.Name, $"qname {aq?.Name}, expected {eq?.Name}");
                    break;
                case "question":
                    Both(eq is null || aq == eq, $"question {aq}, expected {eq}");
                    break;
                case "rcode":
                    Both(actual.ResponseCode == expected.Rcode, $"rcode {DnsMessage.FormatRcode(actual.ResponseCode)}, expected {DnsMessage.FormatRcode(expected.Rcode)}");
                    break;
                case "flags":
                    FlagCheck();
                    break;
                case "answer":
                    Section("answer", expected.Answer, actual.Answers, verdictToo: true);
                    break;
                case "authority":
                    Section("authority", expected.Authority, actual.Authorities, verdictToo: true);
                    break;
                case "additional":
                    Section("additional", expected.Additional, actual.Additionals, verdictToo: true);
                    break;
                case "all":
                    Both(eq is null || aq == eq, $"question {aq}, expected {eq}");
                    Both(actual.ResponseCode == expected.Rcode, $"rcode {DnsMessage.FormatRcode(actual.ResponseCode)}, expected {DnsMessage.FormatRcode(expected.Rcode)}");
                    FlagCheck();
                    Section("answer", expected.Answer, actual.Answers, verdictToo: true);
                    Section("authority", expected.Authority, actual.Authorities, verdictToo: false);
                    Section("additional", expected.Additional, actual.Additionals, verdictToo: false);
                    break;
                default:
                    if (keyword.StartsWith("ede=", StringComparison.Ordinal))
                    {
                        ExtendedDnsErrorOption? ede = actual.Edns?.ExtendedError;
                        string want = keyword[4..];
                        bool ok = want == "any" ? ede is not null : ede is not null && ((int)ede.InfoCode).ToString(System.Globalization.CultureInfo.InvariantCulture) == want;
                        Both(ok, $"EDE {(ede is null ? "none" : ((int)ede.InfoCode).ToString(System.Globalization.CultureInfo.InvariantCulture))}, expected {want}");
                    }

                    break;
            }
        }

        return new CheckOutcome(verdict.Count == 0, strict.Count == 0, verdict.Count == 0 ? null : string.Join("; ", verdict), strict.Count == 0 ? null : string.Join("; ", strict));

        void Both(bool ok, string what)
        {
            if (!ok)
            {
                verdict.Add(what);
                strict.Add(what);
            }
        }

        void FlagCheck()
        {
            string want = Flags(expected.Has("QR"), expected.Has("TC"), expected.Has("RD"), expected.Has("RA"), expected.Has("AD"), expected.Has("CD"));
            string got = Flags(actual.IsResponse, actual.IsTruncated, actual.RecursionDesired, actual.RecursionAvailable, actual.AuthenticData, actual.CheckingDisabled);
            if (want != got)
            {
                verdict.Add($"flags [{got}], expected [{want}]");
            }

            bool aaDiffers = expected.Has("AA") != actual.IsAuthoritativeAnswer;
            bool doDiffers = expected.Has("DO") != (actual.Edns?.DnssecOk == true);
            if (want != got || aaDiffers || doDiffers)
            {
                strict.Add($"flags [{got}{(actual.IsAuthoritativeAnswer ? " AA" : string.Empty)}{(actual.Edns?.DnssecOk == true ? " DO" : string.Empty)}], " +
                    $"expected [{want}{(expected.Has("AA") ? " AA" : string.Empty)}{(expected.Has("DO") ? " DO" : string.Empty)}]");
            }
        }

        void Section(string name, IReadOnlyList<ResourceRecord> want, IList<ResourceRecord> got, bool verdictToo)
        {
            string? setDiff = SetDiff(want, got, withTtl: false);
            if (setDiff is not null)
            {
                if (verdictToo)
                {
                    verdict.Add($"{name}: {setDiff}");
                }

                strict.Add($"{name}: {setDiff}");
            }
            else if (all && ttl && SetDiff(want, got, withTtl: true) is { } ttlDiff)
            {
                strict.Add($"{name} TTLs: {ttlDiff}");
            }
        }
    }

    // Sections compare as sets (order free, duplicates collapse), TTLs only when asked.
    private static string? SetDiff(IReadOnlyList<ResourceRecord> want, IList<ResourceRecord> got, bool withTtl)
    {
        var w = want.Select(r => withTtl ? r : r with { Ttl = 0 }).ToHashSet();
        var g = got.Select(r => withTtl ? r : r with { Ttl = 0 }).ToHashSet();
        var missing = w.Except(g).ToList();
        var extra = g.Except(w).ToList();
        if (missing.Count == 0 && extra.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add("missing " + string.Join(" | ", missing.Select(Short)));
        }

        if (extra.Count > 0)
        {
            parts.Add("extra " + string.Join(" | ", extra.Select(Short)));
        }

        return string.Join(", ", parts);
    }

    private static string Short(ResourceRecord rr)
    {
        string text = rr.ToString();
        return text.Length > 90 ? text[..90] + "…" : text;
    }

    private static string Flags(bool qr, bool tc, bool rd, bool ra, bool ad, bool cd)
    {
        var parts = new List<string>();
        if (qr) { parts.Add("QR"); }
        if (tc) { parts.Add("TC"); }
        if (rd) { parts.Add("RD"); }
        if (ra) { parts.Add("RA"); }
        if (ad) { parts.Add("AD"); }
        if (cd) { parts.Add("CD"); }
        return string.Join(' ', parts);
    }
}

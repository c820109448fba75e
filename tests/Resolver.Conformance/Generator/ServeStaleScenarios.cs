// ServeStaleScenarios: serve-stale (RFC 8767) replayed with Unbound's config keys (serve-expired,
// serve-expired-ttl, serve-expired-reply-ttl). Every zone's servers answer only the first query
// (their ranges end at step 10); TIME_PASSES then takes every TTL past expiry, and the same question
// finds no server: data that validated is answered stale with EDE 3 (19 for NXDOMAIN) and AD as it
// validated; Bogus data, data past the stale window and a resolver without serve-expired give SERVFAIL.
using Resolver.Protocol;
using Resolver.Testing.Signing;

namespace Resolver.Conformance.Generator;

internal static class ServeStaleScenarios
{
    // Past every TTL of the generated zones (3600 s; negative answers at most the SOA minimum, 300 s).
    private const int ElapseSeconds = 7200;

    private static readonly DnsName s_www = DnsName.Parse("www.example.test.");

    public static IEnumerable<(string File, string Text)> All()
    {
        string note = "RFC 8767: when every authority fails, data that validated may be answered after its TTL ran out, within a\n" +
            "window (serve-expired-ttl), with a short TTL (serve-expired-reply-ttl; §4 recommends 30 s) and EDE 3 Stale Answer or\n" +
            "EDE 19 Stale NXDOMAIN Answer (RFC 8914). The servers answer up to step 10 only; step 5 lets 7200 s pass.\n" +
            "Bogus data is never served stale. (The library asks the authorities first, as Unbound with a client timeout.)";
        ZoneHierarchy good = Zones();
        string[] on = ["serve-expired: yes", "serve-expired-ttl: 86400", "serve-expired-reply-ttl: 30"];

        yield return ("serve_stale_secure_answer.rpl", Stale(RplWriter.Write("Serve-stale: Secure data answered stale with EDE 3 when every server is gone", note, good,
            [
                new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true),
                new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true, Ede: 3, Comment: "every server gone, TTL passed: stale, still Secure"),
            ], extraConfig: on)));

        yield return ("serve_stale_nxdomain.rpl", Stale(RplWriter.Write("Serve-stale: a Secure NXDOMAIN answered stale with EDE 19", note, good,
            [
                new("nothere.example.test.", RrType.A, ResponseCode.NXDomain, Secure: true),
                new("nothere.example.test.", RrType.A, ResponseCode.NXDomain, Secure: true, Ede: 19, Comment: "RFC 8914 §4.20: Stale NXDOMAIN Answer"),
            ], extraConfig: on)));

        yield return ("serve_stale_off.rpl", Stale(RplWriter.Write("Serve-stale off (the default): expired data is not answered, SERVFAIL", note, good,
            [
                new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true),
                new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false),
            ])));

        yield return ("serve_stale_past_window.rpl", Stale(RplWriter.Write("Serve-stale: past serve-expired-ttl nothing is answered, SERVFAIL", note, good,
            [
                new("www.example.test.", RrType.A, ResponseCode.NoError, Secure: true, CheckAnswer: true),
                new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Comment: "expired 3600 s ago, window 3000 s"),
            ], extraConfig: ["serve-expired: yes", "serve-expired-ttl: 3000"])));

        ZoneHierarchy bogus = good.With(good["example.test."].CorruptSignature(s_www, RrType.A));
        yield return ("serve_stale_never_bogus.rpl", Stale(RplWriter.Write("Serve-stale: Bogus data is never answered stale", note, bogus,
            [
                new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Ede: 6),
                new("www.example.test.", RrType.A, ResponseCode.ServFail, Secure: false, Comment: "the cached Bogus RRset expired within the window: still SERVFAIL"),
            ], extraConfig: on)));
    }

    private static ZoneHierarchy Zones() => new ZoneHierarchyBuilder()
        .AddZone(".")
        .AddZone("test.")
        .AddZone("example.test.", text: "www A 192.0.2.80\n")
        .Build();

    // The servers answer steps 0-10 only, and time passes between the first question and the second (step 11).
    private static string Stale(string text)
    {
        string limited = text.Replace("RANGE_BEGIN 0 1000", "RANGE_BEGIN 0 10", StringComparison.Ordinal);
        return limited.Replace("STEP 11 QUERY", $"STEP 5 TIME_PASSES ELAPSE {ElapseSeconds}\n\nSTEP 11 QUERY", StringComparison.Ordinal);
    }
}

// RfcVectors: the example keys, records and signatures printed in the DNSSEC RFCs, as zone text,
// and a helper that checks one signed RRset from such text.
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Tests.Dnssec;

internal static class RfcVectors
{
    // RFC 4034 §2.3 (key tag 2642, used by the §3.3 RRSIG example).
    public const string Rfc4034Section23 = """
        example.com. 86400 IN DNSKEY 256 3 5 ( AQPSKmynfzW4kyBv015MUG2DeIQ3
                  Cbl+BBZH4b/0PY1kxkmvHjcZc8no
                  kfzj31GajIQKY+5CptLr3buXA10h
                  WqTkF7H6RfoRqXQeogmMHfpftf6z
                  Mv1LyBUgia7za6ZEzOJBOztyvhjL
                  742iU/TpPSEDhm2SNKLijfUppn1U
                  aNvv4w== )
        """;

    // RFC 4034 §5.4.
    public const string Rfc4034Section54 = """
        dskey.example.com. 86400 IN DNSKEY 256 3 5 ( AQOeiiR0GOMYkDshWoSKz9Xz
                  fwJr1AYtsmx3TGkJaNXVbfi/
                  2pHm822aJ5iI9BMzNXxeYCmZ
                  DRD99WYwYqUSdjMmmAphXdvx
                  egXd/M5+X7OrzKBaMbCVdFLU
                  Uh6DhweJBjEVv5f2wwjM9Xzc
                  nOf+EPbtG9DMBmADjFDc2w/r
                  ljwvFw==
                  ) ;  key id = 60485
        dskey.example.com. 86400 IN DS 60485 5 1 ( 2BB183AF5F22588179A53B0A
                  98631FAD1A292118 )
        """;

    // RFC 5702 §6.1 (RSA/SHA-256, 512-bit example key).
    public const string Rfc5702Section61 = """
        example.net.     3600  IN  DNSKEY  (256 3 8 AwEAAcFcGsaxxdgiuuGmCkVI
                        my4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8P
                        kxUdp6p/DlUmObdk= );{id = 9033 (zsk), size = 512b}
        www.example.net. 3600  IN  A  192.0.2.91
        www.example.net. 3600  IN  RRSIG  (A 8 3 3600 20300101000000
                        20000101000000 9033 example.net. kRCOH6u7l0QGy9qpC9
                        l1sLncJcOKFLJ7GhiUOibu4teYp5VE9RncriShZNz85mwlMgNEa
                        cFYK/lPtPiVYP4bwg==);{id = 9033}
        """;

    // RFC 5702 §6.2 (RSA/SHA-512, 1024-bit example key).
    public const string Rfc5702Section62 = """
        example.net.    3600  IN  DNSKEY  (256 3 10 AwEAAdHoNTOW+et86KuJOWRD
                        p1pndvwb6Y83nSVXXyLA3DLroROUkN6X0O6pnWnjJQujX/AyhqFD
                        xj13tOnD9u/1kTg7cV6rklMrZDtJCQ5PCl/D7QNPsgVsMu1J2Q8g
                        pMpztNFLpPBz1bWXjDtaR7ZQBlZ3PFY12ZTSncorffcGmhOL
                        );{id = 3740 (zsk), size = 1024b}
        www.example.net. 3600  IN  A  192.0.2.91
        www.example.net. 3600  IN  RRSIG  (A 10 3 3600 20300101000000
                        20000101000000 3740 example.net. tsb4wnjRUDnB1BUi+t
                        6TMTXThjVnG+eCkWqjvvjhzQL1d0YRoOe0CbxrVDYd0xDtsuJRa
                        eUw1ep94PzEWzr0iGYgZBWm/zpq+9fOuagYJRfDqfReKBzMweOL
                        DiNa8iP5g9vMhpuv6OPlvpXwm9Sa9ZXIbNl1MBGk0fthPgxdDLw
                        =);{id = 3740}
        """;

    // RFC 6605 §6.1 (ECDSA P-256).
    public const string Rfc6605Section61 = """
        example.net. 3600 IN DNSKEY 257 3 13 (
                GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edb
                krSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA== )
        example.net. 3600 IN DS 55648 13 2 (
                b4c8c1fe2e7477127b27115656ad6256f424625bf5c1
                e2770ce6d6e37df61d17 )
        www.example.net. 3600 IN A 192.0.2.1
        www.example.net. 3600 IN RRSIG A 13 3 3600 (
                20100909100439 20100812100439 55648 example.net.
                qx6wLYqmh+l9oCKTN6qIc+bw6ya+KJ8oMz0YP107epXA
                yGmt+3SNruPFKG7tZoLBLlUzGGus7ZwmwWep666VCw== )
        """;

    // RFC 6605 §6.2 (ECDSA P-384).
    public const string Rfc6605Section62 = """
        example.net. 3600 IN DNSKEY 257 3 14 (
                xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1
                w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8
                /uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40 )
        example.net. 3600 IN DS 10771 14 4 (
                72d7b62976ce06438e9c0bf319013cf801f09ecc84b8
                d7e9495f27e305c6a9b0563a9b5f4d288405c3008a94
                6df983d6 )
        www.example.net. 3600 IN A 192.0.2.1
        www.example.net. 3600 IN RRSIG A 14 3 3600 (
                20100909102025 20100812102025 10771 example.net.
                /L5hDKIvGDyI1fcARX3z65qrmPsVz73QD1Mr5CEqOiLP
                95hxQouuroGCeZOvzFaxsT8Glr74hbavRKayJNuydCuz
                WTSSPdz7wnqXL5bdcJzusdnI0RSMROxxwGipWcJm )
        """;

    // RFC 8080 §6.1 (Ed25519), first and second example.
    public const string Rfc8080Ed25519Example1 = """
        example.com. 3600 IN DNSKEY 257 3 15 (
                     l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4= )
        example.com. 3600 IN DS 3613 15 2 (
                     3aa5ab37efce57f737fc1627013fee07bdf241bd10f3b1964ab55c78e79
                     a304b )
        example.com. 3600 IN MX 10 mail.example.com.
        example.com. 3600 IN RRSIG MX 15 2 3600 (
                     1440021600 1438207200 3613 example.com. (
                     oL9krJun7xfBOIWcGHi7mag5/hdZrKWw15jPGrHpjQeRAvTdszaPD+QLs3f
                     x8A4M3e23mRZ9VrbpMngwcrqNAg== ) )
        """;

    public const string Rfc8080Ed25519Example2 = """
        example.com. 3600 IN DNSKEY 257 3 15 (
                     zPnZ/QwEe7S8C5SPz2OfS5RR40ATk2/rYnE9xHIEijs= )
        example.com. 3600 IN DS 35217 15 2 (
                     401781b934e392de492ec77ae2e15d70f6575a1c0bc59c5275c04ebe80c
                     6614c )
        example.com. 3600 IN MX 10 mail.example.com.
        example.com. 3600 IN RRSIG MX 15 2 3600 (
                     1440021600 1438207200 35217 example.com. (
                     zXQ0bkYgQTEFyfLyi9QoiY6D8ZdYo4wyUhVioYZXFdT410QPRITQSqJSnzQ
                     oSm5poJ7gD7AQR0O7KuI5k2pcBg== ) )
        """;

    // RFC 8080 §6.2 (Ed448), first and second example, with errata 4935 (the RFC's own RRSIG lines lack
    // the algorithm and have Labels 3; these are the corrected records).
    public const string Rfc8080Ed448Example1 = """
        example.com. 3600 IN DNSKEY 257 3 16 (
                     3kgROaDjrh0H2iuixWBrc8g2EpBBLCdGzHmn+G2MpTPhpj/OiBVHHSfPodx
                     1FYYUcJKm1MDpJtIA )
        example.com. 3600 IN DS 9713 16 2 (
                     6ccf18d5bc5d7fc2fceb1d59d17321402f2aa8d368048db93dd811f5cb2
                     b19c7 )
        example.com. 3600 IN MX 10 mail.example.com.
        example.com. 3600 IN RRSIG MX 16 2 3600 (
                     1440021600 1438207200 9713 example.com. (
                     3cPAHkmlnxcDHMyg7vFC34l0blBhuG1qpwLmjInI8w1CMB29FkEAIJUA0am
                     xWndkmnBZ6SKiwZSAxGILn/NBtOXft0+Gj7FSvOKxE/07+4RQvE581N3Aj/
                     JtIyaiYVdnYtyMWbSNyGEY2213WKsJlwEA ) )
        """;

    public const string Rfc8080Ed448Example2 = """
        example.com. 3600 IN DNSKEY 257 3 16 (
                     kkreGWoccSDmUBGAe7+zsbG6ZAFQp+syPmYUurBRQc3tDjeMCJcVMRDmgcN
                     Lp5HlHAMy12VoISsA )
        example.com. 3600 IN DS 38353 16 2 (
                     645ff078b3568f5852b70cb60e8e696cc77b75bfaaffc118cf79cbda1ba
                     28af4 )
        example.com. 3600 IN MX 10 mail.example.com.
        example.com. 3600 IN RRSIG MX 16 2 3600 (
                     1440021600 1438207200 38353 example.com. (
                     E1/oLjSGIbmLny/4fcgM1z4oL6aqo+izT3urCyHyvEp4Sp8Syg1eI+lJ57CSnZqjJP41O/9l4m0AsQ4f7qI1gVnML8vWWiyW2KXhT9kuAICUSxv5OWbf81Rq7Yu60npabODB0QFPb/rkW3kUZmQ0YQUA ) )
        """;

    public sealed record Vector(
        IReadOnlyList<ResourceRecord> Records,
        RrSet Data,
        RrSet Keys,
        RrsigData Signature,
        IReadOnlyList<DsData> DsRecords);

    public static Vector Load(string text)
    {
        var records = ZoneFileReader.Parse(text);
        var grouping = RrSet.Group(records);
        var keys = grouping.RrSets.Single(s => s.RrSet.Type == RrType.DNSKEY).RrSet;
        var signed = grouping.RrSets.SingleOrDefault(s => s.Signatures.Length > 0);
        return new Vector(
            records,
            signed?.RrSet ?? keys,
            keys,
            signed?.Signatures.Single() ?? null!,
            [.. records.Select(r => r.Data).OfType<DsData>()]);
    }

    /// <summary>A time inside the RRSIG validity window.</summary>
    public static DateTimeOffset InsideWindow(RrsigData sig) =>
        DateTimeOffset.FromUnixTimeSeconds(sig.SignatureInception + ((long)sig.SignatureExpiration - sig.SignatureInception) / 2);
}

// DenialVectors: the denial records of the two RFC example zones — RFC 4035 Appendix A's NSEC
// chain and RFC 5155 Appendix A's NSEC3 chain (salt aabbccdd, 12 iterations, opt-out set on
// every record) — with the unhashed names the NSEC3 owners stand for, and helpers to pick records
// by owner, clear the opt-out flag or upper-case owner labels.
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Tests.Dnssec.Denial;

internal static class DenialVectors
{
    public static DnsName Example { get; } = DnsName.Parse("example.");

    public static byte[] Rfc5155Salt { get; } = [0xAA, 0xBB, 0xCC, 0xDD];

    public const int Rfc5155Iterations = 12;

    // RFC 4035 Appendix A, the NSEC records in canonical order.
    public static IReadOnlyList<ResourceRecord> Rfc4035Nsec { get; } = ZoneFileReader.Parse(
        """
        $ORIGIN example.
        $TTL 3600
        @          NSEC a.example. NS SOA MX RRSIG NSEC DNSKEY
        a          NSEC ai.example. NS DS RRSIG NSEC
        ai         NSEC b.example. A HINFO AAAA RRSIG NSEC
        b          NSEC ns1.example. NS RRSIG NSEC
        ns1        NSEC ns2.example. A RRSIG NSEC
        ns2        NSEC *.w.example. A RRSIG NSEC
        *.w        NSEC x.w.example. MX RRSIG NSEC
        x.w        NSEC x.y.w.example. MX RRSIG NSEC
        x.y.w      NSEC xx.example. MX RRSIG NSEC
        xx         NSEC example. A HINFO AAAA RRSIG NSEC
        """);

    // RFC 5155 Appendix A, the NSEC3 records in hash order. Every record has the opt-out flag:
    // c.example is an unsigned delegation without an NSEC3.
    public static IReadOnlyList<ResourceRecord> Rfc5155Nsec3 { get; } = ZoneFileReader.Parse(
        """
        $ORIGIN example.
        $TTL 3600
        0p9mhaveqvm6t7vbl5lop2u3t2rp3tom NSEC3 1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr MX DNSKEY NS SOA NSEC3PARAM RRSIG
        2t7b4g4vsa5smi47k61mv5bv1a22bojr NSEC3 1 1 12 aabbccdd 2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG
        2vptu5timamqttgl4luu9kg21e0aor3s NSEC3 1 1 12 aabbccdd 35mthgpgcu1qg68fab165klnsnk3dpvl MX RRSIG
        35mthgpgcu1qg68fab165klnsnk3dpvl NSEC3 1 1 12 aabbccdd b4um86eghhds6nea196smvmlo4ors995 NS DS RRSIG
        b4um86eghhds6nea196smvmlo4ors995 NSEC3 1 1 12 aabbccdd gjeqe526plbf1g8mklp59enfd789njgi MX RRSIG
        gjeqe526plbf1g8mklp59enfd789njgi NSEC3 1 1 12 aabbccdd ji6neoaepv8b5o6k4ev33abha8ht9fgc A HINFO AAAA RRSIG
        ji6neoaepv8b5o6k4ev33abha8ht9fgc NSEC3 1 1 12 aabbccdd k8udemvp1j2f7eg6jebps17vp3n8i58h
        k8udemvp1j2f7eg6jebps17vp3n8i58h NSEC3 1 1 12 aabbccdd q04jkcevqvmu85r014c7dkba38o0ji5r
        q04jkcevqvmu85r014c7dkba38o0ji5r NSEC3 1 1 12 aabbccdd r53bq7cc2uvmubfu5ocmm6pers9tk9en A RRSIG
        r53bq7cc2uvmubfu5ocmm6pers9tk9en NSEC3 1 1 12 aabbccdd t644ebqk9bibcna874givr6joj62mlhv MX RRSIG
        t644ebqk9bibcna874givr6joj62mlhv NSEC3 1 1 12 aabbccdd 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom A HINFO AAAA RRSIG
        """);

    // RFC 5155 Appendix A: the names of the example zone each NSEC3 above stands for.
    public static IReadOnlyDictionary<string, string> Rfc5155HashedNames { get; } = new Dictionary<string, string>
    {
        ["example."] = "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom",
        ["ns1.example."] = "2t7b4g4vsa5smi47k61mv5bv1a22bojr",
        ["x.y.w.example."] = "2vptu5timamqttgl4luu9kg21e0aor3s",
        ["a.example."] = "35mthgpgcu1qg68fab165klnsnk3dpvl",
        ["x.w.example."] = "b4um86eghhds6nea196smvmlo4ors995",
        ["ai.example."] = "gjeqe526plbf1g8mklp59enfd789njgi",
        ["y.w.example."] = "ji6neoaepv8b5o6k4ev33abha8ht9fgc",
        ["w.example."] = "k8udemvp1j2f7eg6jebps17vp3n8i58h",
        ["ns2.example."] = "q04jkcevqvmu85r014c7dkba38o0ji5r",
        ["*.w.example."] = "r53bq7cc2uvmubfu5ocmm6pers9tk9en",
        ["xx.example."] = "t644ebqk9bibcna874givr6joj62mlhv",
    };

    public static DnsName N(string name) => DnsName.Parse(name, Example);

    /// <summary>The NSEC records of RFC 4035 Appendix A whose owners are given (relative to example.).</summary>
    public static List<ResourceRecord> Nsec(params string[] owners) =>
        [.. owners.Select(o => Rfc4035Nsec.Single(r => r.Name == N(o)))];

    /// <summary>The NSEC3 records of RFC 5155 Appendix A whose owner labels start with the given prefixes.</summary>
    public static List<ResourceRecord> Nsec3(params string[] ownerPrefixes) =>
        [.. ownerPrefixes.Select(p => Rfc5155Nsec3.Single(r => System.Text.Encoding.ASCII.GetString(r.Name.GetLabel(0)).StartsWith(p, StringComparison.Ordinal)))];

    /// <summary>The records with the opt-out flag cleared (the chain as a zone without opt-out would have it).</summary>
    public static List<ResourceRecord> WithoutOptOut(IEnumerable<ResourceRecord> records) =>
        [.. records.Select(r => WithData(r, d => new Nsec3Data(d.HashAlgorithm, 0, d.Iterations, d.Salt, d.NextHashedOwnerName, d.TypeBitmap)))];

    public static ResourceRecord WithData(ResourceRecord record, Func<Nsec3Data, Nsec3Data> change) =>
        record with { Data = change((Nsec3Data)record.Data) };

    /// <summary>The records with their owner's hash label in upper case (as some servers send it).</summary>
    public static List<ResourceRecord> UpperCaseOwners(IEnumerable<ResourceRecord> records) =>
        [.. records.Select(r => r with { Name = DnsName.Parse(r.Name.ToString().ToUpperInvariant()) })];
}

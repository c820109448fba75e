// SampleResponses: valid DNSSEC responses to mutate in malformed-input properties — built with the
// model (a DNSKEY answer with RRSIGs, an NXDOMAIN with SOA + NSEC3s + RRSIGs, a signed referral
// with DS and glue), one written byte by byte with hand-placed compression pointers, and the real
// captured packets of PacketFixtures. Every one parses; the properties check that first.
using System.Net;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Testing.Generators;

/// <summary>A corpus of valid response messages in wire form.</summary>
public static class SampleResponses
{
    private static readonly Lazy<IReadOnlyList<KeyValuePair<string, byte[]>>> s_all = new(BuildAll);

    /// <summary>
    /// <c>www.example.com. A</c> answered with a CNAME to <c>web.example.com.</c> and its address,
    /// EDNS with DO. Written by hand: the CNAME target and the second owner are compression pointers
    /// (to offsets 16 and 45).
    /// </summary>
    public static byte[] HandWrittenCnameAnswer { get; } = Convert.FromHexString(
        "1234" + "8180" + "0001" + "0002" + "0000" + "0001" +
        "03777777" + "076578616D706C65" + "03636F6D" + "00" + "0001" + "0001" +
        "C00C" + "0005" + "0001" + "00000E10" + "0006" + "03776562" + "C010" +
        "C02D" + "0001" + "0001" + "0000012C" + "0004" + "5DB8D822" +
        "00" + "0029" + "1000" + "00008000" + "0000");

    /// <summary>Every sample, by name: built ones, the hand-written one, and the captured fixtures.</summary>
    public static IReadOnlyList<KeyValuePair<string, byte[]>> All => s_all.Value;

    /// <summary>A DNSKEY answer: KSK (RSA-2048 size) and ZSK, each RRSIG'd, EDNS with DO, AA.</summary>
    public static DnsMessage DnskeyAnswer()
    {
        var zone = DnsName.Parse("example.com.");
        DnsMessage message = Response(zone, RrType.DNSKEY, authoritative: true);
        message.Answers.Add(new ResourceRecord(zone, 3600, new DnskeyData(257, 3, DnssecAlgorithm.RsaSha256, ByteGen.Fill(1, 260))));
        message.Answers.Add(new ResourceRecord(zone, 3600, new DnskeyData(256, 3, DnssecAlgorithm.RsaSha256, ByteGen.Fill(2, 132))));
        message.Answers.Add(new ResourceRecord(zone, 3600, Sig(RrType.DNSKEY, 2, 3600, 20326, zone, 256, 3)));
        message.Answers.Add(new ResourceRecord(zone, 3600, Sig(RrType.DNSKEY, 2, 3600, 31589, zone, 256, 4)));
        return message;
    }

    /// <summary>An NXDOMAIN from an NSEC3 zone: SOA and three NSEC3s in the authority section, each with its RRSIG.</summary>
    public static DnsMessage Nsec3NxDomain()
    {
        var zone = DnsName.Parse("example.");
        DnsMessage message = Response(DnsName.Parse("a.c.x.w.example."), RrType.A, authoritative: true);
        message.ResponseCode = ResponseCode.NXDomain;
        var soa = new SoaData(DnsName.Parse("ns1.example."), DnsName.Parse("bugs.x.w.example."), 1, 3600, 300, 3600000, 3600);
        message.Authorities.Add(new ResourceRecord(zone, 3600, soa));
        message.Authorities.Add(new ResourceRecord(zone, 3600, Sig(RrType.SOA, 1, 3600, 40430, zone, 64, 5)));
        string[] owners = ["0p9mhaveqvm6t7vbl5lop2u3t2rp3tom", "b4um86eghhds6nea196smvmlo4ors995", "35mthgpgcu1qg68fab165klnsnk3dpvl"];
        string[] nexts = ["2t7b4g4vsa5smi47k61mv5bv1a22bojr", "gjeqe526plbf1g8mklp59enfd789njgi", "b4um86eghhds6nea196smvmlo4ors995"];
        for (int i = 0; i < owners.Length; i++)
        {
            DnsName owner = DnsName.Parse(owners[i] + ".example.");
            var nsec3 = ZoneFileReader.ParseRecord($"{owner} 3600 IN NSEC3 1 1 12 aabbccdd {nexts[i]} A NS SOA MX RRSIG DNSKEY NSEC3PARAM");
            message.Authorities.Add(nsec3);
            message.Authorities.Add(new ResourceRecord(owner, 3600, Sig(RrType.NSEC3, 2, 3600, 40430, zone, 64, 6 + i)));
        }

        return message;
    }

    /// <summary>A signed referral: NS and DS (with RRSIG) for the child in authority, A and AAAA glue in additional.</summary>
    public static DnsMessage SignedReferral()
    {
        var parent = DnsName.Parse("com.");
        var child = DnsName.Parse("example.com.");
        DnsMessage message = Response(DnsName.Parse("www.example.com."), RrType.A, authoritative: false);
        message.Authorities.Add(new ResourceRecord(child, 172800, new NsData(DnsName.Parse("a.iana-servers.net."))));
        message.Authorities.Add(new ResourceRecord(child, 172800, new NsData(DnsName.Parse("ns1.example.com."))));
        message.Authorities.Add(new ResourceRecord(child, 86400, new DsData(370, DnssecAlgorithm.RsaSha256, DigestType.Sha256, ByteGen.Fill(9, 32))));
        message.Authorities.Add(new ResourceRecord(child, 86400, Sig(RrType.DS, 2, 86400, 19718, parent, 256, 10)));
        message.Additionals.Add(new ResourceRecord(DnsName.Parse("ns1.example.com."), 172800, new AData(IPAddress.Parse("192.0.2.53"))));
        message.Additionals.Add(new ResourceRecord(DnsName.Parse("ns1.example.com."), 172800, new AaaaData(IPAddress.Parse("2001:db8::53"))));
        message.Edns!.Options.Add(new ExtendedDnsErrorOption(ExtendedErrorCode.Other, "referral"));
        return message;
    }

    private static DnsMessage Response(DnsName name, RrType type, bool authoritative)
    {
        var message = new DnsMessage { Id = 0xBEEF, IsResponse = true, IsAuthoritativeAnswer = authoritative };
        message.Questions.Add(new DnsQuestion(name, type));
        message.Edns = new EdnsRecord { UdpPayloadSize = 4096, DnssecOk = true };
        return message;
    }

    private static RrsigData Sig(RrType covered, byte labels, uint ttl, ushort keyTag, DnsName signer, int length, int seed) =>
        new(covered, DnssecAlgorithm.RsaSha256, labels, ttl, 1_900_000_000, 1_700_000_000, keyTag, signer, ByteGen.Fill(seed, length));

    private static IReadOnlyList<KeyValuePair<string, byte[]>> BuildAll()
    {
        var all = new List<KeyValuePair<string, byte[]>>
        {
            new("built: DNSKEY answer", DnskeyAnswer().ToWire()),
            new("built: NSEC3 NXDOMAIN", Nsec3NxDomain().ToWire()),
            new("built: signed referral", SignedReferral().ToWire()),
            new("hand-written: CNAME answer", HandWrittenCnameAnswer),
        };
        all.AddRange(PacketFixtures.Names.Select(n => new KeyValuePair<string, byte[]>("captured: " + n, PacketFixtures.Load(n))));
        return all;
    }
}

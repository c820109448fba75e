// RrSetTests: grouping records into RRsets with the RRSIGs that cover them (by owner, class and
// Type Covered), duplicate removal, the smallest TTL, and the RRset invariants.
using System.Net;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Protocol.Tests.Dnssec;

public sealed class RrSetTests
{
    [Fact]
    public void Group_KeepsSignaturesApartByTypeCovered()
    {
        var records = ZoneFileReader.Parse("""
            www.example. 300 IN A 192.0.2.1
            WWW.example. 200 IN A 192.0.2.2
            www.example. 300 IN A 192.0.2.1
            www.example. 300 IN RRSIG A 13 2 300 20300101000000 20200101000000 1 example. AAAA
            www.example. 300 IN RRSIG AAAA 13 2 300 20300101000000 20200101000000 1 example. AAAA
            www.example. 300 IN AAAA 2001:db8::1
            www.example. 300 IN RRSIG A 13 2 300 20300101000000 20200101000000 2 example. AAAA
            other.example. 300 IN RRSIG TXT 13 2 300 20300101000000 20200101000000 1 example. AAAA
            """);
        RrSetGrouping g = RrSet.Group(records);
        Assert.Equal(2, g.RrSets.Length);
        SignedRrSet a = g.RrSets[0];
        Assert.Equal(RrType.A, a.RrSet.Type);
        Assert.Equal(2, a.RrSet.Data.Length);
        Assert.Equal(200u, a.RrSet.Ttl);
        Assert.Equal([1, 2], a.Signatures.Select(s => (int)s.KeyTag));
        SignedRrSet aaaa = g.RrSets[1];
        Assert.Equal(RrType.AAAA, aaaa.RrSet.Type);
        Assert.Single(aaaa.Signatures);
        ResourceRecord orphan = Assert.Single(g.UnmatchedSignatures);
        Assert.Equal(DnsName.Parse("other.example."), orphan.Name);
    }

    [Fact]
    public void RrSet_RejectsMixedTypesAndEmptySets()
    {
        var name = DnsName.Parse("x.example.");
        Assert.Throws<ArgumentException>(() => new RrSet(name, RrClass.IN, RrType.A, 1, []));
        Assert.Throws<ArgumentException>(() => new RrSet(name, RrClass.IN, RrType.A, 1, [new NsData(name)]));
        var sig = new RrsigData(RrType.A, DnssecAlgorithm.Ed25519, 2, 1, 2, 1, 1, name, []);
        Assert.Throws<ArgumentException>(() => new RrSet(name, RrClass.IN, RrType.A, 1, [sig]));
    }

    [Fact]
    public void Group_NeverMakesAnRrsigRrSet_ButAnRrsigQueryAnswerCanBeOne()
    {
        var name = DnsName.Parse("x.example.");
        var sigA = new RrsigData(RrType.A, DnssecAlgorithm.Ed25519, 2, 1, 2, 1, 1, name, [1]);
        var sigMx = new RrsigData(RrType.MX, DnssecAlgorithm.Ed25519, 2, 1, 2, 1, 1, name, [2]);

        RrSetGrouping grouping = RrSet.Group([new ResourceRecord(name, 60, sigA), new ResourceRecord(name, 60, sigMx)]);
        Assert.Empty(grouping.RrSets);
        Assert.Equal(2, grouping.UnmatchedSignatures.Length);

        var answer = new RrSet(name, RrClass.IN, RrType.RRSIG, 60, [sigA, sigMx]);
        Assert.Equal(2, answer.Data.Length);
    }

    [Fact]
    public void ToRecords_RoundTripsThroughGroup()
    {
        var set = new RrSet(DnsName.Parse("x.example."), RrClass.IN, RrType.A, 60,
            [new AData(IPAddress.Parse("192.0.2.1")), new AData(IPAddress.Parse("192.0.2.2"))]);
        SignedRrSet again = Assert.Single(RrSet.Group(set.ToRecords()).RrSets);
        Assert.Equal(set.Data.ToArray(), again.RrSet.Data.ToArray());
        Assert.Empty(again.Signatures);
    }
}

// DnsMessageTests: parsing real captured responses, writing them back, EDNS and Extended DNS
// Error handling, and the header fields.
using Resolver.Protocol.Records;
using Resolver.Testing;

namespace Resolver.Protocol.Tests.Wire;

public sealed class DnsMessageTests
{
    public static TheoryData<string> Fixtures => [.. PacketFixtures.Names];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void RealResponse_ParsesAndSurvivesRewrite(string fixture)
    {
        byte[] wire = PacketFixtures.Load(fixture);
        DnsMessage message = DnsMessage.Parse(wire);
        Assert.True(message.IsResponse);
        Assert.NotNull(message.Edns);
        Assert.True(message.Edns.DnssecOk);

        byte[] rewritten = message.ToWire();
        DnsMessage again = DnsMessage.Parse(rewritten);
        Assert.Equal(message.ToString(), again.ToString());
        Assert.Equal(message.Answers, again.Answers);
        Assert.Equal(message.Authorities, again.Authorities);
        Assert.Equal(message.Additionals, again.Additionals);
        // NSD compresses every name it may; so do we, so the sizes agree.
        Assert.Equal(wire.Length, rewritten.Length);
    }

    [Fact]
    public void NxDomainWithNsec3_FromOptOutRegistry()
    {
        DnsMessage message = DnsMessage.Parse(PacketFixtures.Load("nxdomain-nsec3-reg"));
        Assert.Equal(ResponseCode.NXDomain, message.ResponseCode);
        Assert.True(message.IsAuthoritativeAnswer);
        Assert.Equal(new DnsQuestion(DnsName.Parse("nosuch.reg."), RrType.A), message.Question);
        Assert.Empty(message.Answers);
        Assert.Contains(message.Authorities, rr => rr.Data is SoaData && rr.Name == DnsName.Parse("reg."));
        var nsec3 = message.Authorities.Where(rr => rr.Type == RrType.NSEC3).ToList();
        Assert.NotEmpty(nsec3);
        Assert.All(nsec3, rr => Assert.True(rr.Name.Parent == DnsName.Parse("reg.")));
        Assert.Contains(message.Authorities, rr => rr.Data is RrsigData { TypeCovered: RrType.NSEC3, Algorithm: DnssecAlgorithm.RsaSha256 });
    }

    [Fact]
    public void SignedReferral_HasNsDsAndGlue()
    {
        DnsMessage message = DnsMessage.Parse(PacketFixtures.Load("referral-ds-lab"));
        Assert.False(message.IsAuthoritativeAnswer);
        Assert.Empty(message.Answers);
        Assert.Contains(message.Authorities, rr => rr.Type == RrType.NS && rr.Name == DnsName.Parse("alg13.lab."));
        Assert.Contains(message.Authorities, rr => rr.Data is DsData { Algorithm: DnssecAlgorithm.EcdsaP256Sha256 });
        Assert.Contains(message.Additionals, rr => rr.Type == RrType.A && rr.Name == DnsName.Parse("ns1.alg13.lab."));
    }

    [Fact]
    public void DnskeyAnswer_Ed448KeysAre57Bytes()
    {
        DnsMessage message = DnsMessage.Parse(PacketFixtures.Load("dnskey-alg16"));
        var keys = message.Answers.Select(rr => rr.Data).OfType<DnskeyData>().ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Equal(DnssecAlgorithm.Ed448, k.Algorithm));
        Assert.All(keys, k => Assert.Equal(57, k.PublicKey.Length)); // RFC 8080 §3
    }

    [Fact]
    public void ExtendedRcode_RoundTripsThroughOpt()
    {
        var message = new DnsMessage { Id = 7, IsResponse = true, ResponseCode = ResponseCode.BadCookie, Edns = new EdnsRecord() };
        DnsMessage parsed = DnsMessage.Parse(message.ToWire());
        Assert.Equal(ResponseCode.BadCookie, parsed.ResponseCode);
    }

    [Fact]
    public void ExtendedRcode_WithoutEdns_IsRefusedOnWrite()
    {
        var message = new DnsMessage { ResponseCode = ResponseCode.BadVers };
        Assert.Throws<InvalidOperationException>(() => message.ToWire());
    }

    [Fact]
    public void ExtendedDnsError_Rfc8914_RoundTrips()
    {
        var message = new DnsMessage { IsResponse = true, ResponseCode = ResponseCode.ServFail, Edns = new EdnsRecord { DnssecOk = true } };
        message.Edns.Options.Add(new ExtendedDnsErrorOption(ExtendedErrorCode.DnssecBogus, "signature over www.example/A failed"));
        message.Edns.Options.Add(new GenericEdnsOption(EdnsOptionCode.Nsid, [1, 2, 3]));
        DnsMessage parsed = DnsMessage.Parse(message.ToWire());
        Assert.NotNull(parsed.Edns);
        Assert.Equal(message.Edns.Options, parsed.Edns.Options);
        Assert.Equal(ExtendedErrorCode.DnssecBogus, parsed.Edns.ExtendedError?.InfoCode);
        Assert.Contains("EDE: 6 (DnssecBogus)", parsed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ExtendedDnsError_TrailingNul_IsDropped()
    {
        // RFC 8914 §2 says the text is not NUL-terminated; some servers add one anyway.
        byte[] wire = Convert.FromHexString(
            "000181800000000000000001" + "00" + "0029" + "04D0" + "00000000" + "000A" + "000F" + "0006" + "0006" + "626F6700");
        DnsMessage parsed = DnsMessage.Parse(wire);
        Assert.Equal(new ExtendedDnsErrorOption(ExtendedErrorCode.DnssecBogus, "bog"), parsed.Edns?.ExtendedError);
    }

    [Fact]
    public void HeaderFlags_AllRoundTrip()
    {
        var message = new DnsMessage
        {
            Id = 0xBEEF, IsResponse = true, OpCode = OpCode.Notify, IsAuthoritativeAnswer = true, IsTruncated = true,
            RecursionDesired = true, RecursionAvailable = true, ReservedBit = true, AuthenticData = true,
            CheckingDisabled = true, ResponseCode = ResponseCode.Refused,
        };
        byte[] wire = message.ToWire();
        Assert.Equal(Convert.FromHexString("BEEFA7F5"), wire[..4]);
        DnsMessage parsed = DnsMessage.Parse(wire);
        Assert.Equal(message.ToString(), parsed.ToString());
        Assert.True(parsed.ReservedBit);
    }

    [Fact]
    public void CreateQuery_HasDoBitAndPayload1232()
    {
        DnsMessage query = DnsMessage.CreateQuery(42, DnsName.Parse("example.com"), RrType.DNSKEY);
        DnsMessage parsed = DnsMessage.Parse(query.ToWire());
        Assert.Equal(42, parsed.Id);
        Assert.False(parsed.RecursionDesired);
        Assert.Equal(EdnsRecord.DefaultUdpPayloadSize, parsed.Edns?.UdpPayloadSize);
        Assert.True(parsed.Edns?.DnssecOk);
    }

    [Fact]
    public void ToString_LooksLikeDig()
    {
        string text = DnsMessage.Parse(PacketFixtures.Load("nxdomain-nsec-feat")).ToString();
        Assert.Contains("status: NXDOMAIN", text, StringComparison.Ordinal);
        Assert.Contains(";; flags: qr aa;", text, StringComparison.Ordinal);
        Assert.Contains(";; AUTHORITY SECTION:", text, StringComparison.Ordinal);
        Assert.Contains("; EDNS: version: 0, flags: do; udp:", text, StringComparison.Ordinal);
    }
}

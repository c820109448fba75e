// Regression (conformance scenarios unbound/black_ds.rpl, iter_dname_ttl0.rpl, val_cname_loop2.rpl
// and ~15 others): DS, RRSIG and DNSKEY text with an algorithm mnemonic ("RSASHA1", "DSA") was
// refused. RFC 4034 §2.2, §3.2 and §5.3 allow the mnemonic (Appendix A.1) as well as the number.
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;

namespace Resolver.Tests.Regressions;

public sealed class BlackDsAlgorithmMnemonicTests
{
    [Fact]
    public void DS_with_an_algorithm_mnemonic_reads_as_the_number()
    {
        ResourceRecord rr = ZoneFileReader.ParseRecord("sub.example.com. 3600 IN DS 30899 RSASHA1 1 f7ed618f24d5e5202927e1d27bc2e84a141cb4b3");
        DsData ds = Assert.IsType<DsData>(rr.Data);
        Assert.Equal(DnssecAlgorithm.RsaSha1, ds.Algorithm);
        Assert.Equal(ZoneFileReader.ParseRecord("sub.example.com. 3600 IN DS 30899 5 1 f7ed618f24d5e5202927e1d27bc2e84a141cb4b3"), rr);
    }

    [Theory]
    [InlineData("DSA", 3)]
    [InlineData("rsasha256", 8)]
    [InlineData("ECDSAP256SHA256", 13)]
    [InlineData("ED448", 16)]
    [InlineData("PRIVATEOID", 254)]
    public void RRSIG_and_DNSKEY_accept_mnemonics(string mnemonic, int number)
    {
        var rrsig = (RrsigData)ZoneFileReader.ParseRecord($"example.com. 3600 IN RRSIG DNSKEY {mnemonic} 2 3600 20070926134150 20070829134150 2854 example.com. MCwCFBQRtlR4BEv9ohi+PGFjp+AHsJuHAhRCvz0shggvnvI88DFnBDCczHUcVA==").Data;
        Assert.Equal((DnssecAlgorithm)number, rrsig.Algorithm);
        var key = (DnskeyData)ZoneFileReader.ParseRecord($"example.com. 3600 IN DNSKEY 256 3 {mnemonic} AwEAAQ==").Data;
        Assert.Equal((DnssecAlgorithm)number, key.Algorithm);
    }

    [Fact]
    public void An_unknown_mnemonic_is_a_format_error() =>
        Assert.Throws<DnsFormatException>(() => ZoneFileReader.ParseRecord("sub.example.com. 3600 IN DS 30899 NOSUCHALG 1 f7ed618f24d5e5202927e1d27bc2e84a141cb4b3"));
}

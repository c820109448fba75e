// SignatureFindings: the smallest cases for what the signature properties found, one test each.
// RFC 4034 §6.2 item 3 (with RFC 3597 §7 and RFC 6840 §5.1) lowercases the names inside RDATA of
// more types than the library models — MD, MF, MB, MG, MR, MINFO, RP, AFSDB, RT, SIG, PX, NXT, NAPTR,
// KX, A6 — and signers (BIND, Knot, ldns) sign them lowercased. The library keeps those types as
// opaque bytes; Records/EmbeddedNames.cs knows where their names are, so canonical form lowercases them.
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;

namespace Resolver.Protocol.Tests.Dnssec.Properties;

public sealed class SignatureFindings
{
    private const RrType Rp = (RrType)17;

    // Failed with BadSignature until UnknownData learned the embedded-name layouts (Records/EmbeddedNames.cs).
    [Fact]
    public void Rp_WithUpperCaseNames_VerifiesAgainstASignatureOverItsCanonicalForm()
    {
        // RFC 1183 §2.2: RP RDATA = mbox-dname, txt-dname (uncompressed).
        DnsName zone = DnsName.Parse("example.");
        var sent = new RrSet(zone, RrClass.IN, Rp, 300,
            [new UnknownData(Rp, [.. DnsName.Parse("Admin.Example.").WireForm, .. DnsName.Parse("Info.Example.").WireForm])]);
        var canonical = new RrSet(zone, RrClass.IN, Rp, 300,
            [new UnknownData(Rp, [.. DnsName.Parse("admin.example.").WireForm, .. DnsName.Parse("info.example.").WireForm])]);
        SigningKey key = SigningKey.Zsk(DnssecAlgorithm.Ed25519);
        RrsigData rrsig = RrsetSigner.Sign(canonical, key, zone, 1_700_000_000, 1_900_000_000);

        SignatureCheckResult r = SignatureVerifier.Check(
            sent, rrsig, new RrSet(zone, RrClass.IN, RrType.DNSKEY, 3600, [key.Dnskey]), zone, ZoneSigningOptions.ValidAt);

        Assert.Equal(SignatureStatus.Valid, r.Status);
    }
}

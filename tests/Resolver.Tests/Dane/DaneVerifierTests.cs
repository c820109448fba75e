// DaneVerifierTests: DANE decisions (RFC 6698 §2.1, §2.3, §4.1; RFC 7671 §4.1, §5; RFC 7672 §2.2,
// §3.1.3) over certificate chains made in the test — each RFC example's structure (usage, selector,
// matching type) as a named test, unusable records, the DNS verdict of the TLSA answer, and the
// FsCheck property that changing any byte of a matched certificate or key turns a match into a
// non-match.
using System.Security.Cryptography.X509Certificates;
using FsCheck;
using FsCheck.Fluent;
using Resolver.Dane;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Tests.Dane;

public sealed class DaneVerifierTests : IDisposable
{
    private const string Host = "www.example.com";
    private static readonly string[] Names = [Host];
    private readonly TestPki _pki = TestPki.Create(Host);
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public void Dispose() => _pki.Dispose();

    private X509Certificate2Collection PrivateRoots => [_pki.Root];

    // RFC 6698 §2.3, first example: "0 0 1" — PKIX-TA, the CA certificate, SHA-256.
    [Fact]
    public void Rfc6698_Section2_3_Example1_PkixTa_FullCertificate_Sha256_MatchesTheRootOfTheValidatedChain()
    {
        DaneResult result = DaneVerifier.VerifyRecords([TestPki.Tlsa(0, 0, 1, _pki.Root)], _pki.Sent(withRoot: false), Names, _now, DaneUsages.All, PrivateRoots);
        Assert.Equal(DaneStatus.Authenticated, result.Status);
        Assert.Equal(2, result.Match!.MatchedCertificate);
    }

    [Fact]
    public void Rfc6698_Section2_1_1_PkixTa_FailsWhenPkixValidationFails()
    {
        // the same record, but the client trusts no root of this PKI (system store only)
        DaneResult result = DaneVerifier.VerifyRecords([TestPki.Tlsa(0, 0, 1, _pki.Root)], _pki.Sent(), Names, _now);
        Assert.Equal(DaneStatus.Failed, result.Status);
        Assert.Equal(DaneReason.NoMatch, result.Reason);
        Assert.Contains("PKIX", result.Description, StringComparison.Ordinal);
    }

    // RFC 6698 §2.3, second example: "1 1 2" — PKIX-EE, the server's SubjectPublicKeyInfo, SHA-512.
    [Fact]
    public void Rfc6698_Section2_3_Example2_PkixEe_Spki_Sha512_MatchesTheServerCertificate()
    {
        DaneResult result = DaneVerifier.VerifyRecords([TestPki.Tlsa(1, 1, 2, _pki.Server)], _pki.Sent(), Names, _now, DaneUsages.All, PrivateRoots);
        Assert.Equal(DaneStatus.Authenticated, result.Status);
        Assert.Equal(0, result.Match!.MatchedCertificate);
    }

    [Fact]
    public void Rfc6698_Section2_1_1_PkixEe_ChecksTheName()
    {
        DaneResult result = DaneVerifier.VerifyRecords([TestPki.Tlsa(1, 1, 2, _pki.Server)], _pki.Sent(), ["other.example.com"], _now, DaneUsages.All, PrivateRoots);
        Assert.Equal(DaneStatus.Failed, result.Status);
        Assert.Contains("not valid for other.example.com", result.Description, StringComparison.Ordinal);
    }

    // RFC 6698 §2.3, third example: "3 0 0" — DANE-EE, the whole server certificate, no hash.
    [Fact]
    public void Rfc6698_Section2_3_Example3_DaneEe_FullCertificate_ExactMatch()
    {
        DaneResult result = DaneVerifier.VerifyRecords([TestPki.Tlsa(3, 0, 0, _pki.Server)], [_pki.Server], Names, _now);
        Assert.Equal(DaneStatus.Authenticated, result.Status);
        Assert.Equal(DaneReason.Matched, result.Reason);
    }

    // RFC 7671 §5.1: "3 1 1" is the recommended DANE-EE form; names, dates and the issuer do not matter.
    [Fact]
    public void Rfc7671_Section5_1_DaneEe_Spki_Sha256_IgnoresNamesAndValidityDates()
    {
        using TestPki expired = TestPki.Create("somewhere.else.example", expired: true);
        DaneResult result = DaneVerifier.VerifyRecords([TestPki.Tlsa(3, 1, 1, expired.Server)], [expired.Server], Names, _now);
        Assert.Equal(DaneStatus.Authenticated, result.Status);
        Assert.Contains("names and dates ignored", result.Match!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfc7671_Section5_1_DaneEe_DoesNotMatchAnIssuer()
    {
        // a DANE-EE record for the intermediate must not authenticate a chain whose server certificate differs
        DaneResult result = DaneVerifier.VerifyRecords([TestPki.Tlsa(3, 1, 1, _pki.Intermediate)], _pki.Sent(), Names, _now);
        Assert.Equal(DaneStatus.Failed, result.Status);
        Assert.Equal(DaneReason.NoMatch, result.Reason);
    }

    // RFC 7671 §5.2: "2 0 1" — DANE-TA, a CA certificate the server sends, SHA-256; no PKIX trust needed.
    [Fact]
    public void Rfc7671_Section5_2_DaneTa_Cert_Sha256_AnchorsTheChainTheServerSent()
    {
        DaneResult result = DaneVerifier.VerifyRecords([TestPki.Tlsa(2, 0, 1, _pki.Root)], _pki.Sent(), Names, _now);
        Assert.Equal(DaneStatus.Authenticated, result.Status);
        Assert.Equal(2, result.Match!.MatchedCertificate);
    }

    // RFC 7671 §5.2: the anchor may be an intermediate CA (not self-signed); "2 1 1" by its key.
    [Fact]
    public void Rfc7671_Section5_2_DaneTa_Spki_Sha256_IntermediateAsTrustAnchor()
    {
        DaneResult result = DaneVerifier.VerifyRecords([TestPki.Tlsa(2, 1, 1, _pki.Intermediate)], _pki.Sent(withRoot: false), Names, _now);
        Assert.Equal(DaneStatus.Authenticated, result.Status);
        Assert.Equal(1, result.Match!.MatchedCertificate);
    }

    // RFC 7671 §5.2.2: the trust anchor must be in the chain the server sent.
    [Fact]
    public void Rfc7671_Section5_2_2_DaneTa_AnchorNotSent_DoesNotMatch()
    {
        DaneResult result = DaneVerifier.VerifyRecords([TestPki.Tlsa(2, 0, 1, _pki.Root)], _pki.Sent(withRoot: false), Names, _now);
        Assert.Equal(DaneStatus.Failed, result.Status);
        Assert.Contains("matches no certificate the server sent", result.Checks[0].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfc7671_Section5_2_DaneTa_ChecksTheServerName()
    {
        DaneResult result = DaneVerifier.VerifyRecords([TestPki.Tlsa(2, 0, 1, _pki.Root)], _pki.Sent(), ["mail.example.net"], _now);
        Assert.Equal(DaneStatus.Failed, result.Status);
        Assert.Contains("not valid for mail.example.net", result.Checks[0].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfc7671_Section5_2_DaneTa_ChainThatDoesNotVerifyToTheAnchor_Fails()
    {
        // the server sends another PKI's root as if it were its anchor
        using TestPki other = TestPki.Create(Host);
        DaneResult result = DaneVerifier.VerifyRecords([TestPki.Tlsa(2, 0, 1, other.Root)], [_pki.Server, _pki.Intermediate, other.Root], Names, _now);
        Assert.Equal(DaneStatus.Failed, result.Status);
        Assert.Contains("does not verify", result.Checks[0].Note, StringComparison.Ordinal);
    }

    // RFC 7671 §4.1: unusable records (unknown usage, selector, matching type; a digest of the wrong
    // length) are skipped; one usable matching record authenticates.
    [Fact]
    public void Rfc7671_Section4_1_UnusableRecordsAreIgnored()
    {
        TlsaData good = TestPki.Tlsa(3, 1, 1, _pki.Server);
        TlsaData[] records =
        [
            new(4, 1, 1, good.AssociationData),
            new(3, 2, 1, good.AssociationData),
            new(3, 1, 3, good.AssociationData),
            new(3, 1, 1, good.AssociationData[..31]),
            good,
        ];
        DaneResult result = DaneVerifier.VerifyRecords(records, [_pki.Server], Names, _now);
        Assert.Equal(DaneStatus.Authenticated, result.Status);
        Assert.Equal(4, result.Checks.Count(c => c.Unusable is not null));
    }

    [Fact]
    public void Rfc7671_Section4_1_OnlyUnusableRecords_NoUsableRecords()
    {
        DaneResult result = DaneVerifier.VerifyRecords([new TlsaData(3, 1, 255, [1, 2, 3])], [_pki.Server], Names, _now);
        Assert.Equal(DaneStatus.NoUsableRecords, result.Status);
        Assert.Equal("unknown matching type 255", result.Checks[0].Unusable);
    }

    // RFC 7672 §3.1.3: an SMTP client treats PKIX-TA/PKIX-EE records as unusable.
    [Fact]
    public void Rfc7672_Section3_1_3_DaneOnly_PkixUsagesAreUnusable()
    {
        DaneResult result = DaneVerifier.VerifyRecords([TestPki.Tlsa(1, 1, 1, _pki.Server)], _pki.Sent(), Names, _now, DaneUsages.DaneOnly, PrivateRoots);
        Assert.Equal(DaneStatus.NoUsableRecords, result.Status);
        Assert.Contains("PKIX-EE(1) not accepted", result.Checks[0].Unusable, StringComparison.Ordinal);
    }

    [Fact]
    public void UsableRecordsThatMatchNothing_Fail()
    {
        using TestPki other = TestPki.Create(Host);
        DaneResult result = DaneVerifier.VerifyRecords([TestPki.Tlsa(3, 1, 1, other.Server)], _pki.Sent(), Names, _now);
        Assert.Equal(DaneStatus.Failed, result.Status);
        Assert.Equal(DaneReason.NoMatch, result.Reason);
        Assert.Null(result.Match);
    }

    // RFC 6698 §4.1: the TLSA answer's DNSSEC verdict first.
    [Theory]
    [InlineData(SecurityStatus.Insecure, DaneStatus.NotApplicable, DaneReason.TlsaInsecure)]
    [InlineData(SecurityStatus.Bogus, DaneStatus.Failed, DaneReason.TlsaBogus)]
    [InlineData(SecurityStatus.Indeterminate, DaneStatus.Failed, DaneReason.TlsaIndeterminate)]
    [InlineData(SecurityStatus.Secure, DaneStatus.Authenticated, DaneReason.Matched)]
    public void Rfc6698_Section4_1_TheTlsaVerdictDecidesWhetherDaneApplies(SecurityStatus status, DaneStatus expected, DaneReason reason)
    {
        ResolveResult tlsa = TlsaAnswer(status, TestPki.Tlsa(3, 1, 1, _pki.Server));
        DaneResult result = DaneVerifier.Verify(tlsa, [_pki.Server], Names, _now);
        Assert.Equal(expected, result.Status);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void Rfc6698_Section4_1_SecureDenial_NotApplicable()
    {
        DaneResult result = DaneVerifier.Verify(TlsaAnswer(SecurityStatus.Secure), [_pki.Server], Names, _now);
        Assert.Equal(DaneStatus.NotApplicable, result.Status);
        Assert.Equal(DaneReason.NoTlsaRecords, result.Reason);
    }

    [Fact]
    public void Rfc7672_Section2_2_2_FailedLookup_Fails()
    {
        var failed = new ResolveResult
        {
            Question = new DnsQuestion(DnsName.Parse("_443._tcp.www.example.com."), RrType.TLSA),
            Status = SecurityStatus.Unchecked,
            ResponseCode = ResponseCode.ServFail,
            ResolutionError = "every server timed out",
        };
        DaneResult result = DaneVerifier.Verify(failed, [_pki.Server], Names, _now);
        Assert.Equal(DaneStatus.Failed, result.Status);
        Assert.Equal(DaneReason.TlsaLookupFailed, result.Reason);
        Assert.Contains("every server timed out", result.Description, StringComparison.Ordinal);
    }

    // Property: for random certificate and key bytes and any record built from them, flipping any one
    // byte of the selected data turns the match into a non-match (and the unchanged data matches).
    [Fact]
    public void Property_ChangingAnyByteOfTheMatchedCertificateOrKey_BreaksTheMatch()
    {
        Gen<(byte[] Der, byte[] Spki, byte Selector, byte Matching, int Index, byte Xor)> cases =
            from der in Gen.Choose(1, 400).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n))
            from spki in Gen.Choose(1, 120).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n))
            from selector in Gen.Elements((byte)0, (byte)1)
            from matching in Gen.Elements((byte)0, (byte)1, (byte)2)
            from index in Gen.Choose(0, int.MaxValue)
            from xor in Gen.Choose(1, 255)
            select (der, spki, selector, matching, index, (byte)xor);
        Prop.ForAll(Arb.From(cases), c =>
        {
            byte[] selected = c.Selector == 0 ? c.Der : c.Spki;
            byte[] data = c.Matching switch
            {
                1 => System.Security.Cryptography.SHA256.HashData(selected),
                2 => System.Security.Cryptography.SHA512.HashData(selected),
                _ => selected,
            };
            var record = new TlsaData(3, c.Selector, c.Matching, data);
            bool before = TlsaMatcher.Matches(record, c.Der, c.Spki);
            byte[] der = (byte[])c.Der.Clone();
            byte[] spki = (byte[])c.Spki.Clone();
            byte[] changed = c.Selector == 0 ? der : spki;
            changed[c.Index % changed.Length] ^= c.Xor;
            return before && !TlsaMatcher.Matches(record, der, spki);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    // The same property through real certificates: a changed byte in the DER of the server's
    // certificate (its key or anywhere) no longer matches the certificate's records.
    [Fact]
    public void Property_ChangingAnyByteOfARealCertificate_BreaksEveryCertificateSelectorMatch()
    {
        byte[] der = _pki.Server.RawData;
        TlsaData[] records = [TestPki.Tlsa(3, 0, 0, _pki.Server), TestPki.Tlsa(3, 0, 1, _pki.Server), TestPki.Tlsa(3, 0, 2, _pki.Server)];
        byte[] spki = _pki.Server.PublicKey.ExportSubjectPublicKeyInfo();
        Prop.ForAll(Arb.From(Gen.Choose(0, der.Length - 1)), i =>
        {
            byte[] changed = (byte[])der.Clone();
            changed[i] ^= 0x01;
            return records.All(r => TlsaMatcher.Matches(r, der, spki) && !TlsaMatcher.Matches(r, changed, spki));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    private static ResolveResult TlsaAnswer(SecurityStatus status, params TlsaData[] records)
    {
        DnsName owner = DnsName.Parse("_443._tcp.www.example.com.");
        return new ResolveResult
        {
            Question = new DnsQuestion(owner, RrType.TLSA),
            Status = status,
            ResponseCode = ResponseCode.NoError,
            Answers = [.. records.Select(r => new ResourceRecord(owner, 300, r))],
            CanonicalName = owner,
        };
    }
}

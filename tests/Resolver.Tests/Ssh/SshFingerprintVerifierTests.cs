// SshFingerprintVerifierTests: host keys in OpenSSH wire form against SSHFP records — the published
// example keys of RFC 6594 (RSA, ECDSA) and RFC 7479 (Ed25519) and an Ed448 key in RFC 8709 framing,
// with their SHA-1/SHA-256 fingerprints; SHA-256 preferred over SHA-1; other algorithms and unknown
// fingerprint types skipped; the SSHFP answer's DNSSEC verdict first (RFC 4255 §2.4).
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Ssh;

namespace Resolver.Tests.Ssh;

public sealed class SshFingerprintVerifierTests
{
    private const string RsaKey = "AAAAB3NzaC1yc2EAAAADAQABAAABAQDCUR4JOhxTinzq7QO3bQXW4jmPCCulFsnh8Yi7MKwpMnd96+T7uV7nEwy+6+GWYu98IxFJByIjFXX/a6BXDp3878wezH1DZ2tND/tu/eudz6ErpTFYmnVLyEDARYSzVBNQuIK1UDqvvB6KffJcyt78FpwW27euGkqEkam7GaurPRAgwXehDB/gMwRtXVRZ+13zYWkAmAY+5OAWVmdXuQVm5kjlvcNzto2H3m3nqJtD4J9L1lKPuSVVqwJr4/6hibXJkQEvWpUvdOAUw3frKpNwa932fXFk3ke4rsDjQ/W8GyleMtK3Tx8tE4z1wuowXtYe6Ba8q3LAPs/m2S4pUscx";
    private const string EcdsaKey = "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBAD+9COUiX7WYgcvIOdI8+djdoFDVUTxNrcog8sSYdbIzeG+bYdsssvcyy/nRfVhXC5QBCk8IThqs7D4/lFxX5g=";
    private const string Ed25519Key = "AAAAC3NzaC1lZDI1NTE5AAAAIGPKSUTyz1HwHReFVvD5obVsALAgJRNarH4TRpNePnAS";
    private const string Ed448Key = "AAAACXNzaC1lZDQ0OAAAADlf10SbWbRh/Sznh+xhatRqHaE0JIWnDh+KDqddgOlneO3xJHabRscGG9Z4PfHlD2zR+hq+r+glYYA=";

    private static SshfpData Record(byte algorithm, byte type, string hex) => new(algorithm, type, Convert.FromHexString(hex));

    [Theory]
    [InlineData(1, "dd465c09cfa51fb45020cc83316fff21b9ec74ac")]
    [InlineData(2, "b049f950d1397b8fee6a61e4d14a9acdc4721e084eff5460bbed80cfaa2ce2cb")]
    public void Rfc6594_RsaExample_Sha1AndSha256(byte type, string hex)
    {
        SshFingerprintResult result = SshFingerprintVerifier.VerifyRecords([Record(1, type, hex)], Convert.FromBase64String(RsaKey));
        Assert.Equal(SshFingerprintStatus.Verified, result.Status);
        Assert.Contains("ssh-rsa", result.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "c64607a28c5300fec1180b6e417b922943cffcdd")]
    [InlineData(2, "821eb6c1c98d9cc827ab7f456304c0f14785b7008d9e8646a8519de80849afc7")]
    public void Rfc6594_EcdsaExample_Sha1AndSha256(byte type, string hex)
    {
        SshFingerprintResult result = SshFingerprintVerifier.VerifyRecords([Record(3, type, hex)], Convert.FromBase64String(EcdsaKey));
        Assert.Equal(SshFingerprintStatus.Verified, result.Status);
    }

    [Fact]
    public void Rfc7479_Ed25519Example_Sha256()
    {
        SshFingerprintResult result = SshFingerprintVerifier.VerifyRecords(
            [Record(4, 2, "a87f1b687ac0e57d2a081a2f282672334d90ed316d2b818ca9580ea384d92401")], Convert.FromBase64String(Ed25519Key));
        Assert.Equal(SshFingerprintStatus.Verified, result.Status);
        Assert.Equal(4, result.Match!.Algorithm);
    }

    // RFC 8709 (ssh-ed448), SSHFP algorithm 6; the key is RFC 8032's first Ed448 test public key.
    [Fact]
    public void Rfc8709_Ed448Key_Sha256()
    {
        SshFingerprintResult result = SshFingerprintVerifier.VerifyRecords(
            [Record(6, 2, "d8d7fe1f64d91c7d1e35a6b97c813f7e598cf9303d38531b248c8430244625b7")], Convert.FromBase64String(Ed448Key));
        Assert.Equal(SshFingerprintStatus.Verified, result.Status);
    }

    [Fact]
    public void Rfc4255_Section3_1_RecordsOfOtherAlgorithmsAreSkipped()
    {
        // the Ed25519 fingerprint under algorithm 1 (RSA) does not count for an Ed25519 key
        SshFingerprintResult result = SshFingerprintVerifier.VerifyRecords(
            [Record(1, 2, "a87f1b687ac0e57d2a081a2f282672334d90ed316d2b818ca9580ea384d92401"), Record(4, 9, "00")], Convert.FromBase64String(Ed25519Key));
        Assert.Equal(SshFingerprintStatus.NoUsableRecords, result.Status);
    }

    [Fact]
    public void WrongFingerprint_Fails()
    {
        SshFingerprintResult result = SshFingerprintVerifier.VerifyRecords([Record(4, 2, new string('0', 64))], Convert.FromBase64String(Ed25519Key));
        Assert.Equal(SshFingerprintStatus.Failed, result.Status);
        Assert.Equal(SshFingerprintReason.NoMatch, result.Reason);
        Assert.Contains("A87F1B68", result.Description, StringComparison.Ordinal);
    }

    // RFC 6594 §4 (OpenSSH): with a SHA-256 record for the algorithm, a SHA-1 match is not enough.
    [Fact]
    public void Rfc6594_Section4_Sha256RecordPresent_Sha1IsNotConsulted()
    {
        SshFingerprintResult result = SshFingerprintVerifier.VerifyRecords(
            [Record(1, 1, "dd465c09cfa51fb45020cc83316fff21b9ec74ac"), Record(1, 2, new string('0', 64))], Convert.FromBase64String(RsaKey));
        Assert.Equal(SshFingerprintStatus.Failed, result.Status);
    }

    [Fact]
    public void MalformedKey_Fails()
    {
        SshFingerprintResult result = SshFingerprintVerifier.VerifyRecords([Record(4, 2, new string('0', 64))], [0, 0, 0, 9, (byte)'x']);
        Assert.Equal(SshFingerprintReason.MalformedKey, result.Reason);
    }

    [Theory]
    [InlineData(SecurityStatus.Secure, SshFingerprintStatus.Verified, SshFingerprintReason.Matched)]
    [InlineData(SecurityStatus.Insecure, SshFingerprintStatus.NotApplicable, SshFingerprintReason.SshfpInsecure)]
    [InlineData(SecurityStatus.Bogus, SshFingerprintStatus.Failed, SshFingerprintReason.SshfpBogus)]
    [InlineData(SecurityStatus.Indeterminate, SshFingerprintStatus.Failed, SshFingerprintReason.SshfpIndeterminate)]
    public void Rfc4255_Section2_4_OnlySecureRecordsAreTrusted(SecurityStatus status, SshFingerprintStatus expected, SshFingerprintReason reason)
    {
        DnsName host = DnsName.Parse("host.example.com.");
        var answer = new ResolveResult
        {
            Question = new DnsQuestion(host, RrType.SSHFP),
            Status = status,
            ResponseCode = ResponseCode.NoError,
            Answers = [new ResourceRecord(host, 300, Record(4, 2, "a87f1b687ac0e57d2a081a2f282672334d90ed316d2b818ca9580ea384d92401"))],
            CanonicalName = host,
        };
        SshFingerprintResult result = SshFingerprintVerifier.Verify(answer, Convert.FromBase64String(Ed25519Key));
        Assert.Equal(expected, result.Status);
        Assert.Equal(reason, result.Reason);
    }
}

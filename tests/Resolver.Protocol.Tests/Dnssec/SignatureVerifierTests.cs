// SignatureVerifierTests: the RFC 4035 §5.3.1 checks around the cryptography — signer, type,
// labels, algorithms, validity window (RFC 1982 serial arithmetic, across 2106), key flags,
// protocol, revocation, wildcard signatures and the KeyTrap bound on colliding key tags.
using System.Net;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Tests.Dnssec;

public sealed class SignatureVerifierTests
{
    private const uint Inception = 1_700_000_000;
    private const uint Expiration = 1_700_864_000;
    private static readonly DateTimeOffset s_inside = DateTimeOffset.FromUnixTimeSeconds(1_700_400_000);
    private static readonly DnsName s_zone = DnsName.Parse("example.");

    private static RrSet A(string owner, string address = "192.0.2.1") =>
        new(DnsName.Parse(owner), RrClass.IN, RrType.A, 300, [new AData(IPAddress.Parse(address))]);

    [Fact]
    public void Valid_ReportsKeyTagAlgorithmAndKey()
    {
        using var key = TestKey.Ecdsa("example.");
        RrSet set = A("www.example.");
        RrsigData sig = key.Sign(set, Inception, Expiration);
        SignatureCheckResult r = SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, s_inside);
        Assert.True(r.IsValid);
        Assert.Equal(key.Dnskey.KeyTag, r.KeyTag);
        Assert.Equal(DnssecAlgorithm.EcdsaP256Sha256, r.Algorithm);
        Assert.Same(key.Dnskey, r.Key);
        Assert.Equal(1, r.VerificationsPerformed);
    }

    [Fact]
    public void ValidityWindow_Boundaries_AreInclusive()
    {
        using var key = TestKey.Ecdsa("example.");
        RrSet set = A("www.example.");
        RrsigData sig = key.Sign(set, Inception, Expiration);
        RrSet keys = key.KeySet();
        Assert.Equal(SignatureStatus.Valid, Check(Inception).Status);
        Assert.Equal(SignatureStatus.Valid, Check(Expiration).Status);
        Assert.Equal(SignatureStatus.NotYetValid, Check(Inception - 1).Status);
        Assert.Equal(SignatureStatus.Expired, Check(Expiration + 1).Status);
        Assert.Equal(0, Check(Expiration + 1).VerificationsPerformed);

        SignatureCheckResult Check(long now) =>
            SignatureVerifier.Check(set, sig, keys, s_zone, DateTimeOffset.FromUnixTimeSeconds(now));
    }

    [Fact]
    public void ClockSkew_WidensBothEnds()
    {
        using var key = TestKey.Ecdsa("example.");
        RrSet set = A("www.example.");
        RrsigData sig = key.Sign(set, Inception, Expiration);
        var options = new SignatureCheckOptions { ClockSkew = TimeSpan.FromMinutes(5) };
        Assert.True(SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, DateTimeOffset.FromUnixTimeSeconds(Inception - 300), options).IsValid);
        Assert.True(SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, DateTimeOffset.FromUnixTimeSeconds(Expiration + 300), options).IsValid);
        Assert.Equal(SignatureStatus.Expired,
            SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, DateTimeOffset.FromUnixTimeSeconds(Expiration + 301), options).Status);
    }

    [Fact]
    public void ValidityWindow_AcrossThe2106Wrap_UsesSerialArithmetic()
    {
        // 2106-02-07T06:28:16Z is 2^32 seconds: inception just before, expiration (mod 2^32) just after.
        const long wrap = 1L << 32;
        uint inception = (uint)(wrap - 86_400);
        uint expiration = (uint)((wrap + 86_400) % wrap);
        Assert.True(expiration < inception);
        using var key = TestKey.Ecdsa("example.");
        RrSet set = A("www.example.");
        RrsigData sig = key.Sign(set, inception, expiration);
        RrSet keys = key.KeySet();
        Assert.Equal(SignatureStatus.Valid, At(wrap - 3_600));
        Assert.Equal(SignatureStatus.Valid, At(wrap + 3_600));
        Assert.Equal(SignatureStatus.NotYetValid, At(wrap - 90_000));
        Assert.Equal(SignatureStatus.Expired, At(wrap + 90_000));

        SignatureStatus At(long now) =>
            SignatureVerifier.Check(set, sig, keys, s_zone, DateTimeOffset.FromUnixTimeSeconds(now)).Status;
    }

    [Fact]
    public void ExpirationBeforeInception_IsAnInvalidPeriod()
    {
        using var key = TestKey.Ecdsa("example.");
        RrSet set = A("www.example.");
        RrsigData sig = key.Sign(set, Expiration, Inception);
        Assert.Equal(SignatureStatus.InvalidValidityPeriod, SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, s_inside).Status);
    }

    [Fact]
    public void RevokedKey_IsNeverUsed()
    {
        using var key = TestKey.Ecdsa("example.", flags: DnskeyData.ZoneKeyFlag | DnskeyData.RevokeFlag);
        RrSet set = A("www.example.");
        RrsigData sig = key.Sign(set, Inception, Expiration);
        SignatureCheckResult r = SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, s_inside);
        Assert.Equal(SignatureStatus.RevokedKey, r.Status);
        Assert.Equal(0, r.VerificationsPerformed);
    }

    [Fact]
    public void ZoneKeyBit_IsRequired()
    {
        using var key = TestKey.Ecdsa("example.", flags: DnskeyData.SecureEntryPointFlag);
        RrSet set = A("www.example.");
        RrsigData sig = key.Sign(set, Inception, Expiration);
        Assert.Equal(SignatureStatus.NotZoneKey, SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, s_inside).Status);
    }

    [Fact]
    public void Protocol3_IsRequired()
    {
        using var key = TestKey.Ecdsa("example.", protocol: 2);
        RrSet set = A("www.example.");
        RrsigData sig = key.Sign(set, Inception, Expiration);
        Assert.Equal(SignatureStatus.BadKeyProtocol, SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, s_inside).Status);
    }

    [Fact]
    public void SepBit_MeansNothing()
    {
        using var key = TestKey.Ecdsa("example.", flags: DnskeyData.ZoneKeyFlag | DnskeyData.SecureEntryPointFlag);
        RrSet set = A("www.example.");
        Assert.True(SignatureVerifier.Check(set, key.Sign(set, Inception, Expiration), key.KeySet(), s_zone, s_inside).IsValid);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(12)]
    [InlineData(9)]
    [InlineData(200)]
    [InlineData(253)]
    public void UnsupportedAlgorithms_AreUnsupported(byte algorithm)
    {
        RrSet set = A("www.example.");
        var key = new DnskeyData(DnskeyData.ZoneKeyFlag, 3, (DnssecAlgorithm)algorithm, new byte[64]);
        var sig = new RrsigData(RrType.A, (DnssecAlgorithm)algorithm, 2, 300, Expiration, Inception, key.KeyTag, s_zone, new byte[64]);
        var keys = new RrSet(s_zone, RrClass.IN, RrType.DNSKEY, 300, [key]);
        SignatureCheckResult r = SignatureVerifier.Check(set, sig, keys, s_zone, s_inside);
        Assert.Equal(SignatureStatus.UnsupportedAlgorithm, r.Status);
        Assert.Equal(0, r.VerificationsPerformed);
    }

    [Fact]
    public void PolicyWithoutSha1_MakesRsaSha1Unsupported()
    {
        using var key = TestKey.Rsa("example.", DnssecAlgorithm.RsaSha256);
        RrSet set = A("www.example.");
        RrsigData sig = key.Sign(set, Inception, Expiration);
        var noSha256 = new SignatureCheckOptions { Policy = DnssecAlgorithmPolicy.Default.Without(DnssecAlgorithm.RsaSha256) };
        Assert.True(SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, s_inside).IsValid);
        Assert.Equal(SignatureStatus.UnsupportedAlgorithm, SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, s_inside, noSha256).Status);
        Assert.False(DnssecAlgorithmPolicy.Default.WithoutSha1().Supports(DnssecAlgorithm.RsaSha1));
        Assert.False(DnssecAlgorithmPolicy.Default.WithoutSha1().Supports(DnssecAlgorithm.RsaSha1Nsec3Sha1));
        Assert.False(DnssecAlgorithmPolicy.Default.WithoutSha1().Supports(DigestType.Sha1));
        Assert.True(DnssecAlgorithmPolicy.Default.WithoutSha1().Supports(DnssecAlgorithm.RsaSha256));
    }

    [Fact]
    public void WrongSigner_IsRejected()
    {
        using var key = TestKey.Ecdsa("example.");
        RrSet set = A("www.example.");
        RrsigData sig = key.Sign(set, Inception, Expiration);
        // The RRset is in sub.example., but example. signed it.
        Assert.Equal(SignatureStatus.WrongSigner, SignatureVerifier.Check(set, sig, key.KeySet(), DnsName.Parse("www.example."), s_inside).Status);
        // The signer is not an ancestor of the owner.
        using var other = TestKey.Ecdsa("other.");
        RrsigData foreign = other.Sign(set, Inception, Expiration);
        Assert.Equal(SignatureStatus.WrongSigner, SignatureVerifier.Check(set, foreign, other.KeySet(), zone: null, s_inside).Status);
        // Without a zone, any ancestor signer is accepted.
        Assert.True(SignatureVerifier.Check(set, sig, key.KeySet(), zone: null, s_inside).IsValid);
    }

    [Fact]
    public void KeysOfAnotherOwner_DoNotMatch()
    {
        using var key = TestKey.Ecdsa("example.");
        RrSet set = A("www.example.");
        RrsigData sig = key.Sign(set, Inception, Expiration);
        var misplaced = new RrSet(DnsName.Parse("other."), RrClass.IN, RrType.DNSKEY, 300, [key.Dnskey]);
        Assert.Equal(SignatureStatus.NoMatchingKey, SignatureVerifier.Check(set, sig, misplaced, s_zone, s_inside).Status);
    }

    [Fact]
    public void NoKeyWithTheTag_IsNoMatchingKey()
    {
        using var key = TestKey.Ecdsa("example.");
        RrSet set = A("www.example.");
        RrsigData sig = key.Sign(set, Inception, Expiration, keyTag: (ushort)(key.Dnskey.KeyTag + 1));
        Assert.Equal(SignatureStatus.NoMatchingKey, SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, s_inside).Status);
    }

    [Fact]
    public void TypeCovered_MustMatch()
    {
        using var key = TestKey.Ecdsa("example.");
        RrSet set = A("www.example.");
        RrsigData sig = key.Sign(set, Inception, Expiration);
        var aaaa = new RrSet(set.Name, RrClass.IN, RrType.AAAA, 300, [new AaaaData(IPAddress.IPv6Loopback)]);
        Assert.Equal(SignatureStatus.WrongType, SignatureVerifier.Check(aaaa, sig, key.KeySet(), s_zone, s_inside).Status);
    }

    [Fact]
    public void LabelsAboveOwnerCount_IsBadLabels()
    {
        using var key = TestKey.Ecdsa("example.");
        RrSet set = A("www.example.");
        RrsigData sig = key.Sign(A("a.www.example."), Inception, Expiration);
        Assert.Equal(SignatureStatus.BadLabels, SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, s_inside).Status);
    }

    [Fact]
    public void WildcardSignature_VerifiesForExpandedNames()
    {
        using var key = TestKey.Ecdsa("example.");
        RrsigData sig = key.Sign(A("*.example."), Inception, Expiration);
        Assert.Equal(1, sig.Labels);
        Assert.True(SignatureVerifier.Check(A("a.b.Example."), sig, key.KeySet(), s_zone, s_inside).IsValid);
        Assert.True(SignatureVerifier.Check(A("x.example."), sig, key.KeySet(), s_zone, s_inside).IsValid);
        Assert.True(SignatureVerifier.Check(A("*.example."), sig, key.KeySet(), s_zone, s_inside).IsValid);
        // Another address is not what the wildcard holds.
        Assert.Equal(SignatureStatus.BadSignature,
            SignatureVerifier.Check(A("x.example.", "192.0.2.2"), sig, key.KeySet(), s_zone, s_inside).Status);
    }

    [Fact]
    public void CollidingTags_AreAllTriedUpToTheLimit()
    {
        using var good = TestKey.Rsa("example.");
        RrSet set = A("www.example.");
        RrsigData sig = good.Sign(set, Inception, Expiration);
        // Decoys: same algorithm and tag, different key.
        DnskeyData[] decoys = MakeDecoys(good.Dnskey, 3);
        SignatureCheckResult r = SignatureVerifier.Check(set, sig, good.KeySet(decoys), s_zone, s_inside);
        Assert.True(r.IsValid);
        RrSet decoysFirst = new(good.Owner, RrClass.IN, RrType.DNSKEY, 300, [.. decoys, good.Dnskey]);
        r = SignatureVerifier.Check(set, sig, decoysFirst, s_zone, s_inside);
        Assert.True(r.IsValid);
        Assert.Equal(4, r.VerificationsPerformed);
    }

    [Fact]
    public void KeyTrap_HundredKeysWithOneTag_StopAtTheLimit()
    {
        using var good = TestKey.Rsa("example.");
        RrSet set = A("www.example.");
        RrsigData sig = good.Sign(set, Inception, Expiration);
        DnskeyData[] decoys = MakeDecoys(good.Dnskey, 100);
        var keys = new RrSet(good.Owner, RrClass.IN, RrType.DNSKEY, 300, [.. decoys, good.Dnskey]);
        SignatureCheckResult r = SignatureVerifier.Check(set, sig, keys, s_zone, s_inside);
        Assert.Equal(SignatureStatus.KeyCollisionLimit, r.Status);
        Assert.Equal(SignatureCheckOptions.DefaultMaxKeysPerSignature, r.VerificationsPerformed);
        r = SignatureVerifier.Check(set, sig, keys, s_zone, s_inside, new SignatureCheckOptions { MaxKeysPerSignature = 10 });
        Assert.Equal(10, r.VerificationsPerformed);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignatureCheckOptions { MaxKeysPerSignature = 0 });
    }

    [Fact]
    public void KeyTrap_WorkLimit_StopsBeforeTheVerificationThatWouldExceedIt()
    {
        // A caller's per-resolution budget with 2 verifications left: the check must not begin a
        // third, even though MaxKeysPerSignature (4) would allow it (CVE-2023-50387).
        using var good = TestKey.Rsa("example.");
        RrSet set = A("www.example.");
        RrsigData sig = good.Sign(set, Inception, Expiration);
        var keys = new RrSet(good.Owner, RrClass.IN, RrType.DNSKEY, 300, [.. MakeDecoys(good.Dnskey, 10), good.Dnskey]);
        SignatureCheckResult r = SignatureVerifier.Check(set, sig, keys, s_zone, s_inside, null, new SignatureWorkLimit(2, 100));
        Assert.Equal(SignatureStatus.WorkLimitReached, r.Status);
        Assert.Equal(2, r.VerificationsPerformed);
        Assert.Equal(2, r.KeyImportsPerformed);
    }

    [Fact]
    public void KeyTrap_ImportLimit_StopsBeforeTheImportThatWouldExceedIt_CachedKeysAreFree()
    {
        using var good = TestKey.Rsa("example.");
        using var cache = new PublicKeyCache();
        var options = new SignatureCheckOptions { KeyCache = cache };
        RrSet set = A("www.example.");
        RrsigData sig = good.Sign(set, Inception, Expiration);
        var keys = new RrSet(good.Owner, RrClass.IN, RrType.DNSKEY, 300, [.. MakeDecoys(good.Dnskey, 10), good.Dnskey]);
        SignatureCheckResult r = SignatureVerifier.Check(set, sig, keys, s_zone, s_inside, options, new SignatureWorkLimit(100, 1));
        Assert.Equal(SignatureStatus.WorkLimitReached, r.Status);
        Assert.Equal(1, r.KeyImportsPerformed);
        Assert.Equal(1, r.VerificationsPerformed);

        // The first decoy is held now: trying it again costs a verification, no import.
        r = SignatureVerifier.Check(set, sig, keys, s_zone, s_inside, options, new SignatureWorkLimit(100, 0));
        Assert.Equal(SignatureStatus.WorkLimitReached, r.Status);
        Assert.Equal(0, r.KeyImportsPerformed);
        Assert.Equal(1, r.VerificationsPerformed);
        Assert.Equal(1, cache.Imports);
    }

    [Fact]
    public void KeyImportsPerformed_CountsOnlyKeysNotAlreadyCached()
    {
        using var key = TestKey.Ecdsa("example.");
        using var cache = new PublicKeyCache();
        var options = new SignatureCheckOptions { KeyCache = cache };
        RrSet set = A("www.example.");
        RrsigData sig = key.Sign(set, Inception, Expiration);
        Assert.Equal(1, SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, s_inside, options).KeyImportsPerformed);
        Assert.Equal(0, SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, s_inside, options).KeyImportsPerformed);
        Assert.Equal(1, SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, s_inside).KeyImportsPerformed);
    }

    [Fact]
    public void KeyTrap_MalformedCollidingKeys_CountTowardsTheLimit()
    {
        using var good = TestKey.Ecdsa("example.");
        RrSet set = A("www.example.");
        RrsigData sig = good.Sign(set, Inception, Expiration);
        // EC decoys are off the curve: each costs an import attempt, none a verification.
        var keys = new RrSet(good.Owner, RrClass.IN, RrType.DNSKEY, 300, [.. MakeDecoys(good.Dnskey, 50), good.Dnskey]);
        SignatureCheckResult r = SignatureVerifier.Check(set, sig, keys, s_zone, s_inside);
        Assert.Equal(SignatureStatus.KeyCollisionLimit, r.Status);
        Assert.Equal(0, r.VerificationsPerformed);
    }

    [Fact]
    public void MalformedKeys_AreReportedNotThrown()
    {
        RrSet set = A("www.example.");
        foreach (var (alg, publicKey) in new (DnssecAlgorithm, byte[])[]
        {
            (DnssecAlgorithm.EcdsaP256Sha256, new byte[63]),           // wrong length
            (DnssecAlgorithm.EcdsaP256Sha256, new byte[64]),           // (0,0) is not on the curve
            (DnssecAlgorithm.EcdsaP384Sha384, new byte[64]),
            (DnssecAlgorithm.RsaSha256, []),                           // empty
            (DnssecAlgorithm.RsaSha256, [0, 0]),                       // truncated long exponent length
            (DnssecAlgorithm.RsaSha256, [3, 1, 0, 1]),                 // no modulus
            (DnssecAlgorithm.RsaSha256, [1, 3, .. new byte[32]]),      // modulus too small (and zero)
            (DnssecAlgorithm.RsaSha256, [1, 3, 0xFF, .. new byte[512]]), // 4104-bit modulus: too large
            (DnssecAlgorithm.Ed25519, new byte[31]),
            (DnssecAlgorithm.Ed448, new byte[56]),
        })
        {
            var key = new DnskeyData(DnskeyData.ZoneKeyFlag, 3, alg, publicKey);
            var sig = new RrsigData(RrType.A, alg, 2, 300, Expiration, Inception, key.KeyTag, s_zone, new byte[64]);
            var keys = new RrSet(s_zone, RrClass.IN, RrType.DNSKEY, 300, [key]);
            SignatureCheckResult r = SignatureVerifier.Check(set, sig, keys, s_zone, s_inside);
            Assert.True(r.Status == SignatureStatus.MalformedKey, $"{alg} {Convert.ToHexString(publicKey)}: {r.Status}");
        }
    }

    [Fact]
    public void Rsa4096_IsAcceptedAndRsaSha512Verifies()
    {
        using var key = TestKey.Rsa("example.", DnssecAlgorithm.RsaSha512, bits: 4096);
        RrSet set = A("www.example.");
        Assert.True(SignatureVerifier.Check(set, key.Sign(set, Inception, Expiration), key.KeySet(), s_zone, s_inside).IsValid);
    }

    [Fact]
    public void WrongLengthSignature_IsBadSignature()
    {
        using var key = TestKey.Ecdsa("example.");
        RrSet set = A("www.example.");
        RrsigData sig = RfcVectorTests.WithSignature(key.Sign(set, Inception, Expiration), new byte[10]);
        Assert.Equal(SignatureStatus.BadSignature, SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, s_inside).Status);
    }

    [Fact]
    public void ValidatedTtl_IsCappedByOriginalTtlAndExpiry()
    {
        RrSet set = A("www.example.");
        var sig = new RrsigData(RrType.A, DnssecAlgorithm.EcdsaP256Sha256, 2, 200, Expiration, Inception, 1, s_zone, []);
        Assert.Equal(200u, SignatureVerifier.GetValidatedTtl(set, sig, s_inside));
        Assert.Equal(50u, SignatureVerifier.GetValidatedTtl(set, sig, DateTimeOffset.FromUnixTimeSeconds(Expiration - 50)));
        Assert.Equal(0u, SignatureVerifier.GetValidatedTtl(set, sig, DateTimeOffset.FromUnixTimeSeconds(Expiration + 50)));
    }

    [Fact]
    public void KeyCache_ImportsEachKeyOnce()
    {
        using var key = TestKey.Ecdsa("example.");
        using var cache = new PublicKeyCache(capacity: 2);
        var options = new SignatureCheckOptions { KeyCache = cache };
        RrSet set = A("www.example.");
        RrsigData sig = key.Sign(set, Inception, Expiration);
        for (int i = 0; i < 5; i++)
        {
            Assert.True(SignatureVerifier.Check(set, sig, key.KeySet(), s_zone, s_inside, options).IsValid);
        }

        Assert.Equal(1, cache.Imports);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void KeyCache_IsBoundedAndStaysCorrectAfterEviction()
    {
        using var cache = new PublicKeyCache(capacity: 2);
        var options = new SignatureCheckOptions { KeyCache = cache };
        var keys = Enumerable.Range(0, 4).Select(_ => TestKey.Ecdsa("example.")).ToArray();
        try
        {
            RrSet set = A("www.example.");
            for (int round = 0; round < 2; round++)
            {
                foreach (TestKey k in keys)
                {
                    Assert.True(SignatureVerifier.Check(set, k.Sign(set, Inception, Expiration), k.KeySet(), s_zone, s_inside, options).IsValid);
                    Assert.True(cache.Count <= 2);
                }
            }

            Assert.Equal(8, cache.Imports);
        }
        finally
        {
            foreach (TestKey k in keys)
            {
                k.Dispose();
            }
        }
    }

    [Fact]
    public void KeyCache_ConcurrentVerifications_AllSucceed()
    {
        using var ecdsa = TestKey.Ecdsa("example.");
        using var rsa = TestKey.Rsa("example.");
        using var cache = new PublicKeyCache();
        var options = new SignatureCheckOptions { KeyCache = cache };
        RrSet set = A("www.example.");
        RrsigData ecSig = ecdsa.Sign(set, Inception, Expiration);
        RrsigData rsaSig = rsa.Sign(set, Inception, Expiration);
        int failures = 0;
        Parallel.For(0, 400, i =>
        {
            bool ok = i % 2 == 0
                ? SignatureVerifier.Check(set, ecSig, ecdsa.KeySet(), s_zone, s_inside, options).IsValid
                : SignatureVerifier.Check(set, rsaSig, rsa.KeySet(), s_zone, s_inside, options).IsValid;
            if (!ok)
            {
                Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
        Assert.Equal(2, cache.Count);
    }

    // Keys with the given key's algorithm and tag but other public keys: add d to one 16-bit word of
    // the key and subtract it from the next, which keeps the sum (the tag) unchanged. Offset 8 is
    // inside an RSA modulus, so RSA decoys still import; EC decoys are off the curve (malformed).
    internal static DnskeyData[] MakeDecoys(DnskeyData key, int count) => [.. Resolver.Testing.Signing.KeyTrapZone.CollidingKeys(key, count)];
}

// ZoneSignerTests: whole-zone signing by RFC 4035 §2 and RFC 5155 §7.1 — what is signed and what
// is not (delegation NS, glue), the NSEC chain (order, closure, bitmaps), the NSEC3 chain (hashed
// owners incl. empty non-terminals, hash order, closure, opt-out), key roles (KSK/ZSK, CSK, two
// algorithms), every signature valid under the Protocol's verifier, and a round trip through the
// zone-file writer and reader.
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;
using Resolver.Testing.Signing;

namespace Resolver.Protocol.Tests.Signing;

public sealed class ZoneSignerTests
{
    internal static readonly DnsName Apex = DnsName.Parse("example.");

    // Apex data, a CNAME, a wildcard below an empty non-terminal, a deep name with two ENTs above
    // it, a secure and an insecure delegation with glue, an insecure delegation under an ENT, and
    // a DNAME.
    internal static IReadOnlyList<ResourceRecord> UnsignedZone() => ZoneFileReader.Parse(
        $"""
        @               SOA   ns1 hostmaster 1 7200 3600 1209600 300
        @               NS    ns1
        @               MX    10 mail
        ns1             A     192.0.2.1
        mail            A     192.0.2.2
        www             CNAME mail
        *.wild          TXT   "wild"
        a.b.c           A     192.0.2.3
        secure          NS    ns.secure
        secure          DS    {SecureChildKsk.CreateDs(DnsName.Parse("secure.example.")).ToString()}
        ns.secure       A     192.0.2.10
        insecure        NS    ns.insecure
        ns.insecure     A     192.0.2.11
        deep.ent        NS    ns.other.test.
        dname           DNAME target.test.
        """,
        Apex,
        3600);

    internal static SigningKey SecureChildKsk { get; } = SigningKey.Ksk(DnssecAlgorithm.Ed25519, seed: 99);

    private static readonly string[] s_authoritativeNames =
        ["@", "a.b.c", "deep.ent", "dname", "insecure", "mail", "ns1", "secure", "*.wild", "www"];

    private static readonly string[] s_emptyNonTerminals = ["c", "b.c", "wild", "ent"];

    private static DnsName N(string relative) => DnsName.Parse(relative, Apex);

    private static SignedZone Sign(Func<ZoneSigningOptions, ZoneSigningOptions>? change = null, params DnssecAlgorithm[] algorithms)
    {
        ZoneSigningOptions options = ZoneSigningOptions.For(Apex, true, algorithms);
        return ZoneSigner.Sign(UnsignedZone(), change is null ? options : change(options));
    }

    internal static void AssertAllValid(SignedZone zone, DateTimeOffset? now = null)
    {
        var reports = zone.CheckSignatures(now);
        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.True(r.Result.IsValid, $"{r.Owner} {r.Type} key {r.Signature.KeyTag}: {r.Result.Status}"));
    }

    [Fact]
    public void Nsec_SignsExactlyTheAuthoritativeRrSets()
    {
        SignedZone zone = Sign();

        foreach (SignedRrSet entry in zone.Grouping.RrSets)
        {
            DnsName name = entry.RrSet.Name;
            bool delegationNs = entry.RrSet.Type == RrType.NS && name != Apex;
            bool glue = name == N("ns.secure") || name == N("ns.insecure");
            if (delegationNs || glue)
            {
                Assert.True(entry.Signatures.IsEmpty, $"{name} {entry.RrSet.Type} must not be signed");
            }
            else
            {
                // One KSK + one ZSK of one algorithm: exactly one RRSIG each, by the right role.
                RrsigData rrsig = Assert.Single(entry.Signatures);
                SigningKey expected = entry.RrSet.Type == RrType.DNSKEY ? zone.Ksks[0] : zone.Zsks[0];
                Assert.Equal(expected.KeyTag, rrsig.KeyTag);
                Assert.Equal(Apex, rrsig.SignerName);
            }
        }

        Assert.Empty(zone.Grouping.UnmatchedSignatures);
        Assert.NotNull(zone.Find("secure", RrType.DS)?.Signatures.SingleOrDefault());
        AssertAllValid(zone);
    }

    [Fact]
    public void Nsec_ChainIsSortedClosedAndCoversAuthoritativeNamesAndDelegations()
    {
        SignedZone zone = Sign();
        var nsecs = zone.Records.Where(r => r.Type == RrType.NSEC).ToList();

        var owners = nsecs.Select(r => r.Name).ToList();
        Assert.Equal(s_authoritativeNames.Select(N).Order(), owners);
        Assert.Equal(owners.Order(), owners);
        for (int i = 0; i < nsecs.Count; i++)
        {
            var next = ((NsecData)nsecs[i].Data).NextDomainName;
            Assert.Equal(owners[(i + 1) % owners.Count], next);
        }

        Assert.Equal(Apex, ((NsecData)nsecs[^1].Data).NextDomainName);
        Assert.All(nsecs, r => Assert.Equal(300u, r.Ttl));
    }

    [Theory]
    [InlineData("@", new[] { RrType.NS, RrType.SOA, RrType.MX, RrType.RRSIG, RrType.NSEC, RrType.DNSKEY })]
    [InlineData("secure", new[] { RrType.NS, RrType.DS, RrType.RRSIG, RrType.NSEC })]
    // RFC 4035 Appendix A (b.example.): an unsigned delegation still has RRSIG, for its NSEC.
    [InlineData("insecure", new[] { RrType.NS, RrType.RRSIG, RrType.NSEC })]
    [InlineData("www", new[] { RrType.CNAME, RrType.RRSIG, RrType.NSEC })]
    [InlineData("*.wild", new[] { RrType.TXT, RrType.RRSIG, RrType.NSEC })]
    [InlineData("dname", new[] { RrType.DNAME, RrType.RRSIG, RrType.NSEC })]
    public void Nsec_BitmapListsTypesAtOwner(string owner, RrType[] types)
    {
        SignedZone zone = Sign();

        var nsec = (NsecData)zone.GetRrSet(N(owner), RrType.NSEC)!.Data[0];

        Assert.Equal(types.Order(), nsec.TypeBitmap.Types);
    }

    [Fact]
    public void Nsec3_ChainHasHashedAuthoritativeNamesAndEmptyNonTerminals_InHashOrder_Closed()
    {
        byte[] salt = [0xAA, 0xBB, 0xCC, 0xDD];
        SignedZone zone = Sign(o => o with { Denial = DenialKind.Nsec3, Nsec3Salt = salt, Nsec3Iterations = 5 });
        var nsec3s = zone.Records.Where(r => r.Type == RrType.NSEC3).ToList();

        var expectedOwners = s_authoritativeNames.Concat(s_emptyNonTerminals).Select(n => Nsec3Hash.ComputeOwnerName(N(n), Apex, salt, 5));
        Assert.Equal(expectedOwners.ToHashSet(), nsec3s.Select(r => r.Name).ToHashSet());
        Assert.Empty(zone.Records.Where(r => r.Type == RrType.NSEC));

        var hashes = nsec3s.Select(r => HashOf(r.Name)).OrderBy(h => h, new ByteOrder()).ToList();
        var byHash = nsec3s.ToDictionary(r => Convert.ToHexString(HashOf(r.Name)), r => (Nsec3Data)r.Data);
        for (int i = 0; i < hashes.Count; i++)
        {
            Nsec3Data data = byHash[Convert.ToHexString(hashes[i])];
            Assert.Equal(hashes[(i + 1) % hashes.Count], data.NextHashedOwnerName.ToArray());
            Assert.Equal(salt, data.Salt.ToArray());
            Assert.Equal(5, data.Iterations);
            Assert.Equal(1, data.HashAlgorithm);
            Assert.False(data.IsOptOut);
        }

        var param = (Nsec3ParamData)zone.GetRrSet(Apex, RrType.NSEC3PARAM)!.Data[0];
        Assert.Equal((1, 0, 5), (param.HashAlgorithm, param.Flags, param.Iterations));
        Assert.Equal(salt, param.Salt.ToArray());
        AssertAllValid(zone);
    }

    [Theory]
    [InlineData("@", new[] { RrType.NS, RrType.SOA, RrType.MX, RrType.RRSIG, RrType.DNSKEY, RrType.NSEC3PARAM })]
    [InlineData("secure", new[] { RrType.NS, RrType.DS, RrType.RRSIG })]
    // RFC 5155 §7.1: no RRSIG at an unsigned delegation, and never NSEC3 itself.
    [InlineData("insecure", new[] { RrType.NS })]
    [InlineData("b.c", new RrType[0])]
    [InlineData("wild", new RrType[0])]
    [InlineData("*.wild", new[] { RrType.TXT, RrType.RRSIG })]
    public void Nsec3_BitmapListsTypesAtOriginalOwner(string owner, RrType[] types)
    {
        SignedZone zone = Sign(o => o with { Denial = DenialKind.Nsec3 });

        var nsec3 = (Nsec3Data)zone.GetRrSet(zone.Nsec3OwnerOf(N(owner)), RrType.NSEC3)!.Data[0];

        Assert.Equal(types.Order(), nsec3.TypeBitmap.Types);
    }

    [Fact]
    public void Nsec3_OptOut_SkipsUnsignedDelegationsAndTheirOnlyEnts_AndFlagsEveryRecord()
    {
        SignedZone zone = Sign(o => o with { Denial = DenialKind.Nsec3, Nsec3OptOut = true });
        var nsec3s = zone.Records.Where(r => r.Type == RrType.NSEC3).ToList();

        string[] expected = [.. s_authoritativeNames.Concat(s_emptyNonTerminals).Except(["insecure", "deep.ent", "ent"])];
        Assert.Equal(expected.Select(n => zone.Nsec3OwnerOf(N(n))).ToHashSet(), nsec3s.Select(r => r.Name).ToHashSet());
        Assert.All(nsec3s, r => Assert.True(((Nsec3Data)r.Data).IsOptOut));
        Assert.Null(zone.GetRrSet(zone.Nsec3OwnerOf(N("insecure")), RrType.NSEC3));
        // The secure delegation stays in the chain.
        Assert.NotNull(zone.GetRrSet(zone.Nsec3OwnerOf(N("secure")), RrType.NSEC3));
        AssertAllValid(zone);
    }

    [Fact]
    public void CombinedSigningKey_SignsEverythingIncludingDnskey()
    {
        SignedZone zone = ZoneSigner.Sign(UnsignedZone(), ZoneSigningOptions.For(Apex, splitKeys: false, DnssecAlgorithm.EcdsaP256Sha256));

        SigningKey csk = Assert.Single(zone.Keys);
        Assert.True(csk.IsKsk);
        Assert.All(zone.Records.Where(r => r.Type == RrType.RRSIG), r => Assert.Equal(csk.KeyTag, ((RrsigData)r.Data).KeyTag));
        Assert.Single(zone.GetSignatures(Apex, RrType.DNSKEY));
        Assert.Single(zone.GetSignatures(Apex, RrType.SOA));
        AssertAllValid(zone);
    }

    [Fact]
    public void TwoAlgorithms_EveryRrSetIsSignedByBoth()
    {
        SignedZone zone = Sign(null, DnssecAlgorithm.RsaSha256, DnssecAlgorithm.Ed448);

        Assert.Equal(4, zone.DnskeyRrSet.Data.Length);
        foreach (SignedRrSet entry in zone.Grouping.RrSets.Where(e => !e.Signatures.IsEmpty))
        {
            Assert.Equal([DnssecAlgorithm.RsaSha256, DnssecAlgorithm.Ed448], entry.Signatures.Select(s => s.Algorithm).Order());
        }

        AssertAllValid(zone);
    }

    [Theory]
    [MemberData(nameof(SigningKeyTests.Algorithms), MemberType = typeof(SigningKeyTests))]
    public void EveryAlgorithm_SignsAZoneThatVerifies(DnssecAlgorithm algorithm)
    {
        SignedZone zone = Sign(o => o with { Denial = DenialKind.Nsec3 }, algorithm);

        Assert.All(zone.Keys, k => Assert.Equal(algorithm, k.Algorithm));
        AssertAllValid(zone);
    }

    [Fact]
    public void PublishedOnlyKeys_AreInTheDnskeySet_ButSignNothing()
    {
        SigningKey standby = SigningKey.Zsk(DnssecAlgorithm.Ed25519, seed: 1234);
        SignedZone zone = Sign(o => o with { PublishedOnly = [standby] });

        Assert.Contains(standby.Dnskey, zone.DnskeyRrSet.Data);
        Assert.DoesNotContain(zone.Records, r => r.Data is RrsigData s && s.KeyTag == standby.KeyTag);
        AssertAllValid(zone);
    }

    [Fact]
    public void WindowIsTheOneGiven_AndSignaturesAreOutsideItInvalid()
    {
        SignedZone zone = Sign(o => o with { Inception = 1_000_000, Expiration = 2_000_000 });

        Assert.All(zone.Records.Where(r => r.Type == RrType.RRSIG), r =>
        {
            var rrsig = (RrsigData)r.Data;
            Assert.Equal((1_000_000u, 2_000_000u), (rrsig.SignatureInception, rrsig.SignatureExpiration));
        });
        AssertAllValid(zone, DateTimeOffset.FromUnixTimeSeconds(1_500_000));
        Assert.All(zone.CheckSignatures(DateTimeOffset.FromUnixTimeSeconds(2_000_001)), r => Assert.Equal(SignatureStatus.Expired, r.Result.Status));
    }

    [Fact]
    public void CreateDsRecords_OnePerKskAndDigestType_EachMatchingItsKey()
    {
        SignedZone zone = Sign(null, DnssecAlgorithm.RsaSha1Nsec3Sha1, DnssecAlgorithm.EcdsaP256Sha256);

        var ds = zone.CreateDsRecords(7200, DigestType.Sha1, DigestType.Sha256, DigestType.Sha384);

        Assert.Equal(2, zone.Ksks.Count);
        Assert.Equal(6, ds.Count);
        Assert.All(ds, r =>
        {
            Assert.Equal((Apex, 7200u), (r.Name, r.Ttl));
            Assert.Single(zone.Ksks, k => DsDigest.Match(Apex, (DsData)r.Data, k.Dnskey) == DsMatchStatus.Match);
        });
        Assert.DoesNotContain(ds, r => zone.Zsks.Any(k => k.KeyTag == ((DsData)r.Data).KeyTag));
    }

    [Fact]
    public void NoKeys_LeavesTheZoneUnsigned()
    {
        SignedZone zone = ZoneSigner.Sign(UnsignedZone(), new ZoneSigningOptions { Keys = [] });

        Assert.False(zone.IsSigned);
        Assert.DoesNotContain(zone.Records, r => r.Type is RrType.RRSIG or RrType.NSEC or RrType.NSEC3 or RrType.DNSKEY);
        Assert.Equal(UnsignedZone().Count, zone.Records.Length);
    }

    [Fact]
    public void SigningAgain_DropsOldDnssecRecords_AndGivesTheSameZone()
    {
        SignedZone once = Sign(o => o with { Denial = DenialKind.Nsec3 });

        SignedZone twice = ZoneSigner.Sign(once.Records, once.Options);

        // Ed25519 is deterministic, so the whole signed zone is reproducible.
        // (ImmutableArray's own Equals compares array references: compare as sequences.)
        Assert.Equal<ResourceRecord>(once.Records, twice.Records);
    }

    [Theory]
    [InlineData(DenialKind.Nsec)]
    [InlineData(DenialKind.Nsec3)]
    public void SignedZone_RoundTripsThroughZoneFileText_AndStillVerifies(DenialKind denial)
    {
        SignedZone zone = Sign(o => o with { Denial = denial, Nsec3Salt = new byte[] { 1, 2 } }, DnssecAlgorithm.EcdsaP384Sha384);

        string text = ZoneFileWriter.Write(zone.Records);
        IReadOnlyList<ResourceRecord> parsed = ZoneFileReader.Parse(text);

        Assert.Equal(zone.Records, parsed);
        AssertAllValid(zone.WithRecords(parsed));
    }

    [Fact]
    public void Sign_RejectsAZoneWithoutSoaOrApexNs()
    {
        var noSoa = UnsignedZone().Where(r => r.Type != RrType.SOA);
        var noNs = UnsignedZone().Where(r => !(r.Type == RrType.NS && r.Name == Apex));
        var options = ZoneSigningOptions.For(Apex);

        Assert.Throws<ArgumentException>(() => ZoneSigner.Sign(noSoa, options));
        Assert.Throws<ArgumentException>(() => ZoneSigner.Sign(noNs, options));
        Assert.Throws<ArgumentException>(() => ZoneSigner.Sign(
            UnsignedZone().Append(ZoneFileReader.ParseRecord("out.test. 300 A 192.0.2.9")), options));
    }

    internal static byte[] HashOf(DnsName nsec3Owner) =>
        Base32Hex.Decode(System.Text.Encoding.ASCII.GetString(nsec3Owner.GetLabel(0)));

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}

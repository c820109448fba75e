// TrustAnchorManagerTests: RFC 5011 updates wired to real signatures — a DS anchor becomes the
// published key once a signed DNSKEY RRset is seen, the state survives a restart through the state
// file, and an unreadable state file stops start-up with an error naming it.
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;
using Resolver.Testing.Signing;
using Resolver.Validation;

namespace Resolver.Tests.Validation.AutoTrust;

public sealed class TrustAnchorManagerTests : IDisposable
{
    private static readonly HoldDownTimes ThirtyDays = new(TimeSpan.FromDays(30), TimeSpan.FromDays(30));
    private static readonly DateTimeOffset Now = ZoneSigningOptions.ValidAt;

    private readonly string _directory = Directory.CreateTempSubdirectory("ta-manager-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // The test signer derives keys from the zone and algorithm: another algorithm gives other keys.
    private static SignedZone SignedRoot(DnssecAlgorithm algorithm = DnssecAlgorithm.EcdsaP256Sha256) =>
        ZoneSigner.Sign(
            ZoneFileReader.Parse(". 3600 IN SOA ns1. h. 1 2 3 4 300\n. 3600 IN NS ns1.\n", DnsName.Root),
            ZoneSigningOptions.For(DnsName.Root, splitKeys: true, algorithm));

    private static TrustAnchorStore DsAnchors(SignedZone zone) =>
        TrustAnchorStore.Create(zone.CreateDsRecords(3600, DigestType.Sha256).Select(r => new TrustAnchor(r.Name, r.Data)));

    [Fact]
    public void ValidatedKeySet_TurnsTheDsAnchorIntoTheKey_AndTheStateSurvivesARestart()
    {
        SignedZone root = SignedRoot();
        string path = Path.Combine(_directory, "root.key");
        TrustAnchorManager manager = TrustAnchorManager.Create(DsAnchors(root), path, ThirtyDays, Now);
        Assert.True(File.Exists(path)); // the seeded state is written at start

        manager.Observe(DnsName.Root, root.Find(DnsName.Root, RrType.DNSKEY)!, Now, SignatureCheckOptions.Default);

        DnskeyData ksk = root.Find(DnsName.Root, RrType.DNSKEY)!.RrSet.Data.OfType<DnskeyData>().Single(k => k.IsSecureEntryPoint);
        Assert.Equal([(ksk, (DsData?)null, TrustAnchorKeyState.Valid)], manager.KeyStates(DnsName.Root));
        Assert.True(manager.Current.TryFindClosest(DnsName.Parse("www.example."), Now, out _, out IReadOnlyList<TrustAnchor> anchors));
        Assert.Equal(ksk, Assert.Single(anchors).Data);

        TrustAnchorManager restarted = TrustAnchorManager.Create(TrustAnchorStore.Empty, path, ThirtyDays, Now.AddDays(1));
        Assert.Equal(manager.KeyStates(DnsName.Root), restarted.KeyStates(DnsName.Root));
    }

    [Fact]
    public void StateFileThatCannotBeWritten_KeepsTheStateInMemoryAndReportsIt()
    {
        SignedZone root = SignedRoot();
        string subdirectory = Path.Combine(_directory, "gone");
        Directory.CreateDirectory(subdirectory);
        string path = Path.Combine(subdirectory, "root.key");
        TrustAnchorManager manager = TrustAnchorManager.Create(DsAnchors(root), path, ThirtyDays, Now);
        Directory.Delete(subdirectory, recursive: true);

        manager.Observe(DnsName.Root, root.Find(DnsName.Root, RrType.DNSKEY)!, Now, SignatureCheckOptions.Default);

        Assert.Equal(path, manager.PersistFailure?.FilePath);
        Assert.Contains(manager.KeyStates(DnsName.Root), k => k.State == TrustAnchorKeyState.Valid);
    }

    [Fact]
    public void KeySetSignedByAStranger_ChangesNothing()
    {
        SignedZone root = SignedRoot(), other = SignedRoot(DnssecAlgorithm.EcdsaP384Sha384);
        TrustAnchorManager manager = TrustAnchorManager.Create(DsAnchors(root), null, ThirtyDays, Now);

        manager.Observe(DnsName.Root, other.Find(DnsName.Root, RrType.DNSKEY)!, Now, SignatureCheckOptions.Default);

        Assert.IsType<DsData>(Assert.Single(manager.KeyStates(DnsName.Root)).Ds);
    }

    [Fact]
    public void UnreadableStateFile_FailsAtStartNamingTheFile()
    {
        string path = Path.Combine(_directory, "root.key");
        File.WriteAllText(path, "this is not a state file\n");

        var e = Assert.Throws<TrustAnchorStateException>(() => TrustAnchorManager.Create(TrustAnchorStore.Default, path, ThirtyDays, Now));

        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StateFileCutShort_FailsAtStartFromTheOptions()
    {
        string path = Path.Combine(_directory, "root.key");
        File.WriteAllText(path, "; autotrust trust anchor file\n;;id: . 1\n");
        var options = new ValidatorOptions { TrustAnchorStateFile = path };

        Assert.Throws<TrustAnchorStateException>(() => TrustAnchorManager.Create(options.TrustAnchors, options.TrustAnchorStateFile, new(options.TrustAnchorAddHoldDown, options.TrustAnchorRemoveHoldDown), Now));
    }
}

// TrustAnchorStateFileTests: the RFC 5011 state file (Unbound's autotrust format plus an end
// marker) — round trip, Unbound-written lines, atomic replacement, and a file truncated at every
// byte offset either loading whole or failing with an error that names the file.
using System.Security.Cryptography;
using System.Text;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Validation;

namespace Resolver.Tests.Validation.AutoTrust;

public sealed class TrustAnchorStateFileTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("ta-state-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static DnskeyData Ksk(ushort extraFlags = 0) =>
        new((ushort)(DnskeyData.ZoneKeyFlag | DnskeyData.SecureEntryPointFlag | extraFlags), 3, DnssecAlgorithm.EcdsaP256Sha256, RandomNumberGenerator.GetBytes(64));

    private static List<TrustPointState> SampleTrustPoints()
    {
        DnskeyData valid = Ksk(), pending = Ksk(), revoked = Ksk(DnskeyData.RevokeFlag);
        DsData seed = DsDigest.CreateDs(DnsName.Parse("example."), Ksk(), DigestType.Sha256)!;
        var root = new TrustPointState(DnsName.Root,
        [
            new ManagedKey(valid, TrustAnchorKeyState.Valid, Now.AddDays(-400)),
            new ManagedKey(pending, TrustAnchorKeyState.AddPend, Now.AddDays(-3)) { PendingCount = 4, Validators = [valid.KeyTag] },
            new ManagedKey(revoked, TrustAnchorKeyState.Revoked, Now.AddDays(-1)),
        ])
        {
            LastQueried = Now,
            LastSuccess = Now,
            NextProbe = Now.AddDays(1),
            QueryInterval = TimeSpan.FromDays(1),
            RetryTime = TimeSpan.FromHours(4.8),
            OriginalTtl = TimeSpan.FromDays(2),
        };
        var example = new TrustPointState(DnsName.Parse("example."), [new ManagedKey(seed, Now.AddDays(-10))]) { QueryFailed = 2 };
        return [root, example];
    }

    [Fact]
    public void FormatThenParse_KeepsEveryKeyStateAndTimer()
    {
        List<TrustPointState> original = SampleTrustPoints();

        IReadOnlyList<TrustPointState> parsed = TrustAnchorStateFile.Parse(TrustAnchorStateFile.Format(original), "state");

        Assert.Equal(original.Count, parsed.Count);
        for (int i = 0; i < original.Count; i++)
        {
            Assert.Equal(original[i].Zone, parsed[i].Zone);
            Assert.Equal((original[i].LastQueried, original[i].LastSuccess, original[i].NextProbe, original[i].QueryFailed, original[i].QueryInterval, original[i].RetryTime),
                (parsed[i].LastQueried, parsed[i].LastSuccess, parsed[i].NextProbe, parsed[i].QueryFailed, parsed[i].QueryInterval, parsed[i].RetryTime));
            Assert.Equal(
                original[i].Keys.Select(k => (k.Key, k.Ds, k.State, k.LastChange, k.PendingCount, string.Join(",", k.Validators))),
                parsed[i].Keys.Select(k => (k.Key, k.Ds, k.State, k.LastChange, k.PendingCount, string.Join(",", k.Validators))));
        }
    }

    [Fact]
    public void Format_WritesUnboundsAutotrustLines()
    {
        string text = TrustAnchorStateFile.Format(SampleTrustPoints());

        Assert.StartsWith("; autotrust trust anchor file\n;;id: . 1\n;;last_queried: 1772366400 ;;Sun Mar 1 12:00:00 2026\n", text, StringComparison.Ordinal);
        Assert.Contains(";;state=2 [ VALID ] ;;count=0 ;;lastchange=", text, StringComparison.Ordinal);
        Assert.Contains(";;state=1 [ ADDPEND ] ;;count=4 ;;lastchange=", text, StringComparison.Ordinal);
        Assert.EndsWith(TrustAnchorStateFile.EndMarker + "\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReadsALineAsUnboundWritesIt()
    {
        // The root KSK-2017 line of an Unbound root.key (with our end marker appended).
        const string text = """
            ; autotrust trust anchor file
            ;;id: . 1
            ;;last_queried: 1502439408 ;;Fri Aug 11 08:16:48 2017
            ;;last_success: 1502439408 ;;Fri Aug 11 08:16:48 2017
            ;;next_probe_time: 1502481963 ;;Fri Aug 11 20:06:03 2017
            ;;query_failed: 0
            ;;query_interval: 43200
            ;;retry_time: 8640
            .	172800	IN	DNSKEY	257 3 8 AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3+/4RgWOq7HrxRixHlFlExOLAJr5emLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WGe2R8PzgCmr3EgVLrjyBxWezF0jLHwVN8efS3rCj/EWgvIWgb9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+SrDK6nWeL3c6H5Apxz7LjVc1uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm+2hM8AnXGXws9555KrUB5qihylGa8subX2Nn6UwNR1AkUTV74bU= ;{id = 20326 (ksk), size = 2048b} ;;state=2 [  VALID  ] ;;count=0 ;;lastchange=1502439408 ;;Fri Aug 11 08:16:48 2017
            ; end of trust anchor state
            """;

        TrustPointState root = Assert.Single(TrustAnchorStateFile.Parse(text, "root.key"));

        ManagedKey key = Assert.Single(root.Keys);
        Assert.Equal(20326, key.Key!.KeyTag);
        Assert.Equal(TrustAnchorKeyState.Valid, key.State);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1502439408), key.LastChange);
        Assert.Equal(TimeSpan.FromSeconds(43200), root.QueryInterval);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1502481963), root.NextProbe);
    }

    [Fact]
    public void FileTruncatedAtEveryByteOffset_LoadsWholeOrFailsNamingTheFile()
    {
        byte[] whole = Encoding.UTF8.GetBytes(TrustAnchorStateFile.Format(SampleTrustPoints()));
        string path = Path.Combine(_directory, "root.key");
        string expected = Encoding.UTF8.GetString(whole);
        int loaded = 0;
        for (int length = 0; length < whole.Length; length++)
        {
            File.WriteAllBytes(path, whole.AsSpan(0, length).ToArray());
            try
            {
                IReadOnlyList<TrustPointState>? states = TrustAnchorStateFile.Load(path);
                // Only the final newline may be missing: then every key must be there.
                Assert.Equal(whole.Length - 1, length);
                Assert.Equal(expected, TrustAnchorStateFile.Format(states!));
                loaded++;
            }
            catch (TrustAnchorStateException e)
            {
                Assert.Equal(path, e.FilePath);
                Assert.Contains(path, e.Message, StringComparison.Ordinal);
            }
        }

        Assert.Equal(1, loaded);
    }

    [Fact]
    public void Save_ReplacesTheFileAtomicallyAndLeavesNoTemporaryFile()
    {
        string path = Path.Combine(_directory, "root.key");
        File.WriteAllText(path, "old contents");

        TrustAnchorStateFile.Save(path, SampleTrustPoints());

        Assert.Equal([path], Directory.GetFiles(_directory));
        Assert.Equal(2, TrustAnchorStateFile.Load(path)!.Count);
    }

    [Fact]
    public void Load_MissingFile_IsNull()
    {
        Assert.Null(TrustAnchorStateFile.Load(Path.Combine(_directory, "absent.key")));
    }

    [Fact]
    public void Parse_KeyLineWithoutState_FailsNamingFileAndLine()
    {
        string text = TrustAnchorStateFile.Format(SampleTrustPoints()).Replace(";;state=2", "", StringComparison.Ordinal);

        var e = Assert.Throws<TrustAnchorStateException>(() => TrustAnchorStateFile.Parse(text, "/var/lib/x/root.key"));

        Assert.Equal("/var/lib/x/root.key", e.FilePath);
        Assert.Contains("line 9", e.Message, StringComparison.Ordinal);
        Assert.Contains(";;state=", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TrustPointWithoutKeys_Fails()
    {
        string text = "; autotrust trust anchor file\n;;id: . 1\n" + TrustAnchorStateFile.EndMarker + "\n";

        var e = Assert.Throws<TrustAnchorStateException>(() => TrustAnchorStateFile.Parse(text, "root.key"));

        Assert.Contains("has no key", e.Message, StringComparison.Ordinal);
    }
}

// LabSignaturesTests: every RRSIG in every lab zone file, checked with its zone's DNSKEYs at the
// real current time (a test may read the clock; the library never does). The lab's deliberately
// broken zones must fail in exactly the way their plan says; everything else must be Valid.
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;
using Resolver.Testing;
using Xunit.Abstractions;

namespace Resolver.Protocol.Tests.Dnssec;

public sealed class LabSignaturesTests(ITestOutputHelper output)
{
    internal sealed record Checked(DnsName Zone, RrSet RrSet, RrsigData Signature, SignatureCheckResult Result);

    /// <summary>
    /// Checks every RRSIG of a zone file. A file may hold several zones: each RRset belongs to the
    /// deepest apex (SOA owner) at or above it, except DS, which belongs to the zone above the cut.
    /// </summary>
    internal static List<Checked> CheckFile(string path, DateTimeOffset now, SignatureCheckOptions options)
    {
        var records = ZoneFileReader.Parse(File.ReadAllText(path));
        var grouping = RrSet.Group(records);
        var apexes = grouping.RrSets.Where(s => s.RrSet.Type == RrType.SOA).Select(s => s.RrSet.Name).ToList();
        var dnskeys = grouping.RrSets.Where(s => s.RrSet.Type == RrType.DNSKEY).ToDictionary(s => s.RrSet.Name, s => s.RrSet);
        var results = new List<Checked>();
        foreach (SignedRrSet signed in grouping.RrSets)
        {
            RrSet set = signed.RrSet;
            DnsName? zone = apexes
                .Where(a => set.Type == RrType.DS ? set.Name.IsStrictSubdomainOf(a) : set.Name.IsSubdomainOf(a))
                .MaxBy(a => a.LabelCount);
            foreach (RrsigData sig in signed.Signatures)
            {
                Assert.NotNull(zone);
                RrSet keys = dnskeys.GetValueOrDefault(zone!) ?? new RrSet(zone!, RrClass.IN, RrType.DNSKEY, 0, [new DnskeyData(0, 0, 0, [])]);
                results.Add(new Checked(zone!, set, sig, SignatureVerifier.Check(set, sig, keys, zone, now, options)));
            }
        }

        return results;
    }

    // What the lab's plan (state/plan.tsv) says each broken zone must do to its signatures.
    private static SignatureStatus Expected(Checked c, HashSet<DnsName> alteredOwners)
    {
        string zone = c.Zone.ToString();
        return zone switch
        {
            "expired.bad." => SignatureStatus.Expired,
            "future.bad." => SignatureStatus.NotYetValid,
            "unkalg.lab." or "privalg.lab." => SignatureStatus.UnsupportedAlgorithm,
            // "RRSIG over www/A has flipped bytes".
            "sigcorrupt.bad." when c.RrSet.Name == DnsName.Parse("www.sigcorrupt.bad.") && c.RrSet.Type == RrType.A => SignatureStatus.BadSignature,
            // "owner hash of the covering NSEC3 altered (+1): signature no longer matches".
            "nsec3owner.bad." when c.RrSet.Type == RrType.NSEC3 && !alteredOwners.Contains(c.RrSet.Name) => SignatureStatus.Valid,
            "nsec3owner.bad." when c.RrSet.Type == RrType.NSEC3 => SignatureStatus.BadSignature,
            // "100 decoy DNSKEYs and 100 garbage RRSIGs over www/A, all key tag 4242".
            "keytrap.bad." when c.Signature.KeyTag == 4242 => SignatureStatus.KeyCollisionLimit,
            _ => SignatureStatus.Valid,
        };
    }

    /// <summary>
    /// NSEC3 owners of a zone file that are the hash of no name in the zone (nor of any empty
    /// non-terminal above one): found with the zone's NSEC3PARAM and <see cref="Nsec3Hash"/>.
    /// </summary>
    internal static HashSet<DnsName> UnhashedNsec3Owners(string path)
    {
        var records = ZoneFileReader.Parse(File.ReadAllText(path));
        DnsName apex = records.First(r => r.Type == RrType.SOA).Name;
        var param = records.Select(r => r.Data).OfType<Nsec3ParamData>().Single();
        var hashed = new HashSet<DnsName>();
        foreach (DnsName name in records.Where(r => r.Type is not RrType.NSEC3 and not RrType.RRSIG).Select(r => r.Name).Distinct())
        {
            for (DnsName n = name; n.IsSubdomainOf(apex); n = n.Parent)
            {
                hashed.Add(Nsec3Hash.ComputeOwnerName(n, apex, param.Salt, param.Iterations));
                if (n == apex)
                {
                    break;
                }
            }
        }

        return [.. records.Where(r => r.Type == RrType.NSEC3 && !hashed.Contains(r.Name)).Select(r => r.Name)];
    }

    [LabFact]
    public void EveryLabSignature_VerifiesOrFailsAsPlanned()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using var cache = new PublicKeyCache();
        var options = new SignatureCheckOptions { KeyCache = cache };
        var all = LabState.Current.ZoneFiles().SelectMany(f => CheckFile(f, now, options)).ToList();
        foreach (var g in all.GroupBy(c => (c.Zone.ToString(), c.Result.Status)).OrderBy(g => g.Key.Item1))
        {
            output.WriteLine($"{g.Key.Item1} {g.Key.Status} x{g.Count()} e.g. {g.First().RrSet.Name}/{g.First().RrSet.Type}");
        }

        HashSet<DnsName> altered = UnhashedNsec3Owners(LabState.Current.ZonePath("nsec3owner.bad"));
        Assert.Single(altered);
        var wrong = all.Where(c => c.Result.Status != Expected(c, altered))
            .Select(c => $"{c.RrSet.Name}/{c.RrSet.Type} tag {c.Signature.KeyTag}: {c.Result.Status}, expected {Expected(c, altered)}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));

        Assert.True(all.Count(c => c.Result.IsValid) > 500);
        Assert.Single(all, c => c.Zone == DnsName.Parse("sigcorrupt.bad.") && c.Result.Status == SignatureStatus.BadSignature);
        Assert.Single(all, c => c.Zone == DnsName.Parse("nsec3owner.bad.") && c.Result.Status == SignatureStatus.BadSignature);
        foreach (byte algorithm in new byte[] { 7, 8, 10, 13, 14, 15, 16 })
        {
            Assert.Contains(all, c => c.Result.IsValid && (byte)c.Result.Algorithm == algorithm);
        }

        // KeyTrap: the 100 garbage signatures each stop at the bound, and the zone's good names
        // (ok.keytrap.bad, the apex) still validate.
        var decoys = all.Where(c => c.Zone == DnsName.Parse("keytrap.bad.") && c.Signature.KeyTag == 4242).ToList();
        Assert.Equal(100, decoys.Count);
        Assert.All(decoys, c => Assert.InRange(c.Result.VerificationsPerformed, 1, options.MaxKeysPerSignature));
        Assert.Contains(all, c => c.RrSet.Name == DnsName.Parse("ok.keytrap.bad.") && c.Result.IsValid);
    }
}

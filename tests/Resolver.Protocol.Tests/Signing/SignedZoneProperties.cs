// SignedZoneProperties: for random zones and signing options, the signer keeps RFC 4035 §2 and
// RFC 5155 §7.1 — every signature verifies, exactly the authoritative RRsets are signed, the
// denial chain is one closed cycle in the right order — and corrupting any one byte of any one
// signature makes that signature, and only it, fail.
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;

namespace Resolver.Protocol.Tests.Signing;

public sealed class SignedZoneProperties
{
    [Property(MaxTest = 100)]
    public Property RandomZone_SignsExactlyAuthoritativeData_AndEverySignatureVerifies() =>
        Prop.ForAll(Arb.From(SignedZoneGen.SignedZone), zone =>
        {
            var cuts = zone.UnsignedRecords.Where(r => r.Type == RrType.NS && r.Name != zone.Origin).Select(r => r.Name).ToHashSet();
            bool Occluded(DnsName n) => cuts.Any(n.IsStrictSubdomainOf);
            foreach (SignedRrSet entry in zone.Grouping.RrSets)
            {
                RrSet set = entry.RrSet;
                bool authoritative = !Occluded(set.Name) && (!cuts.Contains(set.Name) || set.Type is RrType.DS or RrType.NSEC);
                Assert.True(authoritative == !entry.Signatures.IsEmpty, $"{set.Name} {set.Type}: authoritative {authoritative}, {entry.Signatures.Length} RRSIGs");
            }

            ZoneSignerTests.AssertAllValid(zone);
            return true.Classify(zone.Options.Denial == DenialKind.Nsec3, "NSEC3").Classify(cuts.Count > 0, "delegations");
        });

    [Property(MaxTest = 100)]
    public Property RandomZone_DenialChainIsOneClosedCycle() =>
        Prop.ForAll(Arb.From(SignedZoneGen.SignedZone), zone =>
        {
            if (zone.Options.Denial == DenialKind.Nsec)
            {
                var cuts = zone.UnsignedRecords.Where(r => r.Type == RrType.NS && r.Name != zone.Origin).Select(r => r.Name).ToList();
                var expected = zone.UnsignedRecords.Select(r => r.Name).Where(n => !cuts.Any(n.IsStrictSubdomainOf)).Distinct().Order().ToList();
                var nsecs = zone.Records.Where(r => r.Type == RrType.NSEC).ToList();
                Assert.Equal(expected, nsecs.Select(r => r.Name));
                for (int i = 0; i < nsecs.Count; i++)
                {
                    Assert.Equal(expected[(i + 1) % expected.Count], ((NsecData)nsecs[i].Data).NextDomainName);
                }
            }
            else
            {
                var nsec3s = zone.Records.Where(r => r.Type == RrType.NSEC3).ToList();
                var owners = nsec3s.Select(r => Convert.ToHexString(ZoneSignerTests.HashOf(r.Name))).ToList();
                var nexts = nsec3s.Select(r => Convert.ToHexString(((Nsec3Data)r.Data).NextHashedOwnerName)).ToList();
                // Records sort by owner name, and base32hex preserves byte order: each points to the next, the last to the first.
                Assert.Equal(owners.Order(StringComparer.Ordinal), owners);
                Assert.Equal([.. owners.Skip(1), owners[0]], nexts);
                Assert.All(nsec3s, r => Assert.Equal(zone.Options.Nsec3OptOut, ((Nsec3Data)r.Data).IsOptOut));
                Assert.NotNull(zone.GetRrSet(zone.Nsec3OwnerOf(zone.Origin), RrType.NSEC3));
            }

            return true;
        });

    [Property(MaxTest = 100)]
    public Property CorruptingAnyOneSignatureByte_FailsThatSignatureOnly() =>
        Prop.ForAll(
            Arb.From(from zone in SignedZoneGen.SignedZone
                     from index in Gen.Choose(0, int.MaxValue)
                     from byteIndex in Gen.Choose(0, 1000)
                     select (zone, index, byteIndex)),
            c =>
            {
                var rrsigs = c.zone.Records.Where(r => r.Type == RrType.RRSIG).ToList();
                ResourceRecord victim = rrsigs[c.index % rrsigs.Count];
                var rrsig = (RrsigData)victim.Data;
                SignedZone broken = c.zone.CorruptSignature(victim.Name, rrsig.TypeCovered, rrsig.KeyTag, c.byteIndex);

                Assert.All(broken.CheckSignatures(), r =>
                {
                    bool isVictim = r.Owner == victim.Name && r.Type == rrsig.TypeCovered && r.Signature.KeyTag == rrsig.KeyTag;
                    Assert.Equal(isVictim ? SignatureStatus.BadSignature : SignatureStatus.Valid, r.Result.Status);
                });
                return true;
            });
}

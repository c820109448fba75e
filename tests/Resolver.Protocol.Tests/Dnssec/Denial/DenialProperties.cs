// DenialProperties: over random zones signed with the test signer (empty non-terminals, wildcards,
// CNAMEs, signed and unsigned delegations with glue; NSEC, or NSEC3 with random salt, iterations
// and opt-out), checked against DenialZoneModel: every name/type that does not exist is proven
// with the right kind and status from the zone's own denial records; nothing that exists is ever
// denied by any subset of them (random subsets, and the chain without the records at the name);
// names below a cut are never denied Secure; in opt-out zones NXDOMAIN and wildcard answers are
// never Secure. 1,050 zones per run.
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Testing.Signing;

namespace Resolver.Protocol.Tests.Dnssec.Denial;

public sealed class DenialProperties
{
    private static readonly RrType[] s_types = [RrType.A, RrType.AAAA, RrType.TXT, RrType.MX, RrType.CNAME, RrType.DS, RrType.SRV, RrType.NS];

    [Property(MaxTest = 400)]
    public Property EveryAbsentNameAndType_IsProvenWithTheRightKind() =>
        Prop.ForAll(Arb.From(Zones(optOutOnly: false)), c =>
        {
            var model = new DenialZoneModel(c.Zone);
            var failures = new List<string>();
            int proofs = 0;
            foreach (DnsName name in model.CandidateNames())
            {
                foreach (RrType type in s_types)
                {
                    (Truth truth, DnsName? encloser) = model.Classify(name, type);
                    if (truth is Truth.Skip or Truth.Exists)
                    {
                        continue;
                    }

                    (DenialStatus status, DenialProofKind kind) = model.Expected(truth, name);
                    foreach ((DenialResponseKind response, int labels) in Responses(truth, encloser))
                    {
                        DenialResult result = DenialProofs.Prove(response, name, type, model.Apex, model.DenialRecords, labels);
                        proofs++;
                        if (result.Status != status || result.Kind != kind)
                        {
                            failures.Add($"{name} {type} ({truth}, {response}): expected {status} {kind}, got {result}");
                        }
                        else if (status == DenialStatus.Secure && encloser is not null && result.ClosestEncloser != encloser)
                        {
                            failures.Add($"{name} {type} ({truth}): closest encloser {result.ClosestEncloser}, expected {encloser}");
                        }
                    }

                    // NXDOMAIN does not depend on the type: one proof per name.
                    if (truth == Truth.NxDomain)
                    {
                        break;
                    }
                }
            }

            Report(failures, model);
            return true.Classify(model.IsNsec3, "NSEC3").Classify(model.IsOptOut, "opt-out").Classify(proofs > 50, "> 50 proofs");
        });

    [Property(MaxTest = 400)]
    public Property NoSubsetOfTheDenialRecords_DeniesWhatExists() =>
        Prop.ForAll(Arb.From(Zones(optOutOnly: false)), c =>
        {
            var model = new DenialZoneModel(c.Zone);
            var random = new Random(c.Seed);
            var failures = new List<string>();
            foreach (DnsName name in model.CandidateNames())
            {
                if (model.IsBelowCut(name))
                {
                    // RFC 6840 §4.1: the parent's records never deny what is below its cuts.
                    foreach (IReadOnlyList<ResourceRecord> subset in Subsets(model, name, random))
                    {
                        Check(failures, model, name, "NXDOMAIN below a cut", NsecOrNsec3(model, DenialResponseKind.NxDomain, name, RrType.A, subset), allowInsecure: model.IsOptOut);
                        Check(failures, model, name, "NODATA below a cut", NsecOrNsec3(model, DenialResponseKind.NoData, name, RrType.A, subset), allowInsecure: model.IsOptOut);
                    }

                    continue;
                }

                bool exists = model.Exists(name);
                bool optedOut = model.IsOptedOut(name);
                var existingTypes = s_types.Where(t => model.Classify(name, t).Truth is Truth.Exists or Truth.Wildcard).ToList();
                if (!exists && existingTypes.Count == 0)
                {
                    continue;
                }

                foreach (IReadOnlyList<ResourceRecord> subset in Subsets(model, name, random))
                {
                    // An existing name, or one a wildcard answers: never NXDOMAIN. Under opt-out a
                    // name without an NSEC3 of its own, or one only a wildcard answers, may lie in the
                    // span of an unsigned delegation for all the validator can tell: Insecure at most.
                    Check(failures, model, name, "NXDOMAIN", NsecOrNsec3(model, DenialResponseKind.NxDomain, name, RrType.A, subset), optedOut || (model.IsOptOut && !exists));
                    // A name only a wildcard answers may, under opt-out, be claimed to be an empty
                    // non-terminal of an unsigned delegation (RFC 5155 erratum 3441 responses carry no
                    // wildcard proof): that is Insecure, never Secure.
                    foreach (RrType type in existingTypes)
                    {
                        Check(failures, model, name, $"NODATA {type}", NsecOrNsec3(model, DenialResponseKind.NoData, name, type, subset), allowInsecure: model.IsOptOut && !exists);
                    }

                    if (exists)
                    {
                        // No wildcard answer for a name that exists, whatever labels an RRSIG claims.
                        for (int labels = model.Apex.LabelCount; labels < name.SignatureLabelCount; labels++)
                        {
                            Check(failures, model, name, $"wildcard answer with {labels} labels",
                                NsecOrNsec3(model, DenialResponseKind.WildcardAnswer, name, RrType.A, subset, labels), optedOut);
                        }
                    }

                    if (model.IsSignedDelegation(name))
                    {
                        Check(failures, model, name, "insecure referral", NsecOrNsec3(model, DenialResponseKind.Referral, name, RrType.DS, subset), allowInsecure: false);
                    }
                }
            }

            Report(failures, model);
            return true.Classify(model.IsNsec3, "NSEC3").Classify(model.IsOptOut, "opt-out").Classify(model.Cuts.Count > 0, "delegations");
        });

    [Property(MaxTest = 250)]
    public Property OptOutSpans_NeverProveNxDomainOrAWildcardAnswerSecure() =>
        Prop.ForAll(Arb.From(Zones(optOutOnly: true)), c =>
        {
            var model = new DenialZoneModel(c.Zone);
            var random = new Random(c.Seed);
            var failures = new List<string>();
            foreach (DnsName name in model.CandidateNames())
            {
                foreach (IReadOnlyList<ResourceRecord> subset in Subsets(model, name, random))
                {
                    DenialResult nx = Nsec3Proofs.ProveNxDomain(name, model.Apex, subset);
                    if (nx.IsSecure)
                    {
                        failures.Add($"{name}: NXDOMAIN proven Secure under opt-out: {nx}");
                    }

                    for (int labels = model.Apex.LabelCount; labels < name.SignatureLabelCount; labels++)
                    {
                        DenialResult wildcard = Nsec3Proofs.ProveWildcardAnswer(name, labels, model.Apex, subset);
                        if (wildcard.IsSecure)
                        {
                            failures.Add($"{name}: wildcard answer ({labels} labels) proven Secure under opt-out: {wildcard}");
                        }
                    }
                }
            }

            Report(failures, model);
            return true;
        });

    // Random zones from the signer's generator, signed with one Ed25519 key (fast) and a random
    // denial: NSEC, or NSEC3 with 0–8 bytes of salt, 0–10 iterations and opt-out or not.
    private static Gen<(SignedZone Zone, int Seed)> Zones(bool optOutOnly) =>
        from apex in SignedZoneGen.Apex
        from records in SignedZoneGen.UnsignedZone(apex)
        from nsec3 in optOutOnly ? Gen.Constant(true) : Gen.Elements(false, true)
        from saltLength in Gen.Choose(0, 8)
        from salt in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), saltLength)
        from iterations in Gen.Choose(0, 10)
        from optOut in optOutOnly ? Gen.Constant(true) : Gen.Elements(false, true)
        from seed in Gen.Choose(0, int.MaxValue)
        let options = ZoneSigningOptions.For(apex, splitKeys: false, DnssecAlgorithm.Ed25519) with
        {
            Denial = nsec3 ? Resolver.Testing.Signing.DenialKind.Nsec3 : Resolver.Testing.Signing.DenialKind.Nsec,
            Nsec3Salt = salt,
            Nsec3Iterations = (ushort)iterations,
            Nsec3OptOut = nsec3 && optOut,
        }
        select (ZoneSigner.Sign(records, options), seed);

    // The proof calls for one truth: NODATA-like truths through the NODATA response, a wildcard
    // answer with the labels of the wildcard at the encloser, an insecure delegation both as the
    // DS NODATA and as a referral.
    private static IEnumerable<(DenialResponseKind, int)> Responses(Truth truth, DnsName? encloser) => truth switch
    {
        Truth.NxDomain => [(DenialResponseKind.NxDomain, 0)],
        Truth.Wildcard => [(DenialResponseKind.WildcardAnswer, encloser!.LabelCount)],
        Truth.InsecureDelegation => [(DenialResponseKind.NoData, 0), (DenialResponseKind.Referral, 0)],
        _ => [(DenialResponseKind.NoData, 0)],
    };

    // The whole chain, the chain without the records at the name (NSEC owner, NSEC3 hash), and
    // four random subsets: an attacker may replay any signed records it likes.
    private static IEnumerable<IReadOnlyList<ResourceRecord>> Subsets(DenialZoneModel model, DnsName name, Random random)
    {
        IReadOnlyList<ResourceRecord> all = model.DenialRecords;
        yield return all;
        DnsName atName = model.IsNsec3 ? model.Zone.Nsec3OwnerOf(name) : name;
        yield return [.. all.Where(r => r.Name != atName)];
        for (int i = 0; i < 4; i++)
        {
            yield return [.. all.Where(_ => random.Next(2) == 0)];
        }
    }

    private static DenialResult NsecOrNsec3(
        DenialZoneModel model, DenialResponseKind response, DnsName name, RrType type, IReadOnlyList<ResourceRecord> records, int labels = 0) =>
        DenialProofs.Prove(response, name, type, model.Apex, records, labels);

    private static void Check(List<string> failures, DenialZoneModel model, DnsName name, string what, DenialResult result, bool allowInsecure)
    {
        bool ok = result.Status == DenialStatus.Bogus || (allowInsecure && result.Status == DenialStatus.Insecure);
        if (!ok)
        {
            failures.Add($"{name} exists, yet {what} is {result}");
        }
    }

    private static void Report(List<string> failures, DenialZoneModel model)
    {
        if (failures.Count > 0)
        {
            Assert.Fail($"{failures.Count} failures in zone {model.Apex} ({model.Zone.Options.Denial}, opt-out {model.IsOptOut}):\n" +
                string.Join('\n', failures.Take(10)) + "\n\n" + string.Join('\n', model.Zone.UnsignedRecords) +
                "\n\n" + string.Join('\n', model.DenialRecords));
        }
    }
}

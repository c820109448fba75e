// SignatureProperties: sign-then-verify over random RRsets for every verified algorithm (5, 7, 8,
// 10, 13, 14, 15, 16). A correct signature is Valid whatever the record order, the case of the
// owner and of names inside RDATA of the RFC 6840 §5.1 types, the RRset's TTL (the RRSIG's original
// TTL is what is signed, RFC 4035 §5.3.2) and the case of the signer name; the case of an NSEC next
// name is signed (RFC 6840 §5.1). Any single-byte change to the signature, to a record's RDATA, to
// the owner name or to the key is never Valid — except the changes canonical form erases (a letter's
// case in a lowercased name, the labels a wildcard signature does not cover).
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Generators;
using Resolver.Testing.Signing;

namespace Resolver.Protocol.Tests.Dnssec.Properties;

public sealed class SignatureProperties
{
    private static readonly Gen<byte> s_mask = Gen.Choose(1, 255).Select(i => (byte)i);

    [Property(MaxTest = 500)]
    public Property SignThenVerify_IsValid_WithAndWithoutAKeyCache() =>
        Prop.ForAll(Arb.From(SignedRrsetCase.Any), c =>
        {
            SignatureCheckResult plain = c.Check(c.RrSet);
            using var cache = new PublicKeyCache();
            var options = new SignatureCheckOptions { KeyCache = cache };
            SignatureCheckResult cold = SignatureVerifier.Check(c.RrSet, c.Rrsig, c.Keys, c.Zone, c.Now, options);
            SignatureCheckResult warm = SignatureVerifier.Check(c.RrSet, c.Rrsig, c.Keys, c.Zone, c.Now, options);
            return (plain.Status == SignatureStatus.Valid).Label($"{c}: {plain.Status}")
                .And((plain.VerificationsPerformed == 1 && ReferenceEquals(plain.Key, c.Key.Dnskey)).Label("one verification, by the signing key"))
                .And((cold.IsValid && warm.IsValid).Label($"with a cache: {cold.Status}, then {warm.Status}"))
                .And((cache.Imports == 1).Label($"the warm check imported again ({cache.Imports} imports)"))
                .Classify(true, c.Key.Algorithm.ToString())
                .Classify(c.RrSet.Data.Length > 1, "several records")
                .Classify(c.RrSet.Name.IsWildcard, "wildcard owner");
        });

    [Property(MaxTest = 400)]
    public Property Verdict_DoesNotDependOn_RecordOrder_NameCase_Ttl_OrSignerCase() =>
        Prop.ForAll(
            Arb.From(
                from c in SignedRrsetCase.Any
                from order in Gen.Shuffle(Enumerable.Range(0, 8).ToArray())
                from seed in ByteGen.Seed
                from ttl in ByteGen.UInt32
                select (c, order, seed, ttl)),
            t =>
            {
                (SignedRrsetCase c, int[] order, int seed, uint ttl) = t;
                RrSet set = c.RrSet;
                var random = new Random(seed);
                RecordData[] permuted = [.. order.Where(i => i < set.Data.Length).Select(i => set.Data[i])];
                DnsName owner = SignedRrsetCase.Recase(set.Name, random);

                // RFC 6840 §5.1: names inside RDATA are lowercased for these types only (NSEC is
                // the exception, checked separately below).
                bool lowercased = SignedRrsetCase.LowercasedNameTypes.Contains(set.Type);
                RecordData[] recased = [.. set.Data.Select(d => lowercased ? SignedRrsetCase.RecaseNames(d, random) : d)];
                DnsName signer = SignedRrsetCase.Recase(c.Zone, random);
                RrsigData recasedSig = SignedRrsetCase.WithSigner(c.Rrsig, signer);

                SignatureStatus reordered = c.Check(new RrSet(set.Name, set.Class, set.Type, set.Ttl, permuted)).Status;
                SignatureStatus ownerCase = c.Check(new RrSet(owner, set.Class, set.Type, set.Ttl, set.Data)).Status;
                SignatureStatus rdataCase = c.Check(new RrSet(set.Name, set.Class, set.Type, set.Ttl, recased)).Status;
                SignatureStatus otherTtl = c.Check(new RrSet(set.Name, set.Class, set.Type, ttl, set.Data)).Status;
                SignatureStatus signerCase = SignatureVerifier.Check(
                    set, recasedSig, SignedRrsetCase.KeySet(SignedRrsetCase.Recase(c.Zone, random), set.Class, c.Key.Dnskey), signer, c.Now).Status;
                SignatureStatus all = SignatureVerifier.Check(
                    new RrSet(owner, set.Class, set.Type, ttl, order.Where(i => i < recased.Length).Select(i => recased[i])),
                    recasedSig, c.Keys, c.Zone, c.Now).Status;

                return (reordered == SignatureStatus.Valid).Label($"{c}: reordered → {reordered}")
                    .And((ownerCase == SignatureStatus.Valid).Label($"{c}: owner as {owner} → {ownerCase}"))
                    .And((rdataCase == SignatureStatus.Valid).Label($"{c}: RDATA names recased → {rdataCase}"))
                    .And((otherTtl == SignatureStatus.Valid).Label($"{c}: TTL {ttl} (RFC 4035 §5.3.2: the original TTL is signed) → {otherTtl}"))
                    .And((signerCase == SignatureStatus.Valid).Label($"{c}: signer as {signer} → {signerCase}"))
                    .And((all == SignatureStatus.Valid).Label($"{c}: all changes at once → {all}"))
                    .Classify(true, c.Key.Algorithm.ToString())
                    .Classify(lowercased, "names in RDATA")
                    .Classify(!owner.WireForm.SequenceEqual(set.Name.WireForm), "owner case changed");
            });

    [Property(MaxTest = 200)]
    public Property NsecNextName_CaseIsSigned() =>
        Prop.ForAll(
            Arb.From(from c in SignedRrsetCase.OfType(RrType.NSEC) from seed in ByteGen.Seed select (c, seed)),
            t =>
            {
                (SignedRrsetCase c, int seed) = t;
                var random = new Random(seed);
                RecordData[] recased = [.. c.RrSet.Data.Select(d => SignedRrsetCase.RecaseNames(d, random))];

                // NsecData equality is byte-exact, so the sets are equal exactly when no next
                // name changed case — and RFC 6840 §5.1 says NSEC next names are signed as they are.
                bool unchanged = c.RrSet.Data.ToHashSet().SetEquals(recased);
                SignatureStatus status = c.Check(new RrSet(c.RrSet.Name, c.RrSet.Class, c.RrSet.Type, c.RrSet.Ttl, recased)).Status;
                return ((status == SignatureStatus.Valid) == unchanged).Label($"{c}: next names {(unchanged ? "unchanged" : "recased")} → {status}")
                    .Classify(!unchanged, "case changed");
            });

    [Property(MaxTest = 400)]
    public Property SignatureByteChange_IsNeverValid() =>
        Prop.ForAll(
            Arb.From(from c in SignedRrsetCase.Any from position in ByteGen.Seed from mask in s_mask select (c, position, mask)),
            t =>
            {
                (SignedRrsetCase c, int position, byte mask) = t;
                ReadOnlySpan<byte> signature = c.Rrsig.Signature;
                int at = position % signature.Length;
                RrsigData bad = RrsetSigner.WithSignature(c.Rrsig, SignedRrsetCase.Mutate(signature, at, mask));
                SignatureCheckResult r = SignatureVerifier.Check(c.RrSet, bad, c.Keys, c.Zone, c.Now);
                return (r.Status == SignatureStatus.BadSignature && r.VerificationsPerformed == 1)
                    .Label($"{c}: signature byte {at} ^ 0x{mask:x2} → {r.Status}")
                    .Classify(true, c.Key.Algorithm.ToString());
            });

    [Property(MaxTest = 500)]
    public Property RdataByteChange_IsNeverValid_UnlessCanonicalFormErasesIt() =>
        Prop.ForAll(
            Arb.From(
                from c in SignedRrsetCase.Any.Where(c => c.RrSet.Data.Any(d => SignedRrsetCase.CanonicalRdata(d).Length > 0))
                from index in ByteGen.Seed
                from position in ByteGen.Seed
                from mask in Gen.Frequency((1, Gen.Constant((byte)0x20)), (2, s_mask))
                select (c, index, position, mask)),
            t =>
            {
                (SignedRrsetCase c, int index, int position, byte mask) = t;
                RrSet set = c.RrSet;
                int[] candidates = [.. Enumerable.Range(0, set.Data.Length).Where(i => SignedRrsetCase.CanonicalRdata(set.Data[i]).Length > 0)];
                int record = candidates[index % candidates.Length];
                byte[] rdata = SignedRrsetCase.CanonicalRdata(set.Data[record]);

                // The mutated bytes must still parse as the type (a validator never sees data that
                // does not): try positions from the chosen one on until one does.
                for (int k = 0; k < rdata.Length; k++)
                {
                    int at = (position + k) % rdata.Length;
                    byte[] mutated = SignedRrsetCase.Mutate(rdata, at, mask);
                    RecordData changed;
                    try
                    {
                        changed = RecordDataRegistry.FromWire(set.Type, mutated);
                    }
                    catch (DnsFormatException)
                    {
                        continue;
                    }

                    RecordData[] data = [.. set.Data];
                    data[record] = changed;
                    var tampered = new RrSet(set.Name, set.Class, set.Type, set.Ttl, data);
                    bool sameCanonical = SignedRrsetCase.CanonicalRdataSet(set).SetEquals(SignedRrsetCase.CanonicalRdataSet(tampered));
                    bool caseFlip = mask == 0x20 && char.IsAsciiLetter((char)rdata[at]) && SignedRrsetCase.LowercasedNameTypes.Contains(set.Type);
                    SignatureCheckResult r = c.Check(tampered);
                    return (r.IsValid == sameCanonical).Label($"{c}: record {record} byte {at} ^ 0x{mask:x2} → {r.Status}, canonical form {(sameCanonical ? "unchanged" : "changed")}")
                        .And((!sameCanonical || caseFlip).Label($"{c}: record {record} byte {at} ^ 0x{mask:x2} left the canonical form unchanged but is no case change in a lowercased name"))
                        .And((r.IsValid || r.Status == SignatureStatus.BadSignature).Label($"a changed RRset fails the cryptography, not {r.Status}"))
                        .Classify(sameCanonical, "case change erased by canonical form")
                        .Classify(true, c.Key.Algorithm.ToString());
                }

                return true.Label("no single-byte change of this RDATA parses").Classify(true, "unparsable");
            });

    [Property(MaxTest = 500)]
    public Property OwnerByteChange_IsNeverValid_UnlessCanonicalFormErasesIt() =>
        Prop.ForAll(
            Arb.From(
                from c in SignedRrsetCase.Any.Where(c => !c.RrSet.Name.IsRoot)
                from position in ByteGen.Seed
                from mask in Gen.Frequency((1, Gen.Constant((byte)0x20)), (1, Gen.Constant((byte)('*' ^ 'a'))), (3, s_mask))
                select (c, position, mask)),
            t =>
            {
                (SignedRrsetCase c, int position, byte mask) = t;
                DnsName owner = c.RrSet.Name;
                ReadOnlySpan<byte> wire = owner.WireForm;

                // Change a byte inside a label, never a length byte: the name keeps its shape.
                var contentPositions = new List<int>();
                for (int pos = 0; wire[pos] != 0; pos += wire[pos] + 1)
                {
                    contentPositions.AddRange(Enumerable.Range(pos + 1, wire[pos]));
                }

                int at = contentPositions[position % contentPositions.Count];
                DnsName changed = DnsName.FromWire(SignedRrsetCase.Mutate(wire, at, mask));

                // What RFC 4035 §5.3.1–5.3.2 implies, written out: the owner must still be under the
                // signer and have at least Labels labels (a leading "*" not counted), and the signed
                // owner — the rightmost Labels labels, lowercased — must be the same.
                int labels = c.Rrsig.Labels;
                bool expected = changed.IsSubdomainOf(c.Zone) && changed.SignatureLabelCount >= labels &&
                    string.Equals(changed.GetSuffix(labels).ToString(), owner.GetSuffix(labels).ToString(), StringComparison.OrdinalIgnoreCase);
                SignatureCheckResult r = c.Check(new RrSet(changed, c.RrSet.Class, c.RrSet.Type, c.RrSet.Ttl, c.RrSet.Data));
                return (r.IsValid == expected).Label($"{c}: owner {owner} → {changed}: {r.Status}, expected {(expected ? "valid" : "not valid")}")
                    .Classify(expected && mask == 0x20, "case change")
                    .Classify(expected && mask != 0x20, "byte outside the labels a wildcard signature covers")
                    .Classify(!expected, "signed owner changed")
                    .Classify(true, c.Key.Algorithm.ToString());
            });

    [Property(MaxTest = 400)]
    public Property KeyByteChange_IsNeverValid() =>
        Prop.ForAll(
            Arb.From(from c in SignedRrsetCase.Any from position in ByteGen.Seed from mask in s_mask select (c, position, mask)),
            t =>
            {
                (SignedRrsetCase c, int position, byte mask) = t;
                DnskeyData key = c.Key.Dnskey;
                int at = position % key.PublicKey.Length;
                var changed = new DnskeyData(key.Flags, key.Protocol, key.Algorithm, SignedRrsetCase.Mutate(key.PublicKey, at, mask));
                SignatureCheckResult r = SignatureVerifier.Check(c.RrSet, c.Rrsig, SignedRrsetCase.KeySet(c.Zone, c.RrSet.Class, changed), c.Zone, c.Now);

                // The key tag is a checksum of the key, so the check above stops at the tag; the
                // cryptography itself must also refuse the changed key.
                byte[] signed = SignedData.Create(c.RrSet, c.Rrsig);
                using VerificationKey? imported = SignatureAlgorithms.Get(key.Algorithm)!.ImportKey(changed.PublicKey);
                bool verifies = imported?.Verify(signed, c.Rrsig.Signature) ?? false;
                return (!r.IsValid).Label($"{c}: key byte {at} ^ 0x{mask:x2} → {r.Status}")
                    .And((!verifies).Label($"{c}: key byte {at} ^ 0x{mask:x2} still verifies the signature"))
                    .Classify(imported is null, "changed key does not import")
                    .Classify(true, c.Key.Algorithm.ToString());
            });
}

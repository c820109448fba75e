// DsaTranslation: most of Unbound's scenarios are signed with DSA (algorithms 3 and 6), which RFC
// 8624 §3.1 says a validator MUST NOT validate, so this library treats such zones as insecure
// (RFC 4035 §5.2). To replay what those scenarios are about — chains, denial proofs, bogus variants —
// the harness re-keys them: every DSA DNSKEY becomes a deterministic Ed25519 key (same owner,
// flags and protocol field), every DS of a DSA key is recomputed for the new key only when the
// original digest matched, and every DSA RRSIG is re-signed over the same RRset with the same fields
// (type, labels, original TTL, validity window, signer) only when the original DSA signature
// verifies (checked here with BouncyCastle, RFC 2536); a signature that did not verify becomes one
// that does not verify. So each scenario's intent — which signatures are good, which digests match,
// which keys are referenced — is kept, while the crypto becomes one the library accepts.
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Resolver.Conformance.Rpl;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Protocol.Text;
using Resolver.Testing.Signing;

namespace Resolver.Conformance.Replay;

internal sealed class DsaTranslation
{
    private const DnssecAlgorithm Target = DnssecAlgorithm.Ed25519;

    private readonly Dictionary<(DnsName Owner, string Key), (DnskeyData Old, SigningKey New)> _keys = [];
    private readonly List<RplEntry> _entries;

    // Every entry's records as written: signatures are checked against these, never against
    // records already re-keyed.
    private readonly Dictionary<RplEntry, List<ResourceRecord>> _originals;

    private DsaTranslation(RplScenario scenario)
    {
        _entries = [.. scenario.Ranges.SelectMany(r => r.Entries), .. scenario.Steps.Where(s => s.Entry is not null).Select(s => s.Entry!)];
        _originals = _entries.Distinct().ToDictionary(e => e, e => AllRecords(e).ToList());
    }

    public static bool IsDsa(DnssecAlgorithm a) => a is DnssecAlgorithm.DsaSha1 or DnssecAlgorithm.DsaNsec3Sha1;

    /// <summary>True when any key, DS, RRSIG or anchor of the scenario uses DSA.</summary>
    public static bool UsesDsa(RplScenario scenario) =>
        scenario.Ranges.SelectMany(r => r.Entries).Concat(scenario.Steps.Where(s => s.Entry is not null).Select(s => s.Entry!))
            .SelectMany(AllRecords).Concat(AnchorRecords(scenario.Config)).Any(r => AlgorithmOf(r.Data) is { } a && IsDsa(a));

    /// <summary>Re-keys the scenario in place.</summary>
    public static void Apply(RplScenario scenario)
    {
        var t = new DsaTranslation(scenario);
        IReadOnlyList<ResourceRecord> anchors = AnchorRecords(scenario.Config);
        foreach (ResourceRecord rr in t._entries.SelectMany(AllRecords).Concat(anchors))
        {
            if (rr.Data is DnskeyData { } k && IsDsa(k.Algorithm))
            {
                t.KeyFor(rr.Name, k);
            }
        }

        foreach (RplEntry entry in t._entries)
        {
            t.Translate(entry, entry.Answer);
            t.Translate(entry, entry.Authority);
            t.Translate(entry, entry.Additional);
        }

        if (anchors.Count > 0)
        {
            scenario.Config.TrustAnchors.Clear();
            foreach (ResourceRecord rr in anchors)
            {
                scenario.Config.TrustAnchors.Add(rr.Data is DsData or DnskeyData ? (rr with { Data = t.TranslateData(rr.Name, rr.Data) }).ToString() : rr.ToString());
            }
        }
    }

    private static IEnumerable<ResourceRecord> AllRecords(RplEntry e) => e.Answer.Concat(e.Authority).Concat(e.Additional);

    private static IReadOnlyList<ResourceRecord> AnchorRecords(RplConfig config)
    {
        var list = new List<ResourceRecord>();
        foreach (string text in config.TrustAnchors)
        {
            if (ZoneFileReader.TryParse(text, DnsName.Root, out IReadOnlyList<ResourceRecord>? records))
            {
                list.AddRange(records);
            }
            else
            {
                list.AddRange(ZoneFileReader.Parse(text, DnsName.Root, 3600));
            }
        }

        return list;
    }

    private static DnssecAlgorithm? AlgorithmOf(RecordData data) => data switch
    {
        DnskeyData k => k.Algorithm,
        DsData d => d.Algorithm,
        RrsigData s => s.Algorithm,
        _ => null,
    };

    private SigningKey KeyFor(DnsName owner, DnskeyData old)
    {
        var id = (owner, Convert.ToBase64String(old.PublicKey) + "/" + old.Flags + "/" + old.Protocol);
        if (!_keys.TryGetValue(id, out var pair))
        {
            byte[] hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(owner.ToString().ToLowerInvariant() + id.Item2));
            int seed = BitConverter.ToInt32(hash, 0) & 0x7FFFFFFF;
            SigningKey key = SigningKey.Generate(Target, old.Flags, seed);
            if (old.Protocol != 3)
            {
                key = key.WithProtocol(old.Protocol);
            }

            pair = (old, key);
            _keys[id] = pair;
        }

        return pair.New;
    }

    private IEnumerable<(DnskeyData Old, SigningKey New)> KeysWithTag(DnsName owner, ushort tag) =>
        _keys.Where(k => k.Key.Owner == owner && k.Value.Old.KeyTag == tag).Select(k => k.Value);

    private void Translate(RplEntry entry, List<ResourceRecord> section)
    {
        for (int i = 0; i < section.Count; i++)
        {
            ResourceRecord rr = section[i];
            if (AlgorithmOf(rr.Data) is not { } a || !IsDsa(a))
            {
                continue;
            }

            section[i] = rr.Data is RrsigData sig ? rr with { Data = TranslateSignature(entry, rr, sig) } : rr with { Data = TranslateData(rr.Name, rr.Data) };
        }
    }

    private RecordData TranslateData(DnsName owner, RecordData data)
    {
        switch (data)
        {
            case DnskeyData k when IsDsa(k.Algorithm):
                return KeyFor(owner, k).Dnskey;
            case DsData ds when IsDsa(ds.Algorithm):
                foreach (var (old, key) in KeysWithTag(owner, ds.KeyTag))
                {
                    if (DsDigest.CreateDs(owner, old, ds.DigestType) is { } computed && computed.Digest.SequenceEqual(ds.Digest))
                    {
                        return DsDigest.CreateDs(owner, key.Dnskey, ds.DigestType) ?? ds;
                    }
                }

                // The digest matched no key (on purpose): keep it mismatching, pointing at the new tag.
                ushort tag = KeysWithTag(owner, ds.KeyTag).Select(k => k.New.KeyTag).DefaultIfEmpty(ds.KeyTag).First();
                return new DsData(tag, Target, ds.DigestType, ds.Digest);
            default:
                return data;
        }
    }

    private RrsigData TranslateSignature(RplEntry entry, ResourceRecord rr, RrsigData sig)
    {
        var keys = KeysWithTag(sig.SignerName, sig.KeyTag).ToList();
        // The RRset the signature covers: in the same message first, else anywhere in the scenario.
        foreach (IEnumerable<ResourceRecord> scope in new[] { _originals[entry], _originals.Values.SelectMany(r => r) })
        {
            foreach (RrSet original in CandidateSets(scope, rr.Name, rr.Class, sig.TypeCovered))
            {
                foreach (var (old, key) in keys)
                {
                    if (DsaVerify(original, sig, old))
                    {
                        var translated = new RrSet(original.Name, original.Class, original.Type, original.Ttl, original.Data.Select(d => TranslateData(original.Name, d)));
                        return RrsetSigner.Sign(translated, key, sig.SignerName, sig.SignatureInception, sig.SignatureExpiration, sig.OriginalTtl, sig.Labels);
                    }
                }
            }
        }

        // Not a valid signature (or of nothing here): stays invalid, deterministically.
        ushort tag = keys.Select(k => k.New.KeyTag).DefaultIfEmpty(sig.KeyTag).First();
        byte[] junk = SHA512.HashData(sig.Signature);
        return new RrsigData(sig.TypeCovered, Target, sig.Labels, sig.OriginalTtl, sig.SignatureExpiration, sig.SignatureInception, tag, sig.SignerName, junk);
    }

    private static IEnumerable<RrSet> CandidateSets(IEnumerable<ResourceRecord> records, DnsName owner, RrClass cls, RrType type)
    {
        var matching = records.Where(r => r.Name == owner && r.Class == cls && r.Type == type).ToList();
        if (matching.Count == 0)
        {
            yield break;
        }

        yield return new RrSet(owner, cls, type, matching[0].Ttl, matching.Select(r => r.Data).Distinct());
    }

    // RFC 2536: key = T | Q(20) | P | G | Y (each 64 + 8T octets); signature = T | R(20) | S(20); SHA-1.
    private static bool DsaVerify(RrSet rrset, RrsigData sig, DnskeyData key)
    {
        try
        {
            ReadOnlySpan<byte> k = key.PublicKey;
            int t = k[0];
            int len = 64 + (8 * t);
            if (k.Length < 21 + (3 * len) || sig.Signature.Length < 8)
            {
                return false;
            }

            BigInteger q = Big(k.Slice(1, 20));
            BigInteger p = Big(k.Slice(21, len));
            BigInteger g = Big(k.Slice(21 + len, len));
            BigInteger y = Big(k.Slice(21 + (2 * len), len));
            var signer = new DsaSigner();
            signer.Init(false, new DsaPublicKeyParameters(y, new DsaParameters(p, q, g)));
            var unsigned = RrsetSigner.WithSignature(sig, []);
            byte[] data = SignedData.Create(rrset, unsigned);
            byte[] digest = SHA1.HashData(data);
            ReadOnlySpan<byte> s = sig.Signature;
            if (s.Length == 41)
            {
                return signer.VerifySignature(digest, Big(s.Slice(1, 20)), Big(s.Slice(21, 20)));
            }

            // Old ldns wrote DSA signatures DER-encoded (SEQUENCE { r, s }); Unbound accepts both forms.
            var reader = new System.Formats.Asn1.AsnReader(s.ToArray(), System.Formats.Asn1.AsnEncodingRules.DER);
            System.Formats.Asn1.AsnReader seq = reader.ReadSequence();
            var r = new BigInteger(1, seq.ReadIntegerBytes().ToArray());
            var ss = new BigInteger(1, seq.ReadIntegerBytes().ToArray());
            return signer.VerifySignature(digest, r, ss);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.Formats.Asn1.AsnContentException or Org.BouncyCastle.Crypto.CryptoException)
        {
            return false;
        }
    }

    private static BigInteger Big(ReadOnlySpan<byte> bytes) => new(1, bytes.ToArray());
}

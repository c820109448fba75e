// ZoneBreaker: ways to break a signed zone on purpose, one fault at a time, so that tests can show
// a validator notices each: a corrupted signature, a signature window that is over or not yet
// begun, missing RRSIGs, a DS that matches no key or a key that did not sign the DNSKEY RRset, a
// gap in the NSEC/NSEC3 chain, a type bitmap that lies (with a broken signature, or re-signed so
// the signature is valid and only the content lies), and an NSEC3 record under the wrong hash.
// Every method returns a new SignedZone; the input is never changed.
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Signing;

/// <summary>Deliberate faults for <see cref="SignedZone"/>.</summary>
public static class ZoneBreaker
{
    /// <summary>
    /// Flips every bit of one byte of the signature in the RRSIGs covering (<paramref name="owner"/>,
    /// <paramref name="covered"/>) — all of them, or only the one by <paramref name="keyTag"/>.
    /// </summary>
    /// <param name="zone">The zone.</param>
    /// <param name="owner">The RRset owner.</param>
    /// <param name="covered">The RRset type.</param>
    /// <param name="keyTag">Only the RRSIG with this key tag; null for all.</param>
    /// <param name="byteIndex">Which signature byte (modulo the length); negative counts from the end.</param>
    /// <exception cref="InvalidOperationException">No such RRSIG.</exception>
    public static SignedZone CorruptSignature(this SignedZone zone, DnsName owner, RrType covered, ushort? keyTag = null, int byteIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.ReplaceSignatures(owner, covered, keyTag, rrsig =>
        {
            byte[] signature = rrsig.Signature.ToArray();
            int i = ((byteIndex % signature.Length) + signature.Length) % signature.Length;
            signature[i] ^= 0xFF;
            return RrsetSigner.WithSignature(rrsig, signature);
        });
    }

    /// <summary>
    /// Signs the RRset at (<paramref name="owner"/>, <paramref name="type"/>) again, as it is now,
    /// with the zone's signing rule and the given window, replacing its RRSIGs. Use a window in the
    /// past for <c>Expired</c>, in the future for <c>NotYetValid</c>, or the zone's own window to
    /// make a changed RRset verify again.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such RRset.</exception>
    public static SignedZone ResignRrSet(this SignedZone zone, DnsName owner, RrType type, uint? inception = null, uint? expiration = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        RrSet set = zone.GetRrSet(owner, type) ?? throw new InvalidOperationException($"No {type} RRset at {owner}.");
        var records = zone.Records.Where(r => !IsSignatureOf(r, owner, type)).ToList();
        records.AddRange(ZoneSigner.SignRrSet(
            set, zone.Origin, zone.Keys, inception ?? zone.Options.Inception, expiration ?? zone.Options.Expiration));
        return zone.WithRecords(records);
    }

    /// <summary>The whole zone signed again with another window (every RRSIG then has it).</summary>
    public static SignedZone ResignAll(this SignedZone zone, uint inception, uint expiration)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.Resign(o => o with { Inception = inception, Expiration = expiration });
    }

    /// <summary>Removes every RRSIG in the zone.</summary>
    public static SignedZone StripSignatures(this SignedZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.WithRecords(zone.Records.Where(r => r.Type != RrType.RRSIG));
    }

    /// <summary>Removes the RRSIGs covering (<paramref name="owner"/>, <paramref name="type"/>), or only the one by <paramref name="keyTag"/>.</summary>
    public static SignedZone StripSignatures(this SignedZone zone, DnsName owner, RrType type, ushort? keyTag = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.WithRecords(zone.Records.Where(r =>
            !(IsSignatureOf(r, owner, type) && (keyTag is null || ((RrsigData)r.Data).KeyTag == keyTag))));
    }

    /// <summary>
    /// Re-signs the DNSKEY RRset with the ZSKs only: the KSKs stay published (and a DS made from
    /// <see cref="SignedZone.Ksks"/> still matches one), but no KSK signature covers the DNSKEY
    /// RRset, so the chain of trust from the DS is broken.
    /// </summary>
    /// <exception cref="InvalidOperationException">The zone has no ZSK.</exception>
    public static SignedZone SignDnskeyWithZsksOnly(this SignedZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (zone.Zsks.Count == 0)
        {
            throw new InvalidOperationException("The zone has no ZSK (it uses combined keys).");
        }

        RrSet dnskeys = zone.DnskeyRrSet;
        var records = zone.Records.Where(r => !IsSignatureOf(r, zone.Origin, RrType.DNSKEY)).ToList();
        records.AddRange(zone.Zsks.Select(k => RrsetSigner.SignToRecord(dnskeys, k, zone.Origin, zone.Options.Inception, zone.Options.Expiration)));
        return zone.WithRecords(records);
    }

    /// <summary>
    /// In a parent zone, changes one byte of the digest of every DS at <paramref name="child"/> and
    /// re-signs the DS RRset: the DS RRset verifies, but matches no key of the child.
    /// </summary>
    /// <exception cref="InvalidOperationException">No DS RRset at <paramref name="child"/>.</exception>
    public static SignedZone AlterDsDigest(this SignedZone parent, DnsName child)
    {
        ArgumentNullException.ThrowIfNull(parent);
        RrSet ds = parent.GetRrSet(child, RrType.DS) ?? throw new InvalidOperationException($"No DS RRset at {child}.");
        var altered = new RrSet(ds.Name, ds.Class, ds.Type, ds.Ttl, ds.Data.Select(d => AlterDigest((DsData)d)));
        return parent.ReplaceRrSet(altered, resign: true);
    }

    /// <summary>A copy of <paramref name="ds"/> with the last digest byte inverted.</summary>
    public static DsData AlterDigest(DsData ds)
    {
        ArgumentNullException.ThrowIfNull(ds);
        byte[] digest = ds.Digest.ToArray();
        digest[^1] ^= 0xFF;
        return new DsData(ds.KeyTag, ds.Algorithm, ds.DigestType, digest);
    }

    /// <summary>Removes the NSEC or NSEC3 record at <paramref name="owner"/> and its RRSIGs: a gap in the chain.</summary>
    /// <exception cref="InvalidOperationException">No NSEC or NSEC3 at <paramref name="owner"/>.</exception>
    public static SignedZone RemoveDenialRecord(this SignedZone zone, DnsName owner)
    {
        ArgumentNullException.ThrowIfNull(zone);
        RrType type = DenialTypeAt(zone, owner);
        return zone.RemoveRrSet(owner, type);
    }

    /// <summary>
    /// Changes the type bitmap of the NSEC or NSEC3 record at <paramref name="owner"/>: adds and
    /// removes types. With <paramref name="resign"/> the record is signed again, so the signature
    /// is valid and only the content lies; without, the old signature no longer matches.
    /// </summary>
    public static SignedZone ChangeBitmap(
        this SignedZone zone,
        DnsName owner,
        IEnumerable<RrType>? add = null,
        IEnumerable<RrType>? remove = null,
        bool resign = false)
    {
        ArgumentNullException.ThrowIfNull(zone);
        RrType type = DenialTypeAt(zone, owner);
        RrSet set = zone.GetRrSet(owner, type)!;
        var removed = (remove ?? []).ToHashSet();
        RecordData data = set.Data[0];
        TypeBitmap bitmap = data is NsecData n ? n.TypeBitmap : ((Nsec3Data)data).TypeBitmap;
        var lying = TypeBitmap.FromTypes(bitmap.Types.Where(t => !removed.Contains(t)).Concat(add ?? []));
        RecordData changed = data is NsecData nsec
            ? new NsecData(nsec.NextDomainName, lying)
            : new Nsec3Data(((Nsec3Data)data).HashAlgorithm, ((Nsec3Data)data).Flags, ((Nsec3Data)data).Iterations,
                ((Nsec3Data)data).Salt, ((Nsec3Data)data).NextHashedOwnerName, lying);
        return zone.ReplaceRrSet(new RrSet(set.Name, set.Class, set.Type, set.Ttl, [changed]), resign);
    }

    /// <summary>
    /// Moves the NSEC3 record at <paramref name="hashedOwner"/> (and its RRSIGs) to the owner
    /// <see cref="AlterHashLabel"/> gives: the record now claims another hash. With
    /// <paramref name="resign"/> it is signed again under the new owner (valid signature, wrong
    /// hash); without, its signature no longer matches.
    /// </summary>
    public static SignedZone ChangeNsec3OwnerHash(this SignedZone zone, DnsName hashedOwner, bool resign = false)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(hashedOwner);
        if (zone.GetRrSet(hashedOwner, RrType.NSEC3) is null)
        {
            throw new InvalidOperationException($"No NSEC3 at {hashedOwner}.");
        }

        DnsName moved = AlterHashLabel(hashedOwner);
        var records = zone.Records.Select(r =>
            r.Name == hashedOwner && (r.Type == RrType.NSEC3 || IsSignatureOf(r, hashedOwner, RrType.NSEC3))
                ? r with { Name = moved }
                : r);
        SignedZone result = zone.WithRecords(records);
        return resign ? result.ResignRrSet(moved, RrType.NSEC3) : result;
    }

    /// <summary>The NSEC3 owner with the last character of its hash label changed to another base32hex digit.</summary>
    public static DnsName AlterHashLabel(DnsName hashedOwner)
    {
        ArgumentNullException.ThrowIfNull(hashedOwner);
        byte[] label = hashedOwner.GetLabel(0).ToArray();
        // 160 bits are exactly 32 base32hex digits (no padding bits), so any other digit decodes
        // to another hash.
        label[^1] = label[^1] == (byte)'0' ? (byte)'1' : (byte)'0';
        return hashedOwner.Parent.Prepend(label);
    }

    /// <summary>
    /// Replaces the RRset at the owner and type of <paramref name="set"/> (adding it when there is
    /// none). With <paramref name="resign"/> its RRSIGs are made again; without, the old ones stay.
    /// </summary>
    public static SignedZone ReplaceRrSet(this SignedZone zone, RrSet set, bool resign)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(set);
        var records = zone.Records.Where(r => !(r.Type == set.Type && r.Name == set.Name)).Concat(set.ToRecords());
        SignedZone result = zone.WithRecords(records);
        return resign ? result.ResignRrSet(set.Name, set.Type) : result;
    }

    /// <summary>Removes the RRset at (<paramref name="owner"/>, <paramref name="type"/>) and its RRSIGs.</summary>
    public static SignedZone RemoveRrSet(this SignedZone zone, DnsName owner, RrType type)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.WithRecords(zone.Records.Where(r => !((r.Type == type && r.Name == owner) || IsSignatureOf(r, owner, type))));
    }

    /// <summary>Replaces the RRSIGs over (<paramref name="owner"/>, <paramref name="covered"/>) — all, or the one by <paramref name="keyTag"/> — with <paramref name="change"/>'s result.</summary>
    /// <exception cref="InvalidOperationException">No such RRSIG.</exception>
    public static SignedZone ReplaceSignatures(this SignedZone zone, DnsName owner, RrType covered, ushort? keyTag, Func<RrsigData, RrsigData> change)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(change);
        int changed = 0;
        var records = zone.Records.Select(r =>
        {
            if (IsSignatureOf(r, owner, covered) && (keyTag is null || ((RrsigData)r.Data).KeyTag == keyTag))
            {
                changed++;
                return r with { Data = change((RrsigData)r.Data) };
            }

            return r;
        }).ToList();
        return changed == 0
            ? throw new InvalidOperationException($"No RRSIG covers {covered} at {owner}{(keyTag is null ? "" : $" with key tag {keyTag}")}.")
            : zone.WithRecords(records);
    }

    private static bool IsSignatureOf(ResourceRecord r, DnsName owner, RrType type) =>
        r.Data is RrsigData s && s.TypeCovered == type && r.Name == owner;

    private static RrType DenialTypeAt(SignedZone zone, DnsName owner) =>
        zone.GetRrSet(owner, RrType.NSEC) is not null ? RrType.NSEC :
        zone.GetRrSet(owner, RrType.NSEC3) is not null ? RrType.NSEC3 :
        throw new InvalidOperationException($"No NSEC or NSEC3 record at {owner}.");
}

// Tampering: what an attacker on the path between a resolver and an authoritative server (or its
// upstream) can do to a signed response without the zone's keys — rewrite the rcode, drop or
// change records, strip signatures and denial proofs, flip bits that signatures cover. Each kind
// is one rewrite of a parsed response; Apply says whether it changed anything (a kind that does
// not fit the response, e.g. "strip the DS" on an answer without one, leaves it alone). The
// attacker tests send real responses from the lab's NSD servers through these rewrites and
// require that no verdict is Secure for changed data and none Insecure for a signed name.
using System.Net;
using System.Text;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Attack;

/// <summary>One rewrite an on-path attacker applies to a response.</summary>
public enum TamperKind
{
    /// <summary>A NOERROR answer or NODATA becomes NXDOMAIN; the answer section is dropped, the authority kept (RFC 4035 §5.4).</summary>
    RcodeToNxDomain,

    /// <summary>An NXDOMAIN becomes NOERROR (a NODATA), keeping its denial records.</summary>
    NxDomainToNoError,

    /// <summary>Every RRSIG in every section is removed.</summary>
    StripAllSignatures,

    /// <summary>The RRSIGs covering the answer section are removed, other sections untouched.</summary>
    StripAnswerSignatures,

    /// <summary>DS records (and their RRSIGs) are removed from a referral or answer: a signed delegation made to look unsigned.</summary>
    StripDs,

    /// <summary>Every NSEC and NSEC3 record (and their RRSIGs) is removed: a denial without its proof.</summary>
    StripDenialRecords,

    /// <summary>One NSEC/NSEC3 record (the first) and its RRSIG are removed, the rest kept.</summary>
    StripOneDenialRecord,

    /// <summary>The answer is replaced by a NODATA: no answer records, the SOA (if any) kept, no proof added.</summary>
    AnswerToNoData,

    /// <summary>A and AAAA addresses and TXT strings in the answer are changed; signatures are left as they were.</summary>
    ChangeAnswerData,

    /// <summary>An unsigned A record for the question's name is added to the answer section.</summary>
    InjectUnsignedRecord,

    /// <summary>Every NSEC3 record gets the opt-out flag set (which its signature covers, RFC 5155 §3.1.2.1).</summary>
    SetOptOutFlag,

    /// <summary>The NSEC type bitmaps lose the DS and NS bits (a signed delegation or data made to look absent).</summary>
    ClearNsecBitmapTypes,

    /// <summary>Every RRSIG's expiration is moved a year on (signed data, so the signature no longer verifies).</summary>
    ExtendSignatureExpiry,

    /// <summary>Every RRSIG's labels field is lowered by one, claiming a wildcard expansion that did not happen.</summary>
    ClaimWildcardExpansion,

    /// <summary>The DNSKEY records of a DNSKEY answer are dropped except the first (a key set the DS may no longer match).</summary>
    TruncateDnskeySet,

    /// <summary>
    /// The response to another question — the same type at a name below the queried one (<c>_replay.</c> + name), whose
    /// signed denial proves that child absent — is replayed as the answer (RFC 4035 §5.4: a proof must be for the question).
    /// Needs a second query, so the transport, not <see cref="Tampering.Apply"/>, makes it.
    /// </summary>
    ReplayChildDenial,

    /// <summary>The response for the same name and another type (HINFO) is replayed as the answer; made by the transport.</summary>
    ReplayOtherType,

    /// <summary>TTLs are raised tenfold; not a forgery of data (TTL is capped by the RRSIG's original TTL, RFC 4035 §5.3.3), so a Secure answer stays Secure.</summary>
    InflateTtl,
}

/// <summary>Applies <see cref="TamperKind"/> rewrites to responses.</summary>
public static class Tampering
{
    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<TamperKind> AllKinds { get; } = Enum.GetValues<TamperKind>();

    /// <summary>True for kinds that change what a signature covers or what a proof says (InflateTtl does not).</summary>
    public static bool IsForgery(TamperKind kind) => kind != TamperKind.InflateTtl;

    /// <summary>The question whose response a replay kind substitutes for <paramref name="question"/>'s, or null for other kinds.</summary>
    public static DnsQuestion? ReplayQuestion(DnsQuestion question, TamperKind kind)
    {
        ArgumentNullException.ThrowIfNull(question);
        return kind switch
        {
            TamperKind.ReplayChildDenial => new DnsQuestion(DnsName.Parse("_replay." + question.Name), question.Type),
            TamperKind.ReplayOtherType when question.Type != RrType.HINFO => new DnsQuestion(question.Name, RrType.HINFO),
            _ => null,
        };
    }

    /// <summary>Rewrites <paramref name="response"/> in place; true when something changed (always false for replay kinds).</summary>
    public static bool Apply(DnsMessage response, TamperKind kind)
    {
        ArgumentNullException.ThrowIfNull(response);
        return kind switch
        {
            TamperKind.RcodeToNxDomain => RcodeToNxDomain(response),
            TamperKind.NxDomainToNoError => NxDomainToNoError(response),
            TamperKind.StripAllSignatures => RemoveAll(response, r => r.Type == RrType.RRSIG, answers: true, authority: true, additional: true),
            TamperKind.StripAnswerSignatures => RemoveAll(response, r => r.Type == RrType.RRSIG, answers: true, authority: false, additional: false),
            TamperKind.StripDs => RemoveAll(response, r => IsTypeOrItsSignature(r, RrType.DS), answers: true, authority: true, additional: false),
            TamperKind.StripDenialRecords => RemoveAll(response, r => IsTypeOrItsSignature(r, RrType.NSEC) || IsTypeOrItsSignature(r, RrType.NSEC3), answers: false, authority: true, additional: false),
            TamperKind.StripOneDenialRecord => StripOneDenialRecord(response),
            TamperKind.AnswerToNoData => AnswerToNoData(response),
            TamperKind.ChangeAnswerData => Rewrite(response.Answers, ChangeData),
            TamperKind.InjectUnsignedRecord => InjectUnsignedRecord(response),
            TamperKind.SetOptOutFlag => Rewrite(response.Authorities, SetOptOut),
            TamperKind.ClearNsecBitmapTypes => Rewrite(response.Authorities, ClearNsecTypes),
            TamperKind.ExtendSignatureExpiry => RewriteAll(response, r => r.Data is RrsigData s
                ? r with { Data = new RrsigData(s.TypeCovered, s.Algorithm, s.Labels, s.OriginalTtl, unchecked(s.SignatureExpiration + (365u * 86400)), s.SignatureInception, s.KeyTag, s.SignerName, s.Signature) }
                : null),
            TamperKind.ClaimWildcardExpansion => RewriteAll(response, r => r.Data is RrsigData { Labels: > 0 } s
                ? r with { Data = new RrsigData(s.TypeCovered, s.Algorithm, (byte)(s.Labels - 1), s.OriginalTtl, s.SignatureExpiration, s.SignatureInception, s.KeyTag, s.SignerName, s.Signature) }
                : null),
            TamperKind.TruncateDnskeySet => TruncateDnskeySet(response),
            TamperKind.ReplayChildDenial or TamperKind.ReplayOtherType => false,
            TamperKind.InflateTtl => RewriteAll(response, r => r.Type == RrType.OPT ? null : r with { Ttl = Math.Min(r.Ttl * 10, 604_800u) }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown tamper kind"),
        };
    }

    private static bool IsTypeOrItsSignature(ResourceRecord record, RrType type) =>
        record.Type == type || (record.Data is RrsigData sig && sig.TypeCovered == type);

    private static bool RcodeToNxDomain(DnsMessage response)
    {
        if (response.ResponseCode != ResponseCode.NoError)
        {
            return false;
        }

        response.ResponseCode = ResponseCode.NXDomain;
        response.Answers.Clear();
        return true;
    }

    private static bool NxDomainToNoError(DnsMessage response)
    {
        if (response.ResponseCode != ResponseCode.NXDomain)
        {
            return false;
        }

        response.ResponseCode = ResponseCode.NoError;
        return true;
    }

    private static bool AnswerToNoData(DnsMessage response)
    {
        if (response.ResponseCode != ResponseCode.NoError || response.Answers.Count == 0)
        {
            return false;
        }

        response.Answers.Clear();
        return true;
    }

    private static bool StripOneDenialRecord(DnsMessage response)
    {
        ResourceRecord? victim = response.Authorities.FirstOrDefault(r => r.Type is RrType.NSEC or RrType.NSEC3);
        if (victim is null)
        {
            return false;
        }

        return RemoveAll(response, r => r.Name.Equals(victim.Name) && IsTypeOrItsSignature(r, victim.Type), answers: false, authority: true, additional: false);
    }

    private static bool InjectUnsignedRecord(DnsMessage response)
    {
        if (response.Question is not { } question)
        {
            return false;
        }

        response.Answers.Add(new ResourceRecord(question.Name, 300, new AData(IPAddress.Parse("203.0.113.66"))));
        return true;
    }

    private static bool TruncateDnskeySet(DnsMessage response)
    {
        var keys = response.Answers.Where(r => r.Type == RrType.DNSKEY).ToList();
        if (keys.Count < 2)
        {
            return false;
        }

        foreach (ResourceRecord key in keys.Skip(1))
        {
            response.Answers.Remove(key);
        }

        return true;
    }

    private static ResourceRecord? ChangeData(ResourceRecord record) => record.Data switch
    {
        AData => record with { Data = new AData(IPAddress.Parse("203.0.113.66")) },
        AaaaData => record with { Data = new AaaaData(IPAddress.Parse("2001:db8:bad::66")) },
        TxtData => record with { Data = new TxtData([Encoding.ASCII.GetBytes("forged")]) },
        _ => null,
    };

    private static ResourceRecord? SetOptOut(ResourceRecord record) =>
        record.Data is Nsec3Data n && !n.IsOptOut
            ? record with { Data = new Nsec3Data(n.HashAlgorithm, (byte)(n.Flags | Nsec3Data.OptOutFlag), n.Iterations, n.Salt, n.NextHashedOwnerName, n.TypeBitmap) }
            : null;

    private static ResourceRecord? ClearNsecTypes(ResourceRecord record)
    {
        if (record.Data is not NsecData n || !(n.TypeBitmap.Contains(RrType.DS) || n.TypeBitmap.Contains(RrType.NS)))
        {
            return null;
        }

        var kept = n.TypeBitmap.Types.Where(t => t is not (RrType.DS or RrType.NS));
        return record with { Data = new NsecData(n.NextDomainName, TypeBitmap.FromTypes(kept)) };
    }

    private static bool RemoveAll(DnsMessage response, Func<ResourceRecord, bool> match, bool answers, bool authority, bool additional)
    {
        bool changed = false;
        changed |= answers && RemoveFrom(response.Answers, match);
        changed |= authority && RemoveFrom(response.Authorities, match);
        changed |= additional && RemoveFrom(response.Additionals, match);
        return changed;
    }

    private static bool RemoveFrom(IList<ResourceRecord> section, Func<ResourceRecord, bool> match)
    {
        bool changed = false;
        for (int i = section.Count - 1; i >= 0; i--)
        {
            if (match(section[i]))
            {
                section.RemoveAt(i);
                changed = true;
            }
        }

        return changed;
    }

    private static bool RewriteAll(DnsMessage response, Func<ResourceRecord, ResourceRecord?> rewrite) =>
        Rewrite(response.Answers, rewrite) | Rewrite(response.Authorities, rewrite) | Rewrite(response.Additionals, rewrite);

    private static bool Rewrite(IList<ResourceRecord> section, Func<ResourceRecord, ResourceRecord?> rewrite)
    {
        bool changed = false;
        for (int i = 0; i < section.Count; i++)
        {
            if (rewrite(section[i]) is { } replaced)
            {
                section[i] = replaced;
                changed = true;
            }
        }

        return changed;
    }
}

// SignedZone: the output of ZoneSigner — the signed zone's records in canonical order, the
// unsigned input and the options it was signed with (so it can be signed again with another
// window), and lookups tests need: an RRset and its RRSIGs, the DNSKEY RRset, the NSEC3 owner of
// a name, DS records and trust anchors for the KSKs, and a check of every signature with the
// Protocol's verifier. Breaking a zone on purpose lives in ZoneBreaker.
using System.Collections.Immutable;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Signing;

/// <summary>A signed zone. Immutable: every change (see <see cref="ZoneBreaker"/>) returns a new instance.</summary>
public sealed class SignedZone
{
    private RrSetGrouping? _grouping;
    private Dictionary<(DnsName, RrType), SignedRrSet>? _index;

    internal SignedZone(DnsName origin, ImmutableArray<ResourceRecord> records, IReadOnlyList<ResourceRecord> unsigned, ZoneSigningOptions options)
    {
        Origin = origin;
        Records = records;
        UnsignedRecords = unsigned;
        Options = options;
    }

    /// <summary>The zone apex.</summary>
    public DnsName Origin { get; }

    /// <summary>Every record of the signed zone, sorted by owner (canonical order), then type, RRSIGs after what they cover.</summary>
    public ImmutableArray<ResourceRecord> Records { get; }

    /// <summary>The zone as given to the signer, without DNSSEC records it added.</summary>
    public IReadOnlyList<ResourceRecord> UnsignedRecords { get; }

    /// <summary>The options the zone was signed with.</summary>
    public ZoneSigningOptions Options { get; }

    /// <summary>The signing keys (none for an unsigned zone).</summary>
    public IReadOnlyList<SigningKey> Keys => Options.Keys;

    /// <summary>True when the zone was signed (it has signing keys).</summary>
    public bool IsSigned => Options.Keys.Count > 0;

    /// <summary>
    /// The keys a parent DS should point at: the signing keys with the SEP flag, or every signing
    /// key when none has it.
    /// </summary>
    public IReadOnlyList<SigningKey> Ksks => Keys.Any(k => k.IsKsk) ? [.. Keys.Where(k => k.IsKsk)] : Keys;

    /// <summary>The signing keys without the SEP flag.</summary>
    public IReadOnlyList<SigningKey> Zsks => [.. Keys.Where(k => !k.IsKsk)];

    /// <summary>Records grouped into RRsets with their RRSIGs.</summary>
    public RrSetGrouping Grouping => _grouping ??= RrSet.Group(Records);

    /// <summary>The apex DNSKEY RRset.</summary>
    public RrSet DnskeyRrSet => GetRrSet(Origin, RrType.DNSKEY) ?? throw new InvalidOperationException("The zone has no DNSKEY RRset.");

    /// <summary>The RRset at <paramref name="owner"/> of <paramref name="type"/>, or null.</summary>
    public RrSet? GetRrSet(DnsName owner, RrType type) => Find(owner, type)?.RrSet;

    /// <summary>The RRSIGs covering the RRset at <paramref name="owner"/> of <paramref name="type"/> (empty when none).</summary>
    public ImmutableArray<RrsigData> GetSignatures(DnsName owner, RrType type) =>
        Find(owner, type)?.Signatures ?? (Grouping.UnmatchedSignatures
            .Where(r => r.Name == owner && ((RrsigData)r.Data).TypeCovered == type)
            .Select(r => (RrsigData)r.Data)
            .ToImmutableArray());

    /// <summary>The RRset and signatures at <paramref name="owner"/> of <paramref name="type"/>, or null.</summary>
    public SignedRrSet? Find(DnsName owner, RrType type)
    {
        _index ??= Grouping.RrSets.Where(s => s.RrSet.Class == RrClass.IN).ToDictionary(s => (s.RrSet.Name, s.RrSet.Type));
        return _index.GetValueOrDefault((owner, type));
    }

    /// <summary>The delegation points: owners of NS RRsets other than the apex.</summary>
    public IReadOnlyList<DnsName> Delegations =>
        [.. Grouping.RrSets.Where(s => s.RrSet.Type == RrType.NS && s.RrSet.Name != Origin).Select(s => s.RrSet.Name)];

    /// <summary>Shorthand for <see cref="Find(DnsName, RrType)"/> with a name relative to the origin (or absolute with a final dot).</summary>
    public SignedRrSet? Find(string owner, RrType type) => Find(Name(owner), type);

    /// <summary>Parses <paramref name="name"/> relative to the origin (<c>@</c> is the origin).</summary>
    public DnsName Name(string name) => DnsName.Parse(name, Origin);

    /// <summary>
    /// The owner name the NSEC3 record for <paramref name="name"/> has with this zone's NSEC3
    /// parameters (whether or not such a record exists).
    /// </summary>
    public DnsName Nsec3OwnerOf(DnsName name) =>
        Nsec3Hash.ComputeOwnerName(name, Origin, Options.Nsec3Salt.Span, Options.Nsec3Iterations);

    /// <summary>DS records (owner = the origin) for the KSKs, one per key and digest type (SHA-256 when none is given).</summary>
    public IReadOnlyList<ResourceRecord> CreateDsRecords(uint ttl = 3600, params DigestType[] digestTypes)
    {
        if (digestTypes is null || digestTypes.Length == 0)
        {
            digestTypes = [DigestType.Sha256];
        }

        return [.. Ksks.SelectMany(k => digestTypes.Select(d => new ResourceRecord(Origin, ttl, k.CreateDs(Origin, d))))];
    }

    /// <summary>The KSKs' DNSKEY records, to use as a trust anchor.</summary>
    public IReadOnlyList<ResourceRecord> KskDnskeyRecords => [.. Ksks.Select(k => k.ToDnskeyRecord(Origin, Options.DnskeyTtl))];

    /// <summary>
    /// Checks every RRSIG in the zone with <see cref="SignatureVerifier.Check"/> against the
    /// zone's DNSKEY RRset, at <paramref name="now"/> (default <see cref="ZoneSigningOptions.ValidAt"/>).
    /// RRSIGs whose RRset is missing are reported with a null RRset and status <see cref="SignatureStatus.WrongType"/>.
    /// </summary>
    public IReadOnlyList<SignatureReport> CheckSignatures(DateTimeOffset? now = null)
    {
        DateTimeOffset at = now ?? ZoneSigningOptions.ValidAt;
        RrSet? keys = GetRrSet(Origin, RrType.DNSKEY);
        var reports = new List<SignatureReport>();
        foreach (SignedRrSet entry in Grouping.RrSets)
        {
            foreach (RrsigData rrsig in entry.Signatures)
            {
                SignatureCheckResult result = keys is null
                    ? new SignatureCheckResult(SignatureStatus.NoMatchingKey, rrsig.KeyTag, rrsig.Algorithm, 0, null)
                    : SignatureVerifier.Check(entry.RrSet, rrsig, keys, Origin, at);
                reports.Add(new SignatureReport(entry.RrSet.Name, entry.RrSet.Type, entry.RrSet, rrsig, result));
            }
        }

        foreach (ResourceRecord orphan in Grouping.UnmatchedSignatures)
        {
            var rrsig = (RrsigData)orphan.Data;
            reports.Add(new SignatureReport(orphan.Name, rrsig.TypeCovered, null, rrsig,
                new SignatureCheckResult(SignatureStatus.WrongType, rrsig.KeyTag, rrsig.Algorithm, 0, null)));
        }

        return reports;
    }

    /// <summary>A copy of this zone with other records (same origin, options and unsigned input).</summary>
    public SignedZone WithRecords(IEnumerable<ResourceRecord> records) => new(Origin, Sort(records), UnsignedRecords, Options);

    /// <summary>The zone signed again from its unsigned input with changed options (e.g. another window).</summary>
    public SignedZone Resign(Func<ZoneSigningOptions, ZoneSigningOptions> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return ZoneSigner.Sign(UnsignedRecords, change(Options));
    }

    /// <inheritdoc/>
    public override string ToString() => Resolver.Protocol.Text.ZoneFileWriter.Write(Records);

    /// <summary>Sorts records: owner in canonical order, then type, each RRset's RRSIGs right after it.</summary>
    internal static ImmutableArray<ResourceRecord> Sort(IEnumerable<ResourceRecord> records) =>
    [
        .. records
            .OrderBy(r => r.Name)
            .ThenBy(r => r.Data is RrsigData s ? (ushort)s.TypeCovered : (ushort)r.Type)
            .ThenBy(r => r.Type == RrType.RRSIG ? 1 : 0),
    ];
}

/// <summary>The check of one RRSIG in a <see cref="SignedZone"/>.</summary>
/// <param name="Owner">The RRSIG's owner.</param>
/// <param name="Type">The type it covers.</param>
/// <param name="RrSet">The covered RRset, or null when the zone has none.</param>
/// <param name="Signature">The RRSIG.</param>
/// <param name="Result">What the verifier said.</param>
public sealed record SignatureReport(DnsName Owner, RrType Type, RrSet? RrSet, RrsigData Signature, SignatureCheckResult Result);

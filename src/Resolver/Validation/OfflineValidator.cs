// OfflineValidator: DNSSEC validation of a response a caller already holds, with the DNSKEY, DS and
// denial records it needs supplied alongside, at an instant the caller chooses, against anchors the
// caller gives — no network, no clock (cf. getdns_validate_dnssec2). It reads the response as the
// iterator would have delivered it (answer RRsets with their RRSIGs along the CNAME/DNAME chain,
// NODATA/NXDOMAIN from the RCODE, the authority's NSEC/NSEC3 for denials and wildcard proofs) and
// runs the same chain walker and response validator as DnsResolver over an OfflineIterator. A
// record the walk needs but nobody supplied makes a resolution failure, never a Bogus verdict.
using System.Collections.Immutable;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Validation;

namespace Resolver;

/// <summary>Validates DNS responses without network access, from supplied records.</summary>
public static class OfflineValidator
{
    // Alias chains longer than this are refused, as iteration refuses them (IterationOptions.MaxAliasChain's ceiling).
    private const int MaxAliasChain = 32;

    /// <summary>
    /// Validates <paramref name="response"/> at <paramref name="now"/>. The result has the same shape
    /// as <see cref="IDnsResolver.ResolveAsync(DnsName, RrType, CancellationToken)"/>'s: Secure,
    /// Insecure, Bogus (data withheld) or Indeterminate with the reason and chain of trust; or a
    /// resolution failure (<see cref="ResolveResult.ResolutionError"/>) when a DNSKEY, DS or denial
    /// record the chain needs was not supplied, or the response is a failure (SERVFAIL, REFUSED …).
    /// </summary>
    /// <param name="response">The response to validate: one question; the answer section with RRSIGs;
    /// for NODATA, NXDOMAIN and wildcard answers the authority section's SOA and NSEC/NSEC3 with RRSIGs.</param>
    /// <param name="supportingRecords">DNSKEY and DS RRsets (with RRSIGs) from the anchor down to the
    /// answer's zones, and for a zone without DS the NSEC/NSEC3 records (with RRSIGs) proving so. The
    /// response's own records are used as well.</param>
    /// <param name="trustAnchors">The anchors to validate against (e.g. <see cref="TrustAnchorStore.Default"/>).</param>
    /// <param name="now">The instant signatures must be valid at.</param>
    /// <param name="options">Limits and algorithm policy; defaults when null. Its
    /// <see cref="ValidatorOptions.TrustAnchors"/> is ignored in favour of <paramref name="trustAnchors"/>.</param>
    /// <param name="cancellationToken">Cancels the validation.</param>
    /// <exception cref="ArgumentException">The message is not a response with exactly one question.</exception>
    public static async Task<ResolveResult> ValidateAsync(
        DnsMessage response,
        IEnumerable<ResourceRecord> supportingRecords,
        TrustAnchorStore trustAnchors,
        DateTimeOffset now,
        ValidatorOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(supportingRecords);
        ArgumentNullException.ThrowIfNull(trustAnchors);
        if (!response.IsResponse || response.Questions.Count != 1)
        {
            throw new ArgumentException("Expected a response with exactly one question.", nameof(response));
        }

        cancellationToken.ThrowIfCancellationRequested();
        ValidatorOptions settings = WithAnchors(options ?? new ValidatorOptions(), trustAnchors);
        var budget = WorkBudget.For(settings);
        DnsQuestion question = response.Questions[0];
        IterationResult iteration = ToIterationResult(response);
        if (iteration.Status == IterationStatus.ServerFailure)
        {
            return ResultMapping.ToResult(question, iteration, ValidationOutcome.Failed(new ResolutionFailure(iteration.FailureReason!)),
                budget.Snapshot(), checkingDisabled: false, now);
        }

        var iterator = new OfflineIterator(supportingRecords
            .Concat(response.Answers).Concat(response.Authorities).Concat(response.Additionals));
        var time = new FixedTime(now);
        var keyEntries = new KeyEntryCache(time, settings.KeyCacheCapacity, settings.BogusTtl, TimeSpan.FromDays(7));
        using var publicKeys = new PublicKeyCache();
        var validator = new ResponseValidator(new ChainWalker(iterator, settings, keyEntries, publicKeys));
        ValidationOutcome outcome = await validator.ValidateAsync(iteration, validator.Begin(now, budget), cancellationToken).ConfigureAwait(false);
        if (outcome.Unresolved is { Code: not null } missing)
        {
            // Offline nothing is fetched: a record missing from the supplied data is no network error (RFC 8914 §4.10, §4.24).
            outcome = outcome with { Unresolved = missing with { Code = null } };
        }

        return ResultMapping.ToResult(question, iteration, outcome, budget.Snapshot(), checkingDisabled: false, now);
    }

    /// <summary>Reads a response as the iterator would have delivered it: the alias chain, the final RRset or the denial.</summary>
    internal static IterationResult ToIterationResult(DnsMessage response)
    {
        DnsQuestion question = response.Questions[0];
        if (response.ResponseCode is not (ResponseCode.NoError or ResponseCode.NXDomain))
        {
            return new IterationResult
            {
                Question = question,
                Status = IterationStatus.ServerFailure,
                FailureReason = "the response's RCODE is " + DnsMessage.FormatRcode(response.ResponseCode),
            };
        }

        ImmutableArray<SignedRrSet> sets = RrSet.Group(response.Answers.Where(r => r.Class == question.Class)).RrSets;
        ImmutableArray<ResourceRecord> authority = [.. response.Authorities.Where(r => r.Data is not NsData)];
        ImmutableArray<ResourceRecord> proof = NsecRecords.Select(authority);
        var answers = ImmutableArray.CreateBuilder<ZonedRrSet>();
        var aliases = ImmutableArray.CreateBuilder<AliasLink>();
        var visited = new HashSet<DnsName>();
        DnsName name = question.Name;
        while (visited.Add(name) && aliases.Count <= MaxAliasChain)
        {
            // RFC 6672 §3.4: a DNAME above the name redirects it; the CNAME synthesized beside it is unsigned and not used.
            SignedRrSet? dname = sets.FirstOrDefault(s => s.RrSet.Type == RrType.DNAME && name.IsStrictSubdomainOf(s.RrSet.Name));
            if (dname is not null && question.Type != RrType.DNAME &&
                ResponseScrubber.TrySynthesize(name, dname.RrSet.Name, ((DnameData)dname.RrSet.Data[0]).Target, out DnsName redirected))
            {
                answers.Add(Zoned(dname, proof));
                aliases.Add(new AliasLink(RrType.DNAME, dname.RrSet.Name, name, redirected, Signer(dname)));
                name = redirected;
                continue;
            }

            var final = sets.Where(s => s.RrSet.Name == name && (s.RrSet.Type == question.Type || question.Type == RrType.ANY)).ToList();
            if (final.Count > 0)
            {
                answers.AddRange(final.Select(s => Zoned(s, proof)));
                return Result(question, IterationStatus.Answer, answers, aliases, authority, Signer(final[0]));
            }

            SignedRrSet? cname = sets.FirstOrDefault(s => s.RrSet.Type == RrType.CNAME && s.RrSet.Name == name);
            if (cname is not null && question.Type != RrType.CNAME)
            {
                answers.Add(Zoned(cname, proof));
                DnsName target = ((CnameData)cname.RrSet.Data[0]).Target;
                aliases.Add(new AliasLink(RrType.CNAME, name, name, target, Signer(cname)));
                name = target;
                continue;
            }

            // RFC 6604 §3: with an alias chain the RCODE speaks of the chain's last name.
            IterationStatus status = response.ResponseCode == ResponseCode.NXDomain ? IterationStatus.NxDomain : IterationStatus.NoData;
            DnsName? zone = authority.FirstOrDefault(r => r.Data is SoaData && name.IsSubdomainOf(r.Name))?.Name;
            return Result(question, status, answers, aliases, authority, zone);
        }

        return new IterationResult
        {
            Question = question,
            Status = IterationStatus.ServerFailure,
            FailureReason = "the response's alias chain loops or is too long",
        };
    }

    private static ZonedRrSet Zoned(SignedRrSet set, ImmutableArray<ResourceRecord> proof) => new(set, Signer(set), null, proof);

    // Offline there is no zone cut seen on the way: the signer is the zone (RFC 4035 §5.3.1); an
    // unsigned RRset's zone is found by the chain walk from its owner upwards.
    private static DnsName? Signer(SignedRrSet set) => ChainWalker.SignerOf(set, set.RrSet.Name);

    private static IterationResult Result(
        DnsQuestion question, IterationStatus status, ImmutableArray<ZonedRrSet>.Builder answers,
        ImmutableArray<AliasLink>.Builder aliases, ImmutableArray<ResourceRecord> authority, DnsName? zone) => new()
        {
            Question = question,
            Status = status,
            Answers = answers.ToImmutable(),
            Aliases = aliases.ToImmutable(),
            Authority = authority,
            Zone = zone,
        };

    private static ValidatorOptions WithAnchors(ValidatorOptions o, TrustAnchorStore anchors) => new()
    {
        TrustAnchors = anchors,
        AlgorithmPolicy = o.AlgorithmPolicy,
        MaxSignatureValidations = o.MaxSignatureValidations,
        MaxNsec3Hashes = o.MaxNsec3Hashes,
        MaxKeyImports = o.MaxKeyImports,
        MaxKeysPerSignature = o.MaxKeysPerSignature,
        Nsec3InsecureIterations = o.Nsec3InsecureIterations,
        Nsec3BogusIterations = o.Nsec3BogusIterations,
        ClockSkew = o.ClockSkew,
        BogusTtl = o.BogusTtl,
        KeyCacheCapacity = o.KeyCacheCapacity,
        MaxRestarts = o.MaxRestarts,
    };

    /// <summary>The caller's instant as the key-entry cache's clock (entries live only for this call).</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

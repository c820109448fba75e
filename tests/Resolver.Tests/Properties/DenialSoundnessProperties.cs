// DenialSoundnessProperties: the response code comes from the proof, and a missing record never
// weakens a verdict to Insecure (issue 12, "Done when"). Over random signed zones (host data,
// CNAMEs, wildcards, empty non-terminals, secure and insecure delegations; NSEC, or NSEC3 with
// random salt and iterations, with and without opt-out) under a signed root, every genuine
// NXDOMAIN/NODATA the zone gives (ZoneOracleIterator: all of the zone's denial records) is
// validated as it is and tampered with, through ResponseValidator:
//   - its RCODE rewritten (NXDOMAIN ↔ NOERROR) is never Secure with the rewritten RCODE, and for a
//     Secure answer not Insecure either (RFC 4035 §5.4, RFC 5155 §8.4: the records prove which one is
//     true; an RFC 8020 empty non-terminal is answered as what is proven);
//   - any one NSEC/NSEC3 RRset the proof used removed (with its RRSIG), from the whole set and from
//     the proof's own records, gives the same status or Bogus — never Secure → Insecure; from the
//     records of an NXDOMAIN proof, where every record is needed, it gives Bogus (opt-out or not).
using FsCheck;
using FsCheck.Fluent;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using Resolver.Tests.Validation;
using Resolver.Validation;

namespace Resolver.Tests.Properties;

public sealed class DenialSoundnessProperties
{
    private static readonly DateTimeOffset Now = ZoneSigningOptions.ValidAt;
    private static readonly DnsName s_apex = DnsName.Parse("example.");
    private static readonly RrType[] s_types = [RrType.A, RrType.TXT, RrType.MX, RrType.DS];

    /// <summary>A root and a random zone below it, signed with Ed25519 and random denial options.</summary>
    internal sealed record Case(ZoneHierarchy Hierarchy, SignedZone Zone)
    {
        public override string ToString() =>
            $"{Zone.Origin} {Zone.Options.Denial}{(Zone.Options.Nsec3OptOut ? " opt-out" : string.Empty)}\n" +
            string.Join('\n', Zone.UnsignedRecords);
    }

    private static Gen<Case> Cases { get; } =
        from records in SignedZoneGen.UnsignedZone(s_apex)
        from nsec3 in Gen.Elements(false, true)
        from optOut in Gen.Elements(false, true)
        from saltLength in Gen.Choose(0, 4)
        from iterations in Gen.Choose(0, 3)
        select Build(records, ZoneSigningOptions.For(s_apex, splitKeys: false, DnssecAlgorithm.Ed25519) with
        {
            Denial = nsec3 ? DenialKind.Nsec3 : DenialKind.Nsec,
            Nsec3OptOut = nsec3 && optOut,
            Nsec3Salt = Enumerable.Range(1, saltLength).Select(i => (byte)(i * 29)).ToArray(),
            Nsec3Iterations = (ushort)iterations,
        });

    // The generated SOA, apex NS and ns1 glue are left out: the hierarchy builder adds its own.
    private static Case Build(IReadOnlyList<ResourceRecord> records, ZoneSigningOptions options)
    {
        ZoneHierarchy hierarchy = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone(s_apex.ToString(), options, records: records.Skip(3))
            .Build();
        return new Case(hierarchy, hierarchy[s_apex]);
    }

    [Fact]
    public void RewrittenRcode_IsNeverSecureWithTheRewrittenRcode()
    {
        Prop.ForAll(Arb.From(Cases), c =>
        {
            var validator = new OracleValidator(c.Hierarchy);
            var failures = new List<string>();
            foreach ((IterationResult genuine, ValidationOutcome original) in Negatives(c, validator))
            {
                IterationStatus rewritten = genuine.Status == IterationStatus.NxDomain ? IterationStatus.NoData : IterationStatus.NxDomain;
                ValidationOutcome outcome = validator.Validate(With(genuine, rewritten, genuine.Authority));
                ResponseCode claimed = rewritten == IterationStatus.NxDomain ? ResponseCode.NXDomain : ResponseCode.NoError;
                bool keepsRewrittenRcode = outcome.Status != SecurityStatus.Bogus && (outcome.ProvenResponseCode ?? claimed) == claimed;
                if (keepsRewrittenRcode && outcome.Status == SecurityStatus.Secure)
                {
                    failures.Add($"{Describe(genuine)} rewritten to {claimed}: Secure");
                }
                else if (keepsRewrittenRcode && original.Status == SecurityStatus.Secure)
                {
                    // A Secure answer's records prove its RCODE: a forged one is Bogus, or answered
                    // with what the records prove — never Insecure with the forged RCODE (the DS
                    // NXDOMAIN over the parent's record at an unsigned cut was exactly this).
                    failures.Add($"{Describe(genuine)} (Secure) rewritten to {claimed}: {outcome.Status} ({outcome.Failure})");
                }
            }

            Report(failures, c);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(30));
    }

    [Fact]
    public void RemovingOneDenialRecord_GivesTheSameVerdictOrBogus_NeverSecureToInsecure()
    {
        Prop.ForAll(Arb.From(Cases), c =>
        {
            var validator = new OracleValidator(c.Hierarchy);
            var failures = new List<string>();
            foreach ((IterationResult genuine, ValidationOutcome whole) in Negatives(c, validator))
            {
                List<DnsName> used = [.. whole.Chain.Denials.SelectMany(d => d.Records).Distinct()];
                if (used.Count == 0)
                {
                    continue;
                }

                // The proof's own records (plus the SOA) must give the same verdict as the whole set.
                List<ResourceRecord> minimal = [.. genuine.Authority.Where(r => !IsDenial(r) || used.Contains(r.Name))];
                ValidationOutcome proofOnly = validator.Validate(With(genuine, genuine.Status, minimal));
                Check(failures, genuine, "the proof's records alone", whole.Status, proofOnly);
                // Every record of an NXDOMAIN proof is needed (NSEC: the name's and the wildcard's
                // covers; NSEC3: encloser match, next closer cover, wildcard cover — RFC 4035 §5.4,
                // RFC 5155 §8.4; opt-out excuses none of them): without one, it is Bogus.
                bool strict = genuine.Status == IterationStatus.NxDomain && whole.ProvenResponseCode is null;
                foreach (DnsName owner in used)
                {
                    Check(failures, genuine, $"without {owner} (whole set)", whole.Status,
                        validator.Validate(With(genuine, genuine.Status, [.. genuine.Authority.Where(r => !(IsDenial(r) && r.Name == owner))])));
                    Check(failures, genuine, $"without {owner} (proof's records)", strict ? SecurityStatus.Bogus : whole.Status,
                        validator.Validate(With(genuine, genuine.Status, [.. minimal.Where(r => !(IsDenial(r) && r.Name == owner))])));
                }
            }

            Report(failures, c);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(20));
    }

    private static void Check(List<string> failures, IterationResult genuine, string what, SecurityStatus expected, ValidationOutcome outcome)
    {
        if (outcome.Status != expected && outcome.Status != SecurityStatus.Bogus)
        {
            failures.Add($"{Describe(genuine)} {what}: {outcome.Status} ({outcome.Failure}), expected {expected} or Bogus");
        }
    }

    // The zone's genuine NXDOMAIN and NODATA answers (no alias chain) for names at, above, beside
    // and below its owners, for A, TXT, MX and DS. Names below a delegation, and other types than DS
    // at one, are the child's (which the oracle does not serve), so they are left out; so are the
    // oracle's answers that are not the truth, which its own records prove Bogus (it answers
    // NXDOMAIN where a wildcard without the type makes the truth a wildcard NODATA, RFC 4592 §2.2).
    private static IEnumerable<(IterationResult Result, ValidationOutcome Outcome)> Negatives(Case c, OracleValidator validator)
    {
        ZoneOracleIterator iterator = validator.Iterator;
        DnsName apex = c.Zone.Origin;
        List<DnsName> cuts = [.. c.Zone.UnsignedRecords.Where(r => r.Type == RrType.NS && r.Name != apex).Select(r => r.Name).Distinct()];
        var names = new HashSet<DnsName> { apex.Prepend("zz"u8) };
        foreach (DnsName owner in c.Zone.UnsignedRecords.Select(r => r.Name).Distinct())
        {
            for (DnsName n = owner; n.IsStrictSubdomainOf(apex); n = n.Parent)
            {
                if (!n.IsWildcard)
                {
                    names.Add(n);
                    names.Add(n.Prepend("nx"u8));
                }
            }
        }

        foreach (DnsName name in names.OrderBy(n => n))
        {
            bool belowCut = cuts.Any(name.IsStrictSubdomainOf);
            bool atCut = cuts.Contains(name);
            foreach (RrType type in s_types)
            {
                if (belowCut || (atCut && type != RrType.DS))
                {
                    continue;
                }

                IterationResult result = iterator.ResolveAsync(new DnsQuestion(name, type), CancellationToken.None).GetAwaiter().GetResult();
                if (result.Status is not (IterationStatus.NxDomain or IterationStatus.NoData) || !result.Answers.IsEmpty)
                {
                    continue;
                }

                ValidationOutcome outcome = validator.Validate(result);
                if (outcome.Status != SecurityStatus.Bogus)
                {
                    yield return (result, outcome);
                }
            }
        }
    }

    private static IterationResult With(IterationResult r, IterationStatus status, IEnumerable<ResourceRecord> authority) => new()
    {
        Question = r.Question,
        Status = status,
        Answers = r.Answers,
        Aliases = r.Aliases,
        Authority = [.. authority],
        Zone = r.Zone,
        UpstreamQueries = r.UpstreamQueries,
    };

    private static bool IsDenial(ResourceRecord r) =>
        r.Type is RrType.NSEC or RrType.NSEC3 || r.Data is RrsigData { TypeCovered: RrType.NSEC or RrType.NSEC3 };

    private static string Describe(IterationResult r) =>
        $"{r.Question.Name} {Resolver.Protocol.Text.RrTypeText.Format(r.Question.Type)} {r.Status}";

    private static void Report(List<string> failures, Case c)
    {
        if (failures.Count > 0)
        {
            Assert.Fail($"{failures.Count} failures in {c}\n\n" + string.Join('\n', failures.Take(10)));
        }
    }

    /// <summary>One validator (and key cache) per case over the oracle of its hierarchy.</summary>
    private sealed class OracleValidator
    {
        private readonly ResponseValidator _validator;

        public OracleValidator(ZoneHierarchy hierarchy)
        {
            Iterator = new ZoneOracleIterator(hierarchy);
            _validator = new ResponseValidator(TestWalkers.Create(hierarchy, Iterator));
        }

        public ZoneOracleIterator Iterator { get; }

        public ValidationOutcome Validate(IterationResult result) =>
            _validator.ValidateAsync(result, _validator.Begin(Now, new WorkBudget(1000, 1000)), CancellationToken.None).GetAwaiter().GetResult();
    }
}

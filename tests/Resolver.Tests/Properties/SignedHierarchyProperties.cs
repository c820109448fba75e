// SignedHierarchyProperties: over random signed hierarchies — a chain of 3 or 4 zones (root → t.
// → c.t. → c.c.t.) with mixed algorithms, key splits, NSEC or NSEC3 (salt, iterations, opt-out),
// and unsigned zones anywhere below the root — every answer the validator sees matches the zone's
// truth and is Secure, or Insecure below an unsigned zone (or for an opt-out zone's NXDOMAIN and
// wildcard answers); and after any single corruption on a fully signed path (a signature byte, a
// DS digest, the DNSKEY RRset's signatures or window, the denial records) it is never Secure.
// Fast cases run through ZoneOracleIterator + ResponseValidator; a few run the whole DnsResolver
// over in-process servers. FsCheck's replay seed rebuilds any failing case.
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using Resolver.Tests.Scenarios;
using Resolver.Tests.Validation;
using Resolver.Validation;

namespace Resolver.Tests.Properties;

public sealed class SignedHierarchyProperties
{
    private static readonly DateTimeOffset Now = ZoneSigningOptions.ValidAt;

    /// <summary>One zone of a generated chain and what the test knows of its content.</summary>
    internal sealed record ZoneSpec(DnsName Origin, ZoneSigningOptions? Options, int Hosts, bool Wildcard)
    {
        public bool Signed => Options is not null;

        public bool OptOut => Options is { Denial: DenialKind.Nsec3, Nsec3OptOut: true };
    }

    internal enum Expect
    {
        Answer,
        NoData,
        NxDomain,
        Wildcard,
    }

    /// <summary>A question, the zone index answering it and the truth.</summary>
    internal sealed record Query(DnsName Name, RrType Type, int Zone, Expect Expect, IPAddress? Address);

    internal sealed record Case(IReadOnlyList<ZoneSpec> Zones, ZoneHierarchy Hierarchy, IReadOnlyList<Query> Queries)
    {
        public override string ToString() => string.Join(" → ", Zones.Select(z =>
            $"{z.Origin}[{(z.Options is null ? "unsigned" : $"{z.Options.Keys[0].Algorithm} {z.Options.Denial}{(z.OptOut ? " opt-out" : "")}")}]"));
    }

    private static readonly DnssecAlgorithm[] s_algorithms =
        [DnssecAlgorithm.Ed25519, DnssecAlgorithm.EcdsaP256Sha256, DnssecAlgorithm.RsaSha256, DnssecAlgorithm.EcdsaP384Sha384];

    private static Gen<ZoneSigningOptions> SigningOptions(DnsName origin) =>
        from algorithm in Gen.Elements(s_algorithms)
        from split in Gen.Elements(true, false)
        from denial in Gen.Elements(DenialKind.Nsec, DenialKind.Nsec3)
        from optOut in Gen.Elements(false, true)
        from iterations in Gen.Choose(0, 2)
        from saltLength in Gen.Choose(0, 4)
        select ZoneSigningOptions.For(origin, split, algorithm) with
        {
            Denial = denial,
            Nsec3OptOut = denial == DenialKind.Nsec3 && optOut,
            Nsec3Iterations = (ushort)iterations,
            Nsec3Salt = Enumerable.Range(1, saltLength).Select(i => (byte)(i * 17)).ToArray(),
        };

    private static Gen<ZoneSpec> Zone(DnsName origin, bool mayBeUnsigned) =>
        from unsigned in mayBeUnsigned ? Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false))) : Gen.Constant(false)
        from options in SigningOptions(origin)
        from hosts in Gen.Choose(1, 3)
        from wildcard in Gen.Elements(true, false)
        select new ZoneSpec(origin, unsigned ? null : options, hosts, wildcard);

    internal static Gen<Case> Cases { get; } =
        from depth in Gen.Choose(3, 4)
        from root in Zone(DnsName.Root, mayBeUnsigned: false)
        from tld in Zone(DnsName.Parse("t."), mayBeUnsigned: true)
        from sld in Zone(DnsName.Parse("c.t."), mayBeUnsigned: true)
        from third in Zone(DnsName.Parse("c.c.t."), mayBeUnsigned: true)
        select Build(depth == 3 ? [root, tld, sld] : [root, tld, sld, third]);

    private static Case Build(IReadOnlyList<ZoneSpec> zones)
    {
        var builder = new ZoneHierarchyBuilder();
        var queries = new List<Query>();
        for (int i = 0; i < zones.Count; i++)
        {
            ZoneSpec z = zones[i];
            var text = new System.Text.StringBuilder();
            for (int h = 0; h < z.Hosts; h++)
            {
                text.Append($"h{h} A 192.0.2.{h + 100 + (i * 10)}\n");
            }

            text.Append("a.ent TXT \"below an empty non-terminal\"\n");
            if (z.Wildcard)
            {
                text.Append("*.w TXT \"wild\"\n");
            }

            if (z.Options is null)
            {
                builder.AddUnsignedZone(z.Origin.ToString(), text: text.ToString());
            }
            else
            {
                builder.AddZone(z.Origin.ToString(), z.Options, text: text.ToString());
            }

            DnsName Name(string relative) => DnsName.Parse(relative, z.Origin);
            queries.Add(new Query(Name("h0"), RrType.A, i, Expect.Answer, IPAddress.Parse($"192.0.2.{100 + (i * 10)}")));
            queries.Add(new Query(Name($"h{z.Hosts - 1}"), RrType.MX, i, Expect.NoData, null));
            queries.Add(new Query(Name("ent"), RrType.A, i, Expect.NoData, null));
            queries.Add(new Query(Name("nx.h0"), RrType.A, i, Expect.NxDomain, null));
            queries.Add(new Query(Name("nope"), RrType.TXT, i, Expect.NxDomain, null));
            if (z.Wildcard)
            {
                queries.Add(new Query(Name("q.w"), RrType.TXT, i, Expect.Wildcard, null));
            }
        }

        return new Case(zones, builder.Build(), queries);
    }

    /// <summary>The status the truth allows for <paramref name="q"/>: Secure, or Insecure below an unsigned zone and for opt-out NXDOMAIN/wildcards.</summary>
    private static SecurityStatus[] Allowed(Case c, Query q)
    {
        if (c.Zones.Take(q.Zone + 1).Any(z => !z.Signed))
        {
            return [SecurityStatus.Insecure];
        }

        return c.Zones[q.Zone].OptOut && q.Expect is Expect.NxDomain or Expect.Wildcard
            ? [SecurityStatus.Secure, SecurityStatus.Insecure]
            : [SecurityStatus.Secure];
    }

    private static ValidationOutcome ValidateWithOracle(ZoneHierarchy hierarchy, Query q, out IterationResult result)
    {
        var iterator = new ZoneOracleIterator(hierarchy);
        var options = new ValidatorOptions
        {
            TrustAnchors = TrustAnchorStore.Create(hierarchy.TrustAnchorDs.Select(r => new TrustAnchor(r.Name, r.Data))),
        };
        var walker = new ChainWalker(iterator, options, new KeyEntryCache(TimeProvider.System, 64, options.BogusTtl, TimeSpan.FromDays(1)), new PublicKeyCache());
        result = iterator.ResolveAsync(new DnsQuestion(q.Name, q.Type), CancellationToken.None).GetAwaiter().GetResult();
        return new ResponseValidator(walker).ValidateAsync(result, walker.Begin(Now, new WorkBudget(1000, 1000)), CancellationToken.None)
            .GetAwaiter().GetResult();
    }

    private static void AssertTruth(Query q, IterationStatus status, IEnumerable<RecordData> finalData, string context)
    {
        IterationStatus expected = q.Expect switch
        {
            Expect.Answer or Expect.Wildcard => IterationStatus.Answer,
            Expect.NoData => IterationStatus.NoData,
            _ => IterationStatus.NxDomain,
        };
        Assert.True(expected == status, $"{context}: {q.Name} {q.Type} is {status}, the zone says {expected}");
        if (q.Address is not null)
        {
            Assert.Equal([q.Address], finalData.OfType<AData>().Select(a => a.Address));
        }
        else if (q.Expect == Expect.Wildcard)
        {
            Assert.Equal(["wild"], finalData.OfType<TxtData>().Select(t => System.Text.Encoding.ASCII.GetString(t.Strings[0].Span)));
        }
    }

    [Fact]
    public void EveryAnswer_MatchesTheTruth_AndIsSecureOrInsecureWhereTheZonesSaySo()
    {
        Prop.ForAll(Arb.From(Cases), c =>
        {
            foreach (Query q in c.Queries)
            {
                ValidationOutcome outcome = ValidateWithOracle(c.Hierarchy, q, out IterationResult result);
                AssertTruth(q, result.Status, result.Answers.IsEmpty ? [] : result.Answers[^1].RrSet.RrSet.Data, c.ToString());
                Assert.True(Allowed(c, q).Contains(outcome.Status),
                    $"{c}: {q.Name} {q.Type} ({q.Expect}) is {outcome.Status}: {outcome.Failure}{outcome.Unresolved}");
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(80));
    }

    /// <summary>A corruption of one zone on the path, fitting the query.</summary>
    internal enum Fault
    {
        AnswerSignature,
        DsDigest,
        DnskeySignature,
        DnskeyExpired,
        DenialSignatures,
    }

    [Fact]
    public void AnySingleCorruptionOnASignedPath_IsNeverSecure()
    {
        Gen<(Case Case, int QueryIndex, Fault Fault, int ZoneIndex)> faults =
            from c in Cases.Where(c => c.Zones.All(z => z.Signed))
            from qi in Gen.Choose(0, c.Queries.Count - 1)
            from fault in Gen.Elements(Enum.GetValues<Fault>())
            from zi in Gen.Choose(0, c.Queries[qi].Zone)
            select (c, qi, fault, zi);
        Prop.ForAll(Arb.From(faults), t =>
        {
            Query q = t.Case.Queries[t.QueryIndex];
            if (Break(t.Case, q, t.Fault, t.ZoneIndex) is not { } broken)
            {
                return;   // the fault does not apply to this query (e.g. no DS above the root)
            }

            ValidationOutcome outcome = ValidateWithOracle(broken, q, out _);
            Assert.True(outcome.Status != SecurityStatus.Secure,
                $"{t.Case}: {q.Name} {q.Type} ({q.Expect}) stayed Secure after {t.Fault} in zone {t.ZoneIndex}");
            Assert.Null(outcome.Unresolved);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    private static ZoneHierarchy? Break(Case c, Query q, Fault fault, int zoneIndex)
    {
        ZoneHierarchy h = c.Hierarchy;
        SignedZone answering = h[c.Zones[q.Zone].Origin];
        SignedZone zone = h[c.Zones[zoneIndex].Origin];
        uint pastStart = ZoneSigningOptions.DefaultInception - 200_000, pastEnd = ZoneSigningOptions.DefaultInception - 100_000;
        switch (fault)
        {
            case Fault.AnswerSignature when q.Expect is Expect.Answer or Expect.Wildcard:
                DnsName owner = q.Expect == Expect.Wildcard ? q.Name.Parent.Parent.Prepend("w").Prepend("*") : q.Name;
                return h.With(answering.CorruptSignature(owner, q.Type, byteIndex: q.Name.LabelCount));
            case Fault.DsDigest when zoneIndex > 0:
                return h.With(h[c.Zones[zoneIndex - 1].Origin].AlterDsDigest(zone.Origin));
            case Fault.DnskeySignature:
                return h.With(zone.CorruptSignature(zone.Origin, RrType.DNSKEY, byteIndex: -1));
            case Fault.DnskeyExpired:
                return h.With(zone.ResignRrSet(zone.Origin, RrType.DNSKEY, pastStart, pastEnd));
            case Fault.DenialSignatures when q.Expect is Expect.NoData or Expect.NxDomain or Expect.Wildcard:
                SignedZone z = answering;
                foreach (ResourceRecord rr in answering.Records.Where(r => r.Type is RrType.NSEC or RrType.NSEC3).DistinctBy(r => r.Name))
                {
                    z = z.CorruptSignature(rr.Name, rr.Type);
                }

                return h.With(z);
            default:
                return null;
        }
    }

    [Fact]
    public void WholeResolver_OverServers_MatchesTheTruth_AndStatus()
    {
        Prop.ForAll(Arb.From(Cases), c =>
        {
            RunOnServers(c).GetAwaiter().GetResult();
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(6));
    }

    private static async Task RunOnServers(Case c)
    {
        await using SignedNetwork net = SignedNetwork.Start(c.Hierarchy);
        using DnsResolver resolver = net.Resolver();
        foreach (Query q in c.Queries)
        {
            ResolveResult result = await resolver.ResolveAsync(q.Name, q.Type, CancellationToken.None);
            Assert.False(result.IsResolutionFailure, $"{c}: {result}");
            IterationStatus status = result.ResponseCode == ResponseCode.NXDomain ? IterationStatus.NxDomain
                : result.Records.Any() ? IterationStatus.Answer : IterationStatus.NoData;
            AssertTruth(q, status, result.Records.Select(r => r.Data), c.ToString());
            Assert.True(Allowed(c, q).Contains(result.Status), $"{c}: {result}");
        }
    }
}

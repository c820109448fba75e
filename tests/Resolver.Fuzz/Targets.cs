// Targets: runs one input through every entry point the fuzzer drives and applies the oracles —
// DnsMessage.Parse may throw only DnsFormatException (and what it parses must write and parse
// again); the NSEC/NSEC3 denial proofs never throw; OfflineValidator never throws for a
// one-question response, and never calls Secure a response whose signed RRsets differ in canonical
// form (RFC 4034 §6.2) from the seed's, nor returns as Secure a record the seed did not hold or with
// a TTL above its RRSIG's original TTL.
using Resolver.Protocol;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Records;

namespace Resolver.Fuzz;

/// <summary>What one input did: its verdict if it reached validation, and a finding if an oracle failed.</summary>
internal sealed record TargetOutcome(bool Parsed, SecurityStatus? Status, string? Finding);

/// <summary>The fuzzed entry points and their oracles.</summary>
internal static class Targets
{
    /// <summary>Runs <paramref name="wire"/> (derived from <paramref name="seed"/>) through parse, denial proofs and validation.</summary>
    public static TargetOutcome Run(byte[] wire, FuzzSeed seed, ValidationContext context)
    {
        DnsMessage message;
        try
        {
            message = DnsMessage.Parse(wire);
        }
        catch (DnsFormatException)
        {
            return new TargetOutcome(false, null, null);   // the documented rejection of malformed input
        }
        catch (Exception e)
        {
            return new TargetOutcome(false, null, $"DnsMessage.Parse threw {Describe(e)}");
        }

        string? finding = RoundTrip(message) ?? Denials(message);
        if (finding is not null)
        {
            return new TargetOutcome(true, null, finding);
        }

        return Validate(message, seed, context);
    }

    // What Parse accepted, ToWire must write (or refuse as documented: too big, extended RCODE without EDNS) and Parse read back.
    private static string? RoundTrip(DnsMessage message)
    {
        byte[] written;
        try
        {
            written = message.ToWire();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        catch (Exception e)
        {
            return $"DnsMessage.ToWire threw {Describe(e)} for a parsed message";
        }

        try
        {
            DnsMessage.Parse(written);
            return null;
        }
        catch (Exception e)
        {
            return $"DnsMessage.Parse threw {Describe(e)} on ToWire of a parsed message";
        }
    }

    // Every proof, for every zone the records name, against the question: no combination may throw.
    private static string? Denials(DnsMessage message)
    {
        if (message.Questions.Count == 0)
        {
            return null;
        }

        DnsQuestion question = message.Questions[0];
        var records = message.Answers.Concat(message.Authorities).ToList();
        var zones = records.Select(r => r.Data switch
            {
                RrsigData s when s.TypeCovered is RrType.NSEC or RrType.NSEC3 => s.SignerName,
                SoaData => r.Name,
                _ => null,
            })
            .OfType<DnsName>().Append(question.Name.IsRoot ? question.Name : question.Name.Parent).Distinct().Take(4).ToList();
        ResourceRecord? answerSig = message.Answers.FirstOrDefault(r => r.Data is RrsigData);
        DnsName owner = answerSig?.Name ?? question.Name;
        int labels = answerSig?.Data is RrsigData sig ? sig.Labels : Math.Max(0, question.Name.LabelCount - 1);
        string step = "";
        try
        {
            foreach (DnsName zone in zones)
            {
                foreach (DenialResponseKind kind in Enum.GetValues<DenialResponseKind>())
                {
                    step = $"DenialProofs.Prove({kind}, {question.Name}, {question.Type}, zone {zone})";
                    _ = DenialProofs.Prove(kind, kind == DenialResponseKind.WildcardAnswer ? owner : question.Name, question.Type, zone, records, labels).ToString();
                }

                step = $"NsecProofs/Nsec3Proofs for {question.Name} in {zone}";
                _ = NsecProofs.ProveNxDomain(question.Name, zone, records);
                _ = NsecProofs.ProveNoData(question.Name, question.Type, zone, records);
                _ = NsecProofs.ProveWildcardAnswer(owner, labels, zone, records);
                _ = NsecProofs.ProveInsecureDelegation(question.Name, zone, records);
                _ = Nsec3Proofs.ProveNxDomain(question.Name, zone, records);
                _ = Nsec3Proofs.ProveNoData(question.Name, question.Type, zone, records);
                _ = Nsec3Proofs.ProveWildcardAnswer(owner, labels, zone, records);
                _ = Nsec3Proofs.ProveInsecureDelegation(question.Name, zone, records);
            }
        }
        catch (Exception e)
        {
            return $"{step} threw {Describe(e)}";
        }

        return null;
    }

    private static TargetOutcome Validate(DnsMessage message, FuzzSeed seed, ValidationContext context)
    {
        bool acceptable = message.IsResponse && message.Questions.Count == 1;
        ResolveResult result;
        try
        {
            result = OfflineValidator.ValidateAsync(message, context.Supporting, context.Anchors, context.Now, null, CancellationToken.None)
                .GetAwaiter().GetResult();
        }
        catch (ArgumentException) when (!acceptable)
        {
            return new TargetOutcome(true, null, null);   // documented: not a response with exactly one question
        }
        catch (Exception e)
        {
            return new TargetOutcome(true, null, $"OfflineValidator.ValidateAsync threw {Describe(e)}");
        }

        if (!acceptable)
        {
            return new TargetOutcome(true, result.Status, "OfflineValidator.ValidateAsync accepted a message that is not a one-question response");
        }

        return new TargetOutcome(true, result.Status, result.Status == SecurityStatus.Secure ? Soundness(message, seed, result) : null);
    }

    // The soundness oracle: Secure only when every signed RRset the seed had is, where still present, canonically unchanged.
    private static string? Soundness(DnsMessage mutated, FuzzSeed seed, ResolveResult result)
    {
        if (seed.Original is null)
        {
            return null;
        }

        // Section by section, as a validator reads them (RFC 4035 §5): an answer RRset is judged when
        // it is on the question's chain — what the result returns — and every authority RRset as
        // proof. A record where nothing reads it (an NSEC moved into the answer of a NODATA, an
        // answer RRset the question no longer leads to) is ignored, as Unbound's scrubber drops it.
        DnsMessage original = seed.Original;
        var delivered = result.Answers.Select(CanonicalRrsets.Key).ToHashSet(StringComparer.Ordinal);
        foreach ((IList<ResourceRecord> was, IList<ResourceRecord> now, bool all) in new[] { (original.Answers, mutated.Answers, false), (original.Authorities, mutated.Authorities, true) })
        {
            var before = CanonicalRrsets.Of(was);
            var after = CanonicalRrsets.Of(now);
            foreach (string key in before.SignedKeys.Where(k => all || delivered.Contains(k)))
            {
                if (after.Has(key) && !before.SameAs(after, key))
                {
                    return $"Secure for a response whose signed RRset {key} changed in canonical form (RFC 4034 §6.2)";
                }
            }
        }

        // RFC 4035 §5.3.3: a validated RRset's TTL is at most its RRSIG's original TTL (ResolveResult.Answers promises the clamp).
        foreach (ResourceRecord record in result.Answers.Where(r => r.Data is not RrsigData))
        {
            var sigs = result.Answers.Select(r => r.Data).OfType<RrsigData>().Where(s => s.TypeCovered == record.Type).ToList();
            if (sigs.Count > 0 && sigs.All(s => record.Ttl > s.OriginalTtl))
            {
                return $"Secure answer record {record.Name} {record.Type} has TTL {record.Ttl} above its RRSIG original TTL {sigs.Max(s => s.OriginalTtl)} (RFC 4035 §5.3.3)";
            }
        }

        // Genuine data: this seed's response, and (for signed seeds) every record of the signed zones —
        // a splice of another seed's bytes is a genuine response to another question, not a forgery.
        var held = CanonicalRrsets.Of(original.Answers.Concat(original.Authorities).Concat(original.Additionals)
            .Concat(seed.Validation?.ZoneData ?? []));
        List<ResourceRecord> originals = [.. original.Answers, .. original.Authorities, .. original.Additionals];
        foreach (ResourceRecord record in result.Answers.Where(r => r.Data is not RrsigData))
        {
            if (!held.Contains(record) && !SameWildcardExpansion(record, result.Answers, originals))
            {
                return $"Secure answer record {record.Name} {record.Type} {CanonicalRrsets.Rdata(record)} is not in the original response";
            }
        }

        return null;
    }

    // A wildcard expansion (RFC 4035 §5.3.2: its RRSIG's labels are fewer than its owner's) may be
    // answered for any name the zone's denial proves absent below the wildcard's parent — the signed
    // data is the wildcard's, not the owner's (RFC 4592 §3.3.1). A mutated question turns the expanded
    // owner into another such name; the record is then the same signed data if an original record of
    // the same type and RDATA was expanded from the same wildcard.
    private static bool SameWildcardExpansion(ResourceRecord record, IReadOnlyList<ResourceRecord> answers, IReadOnlyList<ResourceRecord> originals)
    {
        byte[] labels = [.. answers.Where(r => r.Name == record.Name).Select(r => r.Data).OfType<RrsigData>()
            .Where(s => s.TypeCovered == record.Type && s.Labels < record.Name.LabelCount).Select(s => s.Labels)];
        if (labels.Length == 0)
        {
            return false;
        }

        string rdata = CanonicalRrsets.Rdata(record);
        return originals.Any(o => o.Type == record.Type && o.Class == record.Class && CanonicalRrsets.Rdata(o) == rdata
            && labels.Any(l => o.Name.LabelCount > l && o.Name.GetSuffix(l) == record.Name.GetSuffix(l)));
    }

    private static string Describe(Exception e)
    {
        string frame = e.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return $"{e.GetType().FullName}: {e.Message} {frame}";
    }
}

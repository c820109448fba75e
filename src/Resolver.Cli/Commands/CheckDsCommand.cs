// CheckDsCommand: `dnssec-resolve check-ds ZONE` — fetches the parent's DS RRset and the zone's
// DNSKEY RRset through the library (checking disabled, so broken data is still shown), runs DsCheck
// on them and prints which DS matches which key, which DS matches nothing, and the DS records to
// submit. Exit 0 when the chain holds (a DS matches a key that signs the DNSKEY RRset and the
// validator finds the zone's keys Secure), 1 when it does not, 2 when the records cannot be fetched.
using System.CommandLine;
using System.Globalization;
using System.Text;
using Resolver.Cli.CheckDs;
using Resolver.Cli.Output;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;

namespace Resolver.Cli.Commands;

internal static class CheckDsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var zoneArgument = new Argument<string>("zone") { Description = "The zone whose delegation to check (the final dot may be omitted)." };
        var command = new Command("check-ds", "Check a zone's DS records at the parent against its DNSKEY records: which DS matches which key, " +
            "whether that key signs the DNSKEY RRset, DS records that match nothing, and the DS records to submit for the current key-signing keys.\n" +
            "Exit codes: 0 the chain holds, 1 it does not, 2 the records could not be fetched, 64 bad usage.")
        {
            zoneArgument,
        };
        ResolverSettings settings = ResolverSettings.AddTo(command);
        command.SetAction((parsed, cancellationToken) => CommandGuard.RunAsync(environment.Error, async () =>
        {
            DnsName zone = ResolverSettings.ParseName(parsed.GetRequiredValue(zoneArgument));
            if (zone.IsRoot)
            {
                throw new UsageException("the root has no parent DS; check a zone below it.");
            }

            ResolverOptions options = settings.Build(parsed);
            IDnsResolver resolver = environment.ResolverFactory(options);
            try
            {
                ResolveResult dsResult = await resolver.ResolveAsync(zone, RrType.DS, ResolveBehavior.CheckingDisabled, cancellationToken).ConfigureAwait(false);
                ResolveResult keyResult = await resolver.ResolveAsync(zone, RrType.DNSKEY, ResolveBehavior.CheckingDisabled, cancellationToken).ConfigureAwait(false);
                foreach (ResolveResult failed in new[] { dsResult, keyResult }.Where(r => r.IsResolutionFailure))
                {
                    await environment.Error.WriteLineAsync($"{CliApp.Name}: cannot fetch {failed.Question.Name} {Protocol.Text.RrTypeText.Format(failed.Question.Type)}: {failed.ResolutionError}").ConfigureAwait(false);
                    return ExitCodes.RuntimeFailure;
                }

                DsCheckReport report = DsCheck.Run(
                    zone,
                    DataAt<DsData>(dsResult, zone),
                    DataAt<DnskeyData>(keyResult, zone),
                    [.. DataAt<RrsigData>(keyResult, zone).Where(s => s.TypeCovered == RrType.DNSKEY)],
                    environment.Clock.GetUtcNow());
                bool holds = report.LinkHolds && keyResult.Status == SecurityStatus.Secure && dsResult.Status == SecurityStatus.Secure;
                await environment.Output.WriteAsync(Format(report, dsResult, keyResult, holds)).ConfigureAwait(false);
                return holds ? ExitCodes.Ok : ExitCodes.Failed;
            }
            finally
            {
                (resolver as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    private static List<T> DataAt<T>(ResolveResult result, DnsName zone) where T : RecordData =>
        [.. result.Answers.Where(rr => rr.Name == zone).Select(rr => rr.Data).OfType<T>()];

    internal static string Format(DsCheckReport report, ResolveResult dsResult, ResolveResult keyResult, bool holds)
    {
        var sb = new StringBuilder();
        DnsName zone = report.Zone;
        sb.Append(CultureInfo.InvariantCulture, $";; DS RRSET AT THE PARENT ({zone.Parent}) — {Verdict(dsResult)}:\n");
        if (report.Ds.Count == 0)
        {
            sb.Append(";;   (none: the delegation is unsigned, so the zone is not in the chain of trust)\n");
        }

        foreach (DsFinding finding in report.Ds)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{zone}\tIN\tDS\t{finding.Ds}\n");
            sb.Append(";;   -> ").Append(Explain(finding)).Append('\n');
        }

        sb.Append(CultureInfo.InvariantCulture, $"\n;; DNSKEY RRSET OF {zone} — {Verdict(keyResult)}:\n");
        if (report.Keys.Count == 0)
        {
            sb.Append(";;   (none)\n");
        }

        foreach (KeyFinding key in report.Keys)
        {
            sb.Append(";;   DNSKEY ").Append(ResultText.Describe(key.Key)).Append(": ");
            sb.Append(key.Signature switch
            {
                null => "makes no signature over the DNSKEY RRset",
                { IsValid: true } => "signs the DNSKEY RRset",
                { } failed => $"its signature over the DNSKEY RRset fails ({failed.Status})",
            });
            if (key.MatchedBy.Count > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"; matched by DS digest type {string.Join(", ", key.MatchedBy.Select(d => (byte)d.DigestType))}");
            }

            sb.Append('\n');
        }

        sb.Append('\n');
        int orphans = report.Orphans.Count();
        if (orphans > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $";; WARNING: {orphans} DS record(s) match no key (see above); remove or replace them at the parent.\n");
        }

        string link = report.LinkHolds
            ? "a DS matches a key that signs the DNSKEY RRset"
            : report.Ds.Count == 0 ? "there is no DS at the parent" : "no DS matches a key that signs the DNSKEY RRset";
        sb.Append(CultureInfo.InvariantCulture, $";; CHAIN: {(holds ? "holds" : "BROKEN")} ({link}; validator: DS {Verdict(dsResult)}, DNSKEY {Verdict(keyResult)})\n");

        if (report.Submit.Count > 0)
        {
            sb.Append(";; DS records to submit to the parent for the current key-signing keys:\n");
            foreach (DsData ds in report.Submit)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{zone}\tIN\tDS\t{ds}\n");
            }
        }
        else
        {
            sb.Append(";; No key signs the DNSKEY RRset: there is no DS to submit until the zone is signed correctly.\n");
        }

        return sb.ToString();
    }

    private static string Verdict(ResolveResult result) =>
        result.Reason is { } reason ? $"{ResultText.StatusWord(result)} ({reason})" : ResultText.StatusWord(result);

    private static string Explain(DsFinding finding) => finding.Status switch
    {
        DsMatchStatus.Match when finding.KeySignsKeySet =>
            $"matches DNSKEY {ResultText.Describe(finding.Key!)}, which signs the DNSKEY RRset",
        DsMatchStatus.Match =>
            $"matches DNSKEY {ResultText.Describe(finding.Key!)}, but that key does NOT sign the DNSKEY RRset",
        DsMatchStatus.UnsupportedDigest => "unsupported digest type: ignored by validators (matches nothing usable)",
        DsMatchStatus.UnsupportedAlgorithm => "unsupported algorithm: ignored by validators (matches nothing usable)",
        DsMatchStatus.DigestMismatch =>
            $"MATCHES NOTHING: DNSKEY {ResultText.Describe(finding.Key!)} has this key tag and algorithm but another digest",
        DsMatchStatus.AlgorithmMismatch => "MATCHES NOTHING: a key has this tag but another algorithm",
        _ => "MATCHES NOTHING: no DNSKEY has this key tag",
    };
}

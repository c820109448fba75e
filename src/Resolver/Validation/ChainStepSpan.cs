// ChainStepSpan: the trace span "dns.dnssec.chain_step" of one step of the chain of authentication
// (RFC 4035 §5) — the zone, what was checked (its DNSKEY RRset against the trust anchor, or the DS
// RRset from the parent and then the DNSKEY RRset it leads to) and what came of it (the zone's
// status and, when not Secure, the reason or why it could not be fetched). Started by ChainWalker
// under the current span: the resolution's, or the step of the child zone that needed this one.
using System.Diagnostics;
using Resolver.Protocol;

namespace Resolver.Validation;

internal static class ChainStepSpan
{
    public const string Name = "dns.dnssec.chain_step";

    /// <summary>Starts the span, or returns null when nobody listens.</summary>
    public static Activity? Start(DnsName zone, bool atAnchor)
    {
        Activity? span = ResolverTelemetry.ActivitySource.StartActivity(Name);
        if (span is not null)
        {
            span.SetTag("dns.dnssec.zone", zone.ToString());
            span.SetTag("dns.dnssec.check", atAnchor ? "trust anchor -> DNSKEY" : "DS at the parent -> DNSKEY");
        }

        return span;
    }

    /// <summary>Records the step's result on <paramref name="span"/> (nothing when null).</summary>
    public static void End(Activity? span, KeyEntry entry)
    {
        if (span is null)
        {
            return;
        }

        if (entry.State == KeyEntryState.Unresolved)
        {
            span.SetTag("dns.dnssec.result", "unresolved");
            span.SetTag("dns.dnssec.reason", entry.Error);
            span.SetStatus(ActivityStatusCode.Error, entry.Error);
            return;
        }

        span.SetTag("dns.dnssec.result", entry.Status switch
        {
            SecurityStatus.Secure => "secure",
            SecurityStatus.Insecure => "insecure",
            SecurityStatus.Bogus => "bogus",
            _ => "indeterminate",
        });
        if (entry.Failure is { } failure)
        {
            span.SetTag("dns.dnssec.reason", failure.ToString());
        }

        if (entry.Status == SecurityStatus.Bogus)
        {
            span.SetStatus(ActivityStatusCode.Error, entry.Failure?.ToString());
        }
    }
}

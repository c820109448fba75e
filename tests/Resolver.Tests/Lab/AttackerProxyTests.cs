// AttackerProxyTests: an on-path attacker between the library and the lab's real servers (NSD when
// iterating, the lab's unbound when forwarding). Every TamperKind is applied to the responses for a
// set of names of every shape (positive, NXDOMAIN, NODATA, wildcard, CNAME, DNAME, NSEC and NSEC3,
// opt-out, insecure delegations, DS questions), first to the responses for the name itself, then to
// every response on its path below the root. The rules (RFC 4033 §4, RFC 4035 §5):
//   - a name whose truth is Secure comes out Secure with the true rcode and data, or Bogus (or a
//     resolution failure) — never Insecure, never Secure with other data;
//   - a name whose truth is Insecure never comes out Secure, and where its rcode comes from a signed
//     zone (a DS question answered by the signed parent), never Insecure with another rcode;
//   - a name whose truth is Bogus never comes out Secure or Insecure.
// Skipped with a message when the lab is not running.
using System.Collections.Concurrent;
using System.Net;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Testing;
using Resolver.Testing.Attack;
using Resolver.Tests.Attack;
using Resolver.Transport;
using Xunit.Abstractions;

namespace Resolver.Tests.Lab;

public sealed class AttackerProxyTests(ITestOutputHelper output)
{
    // Name, type, truth, and whether the truth's rcode is proven by a signed zone even when the status
    // is Insecure (a DS question answered by the signed parent).
    private static readonly (string Name, RrType Type, SecurityStatus Truth, bool RcodeSigned)[] s_targets =
    [
        ("www.alg13.lab.", RrType.A, SecurityStatus.Secure, true),
        ("www.alg8.lab.", RrType.A, SecurityStatus.Secure, true),
        ("nx.feat.lab.", RrType.A, SecurityStatus.Secure, true),
        ("www.feat.lab.", RrType.TXT, SecurityStatus.Secure, true),
        ("ent.feat.lab.", RrType.A, SecurityStatus.Secure, true),
        ("x.wild.feat.lab.", RrType.A, SecurityStatus.Secure, true),
        ("cname1.feat.lab.", RrType.A, SecurityStatus.Secure, true),
        ("www.dn.feat.lab.", RrType.A, SecurityStatus.Secure, true),
        ("www.feat.n3.", RrType.A, SecurityStatus.Secure, true),
        ("nx.feat.n3.", RrType.A, SecurityStatus.Secure, true),
        ("www.feat.n3.", RrType.TXT, SecurityStatus.Secure, true),
        ("x.wild.feat.n3.", RrType.A, SecurityStatus.Secure, true),
        ("nosuchname.n3.", RrType.A, SecurityStatus.Secure, true),
        ("www.d0100.reg.", RrType.A, SecurityStatus.Secure, true),
        ("d0100.reg.", RrType.DS, SecurityStatus.Secure, true),
        ("unsigned.lab.", RrType.DS, SecurityStatus.Secure, true),
        ("ns1.gone.reg.", RrType.A, SecurityStatus.Secure, true),
        ("nosuchtld.", RrType.A, SecurityStatus.Secure, true),
        ("www.unsigned.lab.", RrType.A, SecurityStatus.Insecure, false),
        ("nx.unsigned.lab.", RrType.A, SecurityStatus.Insecure, false),
        ("www.unsigned.n3.", RrType.A, SecurityStatus.Insecure, false),
        ("www.d0101.reg.", RrType.A, SecurityStatus.Insecure, false),
        ("d0101.reg.", RrType.DS, SecurityStatus.Insecure, true),
        ("www.dssm3.keys.", RrType.A, SecurityStatus.Insecure, false),
        ("q.wildnodata.deny.", RrType.MX, SecurityStatus.Secure, true),
        ("www.keytag.sigs.", RrType.A, SecurityStatus.Secure, true),
        ("www.sigcorrupt.bad.", RrType.A, SecurityStatus.Bogus, false),
        ("nx.nonsec.bad.", RrType.A, SecurityStatus.Bogus, false),
    ];

    private enum Scope
    {
        /// <summary>Only responses whose question names the target itself.</summary>
        Name,

        /// <summary>Every response whose question is the target or one of its ancestors below the root.</summary>
        Path,
    }

    [LabFact(RequiresRunning = true)]
    public Task No_tampered_response_is_secure_with_other_data_or_insecure_for_a_signed_name_iterating() =>
        Attack(forward: false, s_targets);

    [LabFact(RequiresRunning = true)]
    public Task No_tampered_response_is_secure_with_other_data_or_insecure_for_a_signed_name_forwarding() =>
        Attack(forward: true, s_targets);

    private async Task Attack(bool forward, (string Name, RrType Type, SecurityStatus Truth, bool RcodeSigned)[] targets)
    {
        var violations = new ConcurrentBag<string>();
        int resolutions = 0, applied = 0;
        var started = DateTime.UtcNow;
        foreach ((string nameText, RrType type, SecurityStatus truthStatus, bool rcodeSigned) in targets)
        {
            DnsName name = DnsName.Parse(nameText);
            ResolveResult truth = await Resolve(forward, name, type, transport: null);
            Assert.True(truth.Status == truthStatus, $"{name} {type}: untampered {truth}, expected {truthStatus}");

            var cases = from kind in Tampering.AllKinds from scope in Enum.GetValues<Scope>() select (kind, scope);
            await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (c, ct) =>
            {
                Func<DnsQuestion, bool> targetsQuestion = c.scope == Scope.Name
                    ? q => q.Name.Equals(name)
                    : q => !q.Name.IsRoot && name.IsSubdomainOf(q.Name);
                var attacker = new TamperingTransport(new DnsTransport(), c.kind, targetsQuestion);
                ResolveResult result = await Resolve(forward, name, type, attacker);
                Interlocked.Increment(ref resolutions);
                if (attacker.Tampered == 0)
                {
                    return;
                }

                Interlocked.Increment(ref applied);
                if (Violation(truth, result, c.kind, rcodeSigned) is { } why)
                {
                    violations.Add($"{name} {type} [{c.kind}, {c.scope}]: {why} — {result}");
                }
            });
        }

        output.WriteLine($"{(forward ? "forward" : "iterate")}: {resolutions} resolutions, {applied} with a tampered response, {violations.Count} violations, {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        foreach (string v in violations.Order(StringComparer.Ordinal))
        {
            output.WriteLine(v);
        }

        Assert.True(applied > resolutions / 3, $"only {applied} of {resolutions} resolutions saw a tampered response");
        Assert.True(violations.IsEmpty, $"{violations.Count} forgeries accepted:\n" + string.Join("\n", violations.Order(StringComparer.Ordinal)));
    }

    // Why a tampered result breaks the rules, or null when it keeps them.
    private static string? Violation(ResolveResult truth, ResolveResult result, TamperKind kind, bool rcodeSigned)
    {
        if (result.IsResolutionFailure || result.Status is SecurityStatus.Bogus or SecurityStatus.Indeterminate)
        {
            // Refusing is always sound; refusing data that was not forged (InflateTtl) is a false alarm.
            return Tampering.IsForgery(kind) || truth.Status != SecurityStatus.Secure ? null : "an unforged (TTL-only) change made the answer fail";
        }

        switch (truth.Status)
        {
            case SecurityStatus.Secure when result.Status == SecurityStatus.Insecure:
                return "a signed name came out Insecure";
            case SecurityStatus.Secure when result.ResponseCode != truth.ResponseCode:
                return $"Secure with rcode {DnsMessage.FormatRcode(result.ResponseCode)}, truth {DnsMessage.FormatRcode(truth.ResponseCode)}";
            case SecurityStatus.Secure when !SameData(truth, result):
                return "Secure with other data than the zone's";
            case SecurityStatus.Insecure when result.Status == SecurityStatus.Secure:
                return "an unsigned name came out Secure";
            case SecurityStatus.Insecure when rcodeSigned && result.ResponseCode != truth.ResponseCode:
                return $"Insecure with rcode {DnsMessage.FormatRcode(result.ResponseCode)} where the signed parent proves {DnsMessage.FormatRcode(truth.ResponseCode)}";
            case SecurityStatus.Bogus:
                return $"a Bogus name came out {result.Status}";
            default:
                return null;
        }
    }

    private static bool SameData(ResolveResult a, ResolveResult b)
    {
        static HashSet<string> Data(ResolveResult r) =>
            r.Answers.Where(x => x.Type != RrType.RRSIG).Select(x => $"{x.Name} {x.Type} {x.Data}".ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return Data(a).SetEquals(Data(b));
    }

    private static async Task<ResolveResult> Resolve(bool forward, DnsName name, RrType type, IDnsTransport? transport)
    {
        var options = new ResolverOptions
        {
            Iteration = forward
                ? new IterationOptions { Forwarders = { new IPEndPoint(IPAddress.Parse("127.53.100.1"), 53) } }
                : new IterationOptions { RootHints = RootHints.Parse(File.ReadAllText(LabState.Current.RootHintsPath)) },
            Transport = new TransportOptions { UdpTimeout = TimeSpan.FromSeconds(2) },
        };
        options.Validation.TrustAnchors = TrustAnchorStore.Create(TrustAnchorStore.ParseZoneText(File.ReadAllText(LabState.Current.TrustAnchorPath)));
        using var resolver = new DnsResolver(options, transport: transport);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await resolver.ResolveAsync(name, type, timeout.Token);
    }
}

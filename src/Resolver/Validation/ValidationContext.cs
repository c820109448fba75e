// ValidationContext: everything one resolution's validation carries across its answer and every
// chain walk it needs, passed down as one value instead of long parameter lists — the instant it
// validates at, the work budget (KeyTrap, CVE-2023-50387/50868), the resolver's settings (validator
// options, signature-check options, the key-entry cache, the iterator DS and DNSKEY are asked
// through), and the recovery from data that failed validation: the servers distrusted for a zone
// and the re-fetch allowance (ValidatorOptions.MaxRestarts) that the answer, DS and DNSKEY
// re-fetches share, so the work a broken zone can cause stays bounded (cf. Unbound's
// val-max-restart and blacklist; the policy is BogusRecovery's).
using Resolver.Iteration;
using Resolver.Protocol.Dnssec;

namespace Resolver.Validation;

/// <summary>What a validator keeps for its whole life: options, the key-entry cache and the iterator it asks.</summary>
/// <param name="Iterator">Where DS and DNSKEY RRsets (and re-fetches) come from.</param>
/// <param name="Options">The validator's options.</param>
/// <param name="Keys">Key entries by zone.</param>
/// <param name="SignatureOptions">How signatures are checked (algorithms, clock skew, imported keys).</param>
/// <param name="Managed">RFC 5011 automated trust anchor updates, when on: its anchors replace the configured ones.</param>
internal sealed record ValidationSettings(IDnsIterator Iterator, ValidatorOptions Options, KeyEntryCache Keys, SignatureCheckOptions SignatureOptions, TrustAnchorManager? Managed = null);

/// <summary>
/// Per-resolution state of a validation: the instant, the work budget, the settings, the servers
/// distrusted because their data failed validation, and how many re-fetches are left.
/// </summary>
internal sealed class ValidationContext(ValidationSettings settings, DateTimeOffset now, WorkBudget budget, int maxRestarts = 0)
{
    private int _restartsLeft = maxRestarts;
    private ServerDistrust? _distrust;

    public DateTimeOffset Now { get; } = now;

    public WorkBudget Budget { get; } = budget;

    public ValidatorOptions Options => settings.Options;

    /// <summary>The anchors in force: the RFC 5011 managed ones when updates are on, else the configured ones.</summary>
    public TrustAnchorStore TrustAnchors => settings.Managed?.Current ?? settings.Options.TrustAnchors;

    /// <summary>RFC 5011 automated trust anchor updates, when on.</summary>
    public TrustAnchorManager? ManagedAnchors => settings.Managed;

    public SignatureCheckOptions SignatureOptions => settings.SignatureOptions;

    public KeyEntryCache Keys => settings.Keys;

    public IDnsIterator Iterator => settings.Iterator;

    /// <summary>Servers whose answer, DS or DNSKEY RRset failed validation in this resolution (made on
    /// first use: most resolutions never need one, and a warm answer should not pay for it).</summary>
    public ServerDistrust Distrust => LazyInitializer.EnsureInitialized(ref _distrust);

    /// <summary>True while the resolution may still fetch data again after a validation failure.</summary>
    public bool HasRestartsLeft => Volatile.Read(ref _restartsLeft) > 0;

    /// <summary>Takes one re-fetch from the resolution's allowance (ValidatorOptions.MaxRestarts); false when none is left.</summary>
    public bool TryRestart()
    {
        while (true)
        {
            int left = Volatile.Read(ref _restartsLeft);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _restartsLeft, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// After data fetched for <paramref name="failed"/> failed validation: distrusts the server that
    /// supplied it for its zone (data from the cache names no server; asking afresh finds out) and
    /// asks again. Null when no re-fetch is left, the iterator has nowhere else to ask, or the other
    /// servers gave nothing — the caller then keeps its verdict on what it had.
    /// </summary>
    public async Task<IterationResult?> RefetchAsync(IterationResult failed, CancellationToken cancellationToken)
    {
        if (!TryRestart())
        {
            return null;
        }

        // Already distrusted is possible: the data may have been fetched before its server's DNSKEY
        // or DS failed. The re-fetch asks the others all the same.
        if (failed.Server is { } server)
        {
            Distrust.Add(failed.Zone ?? Protocol.DnsName.Root, server);
        }

        IterationResult? again = await Iterator.RefetchAsync(failed.Question, Distrust, cancellationToken).ConfigureAwait(false);
        if (again is null)
        {
            return null;
        }

        Budget.AddUpstreamQueries(again.UpstreamQueries);
        return again.Status == IterationStatus.ServerFailure ? null : again;
    }
}

// BogusRecovery: the one re-fetch policy for data that failed validation — an answer, a DS RRset (or
// its denial) or a DNSKEY RRset. Data that is Bogus through its own fault (a signature or proof that
// fails against authenticated keys, not a spent work budget) may be one server's stale or broken
// copy: that server is distrusted for its zone and the zone's other servers are asked, within the
// resolution's restart allowance (ValidatorOptions.MaxRestarts, shared by every re-fetch of the
// resolution: cf. Unbound's val-max-restart and its DS/DNSKEY blacklist). Every caller loops the
// same way:
//     while (true) { verdict = Judge(data); if (await context.RetryAsync(data, IsBadData(verdict), ct) is not { } again) break; data = again; }
using Resolver.Iteration;

namespace Resolver.Validation;

internal static class BogusRecovery
{
    /// <summary>
    /// Bogus data that another server may hold correctly. A spent work budget (KeyTrap,
    /// CVE-2023-50387) is no fault of the data: asking elsewhere would only spend more.
    /// </summary>
    public static bool IsBadData(SecurityStatus status, ValidationFailure? failure) =>
        status == SecurityStatus.Bogus && failure?.Kind != ValidationFailureKind.WorkLimitExceeded;

    /// <summary>
    /// The data to judge next after <paramref name="failed"/> was judged: null (keep the verdict on
    /// what was had) unless it was bad data, a re-fetch is left and another server gave an answer.
    /// </summary>
    public static Task<IterationResult?> RetryAsync(
        this ValidationContext context, IterationResult failed, bool badData, CancellationToken cancellationToken) =>
        badData ? context.RefetchAsync(failed, cancellationToken) : Task.FromResult<IterationResult?>(null);
}

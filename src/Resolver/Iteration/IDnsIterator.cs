// IDnsIterator: the iteration step the validator stands on — "get me the data for this question,
// with where it came from". Two implementations: RecursiveIterator (from the root, following
// referrals) and ForwardingIterator (through upstream resolvers with RD+DO+CD). The validator asks
// DS and DNSKEY through the same interface as any other question, and asks again (RefetchAsync)
// when what it got failed validation.
using Resolver.Protocol;

namespace Resolver.Iteration;

/// <summary>Resolves one question to data plus its provenance, without validating it.</summary>
internal interface IDnsIterator
{
    /// <summary>Resolves <paramref name="question"/>, following CNAME/DNAME chains.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<IterationResult> ResolveAsync(DnsQuestion question, CancellationToken cancellationToken);

    /// <summary>
    /// Resolves <paramref name="question"/> again after its data failed validation: not from the
    /// cache, and not from servers <paramref name="distrust"/> names for the zone asked. Null when
    /// this iterator has no other source to ask (the default: offline and test iterators).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<IterationResult?> RefetchAsync(DnsQuestion question, ServerDistrust distrust, CancellationToken cancellationToken) =>
        Task.FromResult<IterationResult?>(null);

    /// <summary>
    /// True when <paramref name="server"/> is known to answer only queries without EDNS (RFC 6891 §7):
    /// its answers cannot carry DNSSEC records, which a verdict on them should say.
    /// </summary>
    bool AnswersOnlyWithoutEdns(System.Net.IPEndPoint server) => false;
}

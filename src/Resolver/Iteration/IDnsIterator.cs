// IDnsIterator: the iteration step the validator stands on — "get me the data for this question,
// with where it came from". Two implementations: RecursiveIterator (from the root, following
// referrals) and ForwardingIterator (through upstream resolvers with RD+DO+CD). The validator asks
// DS and DNSKEY through the same interface as any other question.
using Resolver.Protocol;

namespace Resolver.Iteration;

/// <summary>Resolves one question to data plus its provenance, without validating it.</summary>
internal interface IDnsIterator
{
    /// <summary>Resolves <paramref name="question"/>, following CNAME/DNAME chains.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<IterationResult> ResolveAsync(DnsQuestion question, CancellationToken cancellationToken);
}

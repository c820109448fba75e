// IDnsResolver: the one thing applications call — resolve a name and type, validated.
using Resolver.Protocol;

namespace Resolver;

/// <summary>Resolves DNS questions and validates every answer with DNSSEC.</summary>
public interface IDnsResolver
{
    /// <summary>
    /// Resolves <paramref name="name"/>/<paramref name="type"/>: finds the answer (iterating from the
    /// root or through forwarders), validates it from a trust anchor down, and reports the verdict.
    /// Bogus data is withheld.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    Task<ResolveResult> ResolveAsync(DnsName name, RrType type, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="ResolveAsync(DnsName, RrType, CancellationToken)"/>; with
    /// <see cref="ResolveBehavior.CheckingDisabled"/> the data of a Bogus answer is returned too (the
    /// verdict is still given), as a resolver does for a CD=1 query (RFC 4035 §3.2.2).
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    Task<ResolveResult> ResolveAsync(DnsName name, RrType type, ResolveBehavior behavior, CancellationToken cancellationToken);
}

/// <summary>Per-request switches.</summary>
[Flags]
public enum ResolveBehavior
{
    /// <summary>Default behaviour.</summary>
    Default = 0,

    /// <summary>Return Bogus data instead of withholding it (the verdict is still Bogus).</summary>
    CheckingDisabled = 1,
}

// DnsResolverExtensions: the calls every app writes on top of IDnsResolver — a name given as text,
// and a host's addresses (A and AAAA asked in parallel, each validated, with one combined verdict:
// the weaker of the two, as a connection may go to either address).
using System.Net;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Validation;

namespace Resolver;

/// <summary>Conveniences over <see cref="IDnsResolver"/>.</summary>
public static class DnsResolverExtensions
{
    /// <summary>Resolves <paramref name="name"/> (presentation form; the final dot is optional) for <paramref name="type"/>.</summary>
    /// <exception cref="DnsFormatException">The name is not a valid domain name.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static Task<ResolveResult> ResolveAsync(this IDnsResolver resolver, string name, RrType type = RrType.A, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(name);
        return resolver.ResolveAsync(DnsName.Parse(name), type, cancellationToken);
    }

    /// <summary>Resolves the IPv4 and IPv6 addresses of <paramref name="host"/> in parallel, each validated.</summary>
    /// <exception cref="DnsFormatException">The name is not a valid domain name.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static async Task<AddressResult> ResolveAddressesAsync(this IDnsResolver resolver, string host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(host);
        DnsName name = DnsName.Parse(host);
        Task<ResolveResult> v4 = resolver.ResolveAsync(name, RrType.A, cancellationToken);
        Task<ResolveResult> v6 = resolver.ResolveAsync(name, RrType.AAAA, cancellationToken);
        return new AddressResult(await v4.ConfigureAwait(false), await v6.ConfigureAwait(false));
    }
}

/// <summary>A host's addresses: the A and AAAA results and their combined verdict.</summary>
public sealed class AddressResult
{
    internal AddressResult(ResolveResult ipv4, ResolveResult ipv6)
    {
        IPv4 = ipv4;
        IPv6 = ipv6;
        Addresses = [.. ipv4.Answers.Concat(ipv6.Answers).Select(r => r.Data switch
        {
            AData a => a.Address,
            AaaaData aaaa => aaaa.Address,
            _ => null,
        }).OfType<IPAddress>()];
        ResolveResult[] answered = [.. new[] { ipv4, ipv6 }.Where(r => !r.IsResolutionFailure)];
        Status = answered.Length == 0
            ? SecurityStatus.Unchecked
            : answered.MaxBy(r => VerdictMapping.Weakness(r.Status))!.Status;
    }

    /// <summary>The A result.</summary>
    public ResolveResult IPv4 { get; }

    /// <summary>The AAAA result.</summary>
    public ResolveResult IPv6 { get; }

    /// <summary>Every address of both answers (none from a Bogus one: its data is withheld), IPv4 first.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(Json.IPAddressListJsonConverter))]
    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>
    /// The weaker verdict of the two answers that resolved (Bogus beats Indeterminate beats Insecure
    /// beats Secure); <see cref="SecurityStatus.Unchecked"/> when neither resolved.
    /// </summary>
    public SecurityStatus Status { get; }

    /// <summary>True when neither question could be resolved.</summary>
    public bool IsResolutionFailure => IPv4.IsResolutionFailure && IPv6.IsResolutionFailure;

    /// <inheritdoc/>
    public override string ToString() => $"{IPv4.Question.Name}: {Status.ToString().ToLowerInvariant()} [{string.Join(", ", Addresses)}]";
}

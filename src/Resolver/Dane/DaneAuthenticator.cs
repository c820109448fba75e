// DaneAuthenticator: DANE for one TLS connection — looks up the TLSA RRset at _port._tcp.host through
// the validating resolver, choosing the TLSA base domain as RFC 7671 §7 says (when the host's address
// records come through a Secure CNAME chain, the chain's target first, then the host name itself),
// and supplies the RemoteCertificateValidationCallback that applies DaneVerifier and the DaneMode to
// the certificates the server sent. The last verdict stays readable (Result, Refusal) so a caller
// can say why a handshake was refused.
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Resolver.Protocol;

namespace Resolver.Dane;

/// <summary>DANE authentication of one TLS server, ready to plug into <see cref="SslClientAuthenticationOptions"/>.</summary>
public sealed class DaneAuthenticator
{
    private readonly TimeProvider _time;
    private DaneResult? _result;
    private string? _refusal;

    private DaneAuthenticator(string host, DaneMode mode, ResolveResult? tlsa, IReadOnlyList<string> referenceNames, TimeProvider time)
    {
        Host = host;
        Mode = mode;
        Tlsa = tlsa;
        ReferenceNames = referenceNames;
        _time = time;
        Callback = Validate;
    }

    /// <summary>The host name the connection is for.</summary>
    public string Host { get; }

    /// <summary>The mode.</summary>
    public DaneMode Mode { get; }

    /// <summary>The TLSA answer used (null in <see cref="DaneMode.PkixOnly"/>).</summary>
    public ResolveResult? Tlsa { get; }

    /// <summary>The names the server certificate must carry for usages 0–2 (RFC 7671 §5.2, §7).</summary>
    public IReadOnlyList<string> ReferenceNames { get; }

    /// <summary>The DANE result of the last handshake; null before one.</summary>
    public DaneResult? Result => Volatile.Read(ref _result);

    /// <summary>Why the last handshake's certificate was refused; null when it was accepted or before one.</summary>
    public string? Refusal => Volatile.Read(ref _refusal);

    /// <summary>The certificate callback; it records <see cref="Result"/> and <see cref="Refusal"/>.</summary>
    public RemoteCertificateValidationCallback Callback { get; }

    /// <summary>
    /// Looks up the TLSA records for <paramref name="host"/>:<paramref name="port"/> (none in
    /// <see cref="DaneMode.PkixOnly"/>), following RFC 7671 §7 for CNAMEs.
    /// </summary>
    /// <param name="resolver">The validating resolver.</param>
    /// <param name="host">The server's host name.</param>
    /// <param name="port">The TCP port.</param>
    /// <param name="mode">How DANE and PKIX combine.</param>
    /// <param name="timeProvider">The clock for certificate validity; null for the system clock.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    /// <exception cref="ArgumentOutOfRangeException">The port is not 1–65535.</exception>
    /// <exception cref="DnsFormatException">The host is not a valid domain name.</exception>
    public static async Task<DaneAuthenticator> CreateAsync(IDnsResolver resolver, string host, int port, DaneMode mode, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(host);
        AddressResult? addresses = mode == DaneMode.PkixOnly ? null : await resolver.ResolveAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        return await CreateAsync(resolver, host, port, mode, addresses, timeProvider ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As the public overload, with the host's addresses already resolved (their CNAME chain names the TLSA base domain).</summary>
    internal static async Task<DaneAuthenticator> CreateAsync(IDnsResolver resolver, string host, int port, DaneMode mode, AddressResult? addresses, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        string bare = host.TrimEnd('.');
        if (mode == DaneMode.PkixOnly)
        {
            return new DaneAuthenticator(bare, mode, null, [bare], time);
        }

        DnsName original = DnsName.Parse(host);
        // RFC 7671 §7: a Secure CNAME chain's target is the preferred TLSA base domain; when it has no
        // TLSA records (DANE does not apply there) the original name is tried. An insecure expansion
        // is not trusted to name the base domain.
        if (addresses is { Status: SecurityStatus.Secure } && Target(addresses) is { } target && target != original)
        {
            ResolveResult atTarget = await resolver.ResolveAsync(TlsaName(port, target), RrType.TLSA, cancellationToken).ConfigureAwait(false);
            if (DaneVerifier.FromDns(atTarget) is not { Status: DaneStatus.NotApplicable })
            {
                return new DaneAuthenticator(bare, mode, atTarget, [Bare(target), bare], time);
            }
        }

        ResolveResult tlsa = await resolver.ResolveAsync(TlsaName(port, original), RrType.TLSA, cancellationToken).ConfigureAwait(false);
        return new DaneAuthenticator(bare, mode, tlsa, [bare], time);
    }

    /// <summary>The TLSA owner name for a TCP service (RFC 6698 §3): <c>_port._tcp.host</c>.</summary>
    public static DnsName TlsaName(int port, DnsName host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Prepend("_tcp").Prepend("_" + port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Sets <paramref name="options"/>' callback to <see cref="Callback"/> and, when unset, its target host to <see cref="Host"/>.</summary>
    public void Apply(SslClientAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TargetHost ??= Host;
        options.RemoteCertificateValidationCallback = Callback;
    }

    /// <summary>
    /// Decides a server's certificates: <paramref name="certificates"/> as sent (its own first), and
    /// <paramref name="pkixErrors"/> from the platform's PKIX check.
    /// </summary>
    /// <returns>The DANE result and whether the connection is accepted.</returns>
    public (DaneResult Result, bool Accepted) Decide(IReadOnlyList<X509Certificate2> certificates, SslPolicyErrors pkixErrors)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        bool pkixOk = pkixErrors == SslPolicyErrors.None;
        if (Tlsa is null)
        {
            return (new DaneResult(DaneStatus.NotApplicable, DaneReason.PkixOnly, pkixOk ? "PKIX validation passed" : $"PKIX validation failed ({pkixErrors})"), pkixOk);
        }

        DaneUsages usages = Mode == DaneMode.DaneOpportunistic ? DaneUsages.DaneOnly : DaneUsages.All;
        DaneResult dane = DaneVerifier.Verify(Tlsa, certificates, ReferenceNames, _time.GetUtcNow(), usages);
        bool noDane = dane.Status is DaneStatus.NotApplicable or DaneStatus.NoUsableRecords;
        bool accepted = dane.Status == DaneStatus.Authenticated || Mode switch
        {
            DaneMode.DaneOpportunistic => noDane,              // RFC 7672 §2.2: unauthenticated TLS without usable Secure TLSA
            DaneMode.DaneOrPkix => noDane && pkixOk,
            _ => false,                                         // DaneRequired
        };
        return (dane, accepted);
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        List<X509Certificate2> sent = [];
        if (certificate is not null)
        {
            X509Certificate2 leaf = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
            sent.Add(leaf);
            // SslStream puts the other certificates the server sent into the chain's extra store.
            foreach (X509Certificate2 extra in chain?.ChainPolicy.ExtraStore ?? [])
            {
                if (!extra.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span))
                {
                    sent.Add(extra);
                }
            }
        }

        (DaneResult result, bool accepted) = Decide(sent, errors);
        Volatile.Write(ref _result, result);
        Volatile.Write(ref _refusal, accepted ? null : RefusalText(result, errors));
        return accepted;
    }

    private string RefusalText(DaneResult result, SslPolicyErrors errors) => Mode switch
    {
        DaneMode.PkixOnly => $"the certificate of {Host} fails PKIX validation ({errors})",
        DaneMode.DaneRequired when result.Status is DaneStatus.NotApplicable or DaneStatus.NoUsableRecords =>
            $"DANE is required for {Host} but does not apply: {result.Description}",
        DaneMode.DaneOrPkix when result.Status is DaneStatus.NotApplicable or DaneStatus.NoUsableRecords =>
            $"no DANE for {Host} ({result.Description}) and the certificate fails PKIX validation ({errors})",
        _ => $"DANE authentication of {Host} failed: {result.Description}",
    };

    private static DnsName? Target(AddressResult addresses) =>
        addresses.IPv4.Status == SecurityStatus.Secure && addresses.IPv4.CanonicalName is { } v4 ? v4
        : addresses.IPv6.Status == SecurityStatus.Secure ? addresses.IPv6.CanonicalName : null;

    private static string Bare(DnsName name) => name.ToString().TrimEnd('.');
}

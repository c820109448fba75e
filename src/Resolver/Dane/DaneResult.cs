// DaneResult: the outcome of authenticating a TLS server with DANE (RFC 6698, RFC 7671) — a value,
// like a DNSSEC verdict: the status, a typed reason, a readable description, and for each TLSA
// record whether it was usable and which certificate of the server's chain it matched. The
// verifier (DaneVerifier) and the TLS helper (DaneAuthenticator) build it; nothing here decides.
using Resolver.Protocol.Records;

namespace Resolver.Dane;

/// <summary>What DANE concluded about a TLS server (RFC 6698 §4.1, RFC 7671 §4–5).</summary>
public enum DaneStatus
{
    /// <summary>A usable, DNSSEC-Secure TLSA record matched the server's certificate chain.</summary>
    Authenticated,

    /// <summary>
    /// DANE does not apply: no Secure TLSA RRset exists (Insecure, or a Secure denial). RFC 6698
    /// §4.1: the client proceeds as if there were no TLSA records.
    /// </summary>
    NotApplicable,

    /// <summary>
    /// A Secure TLSA RRset exists but no record in it is usable (RFC 7671 §4.1). RFC 7672 §2.2: the
    /// connection still uses TLS but is not authenticated by DANE.
    /// </summary>
    NoUsableRecords,

    /// <summary>DANE applies and failed: usable records matched nothing, or the TLSA lookup was Bogus, Indeterminate or failed.</summary>
    Failed,
}

/// <summary>Why a <see cref="DaneResult"/> is what it is.</summary>
public enum DaneReason
{
    /// <summary>A record matched (<see cref="DaneStatus.Authenticated"/>).</summary>
    Matched,

    /// <summary>The TLSA name does not exist or has no TLSA records, proven Secure (RFC 6698 §4.1).</summary>
    NoTlsaRecords,

    /// <summary>The TLSA answer is Insecure: no DANE (RFC 6698 §4.1).</summary>
    TlsaInsecure,

    /// <summary>The TLSA answer is Bogus: the connection must not proceed (RFC 6698 §4.1, RFC 7672 §2.2).</summary>
    TlsaBogus,

    /// <summary>The TLSA answer is Indeterminate: the connection must not proceed (RFC 6698 §4.1).</summary>
    TlsaIndeterminate,

    /// <summary>The TLSA lookup failed (no answer): the connection must not proceed (RFC 7672 §2.2.2).</summary>
    TlsaLookupFailed,

    /// <summary>Every TLSA record uses an unknown or (in this mode) excluded usage, selector or matching type, or has a malformed digest (RFC 7671 §4.1).</summary>
    NoUsableRecords,

    /// <summary>The server sent no certificate.</summary>
    NoCertificate,

    /// <summary>Usable records exist and none matched the chain the server sent (RFC 6698 §2.1.1, RFC 7671 §5).</summary>
    NoMatch,

    /// <summary>DANE was not asked for; the certificate was checked by PKIX alone.</summary>
    PkixOnly,
}

/// <summary>One TLSA record as the verifier saw it.</summary>
public sealed class TlsaRecordCheck
{
    internal TlsaRecordCheck(TlsaData record, string? unusable, int? matchedCertificate, string note)
    {
        Record = record;
        Unusable = unusable;
        MatchedCertificate = matchedCertificate;
        Note = note;
    }

    /// <summary>The TLSA record.</summary>
    public TlsaData Record { get; }

    /// <summary>Why the record is unusable (RFC 7671 §4.1); null when it is usable.</summary>
    public string? Unusable { get; }

    /// <summary>The index in the server's chain (0 = the server's own certificate) of the certificate this record authenticated; null when it authenticated none.</summary>
    public int? MatchedCertificate { get; }

    /// <summary>What happened to this record, e.g. "matches certificate 0" or "matches certificate 1, but the chain does not verify to it: …".</summary>
    public string Note { get; }

    /// <inheritdoc/>
    public override string ToString() => $"TLSA {Record}: {Note}";
}

/// <summary>The outcome of DANE authentication: a value with its reason, never an exception.</summary>
public sealed class DaneResult
{
    internal DaneResult(DaneStatus status, DaneReason reason, string description, IReadOnlyList<TlsaRecordCheck>? checks = null)
    {
        Status = status;
        Reason = reason;
        Description = description;
        Checks = checks ?? [];
    }

    /// <summary>Authenticated, not applicable, no usable records, or failed.</summary>
    public DaneStatus Status { get; }

    /// <summary>The typed reason.</summary>
    public DaneReason Reason { get; }

    /// <summary>A readable explanation, naming the RFC clause.</summary>
    public string Description { get; }

    /// <summary>Each TLSA record considered and what it matched (empty when no records were considered).</summary>
    public IReadOnlyList<TlsaRecordCheck> Checks { get; }

    /// <summary>The first record that authenticated the server, if any.</summary>
    public TlsaRecordCheck? Match => Checks.FirstOrDefault(c => c.MatchedCertificate is not null);

    /// <inheritdoc/>
    public override string ToString() => $"DANE {Status.ToString().ToLowerInvariant()} ({Reason}): {Description}";
}

// SshFingerprintResult: the outcome of checking an SSH host key against SSHFP records (RFC 4255) —
// a value with a typed reason, as DANE's and the validator's are.
using Resolver.Protocol.Records;

namespace Resolver.Ssh;

/// <summary>What the SSHFP records say about a host key.</summary>
public enum SshFingerprintStatus
{
    /// <summary>A Secure SSHFP record matches the key (RFC 4255 §2.4: the key may be trusted).</summary>
    Verified,

    /// <summary>No Secure SSHFP RRset (Insecure, or a Secure denial): DNS says nothing; ask the user as usual (RFC 4255 §2.4).</summary>
    NotApplicable,

    /// <summary>Secure SSHFP records exist, none for this key's algorithm with a known fingerprint type.</summary>
    NoUsableRecords,

    /// <summary>Records for the key's algorithm match nothing, the SSHFP answer is Bogus or Indeterminate, the lookup failed, or the key is malformed.</summary>
    Failed,
}

/// <summary>Why an <see cref="SshFingerprintResult"/> is what it is.</summary>
public enum SshFingerprintReason
{
    /// <summary>A record matched.</summary>
    Matched,

    /// <summary>No SSHFP records, proven Secure.</summary>
    NoSshfpRecords,

    /// <summary>The SSHFP answer is Insecure (RFC 4255 §2.4: not to be trusted).</summary>
    SshfpInsecure,

    /// <summary>The SSHFP answer is Bogus.</summary>
    SshfpBogus,

    /// <summary>The SSHFP answer is Indeterminate.</summary>
    SshfpIndeterminate,

    /// <summary>The SSHFP lookup failed.</summary>
    LookupFailed,

    /// <summary>No record for the key's algorithm with a known fingerprint type.</summary>
    NoUsableRecords,

    /// <summary>Records for the key's algorithm exist and none matches.</summary>
    NoMatch,

    /// <summary>The host key is not an OpenSSH wire-form public key of a known type.</summary>
    MalformedKey,
}

/// <summary>The outcome of <see cref="SshFingerprintVerifier"/>.</summary>
public sealed class SshFingerprintResult
{
    internal SshFingerprintResult(SshFingerprintStatus status, SshFingerprintReason reason, string description, SshfpData? match = null)
    {
        Status = status;
        Reason = reason;
        Description = description;
        Match = match;
    }

    /// <summary>Verified, not applicable, no usable records, or failed.</summary>
    public SshFingerprintStatus Status { get; }

    /// <summary>The typed reason.</summary>
    public SshFingerprintReason Reason { get; }

    /// <summary>A readable explanation.</summary>
    public string Description { get; }

    /// <summary>The record that matched, if any.</summary>
    public SshfpData? Match { get; }

    /// <inheritdoc/>
    public override string ToString() => $"SSHFP {Status.ToString().ToLowerInvariant()} ({Reason}): {Description}";
}

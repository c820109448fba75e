// DsDigest: the DS digest of RFC 4034 §5.1.4 — digest(canonical owner name ‖ DNSKEY RDATA) with
// SHA-1 (1), SHA-256 (2, RFC 4509) or SHA-384 (4, RFC 6605) — and matching a DS against a DNSKEY.
// GOST (3, RFC 5933; RFC 8624 says MUST NOT) and unknown types are reported as unsupported, which
// a validator treats as "this DS is unusable" (RFC 4035 §5.2), never as an error.
using System.Buffers;
using System.Security.Cryptography;
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Dnssec;

/// <summary>Why a DS record does or does not match a DNSKEY.</summary>
public enum DsMatchStatus
{
    /// <summary>Key tag, algorithm and digest all match.</summary>
    Match,

    /// <summary>The DS digest type is not implemented or is excluded by policy.</summary>
    UnsupportedDigest,

    /// <summary>The DS algorithm is not implemented or is excluded by policy.</summary>
    UnsupportedAlgorithm,

    /// <summary>The DS key tag is not the DNSKEY's.</summary>
    KeyTagMismatch,

    /// <summary>The DS algorithm is not the DNSKEY's.</summary>
    AlgorithmMismatch,

    /// <summary>The digest differs (or has the wrong length): the DS is not for this key and owner.</summary>
    DigestMismatch,
}

/// <summary>DS digests (RFC 4034 §5.1.4, RFC 4509, RFC 6605).</summary>
public static class DsDigest
{
    /// <summary>The digest length for <paramref name="digestType"/>, or 0 when it is not implemented.</summary>
    public static int GetLength(DigestType digestType) => digestType switch
    {
        DigestType.Sha1 => SHA1.HashSizeInBytes,
        DigestType.Sha256 => SHA256.HashSizeInBytes,
        DigestType.Sha384 => SHA384.HashSizeInBytes,
        _ => 0,
    };

    /// <summary>
    /// Computes the digest of <paramref name="key"/> owned by <paramref name="owner"/>. Returns
    /// false, writing nothing, when the digest type is not implemented.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="GetLength"/>.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "DS digest type 1 is SHA-1 by definition (RFC 4034 §5.1.4); policy can exclude it.")]
    public static bool TryCompute(DnsName owner, DnskeyData key, DigestType digestType, Span<byte> destination, out int bytesWritten)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(key);
        bytesWritten = GetLength(digestType);
        if (bytesWritten == 0)
        {
            return false;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, bytesWritten, nameof(destination));

        // RFC 4034 §5.1.4: digest = digest_algorithm(DNSKEY owner name | DNSKEY RDATA), the owner in
        // canonical (lowercase, uncompressed) form. DNSKEY RDATA holds no names.
        int length = owner.WireLength + 4 + key.PublicKey.Length;
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> input = rented.AsSpan(0, length);
            owner.WireForm.CopyTo(input);
            DnsName.AsciiToLower(input[..owner.WireLength]);
            int pos = owner.WireLength;
            input[pos] = (byte)(key.Flags >> 8);
            input[pos + 1] = (byte)key.Flags;
            input[pos + 2] = key.Protocol;
            input[pos + 3] = (byte)key.Algorithm;
            key.PublicKey.CopyTo(input[(pos + 4)..]);
            _ = digestType switch
            {
                DigestType.Sha1 => SHA1.HashData(input, destination),
                DigestType.Sha256 => SHA256.HashData(input, destination),
                _ => SHA384.HashData(input, destination),
            };
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Creates the DS record data for <paramref name="key"/>, or null when the digest type is not implemented.</summary>
    public static DsData? CreateDs(DnsName owner, DnskeyData key, DigestType digestType)
    {
        Span<byte> digest = stackalloc byte[SHA384.HashSizeInBytes];
        return TryCompute(owner, key, digestType, digest, out int length)
            ? new DsData(key.KeyTag, key.Algorithm, digestType, digest[..length])
            : null;
    }

    /// <summary>
    /// Checks whether <paramref name="ds"/> (held at the parent for <paramref name="owner"/>) refers
    /// to <paramref name="key"/> (a DNSKEY at <paramref name="owner"/>): key tag, algorithm and
    /// digest. The digest covers the owner name, so a DNSKEY of another zone never matches.
    /// </summary>
    /// <remarks>
    /// The digest is compared with a plain <c>SequenceEqual</c>: DS and DNSKEY records are public,
    /// so a timing difference reveals nothing an attacker does not already have.
    /// </remarks>
    public static DsMatchStatus Match(DnsName owner, DsData ds, DnskeyData key, DnssecAlgorithmPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(ds);
        ArgumentNullException.ThrowIfNull(key);
        policy ??= DnssecAlgorithmPolicy.Default;
        if (!policy.Supports(ds.DigestType) || GetLength(ds.DigestType) == 0)
        {
            return DsMatchStatus.UnsupportedDigest;
        }

        if (!policy.Supports(ds.Algorithm))
        {
            return DsMatchStatus.UnsupportedAlgorithm;
        }

        if (ds.KeyTag != key.KeyTag)
        {
            return DsMatchStatus.KeyTagMismatch;
        }

        if (ds.Algorithm != key.Algorithm)
        {
            return DsMatchStatus.AlgorithmMismatch;
        }

        Span<byte> digest = stackalloc byte[SHA384.HashSizeInBytes];
        _ = TryCompute(owner, key, ds.DigestType, digest, out int length);
        return digest[..length].SequenceEqual(ds.Digest) ? DsMatchStatus.Match : DsMatchStatus.DigestMismatch;
    }
}

// SshFingerprintVerifier: an SSH host key, in its OpenSSH wire form (RFC 4253 §6.6: a string naming
// the key type, then the key), against the SSHFP RRset of the host (RFC 4255 §3.1): the algorithm
// number comes from the key type (1 ssh-rsa, 2 ssh-dss — RFC 4255; 3 ecdsa-sha2-* — RFC 6594;
// 4 ssh-ed25519 — RFC 7479; 6 ssh-ed448 — RFC 8709), the fingerprint is SHA-1 (1) or SHA-256 (2,
// RFC 6594) over the whole key blob. Records of other algorithms or unknown fingerprint types are
// skipped; when a SHA-256 record exists for the algorithm, SHA-1 records are not consulted (RFC 6594
// §4, as OpenSSH does). The RRset's DNSSEC verdict comes first: RFC 4255 §2.4 trusts only Secure data.
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Ssh;

/// <summary>Checks SSH host keys against SSHFP records (RFC 4255, RFC 6594, RFC 7479).</summary>
public static class SshFingerprintVerifier
{
    /// <summary>Checks <paramref name="hostKey"/> against the SSHFP answer <paramref name="sshfp"/>, its DNSSEC verdict first.</summary>
    /// <param name="sshfp">The SSHFP answer for the host name.</param>
    /// <param name="hostKey">The host key blob as the server sent it (OpenSSH wire form).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static SshFingerprintResult Verify(ResolveResult sshfp, ReadOnlySpan<byte> hostKey)
    {
        ArgumentNullException.ThrowIfNull(sshfp);
        string name = sshfp.Question.Name.ToString();
        if (sshfp.IsResolutionFailure)
        {
            return new(SshFingerprintStatus.Failed, SshFingerprintReason.LookupFailed, $"the SSHFP lookup for {name} failed: {sshfp.ResolutionError}");
        }

        switch (sshfp.Status)
        {
            case SecurityStatus.Bogus:
                return new(SshFingerprintStatus.Failed, SshFingerprintReason.SshfpBogus, $"the SSHFP answer for {name} is bogus: {sshfp.Reason}");
            case SecurityStatus.Indeterminate:
                return new(SshFingerprintStatus.Failed, SshFingerprintReason.SshfpIndeterminate, $"the SSHFP answer for {name} is indeterminate: {sshfp.Reason}");
            case SecurityStatus.Insecure:
                return new(SshFingerprintStatus.NotApplicable, SshFingerprintReason.SshfpInsecure, $"the SSHFP answer for {name} is insecure, so not to be trusted (RFC 4255 §2.4): {sshfp.Reason}");
            case SecurityStatus.Secure:
                return VerifyRecords(sshfp.Records.Select(r => r.Data).OfType<SshfpData>(), hostKey);
            default:
                return new(SshFingerprintStatus.Failed, SshFingerprintReason.LookupFailed, $"the SSHFP answer for {name} has no verdict");
        }
    }

    /// <summary>Checks <paramref name="hostKey"/> against SSHFP records the caller vouches are Secure.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static SshFingerprintResult VerifyRecords(IEnumerable<SshfpData> records, ReadOnlySpan<byte> hostKey)
    {
        ArgumentNullException.ThrowIfNull(records);
        SshfpData[] all = [.. records];
        if (all.Length == 0)
        {
            return new(SshFingerprintStatus.NotApplicable, SshFingerprintReason.NoSshfpRecords, "no SSHFP records");
        }

        if (KeyType(hostKey) is not { } keyType || Algorithm(keyType) is not { } algorithm)
        {
            return new(SshFingerprintStatus.Failed, SshFingerprintReason.MalformedKey, "the host key is not an OpenSSH public key of a known type");
        }

        SshfpData[] usable = [.. all.Where(r => r.Algorithm == algorithm && r.FingerprintType is 1 or 2)];
        if (usable.Any(r => r.FingerprintType == 2))
        {
            usable = [.. usable.Where(r => r.FingerprintType == 2)]; // RFC 6594 §4: SHA-256 preferred
        }

        if (usable.Length == 0)
        {
            return new(SshFingerprintStatus.NoUsableRecords, SshFingerprintReason.NoUsableRecords,
                $"none of the {all.Length} SSHFP record(s) is for algorithm {algorithm} ({keyType}) with a known fingerprint type");
        }

        byte[] sha256 = SHA256.HashData(hostKey);
#pragma warning disable CA5350 // RFC 4255 §3.1.2 fingerprint type 1 is SHA-1: a record format, not our choice
        byte[] sha1 = SHA1.HashData(hostKey);
#pragma warning restore CA5350
        foreach (SshfpData record in usable)
        {
            if (record.Fingerprint.SequenceEqual(record.FingerprintType == 2 ? sha256 : sha1))
            {
                return new(SshFingerprintStatus.Verified, SshFingerprintReason.Matched, $"the {keyType} key matches SSHFP {record}", record);
            }
        }

        return new(SshFingerprintStatus.Failed, SshFingerprintReason.NoMatch,
            $"the {keyType} key (SHA-256 {Convert.ToHexString(sha256)}) matches none of the {usable.Length} SSHFP record(s) for algorithm {algorithm}");
    }

    /// <summary>The SSHFP algorithm number of an OpenSSH key type name; null when it has none.</summary>
    public static byte? Algorithm(string keyType)
    {
        ArgumentNullException.ThrowIfNull(keyType);
        return keyType switch
        {
            "ssh-rsa" => 1,
            "ssh-dss" => 2,
            "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521" => 3,
            "ssh-ed25519" => 4,
            "ssh-ed448" => 6,
            _ => null,
        };
    }

    // RFC 4253 §6.6: the blob starts with the key type as an SSH string (uint32 length, then bytes).
    private static string? KeyType(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 4)
        {
            return null;
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        return length is 0 or > 64 || blob.Length < 4 + (int)length ? null : Encoding.ASCII.GetString(blob.Slice(4, (int)length));
    }
}

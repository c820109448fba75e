// KeyTags: the DNSKEY key tag of RFC 4034 Appendix B — a 16-bit checksum of the DNSKEY RDATA that
// RRSIG and DS records use to point at a key. Tags are not unique (collisions are normal and can
// be forced: KeyTrap, CVE-2023-50387), so they only narrow the search.
using System.Buffers.Binary;
using Resolver.Protocol.Records;

namespace Resolver.Protocol.Dnssec;

/// <summary>Computes DNSKEY key tags (RFC 4034 Appendix B).</summary>
public static class KeyTags
{
    /// <summary>The key tag of <paramref name="key"/>. Prefer <see cref="DnskeyData.KeyTag"/>, which caches it.</summary>
    public static ushort Compute(DnskeyData key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ReadOnlySpan<byte> publicKey = key.PublicKey;
        if (key.Algorithm == DnssecAlgorithm.RsaMd5)
        {
            // RFC 4034 Appendix B.1: for algorithm 1 the tag is the most significant 16 of the
            // least significant 24 bits of the modulus, which ends the public key field.
            return publicKey.Length < 3 ? (ushort)0 : BinaryPrimitives.ReadUInt16BigEndian(publicKey[^3..]);
        }

        // RFC 4034 Appendix B: the RDATA as 16-bit big-endian words summed with the carry folded
        // back once. The first four RDATA octets are flags, protocol and algorithm.
        uint ac = key.Flags + ((uint)key.Protocol << 8) + (byte)key.Algorithm;
        int i = 0;
        for (; i + 1 < publicKey.Length; i += 2)
        {
            ac += (uint)((publicKey[i] << 8) | publicKey[i + 1]);
        }

        if (i < publicKey.Length)
        {
            ac += (uint)publicKey[i] << 8;
        }

        ac += (ac >> 16) & 0xFFFF;
        return (ushort)ac;
    }
}

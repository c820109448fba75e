// SignedData: builds the octets an RRSIG signs (RFC 4034 §3.1.8.1, §6.2–6.3; RFC 4035 §5.3.2):
// the RRSIG RDATA without its signature, then every RR of the set in canonical form — owner
// lowercased (or rebuilt as "*." + the rightmost Labels labels for a wildcard expansion), type,
// class, the RRSIG's original TTL, RDLENGTH and canonical RDATA — sorted by canonical RDATA as
// unsigned octet strings, exact duplicates dropped. Verification and the test signer both use it.
// This is a hot path: all buffers are rented from the shared pool.
using System.Buffers;
using System.Buffers.Binary;
using Resolver.Protocol.Records;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Dnssec;

/// <summary>Builds the data covered by an RRSIG.</summary>
internal static class SignedData
{
    // One RDATA is at most 65,535 bytes; before writing the next one the scratch buffer is grown so
    // that this much room is free, which keeps DnsWriter from ever overflowing.
    private const int MaxRdata = ushort.MaxValue;

    /// <summary>A rented buffer holding signed data; dispose to return it to the pool.</summary>
    internal readonly struct Buffer : IDisposable
    {
        private readonly byte[]? _array;

        internal Buffer(byte[] array, int length)
        {
            _array = array;
            Length = length;
        }

        /// <summary>The backing array (longer than <see cref="Length"/>).</summary>
        public byte[] Array => _array ?? [];

        /// <summary>Number of meaningful bytes.</summary>
        public int Length { get; }

        /// <summary>The signed data.</summary>
        public ReadOnlySpan<byte> Span => Array.AsSpan(0, Length);

        public void Dispose()
        {
            if (_array is not null)
            {
                ArrayPool<byte>.Shared.Return(_array);
            }
        }
    }

    /// <summary>
    /// Builds the signed data. Returns false, with no buffer, when the RRSIG Labels field exceeds
    /// the owner's label count (RFC 4035 §5.3.1: such an RRSIG is invalid).
    /// </summary>
    internal static bool TryCreate(RrSet rrset, RrsigData rrsig, out Buffer buffer)
    {
        ArgumentNullException.ThrowIfNull(rrset);
        ArgumentNullException.ThrowIfNull(rrsig);
        buffer = default;
        DnsName owner = rrset.Name;
        int ownerLabels = owner.SignatureLabelCount;
        if (rrsig.Labels > ownerLabels)
        {
            return false;
        }

        // Canonical owner (RFC 4035 §5.3.2): with fewer RRSIG labels than the owner has, the RRset
        // came from a wildcard: sign "*." + the rightmost Labels labels.
        Span<byte> ownerWire = stackalloc byte[DnsName.MaxWireLength];
        int ownerLength = WriteCanonicalOwner(owner, rrsig.Labels, ownerLabels, ownerWire);
        ownerWire = ownerWire[..ownerLength];

        int count = rrset.Data.Length;
        byte[] rdata = ArrayPool<byte>.Shared.Rent(Math.Max(1024, MaxRdata + 1024));
        Range[]? rentedRanges = null;
        Span<Range> ranges = count <= 64 ? stackalloc Range[64] : (rentedRanges = ArrayPool<Range>.Shared.Rent(count));
        ranges = ranges[..count];
        try
        {
            int used = 0;
            for (int i = 0; i < count; i++)
            {
                if (rdata.Length - used < MaxRdata)
                {
                    byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(rdata.Length * 2, used + MaxRdata));
                    rdata.AsSpan(0, used).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(rdata);
                    rdata = bigger;
                }

                var writer = DnsWriter.CreateCanonical(rdata.AsSpan(used));
                rrset.Data[i].WriteData(ref writer);
                ranges[i] = new Range(used, used + writer.Position);
                used += writer.Position;
            }

            // RFC 4034 §6.3: order by canonical RDATA as left-justified unsigned octet strings
            // (a missing octet sorts first), which is exactly SequenceCompareTo on bytes.
            ranges.Sort(new RdataComparer(rdata));
            int unique = 0;
            int total = 0;
            var rrsigWriter = DnsWriter.CreateCanonical(stackalloc byte[18 + DnsName.MaxWireLength]);
            rrsig.WriteSignedFields(ref rrsigWriter);
            total += rrsigWriter.Position;
            for (int i = 0; i < count; i++)
            {
                // RFC 4034 §6.3: duplicate RRs (equal canonical form) appear once.
                if (unique > 0 && rdata.AsSpan(ranges[unique - 1]).SequenceEqual(rdata.AsSpan(ranges[i])))
                {
                    continue;
                }

                ranges[unique++] = ranges[i];
                total += ownerLength + 10 + (ranges[i].End.Value - ranges[i].Start.Value);
            }

            byte[] output = ArrayPool<byte>.Shared.Rent(total);
            Span<byte> dest = output;
            rrsigWriter.Written.CopyTo(dest);
            int pos = rrsigWriter.Position;
            for (int i = 0; i < unique; i++)
            {
                ReadOnlySpan<byte> data = rdata.AsSpan(ranges[i]);
                ownerWire.CopyTo(dest[pos..]);
                pos += ownerLength;
                BinaryPrimitives.WriteUInt16BigEndian(dest[pos..], (ushort)rrset.Type);
                BinaryPrimitives.WriteUInt16BigEndian(dest[(pos + 2)..], (ushort)rrset.Class);
                BinaryPrimitives.WriteUInt32BigEndian(dest[(pos + 4)..], rrsig.OriginalTtl);
                BinaryPrimitives.WriteUInt16BigEndian(dest[(pos + 8)..], (ushort)data.Length);
                pos += 10;
                data.CopyTo(dest[pos..]);
                pos += data.Length;
            }

            buffer = new Buffer(output, pos);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rdata);
            if (rentedRanges is not null)
            {
                ArrayPool<Range>.Shared.Return(rentedRanges);
            }
        }
    }

    /// <summary>
    /// The signed data as a new array (for signers and tests; verification uses
    /// <see cref="TryCreate"/>). The RRSIG's signature field is ignored, so a signer can pass an
    /// RRSIG with an empty signature.
    /// </summary>
    /// <exception cref="ArgumentException">The RRSIG Labels field exceeds the owner's label count.</exception>
    internal static byte[] Create(RrSet rrset, RrsigData rrsig)
    {
        if (!TryCreate(rrset, rrsig, out Buffer buffer))
        {
            throw new ArgumentException("The RRSIG Labels field exceeds the owner name's label count.", nameof(rrsig));
        }

        using (buffer)
        {
            return buffer.Span.ToArray();
        }
    }

    /// <summary>
    /// Writes the owner as it appears in signed data: lowercased, and for a wildcard expansion
    /// (<paramref name="labels"/> &lt; <paramref name="ownerLabels"/>) <c>*.</c> + the rightmost
    /// <paramref name="labels"/> labels. Returns the length written.
    /// </summary>
    internal static int WriteCanonicalOwner(DnsName owner, int labels, int ownerLabels, Span<byte> destination)
    {
        ReadOnlySpan<byte> wire = owner.WireForm;
        int written = 0;
        if (labels < ownerLabels)
        {
            // Skip every label but the rightmost `labels` ones (LabelCount, not SignatureLabelCount:
            // a leading "*" of the owner is skipped too and written back below).
            int skip = owner.LabelCount - labels;
            int start = 0;
            for (int i = 0; i < skip; i++)
            {
                start += wire[start] + 1;
            }

            wire = wire[start..];
            destination[0] = 1;
            destination[1] = (byte)'*';
            written = 2;
        }

        Span<byte> rest = destination.Slice(written, wire.Length);
        wire.CopyTo(rest);
        DnsName.AsciiToLower(rest);
        return written + wire.Length;
    }

    private readonly struct RdataComparer(byte[] buffer) : IComparer<Range>
    {
        public int Compare(Range x, Range y) => buffer.AsSpan(x).SequenceCompareTo(buffer.AsSpan(y));
    }
}

// OptData: the data of the OPT pseudo-record (RFC 6891 §6.1.2), a list of EDNS options. Messages
// never carry it in a section: DnsMessage lifts OPT into DnsMessage.Edns. It exists so OPT data
// can still be read and written on its own like any other type.
using System.Collections.ObjectModel;
using System.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>The options of an OPT pseudo-record (RFC 6891 §6.1.2).</summary>
public sealed record OptData : RecordData
{
    /// <summary>Creates OPT data.</summary>
    public OptData(IEnumerable<EdnsOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = new ReadOnlyCollection<EdnsOption>([.. options]);
    }

    /// <summary>The options, in order.</summary>
    public IReadOnlyList<EdnsOption> Options { get; }

    /// <inheritdoc/>
    public override RrType Type => RrType.OPT;

    internal static OptData ReadData(ref DnsReader reader, int length)
    {
        int start = reader.Position;
        ReadOnlySpan<byte> data = reader.ReadBytes(length);
        var options = new List<EdnsOption>();
        int pos = 0;
        while (pos < data.Length)
        {
            if (data.Length - pos < 4)
            {
                ThrowHelper.Format("Truncated EDNS option header", start + pos);
            }

            var code = (EdnsOptionCode)((data[pos] << 8) | data[pos + 1]);
            int optionLength = (data[pos + 2] << 8) | data[pos + 3];
            if (data.Length - pos - 4 < optionLength)
            {
                ThrowHelper.Format($"EDNS option {(ushort)code} runs past the OPT record", start + pos);
            }

            options.Add(EdnsOption.Read(code, data.Slice(pos + 4, optionLength), start + pos));
            pos += 4 + optionLength;
        }

        return new OptData(options);
    }

    internal static OptData ParseData(Text.RdataTextReader reader) =>
        reader.Fail<OptData>("OPT is a pseudo-record and has no presentation form.");

    internal override void WriteData(ref DnsWriter writer)
    {
        foreach (EdnsOption option in Options)
        {
            writer.WriteUInt16((ushort)option.Code);
            int lengthAt = writer.Position;
            writer.WriteUInt16(0);
            option.WriteData(ref writer);
            writer.PatchUInt16(lengthAt, (ushort)(writer.Position - lengthAt - 2));
        }
    }

    internal override void FormatData(StringBuilder sb) => sb.AppendJoin("; ", Options);

    /// <inheritdoc/>
    public bool Equals(OptData? other) => other is not null && Options.SequenceEqual(other.Options);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hc = new HashCode();
        foreach (EdnsOption option in Options)
        {
            hc.Add(option);
        }

        return hc.ToHashCode();
    }
}

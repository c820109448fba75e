// ZoneFileWriter: writes resource records as zone-file text that ZoneFileReader reads back to the
// same records — one record per line, every field explicit (absolute owner, TTL, class, type), no
// directives, so that each line stands alone.
using System.Text;

namespace Resolver.Protocol.Text;

/// <summary>Writes resource records in zone-file form, one self-contained line per record.</summary>
public static class ZoneFileWriter
{
    /// <summary>The records as zone-file text, each line ending in <c>\n</c>.</summary>
    /// <param name="records">The records, written in the order given.</param>
    public static string Write(IEnumerable<ResourceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var sb = new StringBuilder();
        foreach (ResourceRecord record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            sb.Append(record.ToString()).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes the records to <paramref name="writer"/>, each line ending in <c>\n</c>.</summary>
    /// <param name="writer">The destination; the caller owns it.</param>
    /// <param name="records">The records, written in the order given.</param>
    public static void Write(TextWriter writer, IEnumerable<ResourceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(records);
        foreach (ResourceRecord record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            writer.Write(record.ToString());
            writer.Write('\n');
        }
    }
}

// DnameData: the DNAME record, which redirects a whole subtree of the name space to another
// (RFC 6672 §2).
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>Subtree redirection: names below the owner map to names below <see cref="Target"/> (RFC 6672).</summary>
/// <param name="Target">The name that replaces the owner as the suffix of redirected names.</param>
public sealed record DnameData(DnsName Target) : RecordData
{
    /// <inheritdoc/>
    public override RrType Type => RrType.DNAME;

    internal static DnameData ReadData(ref DnsReader reader, int length) => new(reader.ReadName());

    internal static DnameData ParseData(RdataTextReader reader) => new(reader.ReadName("target"));

    // RFC 6672 §2.5: the target is never sent compressed; it is lowercased in the canonical form
    // (RFC 4034 §6.2).
    internal override void WriteData(ref DnsWriter writer) => writer.WriteUncompressedName(Target);

    internal override void FormatData(StringBuilder sb) => Target.AppendTo(sb);
}

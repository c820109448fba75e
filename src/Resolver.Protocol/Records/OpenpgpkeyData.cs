// OpenpgpkeyData: the OPENPGPKEY record, an OpenPGP transferable public key (RFC 7929 §2): the
// whole RDATA is the key, written in base64 in presentation form (RFC 7929 §2.3).
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>An OpenPGP public key (RFC 7929).</summary>
public sealed record OpenpgpkeyData : RecordData
{
    private readonly byte[] _key;

    /// <summary>Creates OPENPGPKEY data.</summary>
    public OpenpgpkeyData(ReadOnlySpan<byte> publicKey) => _key = publicKey.ToArray();

    /// <summary>The transferable public key (RFC 4880 §11.1).</summary>
    public ReadOnlySpan<byte> PublicKey => _key;

    /// <inheritdoc/>
    public override RrType Type => RrType.OPENPGPKEY;

    internal static OpenpgpkeyData ReadData(ref DnsReader reader, int length) => new(reader.ReadBytes(length));

    internal static OpenpgpkeyData ParseData(RdataTextReader reader) => new(reader.ReadBase64ToEnd("public key"));

    internal override void WriteData(ref DnsWriter writer) => writer.WriteBytes(_key);

    internal override void FormatData(StringBuilder sb)
    {
        if (_key.Length == 0)
        {
            FormatGeneric(sb); // the base64 field cannot be empty
            return;
        }

        sb.Append(Convert.ToBase64String(_key));
    }

    /// <inheritdoc/>
    public bool Equals(OpenpgpkeyData? other) => other is not null && BytesEqual(_key, other._key);

    /// <inheritdoc/>
    public override int GetHashCode() => BytesHash(_key);
}

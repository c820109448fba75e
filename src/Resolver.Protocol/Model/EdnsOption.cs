// EdnsOption: the options carried in an EDNS(0) OPT record (RFC 6891 §6.1.2): Extended DNS Error
// (RFC 8914) gets a typed form, every other option is kept as code + bytes.
using System.Globalization;
using System.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol;

/// <summary>An EDNS(0) option (RFC 6891 §6.1.2).</summary>
public abstract record EdnsOption
{
    private protected EdnsOption()
    {
    }

    /// <summary>The option code.</summary>
    public abstract EdnsOptionCode Code { get; }

    internal abstract void WriteData(ref DnsWriter writer);

    internal abstract void FormatData(StringBuilder sb);

    /// <summary>A one-line description, as dig shows it.</summary>
    public sealed override string ToString()
    {
        var sb = new StringBuilder();
        FormatData(sb);
        return sb.ToString();
    }

    internal static EdnsOption Read(EdnsOptionCode code, ReadOnlySpan<byte> data, int offset) => code switch
    {
        EdnsOptionCode.ExtendedDnsError => ExtendedDnsErrorOption.ReadData(data, offset),
        _ => new GenericEdnsOption(code, data),
    };
}

/// <summary>An RFC 8914 Extended DNS Error: an info-code and optional UTF-8 text.</summary>
/// <param name="InfoCode">The info-code.</param>
/// <param name="ExtraText">Text for a person (may be empty).</param>
public sealed record ExtendedDnsErrorOption(ExtendedErrorCode InfoCode, string ExtraText) : EdnsOption
{
    /// <inheritdoc/>
    public override EdnsOptionCode Code => EdnsOptionCode.ExtendedDnsError;

    internal static ExtendedDnsErrorOption ReadData(ReadOnlySpan<byte> data, int offset)
    {
        if (data.Length < 2)
        {
            ThrowHelper.Format("Extended DNS Error option shorter than 2 bytes", offset);
        }

        // RFC 8914 §2: the text is not NUL-terminated, but some servers add one; drop trailing NULs
        // (all of them, so that parse∘write∘parse is stable).
        var text = data[2..].TrimEnd((byte)0);

        string extra;
        try
        {
            extra = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(text);
        }
        catch (DecoderFallbackException)
        {
            extra = Encoding.Latin1.GetString(text);
        }

        return new((ExtendedErrorCode)((data[0] << 8) | data[1]), extra);
    }

    internal override void WriteData(ref DnsWriter writer)
    {
        writer.WriteUInt16((ushort)InfoCode);
        writer.WriteBytes(Encoding.UTF8.GetBytes(ExtraText));
    }

    internal override void FormatData(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"EDE: {(ushort)InfoCode}");
        if (Enum.IsDefined(InfoCode))
        {
            sb.Append(" (").Append(InfoCode).Append(')');
        }

        if (ExtraText.Length > 0)
        {
            sb.Append(": (").Append(ExtraText).Append(')');
        }
    }
}

/// <summary>Any EDNS option without a dedicated type, kept as bytes.</summary>
public sealed record GenericEdnsOption : EdnsOption
{
    private readonly byte[] _data;

    /// <summary>Creates an option.</summary>
    /// <exception cref="ArgumentException"><paramref name="code"/> is Extended DNS Error: use <see cref="ExtendedDnsErrorOption"/>.</exception>
    public GenericEdnsOption(EdnsOptionCode code, ReadOnlySpan<byte> data)
    {
        if (code == EdnsOptionCode.ExtendedDnsError)
        {
            throw new ArgumentException("Use ExtendedDnsErrorOption for Extended DNS Errors.", nameof(code));
        }

        Code = code;
        _data = data.ToArray();
    }

    /// <inheritdoc/>
    public override EdnsOptionCode Code { get; }

    /// <summary>The option data.</summary>
    public ReadOnlySpan<byte> Data => _data;

    internal override void WriteData(ref DnsWriter writer) => writer.WriteBytes(_data);

    internal override void FormatData(StringBuilder sb) =>
        sb.Append(CultureInfo.InvariantCulture, $"OPT{(ushort)Code}: ").Append(Convert.ToHexString(_data));

    /// <inheritdoc/>
    public bool Equals(GenericEdnsOption? other) => other is not null && Code == other.Code && _data.AsSpan().SequenceEqual(other._data);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hc = new HashCode();
        hc.Add(Code);
        hc.AddBytes(_data);
        return hc.ToHashCode();
    }
}

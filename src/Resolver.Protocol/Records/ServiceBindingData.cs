// ServiceBindingData: the shared shape of SVCB and HTTPS (RFC 9460 §2.2): SvcPriority, TargetName
// and SvcParams. Owns the whole-record rules — keys strictly increasing on the wire and never
// repeated, every key listed in mandatory present (RFC 9460 §2.2, §8) — the wire and presentation
// forms, and the canonical form: TargetName is written as received, never lowercased, because
// RFC 9460 adds SVCB and HTTPS to no lowercasing list (RFC 4034 §6.2 as amended by RFC 6840 §5.1;
// RFC 3597 §7: types defined later have no names to lowercase), and it is never compressed (§2.2).
using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Net;
using System.Text;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>
/// A service binding (SVCB or HTTPS, RFC 9460). Equality compares TargetName exactly, case
/// included, because the canonical form keeps its case: two values are equal exactly when their
/// canonical wire forms are.
/// </summary>
public abstract record ServiceBindingData : RecordData
{
    private readonly SvcParam[] _params;

    private protected ServiceBindingData(ushort priority, DnsName targetName, IEnumerable<SvcParam> parameters)
    {
        ArgumentNullException.ThrowIfNull(targetName);
        ArgumentNullException.ThrowIfNull(parameters);
        SvcParam[] sorted = [.. parameters.OrderBy(p => (ushort)p.Key)];
        if (CheckParams(sorted) is { } problem)
        {
            throw new ArgumentException(problem, nameof(parameters));
        }

        Priority = priority;
        TargetName = targetName;
        _params = sorted;
        Params = new ReadOnlyCollection<SvcParam>(sorted);
    }

    /// <summary>SvcPriority: 0 is AliasMode, anything else ServiceMode with lower values preferred (RFC 9460 §2.4.1).</summary>
    public ushort Priority { get; }

    /// <summary>The alias target (AliasMode) or the alternative endpoint (ServiceMode); the root name means the owner name (RFC 9460 §2.5).</summary>
    public DnsName TargetName { get; }

    /// <summary>Every parameter as received, in increasing key order (kept in AliasMode too, so signatures over them verify).</summary>
    public IReadOnlyList<SvcParam> Params { get; }

    /// <summary>True when <see cref="Priority"/> is 0 (RFC 9460 §2.4.2).</summary>
    public bool IsAliasMode => Priority == 0;

    /// <summary>The keys the client must understand (RFC 9460 §8); empty when absent or in AliasMode.</summary>
    public IReadOnlyList<SvcParamKey> Mandatory
    {
        get
        {
            byte[]? v = Active(SvcParamKey.Mandatory);
            if (v is null)
            {
                return [];
            }

            var keys = new SvcParamKey[v.Length / 2];
            for (int i = 0; i < keys.Length; i++)
            {
                keys[i] = (SvcParamKey)BinaryPrimitives.ReadUInt16BigEndian(v.AsSpan(2 * i));
            }

            return keys;
        }
    }

    /// <summary>The ALPN protocol ids (RFC 9460 §7.1), decoded as UTF-8; empty when absent or in AliasMode.</summary>
    public IReadOnlyList<string> Alpn
    {
        get
        {
            byte[]? v = Active(SvcParamKey.Alpn);
            var ids = new List<string>();
            for (int i = 0; v is not null && i < v.Length; i += 1 + v[i])
            {
                ids.Add(Encoding.UTF8.GetString(v, i + 1, v[i]));
            }

            return ids;
        }
    }

    /// <summary>True when no-default-alpn is present (RFC 9460 §7.1) and the record is in ServiceMode.</summary>
    public bool NoDefaultAlpn => Active(SvcParamKey.NoDefaultAlpn) is not null;

    /// <summary>The port (RFC 9460 §7.2), or null when absent or in AliasMode.</summary>
    public ushort? Port => Active(SvcParamKey.Port) is { } v ? BinaryPrimitives.ReadUInt16BigEndian(v) : null;

    /// <summary>The IPv4 address hints (RFC 9460 §7.3); empty when absent or in AliasMode.</summary>
    public IReadOnlyList<IPAddress> Ipv4Hint => Addresses(SvcParamKey.Ipv4Hint, 4);

    /// <summary>The ECHConfigList (RFC 9460 §14.3.2), or null when absent or in AliasMode.</summary>
    public ReadOnlyMemory<byte>? Ech => Active(SvcParamKey.Ech) is { } v ? v : null;

    /// <summary>The IPv6 address hints (RFC 9460 §7.3); empty when absent or in AliasMode.</summary>
    public IReadOnlyList<IPAddress> Ipv6Hint => Addresses(SvcParamKey.Ipv6Hint, 16);

    /// <summary>The parameter with <paramref name="key"/>, or null.</summary>
    public SvcParam? GetParam(SvcParamKey key) => Array.Find(_params, p => p.Key == key);

    // RFC 9460 §2.4.2: in AliasMode "recipients MUST ignore any SvcParams that are present". The
    // reader keeps them (Params) so the record round-trips and its signature verifies — as BIND,
    // Knot and Unbound do — but the typed accessors, which are what a client acts on, see none.
    private byte[]? Active(SvcParamKey key) => IsAliasMode ? null : GetParam(key)?.ValueArray;

    private List<IPAddress> Addresses(SvcParamKey key, int size)
    {
        byte[]? v = Active(key);
        var list = new List<IPAddress>();
        for (int i = 0; v is not null && i < v.Length; i += size)
        {
            list.Add(new IPAddress(v.AsSpan(i, size)));
        }

        return list;
    }

    /// <summary>Why params sorted by key break RFC 9460 §2.2/§8, or null.</summary>
    private static string? CheckParams(SvcParam[] sorted)
    {
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Key == sorted[i - 1].Key)
            {
                return $"SvcParamKey {SvcParam.FormatKey(sorted[i].Key)} appears more than once (RFC 9460 §2.2)";
            }
        }

        if (Array.Find(sorted, p => p.Key == SvcParamKey.Mandatory) is { } mandatory)
        {
            ReadOnlySpan<byte> v = mandatory.Value;
            for (int i = 0; i < v.Length; i += 2)
            {
                var listed = (SvcParamKey)BinaryPrimitives.ReadUInt16BigEndian(v[i..]);
                if (!Array.Exists(sorted, p => p.Key == listed))
                {
                    return $"mandatory lists {SvcParam.FormatKey(listed)}, which is missing (RFC 9460 §8)";
                }
            }
        }

        return null;
    }

    private protected static (ushort Priority, DnsName Target, SvcParam[] Params) ReadFields(ref DnsReader reader, int length, RrType type)
    {
        int start = reader.Position;
        int end = start + length;
        if (length < 3)
        {
            ThrowHelper.Format($"{type} record data shorter than 3 bytes", start);
        }

        ushort priority = reader.ReadUInt16();
        // RFC 9460 §2.2: TargetName is uncompressed; a pointer here is malformed (RFC 3597 §4).
        DnsName target = DnsName.FromWire(EmbeddedNames.ReadUncompressedName(ref reader, end));
        var list = new List<SvcParam>();
        int previous = -1;
        while (reader.Position < end)
        {
            int at = reader.Position;
            if (end - at < 4)
            {
                ThrowHelper.Format($"Truncated SvcParam in {type} record data", at);
            }

            ushort key = reader.ReadUInt16();
            ushort valueLength = reader.ReadUInt16();
            // RFC 9460 §2.2: "SvcParamKeys SHALL appear in increasing numeric order"; §8 makes a
            // repeated key malformed.
            if (key <= previous)
            {
                ThrowHelper.Format($"SvcParamKey {key} out of order or repeated in {type} record data (RFC 9460 §2.2)", at);
            }

            if (valueLength > end - reader.Position)
            {
                ThrowHelper.Format($"SvcParam value runs past the {type} record data", at);
            }

            ReadOnlySpan<byte> value = reader.ReadBytes(valueLength);
            if (SvcParam.CheckValue((SvcParamKey)key, value) is { } problem)
            {
                ThrowHelper.Format($"Malformed {type}: {problem}", at);
            }

            list.Add(new SvcParam((SvcParamKey)key, value));
            previous = key;
        }

        SvcParam[] parameters = [.. list];
        if (CheckParams(parameters) is { } bad)
        {
            ThrowHelper.Format($"Malformed {type}: {bad}", start);
        }

        return (priority, target, parameters);
    }

    private protected static (ushort Priority, DnsName Target, SvcParam[] Params) ParseFields(RdataTextReader reader, RrType type)
    {
        ushort priority = reader.ReadUInt16("SvcPriority");
        DnsName target = reader.ReadName("TargetName");
        var list = new List<SvcParam>();
        while (!reader.AtEnd)
        {
            ZoneToken token = reader.ReadRawToken("SvcParam");
            if (token.Quoted)
            {
                reader.Fail($"Quoted text '{token.Text}' where a SvcParamKey is expected.");
            }

            string text = token.Text;
            int eq = text.IndexOf('=', StringComparison.Ordinal);
            string keyText = eq < 0 ? text : text[..eq];
            string valueText = eq < 0 ? string.Empty : text[(eq + 1)..];
            // key="value": the zone tokenizer ends the plain field at the quote and hands the
            // quoted part over as the next token.
            if (eq == text.Length - 1 && reader.PeekToken() is { Quoted: true })
            {
                valueText = reader.ReadToken("SvcParamValue");
            }
            else if (valueText.Length >= 2 && valueText[0] == '"' && valueText[^1] == '"')
            {
                valueText = valueText[1..^1];
            }

            if (!SvcParam.TryParseKey(keyText, out SvcParamKey key))
            {
                reader.Fail($"Unknown SvcParamKey '{keyText}' (RFC 9460 §2.1: a registered name or keyNNNNN).");
            }

            byte[] decoded = reader.DecodeCharacterString(valueText, $"{keyText} value", ushort.MaxValue);
            if (SvcParam.FromPresentation(key, decoded, out string? problem) is not { } param)
            {
                return reader.Fail<(ushort, DnsName, SvcParam[])>($"Bad {RrTypeText.Format(type)} {keyText}: {problem}.");
            }

            list.Add(param);
        }

        // RFC 9460 §2.1: keys may appear in any order in presentation form, but only once.
        SvcParam[] sorted = [.. list.OrderBy(p => (ushort)p.Key)];
        if (CheckParams(sorted) is { } bad)
        {
            reader.Fail($"Bad {RrTypeText.Format(type)}: {bad}.");
        }

        return (priority, target, sorted);
    }

    internal sealed override void WriteData(ref DnsWriter writer)
    {
        writer.WriteUInt16(Priority);
        writer.WriteNameVerbatim(TargetName); // never compressed, never lowercased (see header)
        foreach (SvcParam p in _params)
        {
            writer.WriteUInt16((ushort)p.Key);
            writer.WriteUInt16((ushort)p.ValueArray.Length);
            writer.WriteBytes(p.ValueArray);
        }
    }

    internal sealed override void FormatData(StringBuilder sb)
    {
        sb.Append(Priority.ToString(CultureInfo.InvariantCulture)).Append(' ');
        TargetName.AppendTo(sb);
        foreach (SvcParam p in _params)
        {
            sb.Append(' ');
            p.AppendTo(sb);
        }
    }

    /// <inheritdoc/>
    public virtual bool Equals(ServiceBindingData? other) =>
        other is not null && EqualityContract == other.EqualityContract && Priority == other.Priority &&
        TargetName.WireForm.SequenceEqual(other.TargetName.WireForm) && _params.AsSpan().SequenceEqual(other._params);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hc = new HashCode();
        hc.Add(Type);
        hc.Add(Priority);
        hc.Add(TargetName);
        foreach (SvcParam p in _params)
        {
            hc.Add(p);
        }

        return hc.ToHashCode();
    }
}

// SvcParam: one service parameter of an SVCB or HTTPS record (RFC 9460 §2.2): a key and its value
// in wire form. Owns the per-key rules of RFC 9460 §7 and §8 (which values are well-formed) and the
// presentation form of each value (RFC 9460 §2.1 and Appendix A: char-strings, comma-separated
// value-lists with "\," escapes, base64 for ech, address lists for the hints).
using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Resolver.Protocol.Records;

/// <summary>A service parameter (SvcParamKey and SvcParamValue) of an SVCB or HTTPS record (RFC 9460 §2.2).</summary>
public sealed class SvcParam : IEquatable<SvcParam>
{
    private readonly byte[] _value;

    /// <summary>Creates a parameter from its key and wire-form value.</summary>
    /// <exception cref="ArgumentException">The value is not well-formed for the key (RFC 9460 §7, §8).</exception>
    public SvcParam(SvcParamKey key, ReadOnlySpan<byte> value)
    {
        if (CheckValue(key, value) is { } problem)
        {
            throw new ArgumentException(problem, nameof(value));
        }

        Key = key;
        _value = value.ToArray();
    }

    private SvcParam(SvcParamKey key, byte[] value)
    {
        Key = key;
        _value = value;
    }

    /// <summary>The key.</summary>
    public SvcParamKey Key { get; }

    /// <summary>The value in wire form.</summary>
    public ReadOnlySpan<byte> Value => _value;

    internal byte[] ValueArray => _value;

    /// <summary>The presentation name of a key: <c>alpn</c>, ..., or <c>keyNNNNN</c> (RFC 9460 §2.1).</summary>
    public static string FormatKey(SvcParamKey key) => key switch
    {
        SvcParamKey.Mandatory => "mandatory",
        SvcParamKey.Alpn => "alpn",
        SvcParamKey.NoDefaultAlpn => "no-default-alpn",
        SvcParamKey.Port => "port",
        SvcParamKey.Ipv4Hint => "ipv4hint",
        SvcParamKey.Ech => "ech",
        SvcParamKey.Ipv6Hint => "ipv6hint",
        _ => "key" + ((ushort)key).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Parses a key name or <c>keyNNNNN</c>.</summary>
    public static bool TryParseKey(string text, out SvcParamKey key)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (ushort k = 0; k <= (ushort)SvcParamKey.Ipv6Hint; k++)
        {
            if (text == FormatKey((SvcParamKey)k))
            {
                key = (SvcParamKey)k;
                return true;
            }
        }

        // RFC 9460 §2.1: "keyNNNNN", NNNNN the key's number without leading zeros.
        if (text.Length > 3 && text.StartsWith("key", StringComparison.Ordinal) && (text.Length == 4 || text[3] != '0') &&
            ushort.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out ushort number))
        {
            key = (SvcParamKey)number;
            return true;
        }

        key = default;
        return false;
    }

    /// <summary>
    /// Why <paramref name="value"/> is not a well-formed wire value for <paramref name="key"/>, or
    /// null. RFC 9460 §7.1 (alpn: non-empty list of non-empty ids; no-default-alpn: empty), §7.2
    /// (port: 2 octets), §7.3 (hints: a non-empty multiple of 4 or 16 octets), §8 (mandatory:
    /// non-empty, keys in strictly increasing order, never "mandatory" itself).
    /// </summary>
    internal static string? CheckValue(SvcParamKey key, ReadOnlySpan<byte> value)
    {
        switch (key)
        {
            case SvcParamKey.Mandatory:
                if (value.IsEmpty || value.Length % 2 != 0)
                {
                    return "mandatory value must be a non-empty list of 2-octet keys (RFC 9460 §8)";
                }

                int previous = -1;
                for (int i = 0; i < value.Length; i += 2)
                {
                    int k = BinaryPrimitives.ReadUInt16BigEndian(value[i..]);
                    if (k == (int)SvcParamKey.Mandatory)
                    {
                        return "mandatory must not list itself (RFC 9460 §8)";
                    }

                    if (k <= previous)
                    {
                        return "mandatory keys must be in strictly increasing order without duplicates (RFC 9460 §8)";
                    }

                    previous = k;
                }

                return null;
            case SvcParamKey.Alpn:
                if (value.IsEmpty)
                {
                    return "alpn value must not be empty (RFC 9460 §7.1.1)";
                }

                for (int i = 0; i < value.Length; i += 1 + value[i])
                {
                    if (value[i] == 0 || i + 1 + value[i] > value.Length)
                    {
                        return "alpn ids must be non-empty and fill the value exactly (RFC 9460 §7.1.1)";
                    }
                }

                return null;
            case SvcParamKey.NoDefaultAlpn:
                return value.IsEmpty ? null : "no-default-alpn value must be empty (RFC 9460 §7.1.1)";
            case SvcParamKey.Port:
                return value.Length == 2 ? null : "port value must be 2 octets (RFC 9460 §7.2)";
            case SvcParamKey.Ipv4Hint:
                return value.Length > 0 && value.Length % 4 == 0 ? null : "ipv4hint value must be a non-empty multiple of 4 octets (RFC 9460 §7.3)";
            case SvcParamKey.Ipv6Hint:
                return value.Length > 0 && value.Length % 16 == 0 ? null : "ipv6hint value must be a non-empty multiple of 16 octets (RFC 9460 §7.3)";
            default:
                return null;
        }
    }

    /// <summary>
    /// The wire value of <paramref name="key"/> from its presentation value, already decoded from
    /// char-string escapes into <paramref name="text"/> octets (RFC 9460 Appendix A), or the problem.
    /// </summary>
    internal static SvcParam? FromPresentation(SvcParamKey key, byte[] text, out string? problem)
    {
        problem = null;
        if (text.Length == 0 && key is SvcParamKey.Mandatory or SvcParamKey.Alpn or SvcParamKey.Port or SvcParamKey.Ipv4Hint or SvcParamKey.Ipv6Hint)
        {
            problem = $"{FormatKey(key)} needs a value (RFC 9460 Appendix D.3)";
            return null;
        }

        List<byte> output = [];
        switch (key)
        {
            case SvcParamKey.Mandatory:
            {
                var keys = new List<ushort>();
                foreach (byte[] item in SplitValueList(text))
                {
                    string name = Encoding.ASCII.GetString(item);
                    if (!TryParseKey(name, out SvcParamKey listed))
                    {
                        problem = $"unknown key '{name}' in mandatory";
                        return null;
                    }

                    if (keys.Contains((ushort)listed))
                    {
                        problem = $"'{name}' appears twice in mandatory (RFC 9460 §8)";
                        return null;
                    }

                    keys.Add((ushort)listed);
                }

                // RFC 9460 §8: any order in presentation form, strictly increasing on the wire.
                foreach (ushort k in keys.Order())
                {
                    output.Add((byte)(k >> 8));
                    output.Add((byte)k);
                }

                break;
            }

            case SvcParamKey.Alpn:
                foreach (byte[] item in SplitValueList(text))
                {
                    if (item.Length is 0 or > 255)
                    {
                        problem = "alpn ids must be 1 to 255 octets (RFC 9460 §7.1.1)";
                        return null;
                    }

                    output.Add((byte)item.Length);
                    output.AddRange(item);
                }

                break;
            case SvcParamKey.Port:
                if (!ushort.TryParse(Encoding.ASCII.GetString(text), NumberStyles.None, CultureInfo.InvariantCulture, out ushort port))
                {
                    problem = "port must be a number from 0 to 65535 (RFC 9460 §7.2)";
                    return null;
                }

                output.Add((byte)(port >> 8));
                output.Add((byte)port);
                break;
            case SvcParamKey.Ipv4Hint or SvcParamKey.Ipv6Hint:
            {
                AddressFamily family = key == SvcParamKey.Ipv4Hint ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                foreach (byte[] item in SplitValueList(text))
                {
                    string s = Encoding.ASCII.GetString(item);
                    if (!IPAddress.TryParse(s, out IPAddress? address) || address.AddressFamily != family ||
                        (family == AddressFamily.InterNetwork ? s.Count(c => c == '.') != 3 : address.ScopeId != 0))
                    {
                        problem = $"bad address '{s}' in {FormatKey(key)} (RFC 9460 §7.3)";
                        return null;
                    }

                    output.AddRange(address.GetAddressBytes());
                }

                break;
            }

            case SvcParamKey.Ech:
                try
                {
                    output.AddRange(Convert.FromBase64String(Encoding.ASCII.GetString(text)));
                }
                catch (FormatException)
                {
                    problem = "ech must be base64 (RFC 9460 §14.3.2)";
                    return null;
                }

                break;
            default:
                output.AddRange(text);
                break;
        }

        byte[] value = [.. output];
        problem = CheckValue(key, value);
        return problem is null ? new SvcParam(key, value) : null;
    }

    /// <summary>Appends <c>key</c> or <c>key=value</c> in presentation form.</summary>
    internal void AppendTo(StringBuilder sb)
    {
        sb.Append(FormatKey(Key));
        ReadOnlySpan<byte> v = _value;
        if (v.IsEmpty && Key != SvcParamKey.Ech)
        {
            return;
        }

        sb.Append('=');
        switch (Key)
        {
            case SvcParamKey.Mandatory:
                for (int i = 0; i < v.Length; i += 2)
                {
                    sb.Append(i == 0 ? string.Empty : ",").Append(FormatKey((SvcParamKey)BinaryPrimitives.ReadUInt16BigEndian(v[i..])));
                }

                break;
            case SvcParamKey.Alpn:
            {
                // Two layers (RFC 9460 Appendix A.1): "\" and "," escaped within each id for the
                // value-list, then the whole written as a quoted char-string.
                var list = new List<byte>();
                for (int i = 0; i < v.Length; i += 1 + v[i])
                {
                    if (i > 0)
                    {
                        list.Add((byte)',');
                    }

                    foreach (byte b in v.Slice(i + 1, v[i]))
                    {
                        if (b is (byte)',' or (byte)'\\')
                        {
                            list.Add((byte)'\\');
                        }

                        list.Add(b);
                    }
                }

                TxtData.AppendCharacterString(sb, [.. list]);
                break;
            }

            case SvcParamKey.Port:
                sb.Append(BinaryPrimitives.ReadUInt16BigEndian(v).ToString(CultureInfo.InvariantCulture));
                break;
            case SvcParamKey.Ipv4Hint or SvcParamKey.Ipv6Hint:
            {
                int size = Key == SvcParamKey.Ipv4Hint ? 4 : 16;
                for (int i = 0; i < v.Length; i += size)
                {
                    sb.Append(i == 0 ? string.Empty : ",").Append(new IPAddress(v.Slice(i, size)).ToString());
                }

                break;
            }

            case SvcParamKey.Ech:
                sb.Append('"').Append(Convert.ToBase64String(v)).Append('"');
                break;
            default:
                TxtData.AppendCharacterString(sb, v);
                break;
        }
    }

    // RFC 9460 Appendix A.1: a value-list splits on commas; "\," is a literal comma and "\\" a
    // literal backslash inside an item.
    private static List<byte[]> SplitValueList(byte[] text)
    {
        var items = new List<byte[]>();
        var current = new List<byte>();
        for (int i = 0; i < text.Length; i++)
        {
            byte b = text[i];
            if (b == (byte)'\\' && i + 1 < text.Length)
            {
                current.Add(text[++i]);
            }
            else if (b == (byte)',')
            {
                items.Add([.. current]);
                current.Clear();
            }
            else
            {
                current.Add(b);
            }
        }

        items.Add([.. current]);
        return items;
    }

    /// <inheritdoc/>
    public bool Equals(SvcParam? other) => other is not null && Key == other.Key && _value.AsSpan().SequenceEqual(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SvcParam);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hc = new HashCode();
        hc.Add(Key);
        hc.AddBytes(_value);
        return hc.ToHashCode();
    }

    /// <summary>The presentation form: <c>key</c> or <c>key=value</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        AppendTo(sb);
        return sb.ToString();
    }
}

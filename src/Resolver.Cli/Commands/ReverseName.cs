// ReverseName: the name a reverse lookup (-x ADDR, as dig's) asks PTR for — an IPv4 address's four
// octets reversed under in-addr.arpa. (RFC 1035 §3.5), an IPv6 address's 32 nibbles reversed under
// ip6.arpa. (RFC 3596 §2.5). An IPv4-mapped IPv6 address is an IPv6 address here, as in dig.
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Resolver.Protocol;

namespace Resolver.Cli.Commands;

internal static class ReverseName
{
    /// <summary>The reverse-mapping name of <paramref name="text"/>.</summary>
    /// <exception cref="UsageException">It is not an IPv4 or IPv6 address.</exception>
    public static DnsName Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // IPAddress.TryParse also takes "1" or "1.2" (inet_aton forms) and scope ids: only the full forms are addresses here.
        if (!IPAddress.TryParse(text, out IPAddress? address) || text.Contains('%', StringComparison.Ordinal) ||
            (address.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') != 3))
        {
            throw new UsageException($"-x: '{text}' is not an IPv4 or IPv6 address.");
        }

        return For(address);
    }

    /// <summary>The reverse-mapping name of <paramref name="address"/>.</summary>
    public static DnsName For(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        byte[] bytes = address.GetAddressBytes();
        var sb = new StringBuilder();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            for (int i = bytes.Length - 1; i >= 0; i--)
            {
                sb.Append(bytes[i].ToString(CultureInfo.InvariantCulture)).Append('.');
            }

            return DnsName.Parse(sb.Append("in-addr.arpa.").ToString());
        }

        for (int i = bytes.Length - 1; i >= 0; i--)
        {
            sb.Append(Nibble(bytes[i] & 0xF)).Append('.').Append(Nibble(bytes[i] >> 4)).Append('.');
        }

        return DnsName.Parse(sb.Append("ip6.arpa.").ToString());
    }

    private static char Nibble(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);
}

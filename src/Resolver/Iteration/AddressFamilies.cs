// AddressFamilies: which server addresses iteration may use — IPv4, IPv6 or both — from
// IterationOptions.UseIPv4/UseIPv6 (the console's -4 and -6, as dig's and kdig's). Read where server
// addresses are taken: root hints, glue, cached and looked-up addresses, stub zone servers.
using System.Net;
using System.Net.Sockets;
using Resolver.Protocol;

namespace Resolver.Iteration;

internal readonly record struct AddressFamilies(bool IPv4, bool IPv6)
{
    /// <summary>True when <paramref name="address"/> is of an allowed family.</summary>
    public bool Allows(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => IPv4,
        AddressFamily.InterNetworkV6 => IPv6,
        _ => false,
    };

    /// <summary>The address record types to look a server's name up with: A, AAAA or both.</summary>
    public RrType[] AddressTypes => (IPv4, IPv6) switch
    {
        (true, true) => [RrType.A, RrType.AAAA],
        (false, true) => [RrType.AAAA],
        _ => [RrType.A],
    };
}
